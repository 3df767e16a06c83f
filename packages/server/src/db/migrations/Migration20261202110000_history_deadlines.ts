import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 18 (helper "history"): the history of period, annual, exam and final marks; late entries with their
 * reasons; marks flagged after a compromise report; the school's settings of deadlines and duties, which
 * replace the single back-dating window `school.backdate_after_days`.
 */
export class Migration20261202110000_history_deadlines extends Migration {
  override name = 'Migration20261202110000_history_deadlines';

  override up(): void | Promise<void> {
    this.addSql(`create table "final_mark_change" (
      "id" uuid not null, "school_id" uuid not null, "final_mark_id" uuid not null, "version" int not null,
      "old_value" varchar(8) null, "new_value" varchar(8) null, "old_postponed_until" date null, "new_postponed_until" date null,
      "reason" varchar(255) null, "late" boolean not null, "author_id" uuid not null, "at" timestamptz not null,
      constraint "final_mark_change_pkey" primary key ("id"));`);
    this.addSql(`create index "final_mark_change_final_mark_id_index" on "final_mark_change" ("final_mark_id");`);
    this.addSql(`alter table "final_mark_change" add constraint "final_mark_change_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(
      `alter table "final_mark_change" add constraint "final_mark_change_final_mark_id_foreign" foreign key ("final_mark_id") references "final_mark" ("id");`,
    );
    this.addSql(`alter table "final_mark_change" add constraint "final_mark_change_author_id_foreign" foreign key ("author_id") references "app_user" ("id");`);
    // Marks given before their history was kept: their present state is the first entry, by whoever entered it.
    this
      .addSql(`insert into "final_mark_change" ("id", "school_id", "final_mark_id", "version", "new_value", "new_postponed_until", "reason", "late", "author_id", "at")
      select gen_random_uuid(), "school_id", "id", "version", "value", "postponed_until", "reason", false, "entered_by_id", "entered_at" from "final_mark";`);

    this.addSql(`create type "late_entry_kind" as enum ('MARK', 'ATTENDANCE', 'HOMEWORK', 'PERIOD_MARK');`);
    this.addSql(`create table "late_entry" (
      "id" uuid not null, "school_id" uuid not null, "group_id" uuid not null, "period_id" uuid not null, "kind" "late_entry_kind" not null,
      "record_id" uuid not null, "due_at" timestamptz not null, "at" timestamptz not null, "author_id" uuid not null, "reason" varchar(255) not null,
      constraint "late_entry_pkey" primary key ("id"));`);
    this.addSql(`create index "late_entry_group_id_period_id_index" on "late_entry" ("group_id", "period_id");`);
    this.addSql(`alter table "late_entry" add constraint "late_entry_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(`alter table "late_entry" add constraint "late_entry_group_id_foreign" foreign key ("group_id") references "study_group" ("id");`);
    this.addSql(`alter table "late_entry" add constraint "late_entry_period_id_foreign" foreign key ("period_id") references "reporting_period" ("id");`);
    this.addSql(`alter table "late_entry" add constraint "late_entry_author_id_foreign" foreign key ("author_id") references "app_user" ("id");`);

    this.addSql(`alter table "mark" add column "flagged_at" timestamptz null;`);
    this.addSql(`alter type "mark_change_kind" add value 'CONFIRMED';`);

    this.addSql(`create table "school_settings" (
      "id" uuid not null, "school_id" uuid not null, "same_day_until_minutes" smallint not null,
      "written_work_days_junior" smallint not null, "written_work_days_senior" smallint not null,
      "homework_minutes_after_day" smallint not null, "lesson_end_times" jsonb not null,
      "corrections_by_administration_only" boolean not null, "period_mark_days_before_end" smallint not null,
      "journal_checks_per_month" smallint not null, "parents_informed_every_days" smallint not null,
      "preliminary_report_days_before_end" smallint not null, "updated_at" timestamptz not null, "updated_by_id" uuid null,
      constraint "school_settings_pkey" primary key ("id"));`);
    this.addSql(`alter table "school_settings" add constraint "school_settings_school_id_unique" unique ("school_id");`);
    this.addSql(`alter table "school_settings" add constraint "school_settings_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(
      `alter table "school_settings" add constraint "school_settings_updated_by_id_foreign" foreign key ("updated_by_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(`alter table "school" drop column "backdate_after_days";`);

    this.addSql(`create type "duty_kind" as enum ('JOURNAL_CHECK', 'PARENTS_INFORMED', 'PRELIMINARY_REPORT', 'MONTHLY_REPORT');`);
    this.addSql(`create table "duty_done" (
      "id" uuid not null, "school_id" uuid not null, "kind" "duty_kind" not null, "school_class_id" uuid null, "due_on" date not null,
      "done_at" timestamptz not null, "done_by_id" uuid not null, "note" varchar(255) null, constraint "duty_done_pkey" primary key ("id"));`);
    // The school's own duty has no class: one record per duty and date all the same.
    this.addSql(
      `alter table "duty_done" add constraint "duty_done_school_id_kind_school_class_id_due_on_unique" unique nulls not distinct ("school_id", "kind", "school_class_id", "due_on");`,
    );
    this.addSql(`alter table "duty_done" add constraint "duty_done_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(
      `alter table "duty_done" add constraint "duty_done_school_class_id_foreign" foreign key ("school_class_id") references "school_class" ("id") on delete set null;`,
    );
    this.addSql(`alter table "duty_done" add constraint "duty_done_done_by_id_foreign" foreign key ("done_by_id") references "app_user" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table "duty_done";`);
    this.addSql(`drop type "duty_kind";`);
    this.addSql(`alter table "school" add column "backdate_after_days" smallint not null default 7;`);
    this.addSql(`drop table "school_settings";`);
    this.addSql(`alter table "mark" drop column "flagged_at";`);
    this.addSql(`drop table "late_entry";`);
    this.addSql(`drop type "late_entry_kind";`);
    this.addSql(`drop table "final_mark_change";`);
  }
}
