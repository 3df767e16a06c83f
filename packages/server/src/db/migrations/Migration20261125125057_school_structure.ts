import { Migration } from '@mikro-orm/migrations';

export class Migration20261125125057_school_structure extends Migration {
  override name = 'Migration20261125125057_school_structure';

  override up(): void | Promise<void> {
    this.addSql(`create type "group_kind" as enum ('WHOLE_CLASS', 'SUBGROUP', 'ELECTIVE', 'CROSS_CLASS', 'INDIVIDUAL');`);
    this.addSql(`create type "movement_kind" as enum ('ENROLMENT', 'TRANSFER', 'ARRIVAL', 'DEPARTURE', 'EXPULSION', 'GRADUATION');`);
    this.addSql(
      `create table "curriculum_item" ("id" uuid not null, "school_id" uuid not null, "year_id" uuid not null, "grade" smallint not null, "subject_id" uuid not null, "hours_per_week" numeric(4,1) not null, primary key ("id"));`,
    );
    this.addSql(`alter table "curriculum_item" add constraint "curriculum_item_year_id_grade_subject_id_unique" unique ("year_id", "grade", "subject_id");`);

    this.addSql(
      `create table "study_group" ("id" uuid not null, "school_id" uuid not null, "year_id" uuid not null, "subject_id" uuid not null, "school_class_id" uuid null, "kind" "group_kind" not null, "name" varchar(255) not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "study_group" add constraint "study_group_year_id_subject_id_name_unique" unique ("year_id", "subject_id", "name");`);

    this.addSql(
      `create table "timetable_slot" ("id" uuid not null, "school_id" uuid not null, "period_id" uuid not null, "group_id" uuid not null, "weekday" smallint not null, "lesson_number" smallint not null, "room" varchar(255) null, "teacher_id" uuid not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "timetable_slot" add constraint "timetable_slot_period_id_group_id_weekday_lesson_number_unique" unique ("period_id", "group_id", "weekday", "lesson_number");`,
    );

    this.addSql(
      `create table "teaching_assignment" ("id" uuid not null, "school_id" uuid not null, "group_id" uuid not null, "teacher_id" uuid not null, "starts_on" date not null, "ends_on" date null, primary key ("id"));`,
    );
    this.addSql(`create index "teaching_assignment_teacher_id_index" on "teaching_assignment" ("teacher_id");`);

    this.addSql(
      `create table "student_movement" ("id" uuid not null, "school_id" uuid not null, "student_id" uuid not null, "kind" "movement_kind" not null, "effective_on" date not null, "order_number" varchar(255) not null, "order_date" date not null, "from_class_id" uuid null, "to_class_id" uuid null, "other_school" varchar(255) null, "note" varchar(255) null, "recorded_by_id" uuid not null, "recorded_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "student_movement_student_id_index" on "student_movement" ("student_id");`);

    this.addSql(
      `create table "lesson" ("id" uuid not null, "school_id" uuid not null, "group_id" uuid not null, "period_id" uuid not null, "date" date not null, "lesson_number" smallint not null, "room" varchar(255) null, "teacher_id" uuid not null, "substitute_id" uuid null, "substitution_reason" varchar(255) null, "substitution_recorded_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "lesson_school_id_date_index" on "lesson" ("school_id", "date");`);
    this.addSql(`alter table "lesson" add constraint "lesson_group_id_date_lesson_number_unique" unique ("group_id", "date", "lesson_number");`);

    this.addSql(
      `create table "group_member" ("id" uuid not null, "school_id" uuid not null, "group_id" uuid not null, "student_id" uuid not null, "starts_on" date not null, "ends_on" date null, primary key ("id"));`,
    );
    this.addSql(`create index "group_member_student_id_index" on "group_member" ("student_id");`);

    this.addSql(
      `create table "diary_visit" ("user_id" uuid not null, "day" date not null, "last_at" timestamptz not null, "count" int not null, primary key ("user_id", "day"));`,
    );

    this.addSql(
      `create table "consent" ("id" uuid not null, "school_id" uuid not null, "student_id" uuid not null, "given_by_id" uuid not null, "given_at" timestamptz not null, "received_by_id" uuid null, "document_number" varchar(255) null, "withdrawn_at" timestamptz null, "withdrawn_by_id" uuid null, primary key ("id"));`,
    );
    this.addSql(`create index "consent_student_id_index" on "consent" ("student_id");`);

    this.addSql(
      `create table "audit_event" ("id" bigserial primary key, "school_id" uuid null, "actor_id" uuid not null, "action" varchar(255) not null, "entity" varchar(255) not null, "entity_id" uuid not null, "data" jsonb null, "at" timestamptz not null, "invalidated_at" timestamptz null, "invalid_reason" varchar(255) null);`,
    );
    this.addSql(`create index "audit_event_school_id_at_index" on "audit_event" ("school_id", "at");`);
    this.addSql(`create index "audit_event_actor_id_at_index" on "audit_event" ("actor_id", "at");`);

    this.addSql(`alter table "academic_year" add "closed_at" timestamptz null;`);

    this.addSql(
      `alter table "app_user" add "deactivated_at" timestamptz null, add "deactivation_reason" varchar(255) null, add "compromised_since" timestamptz null;`,
    );

    this.addSql(`alter table "role_grant" add "ends_on" date null;`);

    this.addSql(`alter table "curriculum_item" add constraint "curriculum_item_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(`alter table "curriculum_item" add constraint "curriculum_item_year_id_foreign" foreign key ("year_id") references "academic_year" ("id");`);
    this.addSql(`alter table "curriculum_item" add constraint "curriculum_item_subject_id_foreign" foreign key ("subject_id") references "subject" ("id");`);

    this.addSql(`alter table "study_group" add constraint "study_group_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(`alter table "study_group" add constraint "study_group_year_id_foreign" foreign key ("year_id") references "academic_year" ("id");`);
    this.addSql(`alter table "study_group" add constraint "study_group_subject_id_foreign" foreign key ("subject_id") references "subject" ("id");`);
    this.addSql(
      `alter table "study_group" add constraint "study_group_school_class_id_foreign" foreign key ("school_class_id") references "school_class" ("id") on delete set null;`,
    );

    this.addSql(`alter table "timetable_slot" add constraint "timetable_slot_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(
      `alter table "timetable_slot" add constraint "timetable_slot_period_id_foreign" foreign key ("period_id") references "reporting_period" ("id");`,
    );
    this.addSql(`alter table "timetable_slot" add constraint "timetable_slot_group_id_foreign" foreign key ("group_id") references "study_group" ("id");`);
    this.addSql(`alter table "timetable_slot" add constraint "timetable_slot_teacher_id_foreign" foreign key ("teacher_id") references "app_user" ("id");`);

    this.addSql(
      `alter table "teaching_assignment" add constraint "teaching_assignment_school_id_foreign" foreign key ("school_id") references "school" ("id");`,
    );
    this.addSql(
      `alter table "teaching_assignment" add constraint "teaching_assignment_group_id_foreign" foreign key ("group_id") references "study_group" ("id");`,
    );
    this.addSql(
      `alter table "teaching_assignment" add constraint "teaching_assignment_teacher_id_foreign" foreign key ("teacher_id") references "app_user" ("id");`,
    );

    this.addSql(`alter table "student_movement" add constraint "student_movement_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(`alter table "student_movement" add constraint "student_movement_student_id_foreign" foreign key ("student_id") references "app_user" ("id");`);
    this.addSql(
      `alter table "student_movement" add constraint "student_movement_from_class_id_foreign" foreign key ("from_class_id") references "school_class" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "student_movement" add constraint "student_movement_to_class_id_foreign" foreign key ("to_class_id") references "school_class" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "student_movement" add constraint "student_movement_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id");`,
    );

    this.addSql(`alter table "lesson" add constraint "lesson_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(`alter table "lesson" add constraint "lesson_group_id_foreign" foreign key ("group_id") references "study_group" ("id");`);
    this.addSql(`alter table "lesson" add constraint "lesson_period_id_foreign" foreign key ("period_id") references "reporting_period" ("id");`);
    this.addSql(`alter table "lesson" add constraint "lesson_teacher_id_foreign" foreign key ("teacher_id") references "app_user" ("id");`);
    this.addSql(
      `alter table "lesson" add constraint "lesson_substitute_id_foreign" foreign key ("substitute_id") references "app_user" ("id") on delete set null;`,
    );

    this.addSql(`alter table "group_member" add constraint "group_member_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(`alter table "group_member" add constraint "group_member_group_id_foreign" foreign key ("group_id") references "study_group" ("id");`);
    this.addSql(`alter table "group_member" add constraint "group_member_student_id_foreign" foreign key ("student_id") references "app_user" ("id");`);

    this.addSql(`alter table "diary_visit" add constraint "diary_visit_user_id_foreign" foreign key ("user_id") references "app_user" ("id");`);

    this.addSql(`alter table "consent" add constraint "consent_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(`alter table "consent" add constraint "consent_student_id_foreign" foreign key ("student_id") references "app_user" ("id");`);
    this.addSql(`alter table "consent" add constraint "consent_given_by_id_foreign" foreign key ("given_by_id") references "app_user" ("id");`);
    this.addSql(
      `alter table "consent" add constraint "consent_received_by_id_foreign" foreign key ("received_by_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "consent" add constraint "consent_withdrawn_by_id_foreign" foreign key ("withdrawn_by_id") references "app_user" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "audit_event" add constraint "audit_event_school_id_foreign" foreign key ("school_id") references "school" ("id") on delete set null;`,
    );
    this.addSql(`alter table "audit_event" add constraint "audit_event_actor_id_foreign" foreign key ("actor_id") references "app_user" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "timetable_slot" drop constraint "timetable_slot_group_id_foreign";`);
    this.addSql(`alter table "teaching_assignment" drop constraint "teaching_assignment_group_id_foreign";`);
    this.addSql(`alter table "lesson" drop constraint "lesson_group_id_foreign";`);
    this.addSql(`alter table "group_member" drop constraint "group_member_group_id_foreign";`);

    this.addSql(`drop table if exists "curriculum_item" cascade;`);
    this.addSql(`drop table if exists "study_group" cascade;`);
    this.addSql(`drop table if exists "timetable_slot" cascade;`);
    this.addSql(`drop table if exists "teaching_assignment" cascade;`);
    this.addSql(`drop table if exists "student_movement" cascade;`);
    this.addSql(`drop table if exists "lesson" cascade;`);
    this.addSql(`drop table if exists "group_member" cascade;`);
    this.addSql(`drop table if exists "diary_visit" cascade;`);
    this.addSql(`drop table if exists "consent" cascade;`);
    this.addSql(`drop table if exists "audit_event" cascade;`);

    this.addSql(`alter table "academic_year" drop column "closed_at";`);

    this.addSql(`alter table "app_user" drop column "deactivated_at", drop column "deactivation_reason", drop column "compromised_since";`);

    this.addSql(`alter table "role_grant" drop column "ends_on";`);

    this.addSql(`drop type "group_kind";`);
    this.addSql(`drop type "movement_kind";`);
  }
}
