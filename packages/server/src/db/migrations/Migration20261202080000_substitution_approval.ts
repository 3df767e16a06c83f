import { Migration } from '@mikro-orm/migrations';

/**
 * A teacher who names themself a lesson's substitute asks; the administration approves, and only then
 * does the substitute keep the lesson's journal. Substitutions recorded before by the administration
 * count as approved; those a teacher recorded for themself wait for approval.
 */
export class Migration20261202080000_substitution_approval extends Migration {
  override name = 'Migration20261202080000_substitution_approval';

  override up(): void | Promise<void> {
    this.addSql(`alter table "lesson" add "substitution_approved_at" timestamptz null, add "substitution_approved_by_id" uuid null;`);
    this.addSql(
      `alter table "lesson" add constraint "lesson_substitution_approved_by_id_foreign" foreign key ("substitution_approved_by_id") references "app_user" ("id") on delete set null;`,
    );
    // The viewer's statement lists the lessons a person substitutes at: an index, since lessons are many.
    this.addSql(`create index "lesson_substitute_id_index" on "lesson" ("substitute_id") where "substitute_id" is not null;`);
    this.addSql(`update "lesson" l set "substitution_approved_at" = l."substitution_recorded_at"
      where l."substitute_id" is not null and not exists (
        select 1 from "audit_event" a where a."entity_id" = l."id" and a."action" = 'lesson.substitute' and a."actor_id" = l."substitute_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "lesson_substitute_id_index";`);
    this.addSql(`alter table "lesson" drop constraint "lesson_substitution_approved_by_id_foreign";`);
    this.addSql(`alter table "lesson" drop column "substitution_approved_at", drop column "substitution_approved_by_id";`);
  }
}
