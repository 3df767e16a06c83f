import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 18, what the regulations require: a duty recorded done by the system (no person), and a letter's
 * idempotency key (one letter, or one conversation per family of an announcement, per key).
 */
export class Migration20261202141000_regs extends Migration {
  override name = 'Migration20261202141000_regs';

  override up(): void | Promise<void> {
    this.addSql(`alter table "duty_done" alter column "done_by_id" drop not null;`);
    this.addSql(`alter table "conversation" add column "request_id" uuid null;`);
    this.addSql(
      `create unique index "conversation_request_unique" on "conversation" ("started_by_id", "request_id", "student_id") nulls not distinct where "request_id" is not null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "conversation_request_unique";`);
    this.addSql(`alter table "conversation" drop column "request_id";`);
    this.addSql(`delete from "duty_done" where "done_by_id" is null;`);
    this.addSql(`alter table "duty_done" alter column "done_by_id" set not null;`);
  }
}
