import { Migration } from '@mikro-orm/migrations';

/**
 * Every request's viewer (auth.service.ts VIEWER_SQL) asks for the person's children (guardianship by parent)
 * and the consents they gave (consent by giver). Neither had an index it could use (the partial unique indexes
 * hold only the open rows), so each request scanned both tables whole: every school's families, growing with
 * the deployment (bench P5: 0.2 of the viewer's 0.6–0.9 ms at 1,400 families).
 */
export class Migration20261203032001_viewer_indexes extends Migration {
  override name = 'Migration20261203032001_viewer_indexes';

  override up(): void {
    this.addSql(`create index "guardianship_parent_id_index" on "guardianship" ("parent_id");`);
    this.addSql(`create index "consent_given_by_id_index" on "consent" ("given_by_id");`);
  }

  override down(): void {
    this.addSql(`drop index if exists "guardianship_parent_id_index";`);
    this.addSql(`drop index if exists "consent_given_by_id_index";`);
  }
}
