import { Migration } from '@mikro-orm/migrations';

export class Migration20261125131002_journal_keeping_events extends Migration {
  override name = 'Migration20261125131002_journal_keeping_events';

  override up(): void | Promise<void> {
    this.addSql(`create type "exam_kind" as enum ('OGE', 'EGE');`);
    this.addSql(
      `create table "plan_topic" ("id" uuid not null, "school_id" uuid not null, "group_id" uuid not null, "number" smallint not null, "topic" varchar(255) not null, "hours" smallint not null, primary key ("id"));`,
    );
    this.addSql(`alter table "plan_topic" add constraint "plan_topic_group_id_number_unique" unique ("group_id", "number");`);

    this.addSql(
      `create table "school_event" ("id" uuid not null, "school_id" uuid not null, "school_class_id" uuid null, "title" varchar(255) not null, "description" text null, "place" varchar(255) null, "starts_at" timestamptz not null, "ends_at" timestamptz null, "author_id" uuid not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "school_event_school_id_starts_at_index" on "school_event" ("school_id", "starts_at");`);

    this.addSql(
      `create table "journal_remark" ("id" uuid not null, "school_id" uuid not null, "group_id" uuid not null, "author_id" uuid not null, "text" text not null, "created_at" timestamptz not null, "resolved_at" timestamptz null, "resolved_by_id" uuid null, "resolution" text null, primary key ("id"));`,
    );
    this.addSql(`create index "journal_remark_group_id_index" on "journal_remark" ("group_id");`);

    this.addSql(
      `create table "intended_mark_notice" ("id" uuid not null, "school_id" uuid not null, "student_id" uuid not null, "group_id" uuid not null, "period_id" uuid not null, "intended_points" smallint not null, "average" varchar(8) not null, "reason" text not null, "lessons_left" smallint not null, "author_id" uuid not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "intended_mark_notice" add constraint "intended_mark_notice_student_id_group_id_period_id_unique" unique ("student_id", "group_id", "period_id");`,
    );

    this.addSql(
      `create table "exam_entry" ("id" uuid not null, "school_id" uuid not null, "year_id" uuid not null, "student_id" uuid not null, "subject_id" uuid not null, "kind" "exam_kind" not null, "chosen_at" timestamptz not null, "exam_date" date null, "score" smallint null, "mark" smallint null, "result_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "exam_entry" add constraint "exam_entry_year_id_student_id_subject_id_kind_unique" unique ("year_id", "student_id", "subject_id", "kind");`,
    );

    this.addSql(`alter table "lesson" add "plan_topic_id" uuid null;`);
    this.addSql(
      `alter table "lesson" add constraint "lesson_plan_topic_id_foreign" foreign key ("plan_topic_id") references "plan_topic" ("id") on delete set null;`,
    );

    this.addSql(`alter table "plan_topic" add constraint "plan_topic_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(`alter table "plan_topic" add constraint "plan_topic_group_id_foreign" foreign key ("group_id") references "study_group" ("id");`);

    this.addSql(`alter table "school_event" add constraint "school_event_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(
      `alter table "school_event" add constraint "school_event_school_class_id_foreign" foreign key ("school_class_id") references "school_class" ("id") on delete set null;`,
    );
    this.addSql(`alter table "school_event" add constraint "school_event_author_id_foreign" foreign key ("author_id") references "app_user" ("id");`);

    this.addSql(`alter table "journal_remark" add constraint "journal_remark_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(`alter table "journal_remark" add constraint "journal_remark_group_id_foreign" foreign key ("group_id") references "study_group" ("id");`);
    this.addSql(`alter table "journal_remark" add constraint "journal_remark_author_id_foreign" foreign key ("author_id") references "app_user" ("id");`);
    this.addSql(
      `alter table "journal_remark" add constraint "journal_remark_resolved_by_id_foreign" foreign key ("resolved_by_id") references "app_user" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "intended_mark_notice" add constraint "intended_mark_notice_school_id_foreign" foreign key ("school_id") references "school" ("id");`,
    );
    this.addSql(
      `alter table "intended_mark_notice" add constraint "intended_mark_notice_student_id_foreign" foreign key ("student_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "intended_mark_notice" add constraint "intended_mark_notice_group_id_foreign" foreign key ("group_id") references "study_group" ("id");`,
    );
    this.addSql(
      `alter table "intended_mark_notice" add constraint "intended_mark_notice_period_id_foreign" foreign key ("period_id") references "reporting_period" ("id");`,
    );
    this.addSql(
      `alter table "intended_mark_notice" add constraint "intended_mark_notice_author_id_foreign" foreign key ("author_id") references "app_user" ("id");`,
    );

    this.addSql(`alter table "exam_entry" add constraint "exam_entry_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(`alter table "exam_entry" add constraint "exam_entry_year_id_foreign" foreign key ("year_id") references "academic_year" ("id");`);
    this.addSql(`alter table "exam_entry" add constraint "exam_entry_student_id_foreign" foreign key ("student_id") references "app_user" ("id");`);
    this.addSql(`alter table "exam_entry" add constraint "exam_entry_subject_id_foreign" foreign key ("subject_id") references "subject" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "lesson" drop constraint "lesson_plan_topic_id_foreign";`);

    this.addSql(`drop table if exists "plan_topic" cascade;`);
    this.addSql(`drop table if exists "school_event" cascade;`);
    this.addSql(`drop table if exists "journal_remark" cascade;`);
    this.addSql(`drop table if exists "intended_mark_notice" cascade;`);
    this.addSql(`drop table if exists "exam_entry" cascade;`);

    this.addSql(`alter table "lesson" drop column "plan_topic_id";`);

    this.addSql(`drop type "exam_kind";`);
  }
}
