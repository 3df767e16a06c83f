import { Migration } from '@mikro-orm/migrations';

export class Migration20261125125946_journal extends Migration {
  override name = 'Migration20261125125946_journal';

  override up(): void | Promise<void> {
    this.addSql(`create type "grading_scale" as enum ('FIVE_POINT', 'TEN_POINT', 'HUNDRED_POINT', 'PASS_FAIL');`);
    this.addSql(`create type "remark_kind" as enum ('REMARK', 'PRAISE', 'NOTE_TO_PARENTS');`);
    this.addSql(`create type "final_mark_kind" as enum ('PERIOD', 'ANNUAL', 'EXAM', 'FINAL');`);
    this.addSql(`create type "attendance_status" as enum ('PRESENT', 'ILL', 'EXCUSED', 'UNEXCUSED', 'LATE');`);
    this.addSql(`create type "mark_change_kind" as enum ('CREATED', 'CHANGED', 'RETRACTED');`);
    this.addSql(
      `create table "domain_event" ("id" bigserial primary key, "school_id" uuid not null, "type" varchar(255) not null, "student_id" uuid null, "group_id" uuid null, "payload" jsonb not null, "at" timestamptz not null);`,
    );
    this.addSql(`create index "domain_event_student_id_id_index" on "domain_event" ("student_id", "id");`);

    this.addSql(
      `create table "remark" ("id" uuid not null, "school_id" uuid not null, "lesson_id" uuid not null, "student_id" uuid not null, "kind" "remark_kind" not null, "text" text not null, "author_id" uuid not null, "at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "remark_student_id_index" on "remark" ("student_id");`);

    this.addSql(
      `create table "final_mark" ("id" uuid not null, "school_id" uuid not null, "student_id" uuid not null, "group_id" uuid not null, "subject_id" uuid not null, "kind" "final_mark_kind" not null, "period_id" uuid null, "value" varchar(8) null, "points" smallint null, "postponed_until" date null, "reason" varchar(255) null, "entered_by_id" uuid not null, "entered_at" timestamptz not null, "version" int not null default 1, "acknowledged_at" timestamptz null, "acknowledged_by_id" uuid null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "final_mark" add constraint "final_mark_student_id_group_id_kind_period_id_unique" unique ("student_id", "group_id", "kind", "period_id");`,
    );

    this.addSql(
      `create table "attendance" ("id" uuid not null, "school_id" uuid not null, "lesson_id" uuid not null, "student_id" uuid not null, "status" "attendance_status" not null, "minutes_late" smallint null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`,
    );
    this.addSql(`create index "attendance_student_id_index" on "attendance" ("student_id");`);
    this.addSql(`alter table "attendance" add constraint "attendance_lesson_id_student_id_unique" unique ("lesson_id", "student_id");`);

    this.addSql(
      `create table "attendance_change" ("id" uuid not null, "school_id" uuid not null, "attendance_id" uuid not null, "old_status" "attendance_status" null, "new_status" "attendance_status" not null, "reason" varchar(255) null, "author_id" uuid not null, "at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "attendance_change_attendance_id_index" on "attendance_change" ("attendance_id");`);

    this.addSql(
      `create table "work_type" ("id" uuid not null, "school_id" uuid not null, "code" varchar(8) not null, "name" varchar(255) not null, "weight" smallint not null, "entry_days" smallint not null, primary key ("id"));`,
    );
    this.addSql(`alter table "work_type" add constraint "work_type_school_id_code_unique" unique ("school_id", "code");`);

    this.addSql(
      `create table "mark" ("id" uuid not null, "school_id" uuid not null, "lesson_id" uuid not null, "group_id" uuid not null, "subject_id" uuid not null, "period_id" uuid not null, "student_id" uuid not null, "work_type_id" uuid not null, "value" varchar(8) not null, "points" smallint null, "weight" smallint not null, "comment" varchar(255) null, "entered_by_id" uuid not null, "entered_at" timestamptz not null, "backdated" boolean not null default false, "retracted_at" timestamptz null, "version" int not null default 1, primary key ("id"));`,
    );
    this.addSql(`create index "mark_student_id_subject_id_index" on "mark" ("student_id", "subject_id");`);
    this.addSql(`create index "mark_lesson_id_index" on "mark" ("lesson_id");`);

    this.addSql(
      `create table "mark_change" ("id" uuid not null, "school_id" uuid not null, "mark_id" uuid not null, "version" int not null, "kind" "mark_change_kind" not null, "old_value" varchar(8) null, "new_value" varchar(8) null, "old_work_type" varchar(8) null, "new_work_type" varchar(8) null, "reason" varchar(255) null, "backdated" boolean not null, "author_id" uuid not null, "at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "mark_change_mark_id_index" on "mark_change" ("mark_id");`);

    this.addSql(`alter table "school" add "backdate_after_days" smallint not null default 7;`);

    this.addSql(`alter table "study_group" add "scale" "grading_scale" not null default 'FIVE_POINT';`);

    this.addSql(`alter table "lesson" add "topic" varchar(255) null, add "homework" text null, add "topic_entered_at" timestamptz null;`);

    this.addSql(`alter table "remark" add constraint "remark_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(`alter table "remark" add constraint "remark_lesson_id_foreign" foreign key ("lesson_id") references "lesson" ("id");`);
    this.addSql(`alter table "remark" add constraint "remark_student_id_foreign" foreign key ("student_id") references "app_user" ("id");`);
    this.addSql(`alter table "remark" add constraint "remark_author_id_foreign" foreign key ("author_id") references "app_user" ("id");`);

    this.addSql(`alter table "final_mark" add constraint "final_mark_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(`alter table "final_mark" add constraint "final_mark_student_id_foreign" foreign key ("student_id") references "app_user" ("id");`);
    this.addSql(`alter table "final_mark" add constraint "final_mark_group_id_foreign" foreign key ("group_id") references "study_group" ("id");`);
    this.addSql(`alter table "final_mark" add constraint "final_mark_subject_id_foreign" foreign key ("subject_id") references "subject" ("id");`);
    this.addSql(
      `alter table "final_mark" add constraint "final_mark_period_id_foreign" foreign key ("period_id") references "reporting_period" ("id") on delete set null;`,
    );
    this.addSql(`alter table "final_mark" add constraint "final_mark_entered_by_id_foreign" foreign key ("entered_by_id") references "app_user" ("id");`);
    this.addSql(
      `alter table "final_mark" add constraint "final_mark_acknowledged_by_id_foreign" foreign key ("acknowledged_by_id") references "app_user" ("id") on delete set null;`,
    );

    this.addSql(`alter table "attendance" add constraint "attendance_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(`alter table "attendance" add constraint "attendance_lesson_id_foreign" foreign key ("lesson_id") references "lesson" ("id");`);
    this.addSql(`alter table "attendance" add constraint "attendance_student_id_foreign" foreign key ("student_id") references "app_user" ("id");`);

    this.addSql(`alter table "attendance_change" add constraint "attendance_change_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(
      `alter table "attendance_change" add constraint "attendance_change_attendance_id_foreign" foreign key ("attendance_id") references "attendance" ("id");`,
    );
    this.addSql(`alter table "attendance_change" add constraint "attendance_change_author_id_foreign" foreign key ("author_id") references "app_user" ("id");`);

    this.addSql(`alter table "work_type" add constraint "work_type_school_id_foreign" foreign key ("school_id") references "school" ("id");`);

    this.addSql(`alter table "mark" add constraint "mark_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(`alter table "mark" add constraint "mark_lesson_id_foreign" foreign key ("lesson_id") references "lesson" ("id");`);
    this.addSql(`alter table "mark" add constraint "mark_group_id_foreign" foreign key ("group_id") references "study_group" ("id");`);
    this.addSql(`alter table "mark" add constraint "mark_subject_id_foreign" foreign key ("subject_id") references "subject" ("id");`);
    this.addSql(`alter table "mark" add constraint "mark_period_id_foreign" foreign key ("period_id") references "reporting_period" ("id");`);
    this.addSql(`alter table "mark" add constraint "mark_student_id_foreign" foreign key ("student_id") references "app_user" ("id");`);
    this.addSql(`alter table "mark" add constraint "mark_work_type_id_foreign" foreign key ("work_type_id") references "work_type" ("id");`);
    this.addSql(`alter table "mark" add constraint "mark_entered_by_id_foreign" foreign key ("entered_by_id") references "app_user" ("id");`);

    this.addSql(`alter table "mark_change" add constraint "mark_change_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(`alter table "mark_change" add constraint "mark_change_mark_id_foreign" foreign key ("mark_id") references "mark" ("id");`);
    this.addSql(`alter table "mark_change" add constraint "mark_change_author_id_foreign" foreign key ("author_id") references "app_user" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "attendance_change" drop constraint "attendance_change_attendance_id_foreign";`);
    this.addSql(`alter table "mark" drop constraint "mark_work_type_id_foreign";`);
    this.addSql(`alter table "mark_change" drop constraint "mark_change_mark_id_foreign";`);

    this.addSql(`drop table if exists "domain_event" cascade;`);
    this.addSql(`drop table if exists "remark" cascade;`);
    this.addSql(`drop table if exists "final_mark" cascade;`);
    this.addSql(`drop table if exists "attendance" cascade;`);
    this.addSql(`drop table if exists "attendance_change" cascade;`);
    this.addSql(`drop table if exists "work_type" cascade;`);
    this.addSql(`drop table if exists "mark" cascade;`);
    this.addSql(`drop table if exists "mark_change" cascade;`);

    this.addSql(`alter table "lesson" drop column "topic", drop column "homework", drop column "topic_entered_at";`);

    this.addSql(`alter table "school" drop column "backdate_after_days";`);

    this.addSql(`alter table "study_group" drop column "scale";`);

    this.addSql(`drop type "grading_scale";`);
    this.addSql(`drop type "remark_kind";`);
    this.addSql(`drop type "final_mark_kind";`);
    this.addSql(`drop type "attendance_status";`);
    this.addSql(`drop type "mark_change_kind";`);
  }
}
