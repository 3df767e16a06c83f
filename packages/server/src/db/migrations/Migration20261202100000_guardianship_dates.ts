import { Migration } from '@mikro-orm/migrations';

/**
 * A guardianship is in force over a span of days, like an enrolment (issue 14): ending a link keeps the
 * row and closes the span, and a parent linked again gets a new row.
 */
export class Migration20261202100000_guardianship_dates extends Migration {
  override name = 'Migration20261202100000_guardianship_dates';

  override up(): void | Promise<void> {
    this.addSql(`alter table "guardianship" add column "starts_on" date null, add column "ends_on" date null;`);
    // Existing links start on the day they were made (in the school's time zone), or long ago if no record says.
    this.addSql(`update "guardianship" g set "starts_on" = coalesce(
      (select min((a."at" at time zone s."timezone")::date) from "audit_event" a
        where a."entity" = 'Guardianship' and a."action" = 'guardian.link' and a."entity_id" = g."id"),
      date '1900-01-01') from "school" s where s."id" = g."school_id";`);
    this.addSql(`alter table "guardianship" alter column "starts_on" set not null;`);
    // One open link per parent and child; ended ones stay beside it as history.
    this.addSql(`alter table "guardianship" drop constraint "guardianship_parent_id_student_id_unique";`);
    this.addSql(`create unique index "guardianship_open_unique" on "guardianship" ("parent_id", "student_id") where "ends_on" is null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`delete from "guardianship" where "ends_on" is not null;`);
    this.addSql(`drop index "guardianship_open_unique";`);
    this.addSql(`alter table "guardianship" add constraint "guardianship_parent_id_student_id_unique" unique ("parent_id", "student_id");`);
    this.addSql(`alter table "guardianship" drop column "starts_on", drop column "ends_on";`);
  }
}
