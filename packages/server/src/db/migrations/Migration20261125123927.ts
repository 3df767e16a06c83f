import { Migration } from '@mikro-orm/migrations';

export class Migration20261125123927 extends Migration {
  override name = 'Migration20261125123927';

  override up(): void | Promise<void> {
    this.addSql(`create type "period_kind" as enum ('QUARTER', 'TRIMESTER', 'HALF_YEAR', 'MODULE');`);
    this.addSql(
      `create type "role" as enum ('SYSTEM_ADMIN', 'SCHOOL_ADMIN', 'DIRECTOR', 'DEPUTY_DIRECTOR', 'TEACHER', 'CLASS_TEACHER', 'STUDENT', 'PARENT', 'INSPECTOR', 'SECRETARY', 'HR');`,
    );
    this.addSql(`create type "guardian_kind" as enum ('MOTHER', 'FATHER', 'GUARDIAN');`);
    this.addSql(`create table "education_authority" ("id" uuid not null, "name" varchar(255) not null, primary key ("id"));`);

    this.addSql(
      `create table "school" ("id" uuid not null, "authority_id" uuid not null, "name" varchar(255) not null, "short_name" varchar(255) not null, "timezone" varchar(255) not null default 'Europe/Moscow', primary key ("id"));`,
    );

    this.addSql(
      `create table "academic_year" ("id" uuid not null, "school_id" uuid not null, "name" varchar(255) not null, "starts_on" date not null, "ends_on" date not null, primary key ("id"));`,
    );
    this.addSql(`alter table "academic_year" add constraint "academic_year_school_id_starts_on_unique" unique ("school_id", "starts_on");`);

    this.addSql(
      `create table "reporting_period" ("id" uuid not null, "school_id" uuid not null, "year_id" uuid not null, "kind" "period_kind" not null, "number" smallint not null, "starts_on" date not null, "ends_on" date not null, primary key ("id"));`,
    );
    this.addSql(`alter table "reporting_period" add constraint "reporting_period_year_id_kind_number_unique" unique ("year_id", "kind", "number");`);

    this.addSql(
      `create table "holiday" ("id" uuid not null, "school_id" uuid not null, "year_id" uuid not null, "name" varchar(255) not null, "starts_on" date not null, "ends_on" date not null, primary key ("id"));`,
    );

    this.addSql(
      `create table "subject" ("id" uuid not null, "school_id" uuid not null, "name" varchar(255) not null, "short_name" varchar(255) not null, primary key ("id"));`,
    );
    this.addSql(`alter table "subject" add constraint "subject_school_id_name_unique" unique ("school_id", "name");`);

    this.addSql(
      `create table "app_user" ("id" uuid not null, "login" varchar(255) not null, "password_hash" varchar(255) null, "last_name" varchar(255) not null, "first_name" varchar(255) not null, "middle_name" varchar(255) null, "email" varchar(255) null, "phone" varchar(255) null, "birth_date" date null, "active" boolean not null default true, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "app_user" add constraint "app_user_login_unique" unique ("login");`);

    this.addSql(
      `create table "session" ("id" uuid not null, "user_id" uuid not null, "token_hash" varchar(255) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "user_agent" varchar(255) null, primary key ("id"));`,
    );
    this.addSql(`alter table "session" add constraint "session_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "session_user_id_index" on "session" ("user_id");`);

    this.addSql(
      `create table "school_class" ("id" uuid not null, "school_id" uuid not null, "year_id" uuid not null, "grade" smallint not null, "letter" varchar(4) not null, "class_teacher_id" uuid null, primary key ("id"));`,
    );
    this.addSql(`alter table "school_class" add constraint "school_class_year_id_grade_letter_unique" unique ("year_id", "grade", "letter");`);

    this.addSql(
      `create table "role_grant" ("id" uuid not null, "user_id" uuid not null, "role" "role" not null, "school_id" uuid null, "authority_id" uuid null, "position" varchar(255) null, "granted_at" timestamptz not null, "revoked_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`create index "role_grant_user_id_index" on "role_grant" ("user_id");`);

    this.addSql(
      `create table "guardianship" ("id" uuid not null, "school_id" uuid not null, "parent_id" uuid not null, "student_id" uuid not null, "kind" "guardian_kind" not null, primary key ("id"));`,
    );
    this.addSql(`create index "guardianship_student_id_index" on "guardianship" ("student_id");`);
    this.addSql(`alter table "guardianship" add constraint "guardianship_parent_id_student_id_unique" unique ("parent_id", "student_id");`);

    this.addSql(
      `create table "enrolment" ("id" uuid not null, "school_id" uuid not null, "student_id" uuid not null, "school_class_id" uuid not null, "starts_on" date not null, "ends_on" date null, primary key ("id"));`,
    );
    this.addSql(`create index "enrolment_school_class_id_index" on "enrolment" ("school_class_id");`);
    this.addSql(`create index "enrolment_student_id_index" on "enrolment" ("student_id");`);

    this.addSql(`alter table "school" add constraint "school_authority_id_foreign" foreign key ("authority_id") references "education_authority" ("id");`);

    this.addSql(`alter table "academic_year" add constraint "academic_year_school_id_foreign" foreign key ("school_id") references "school" ("id");`);

    this.addSql(`alter table "reporting_period" add constraint "reporting_period_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(`alter table "reporting_period" add constraint "reporting_period_year_id_foreign" foreign key ("year_id") references "academic_year" ("id");`);

    this.addSql(`alter table "holiday" add constraint "holiday_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(`alter table "holiday" add constraint "holiday_year_id_foreign" foreign key ("year_id") references "academic_year" ("id");`);

    this.addSql(`alter table "subject" add constraint "subject_school_id_foreign" foreign key ("school_id") references "school" ("id");`);

    this.addSql(`alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "app_user" ("id");`);

    this.addSql(`alter table "school_class" add constraint "school_class_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(`alter table "school_class" add constraint "school_class_year_id_foreign" foreign key ("year_id") references "academic_year" ("id");`);
    this.addSql(
      `alter table "school_class" add constraint "school_class_class_teacher_id_foreign" foreign key ("class_teacher_id") references "app_user" ("id") on delete set null;`,
    );

    this.addSql(`alter table "role_grant" add constraint "role_grant_user_id_foreign" foreign key ("user_id") references "app_user" ("id");`);
    this.addSql(
      `alter table "role_grant" add constraint "role_grant_school_id_foreign" foreign key ("school_id") references "school" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "role_grant" add constraint "role_grant_authority_id_foreign" foreign key ("authority_id") references "education_authority" ("id") on delete set null;`,
    );

    this.addSql(`alter table "guardianship" add constraint "guardianship_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(`alter table "guardianship" add constraint "guardianship_parent_id_foreign" foreign key ("parent_id") references "app_user" ("id");`);
    this.addSql(`alter table "guardianship" add constraint "guardianship_student_id_foreign" foreign key ("student_id") references "app_user" ("id");`);

    this.addSql(`alter table "enrolment" add constraint "enrolment_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(`alter table "enrolment" add constraint "enrolment_student_id_foreign" foreign key ("student_id") references "app_user" ("id");`);
    this.addSql(`alter table "enrolment" add constraint "enrolment_school_class_id_foreign" foreign key ("school_class_id") references "school_class" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "school" drop constraint "school_authority_id_foreign";`);
    this.addSql(`alter table "role_grant" drop constraint "role_grant_authority_id_foreign";`);
    this.addSql(`alter table "academic_year" drop constraint "academic_year_school_id_foreign";`);
    this.addSql(`alter table "reporting_period" drop constraint "reporting_period_school_id_foreign";`);
    this.addSql(`alter table "holiday" drop constraint "holiday_school_id_foreign";`);
    this.addSql(`alter table "subject" drop constraint "subject_school_id_foreign";`);
    this.addSql(`alter table "school_class" drop constraint "school_class_school_id_foreign";`);
    this.addSql(`alter table "role_grant" drop constraint "role_grant_school_id_foreign";`);
    this.addSql(`alter table "guardianship" drop constraint "guardianship_school_id_foreign";`);
    this.addSql(`alter table "enrolment" drop constraint "enrolment_school_id_foreign";`);
    this.addSql(`alter table "reporting_period" drop constraint "reporting_period_year_id_foreign";`);
    this.addSql(`alter table "holiday" drop constraint "holiday_year_id_foreign";`);
    this.addSql(`alter table "school_class" drop constraint "school_class_year_id_foreign";`);
    this.addSql(`alter table "session" drop constraint "session_user_id_foreign";`);
    this.addSql(`alter table "school_class" drop constraint "school_class_class_teacher_id_foreign";`);
    this.addSql(`alter table "role_grant" drop constraint "role_grant_user_id_foreign";`);
    this.addSql(`alter table "guardianship" drop constraint "guardianship_parent_id_foreign";`);
    this.addSql(`alter table "guardianship" drop constraint "guardianship_student_id_foreign";`);
    this.addSql(`alter table "enrolment" drop constraint "enrolment_student_id_foreign";`);
    this.addSql(`alter table "enrolment" drop constraint "enrolment_school_class_id_foreign";`);

    this.addSql(`drop table if exists "education_authority" cascade;`);
    this.addSql(`drop table if exists "school" cascade;`);
    this.addSql(`drop table if exists "academic_year" cascade;`);
    this.addSql(`drop table if exists "reporting_period" cascade;`);
    this.addSql(`drop table if exists "holiday" cascade;`);
    this.addSql(`drop table if exists "subject" cascade;`);
    this.addSql(`drop table if exists "app_user" cascade;`);
    this.addSql(`drop table if exists "session" cascade;`);
    this.addSql(`drop table if exists "school_class" cascade;`);
    this.addSql(`drop table if exists "role_grant" cascade;`);
    this.addSql(`drop table if exists "guardianship" cascade;`);
    this.addSql(`drop table if exists "enrolment" cascade;`);

    this.addSql(`drop type "period_kind";`);
    this.addSql(`drop type "role";`);
    this.addSql(`drop type "guardian_kind";`);
  }
}
