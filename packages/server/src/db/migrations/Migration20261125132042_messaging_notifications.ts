import { Migration } from '@mikro-orm/migrations';

export class Migration20261125132042_messaging_notifications extends Migration {
  override name = 'Migration20261125132042_messaging_notifications';

  override up(): void | Promise<void> {
    this.addSql(`create type "email_mode" as enum ('OFF', 'INSTANT', 'DAILY_DIGEST');`);
    this.addSql(`create type "notification_channel" as enum ('IN_APP', 'EMAIL', 'SMS');`);
    this.addSql(
      `create type "notice_kind" as enum ('MARK', 'ATTENDANCE', 'REMARK', 'FINAL_MARK', 'MARK_WARNING', 'EXAM_RESULT', 'MESSAGE', 'CLASS_WALL', 'OVERDUE_LETTER');`,
    );
    this.addSql(`create type "delivery_status" as enum ('PENDING', 'SENDING', 'SENT', 'FAILED');`);
    this.addSql(`create type "conversation_kind" as enum ('DIRECT', 'PARENTS');`);
    this.addSql(`create type "participant_kind" as enum ('MEMBER', 'COPY');`);
    this.addSql(`create table "notification_cursor" ("school_id" uuid not null, "last_event_id" bigint not null, primary key ("school_id"));`);

    this.addSql(
      `create table "notification_preference" ("user_id" uuid not null, "email_mode" "email_mode" not null default 'OFF', "sms_kinds" text[] not null, "quiet_from" varchar(5) not null default '21:00', "quiet_to" varchar(5) not null default '08:00', "updated_at" timestamptz not null, primary key ("user_id"));`,
    );

    this.addSql(
      `create table "notification_delivery" ("id" uuid not null, "event_id" bigint not null, "school_id" uuid not null, "channel" "notification_channel" not null, "recipient_id" uuid not null, "kind" "notice_kind" not null, "title" varchar(255) not null, "body" text not null, "digest" boolean not null default false, "status" "delivery_status" not null, "attempts" smallint not null default 0, "due_at" timestamptz not null, "created_at" timestamptz not null, "sent_at" timestamptz null, "last_error" text null, "read_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `create index "notification_delivery_recipient_id_channel_created_at_index" on "notification_delivery" ("recipient_id", "channel", "created_at");`,
    );
    this.addSql(`create index "notification_delivery_status_due_at_index" on "notification_delivery" ("status", "due_at");`);
    this.addSql(
      `alter table "notification_delivery" add constraint "notification_delivery_event_id_channel_recipient_id_unique" unique ("event_id", "channel", "recipient_id");`,
    );

    this.addSql(
      `create table "conversation" ("id" uuid not null, "school_id" uuid not null, "kind" "conversation_kind" not null, "subject" varchar(255) not null, "started_by_id" uuid not null, "started_at" timestamptz not null, "student_id" uuid null, "school_class_id" uuid null, "group_id" uuid null, "last_message_at" timestamptz not null, "awaiting_since" timestamptz null, "answer_due_at" timestamptz null, "overdue_flagged_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`create index "conversation_school_id_answer_due_at_index" on "conversation" ("school_id", "answer_due_at");`);

    this.addSql(
      `create table "message" ("id" uuid not null, "school_id" uuid not null, "conversation_id" uuid not null, "author_id" uuid not null, "body" text not null, "sent_at" timestamptz not null, "retracted_at" timestamptz null, "retraction_reason" varchar(255) null, primary key ("id"));`,
    );
    this.addSql(`create index "message_conversation_id_sent_at_index" on "message" ("conversation_id", "sent_at");`);

    this.addSql(
      `create table "message_read" ("id" uuid not null, "school_id" uuid not null, "message_id" uuid not null, "reader_id" uuid not null, "read_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "message_read_reader_id_index" on "message_read" ("reader_id");`);
    this.addSql(`alter table "message_read" add constraint "message_read_message_id_reader_id_unique" unique ("message_id", "reader_id");`);

    this.addSql(
      `create table "conversation_participant" ("id" uuid not null, "school_id" uuid not null, "conversation_id" uuid not null, "user_id" uuid not null, "kind" "participant_kind" not null, "added_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "conversation_participant_user_id_index" on "conversation_participant" ("user_id");`);
    this.addSql(
      `alter table "conversation_participant" add constraint "conversation_participant_conversation_id_user_id_unique" unique ("conversation_id", "user_id");`,
    );

    this.addSql(
      `create table "attachment" ("id" uuid not null, "school_id" uuid null, "message_id" uuid null, "uploaded_by_id" uuid not null, "uploaded_at" timestamptz not null, "file_name" varchar(255) not null, "content_type" varchar(255) not null, "size" int not null, "data" bytea not null, primary key ("id"));`,
    );
    this.addSql(`create index "attachment_uploaded_by_id_message_id_index" on "attachment" ("uploaded_by_id", "message_id");`);
    this.addSql(`create index "attachment_message_id_index" on "attachment" ("message_id");`);

    this.addSql(
      `create table "wall_post" ("id" uuid not null, "school_id" uuid not null, "school_class_id" uuid not null, "author_id" uuid not null, "body" text not null, "posted_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "wall_post_school_class_id_posted_at_index" on "wall_post" ("school_class_id", "posted_at");`);

    this.addSql(
      `alter table "notification_preference" add constraint "notification_preference_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "notification_delivery" add constraint "notification_delivery_recipient_id_foreign" foreign key ("recipient_id") references "app_user" ("id");`,
    );

    this.addSql(`alter table "conversation" add constraint "conversation_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(`alter table "conversation" add constraint "conversation_started_by_id_foreign" foreign key ("started_by_id") references "app_user" ("id");`);
    this.addSql(
      `alter table "conversation" add constraint "conversation_student_id_foreign" foreign key ("student_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "conversation" add constraint "conversation_school_class_id_foreign" foreign key ("school_class_id") references "school_class" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "conversation" add constraint "conversation_group_id_foreign" foreign key ("group_id") references "study_group" ("id") on delete set null;`,
    );

    this.addSql(`alter table "message" add constraint "message_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(`alter table "message" add constraint "message_conversation_id_foreign" foreign key ("conversation_id") references "conversation" ("id");`);
    this.addSql(`alter table "message" add constraint "message_author_id_foreign" foreign key ("author_id") references "app_user" ("id");`);

    this.addSql(`alter table "message_read" add constraint "message_read_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(`alter table "message_read" add constraint "message_read_message_id_foreign" foreign key ("message_id") references "message" ("id");`);
    this.addSql(`alter table "message_read" add constraint "message_read_reader_id_foreign" foreign key ("reader_id") references "app_user" ("id");`);

    this.addSql(
      `alter table "conversation_participant" add constraint "conversation_participant_school_id_foreign" foreign key ("school_id") references "school" ("id");`,
    );
    this.addSql(
      `alter table "conversation_participant" add constraint "conversation_participant_conversation_id_foreign" foreign key ("conversation_id") references "conversation" ("id");`,
    );
    this.addSql(
      `alter table "conversation_participant" add constraint "conversation_participant_user_id_foreign" foreign key ("user_id") references "app_user" ("id");`,
    );

    this.addSql(
      `alter table "attachment" add constraint "attachment_school_id_foreign" foreign key ("school_id") references "school" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "attachment" add constraint "attachment_message_id_foreign" foreign key ("message_id") references "message" ("id") on delete set null;`,
    );
    this.addSql(`alter table "attachment" add constraint "attachment_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "app_user" ("id");`);

    this.addSql(`alter table "wall_post" add constraint "wall_post_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(`alter table "wall_post" add constraint "wall_post_school_class_id_foreign" foreign key ("school_class_id") references "school_class" ("id");`);
    this.addSql(`alter table "wall_post" add constraint "wall_post_author_id_foreign" foreign key ("author_id") references "app_user" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "message" drop constraint "message_conversation_id_foreign";`);
    this.addSql(`alter table "conversation_participant" drop constraint "conversation_participant_conversation_id_foreign";`);
    this.addSql(`alter table "message_read" drop constraint "message_read_message_id_foreign";`);
    this.addSql(`alter table "attachment" drop constraint "attachment_message_id_foreign";`);

    this.addSql(`drop table if exists "notification_cursor" cascade;`);
    this.addSql(`drop table if exists "notification_preference" cascade;`);
    this.addSql(`drop table if exists "notification_delivery" cascade;`);
    this.addSql(`drop table if exists "conversation" cascade;`);
    this.addSql(`drop table if exists "message" cascade;`);
    this.addSql(`drop table if exists "message_read" cascade;`);
    this.addSql(`drop table if exists "conversation_participant" cascade;`);
    this.addSql(`drop table if exists "attachment" cascade;`);
    this.addSql(`drop table if exists "wall_post" cascade;`);

    this.addSql(`drop type "email_mode";`);
    this.addSql(`drop type "notification_channel";`);
    this.addSql(`drop type "notice_kind";`);
    this.addSql(`drop type "delivery_status";`);
    this.addSql(`drop type "conversation_kind";`);
    this.addSql(`drop type "participant_kind";`);
  }
}
