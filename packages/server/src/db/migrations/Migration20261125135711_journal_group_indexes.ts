import { Migration } from '@mikro-orm/migrations';

/** The journal grid reads a group's marks and final marks of a period: without these, a scan of the whole table. */
export class Migration20261125135711_journal_group_indexes extends Migration {
  override name = 'Migration20261125135711_journal_group_indexes';

  override up(): void | Promise<void> {
    this.addSql(`create index "mark_group_id_period_id_index" on "mark" ("group_id", "period_id");`);
    this.addSql(`create index "final_mark_group_id_period_id_index" on "final_mark" ("group_id", "period_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "final_mark_group_id_period_id_index";`);
    this.addSql(`drop index "mark_group_id_period_id_index";`);
  }
}
