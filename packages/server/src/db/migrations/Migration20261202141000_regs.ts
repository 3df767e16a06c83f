import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 18, what the regulations require: a duty recorded done by the system (no person), a letter's
 * idempotency key (one letter, or one conversation per family of an announcement, per key), and the
 * fortnightly progress report to each family (003 §2.2.2): electronic, or on paper for a family that
 * declined electronic forms.
 */
export class Migration20261202141000_regs extends Migration {
  override name = 'Migration20261202141000_regs';

  override up(): void | Promise<void> {
    this.addSql(`alter table "duty_done" alter column "done_by_id" drop not null;`);
    this.addSql(`alter table "conversation" add column "request_id" uuid null;`);
    this.addSql(
      `create unique index "conversation_request_unique" on "conversation" ("started_by_id", "request_id", "student_id") nulls not distinct where "request_id" is not null;`,
    );
    this.addSql(`alter type "notice_kind" add value if not exists 'PROGRESS_REPORT';`);
    this.addSql(`alter table "notification_preference" add column "paper_reports" boolean not null default false;`);
    this.addSql(
      `alter table "notification_preference" alter column "push_kinds" set default '{MARK,ATTENDANCE,REMARK,FINAL_MARK,MARK_WARNING,EXAM_RESULT,MESSAGE,CLASS_WALL,OVERDUE_LETTER,PROGRESS_REPORT}';`,
    );
    this.addSql(`create type "report_form" as enum ('ELECTRONIC', 'PAPER');`);
    this.addSql(`create table "progress_report_sent" (
      "id" uuid not null, "school_id" uuid not null, "school_class_id" uuid not null, "student_id" uuid not null, "due_on" date not null,
      "from_day" date not null, "form" "report_form" not null, "made_at" timestamptz not null, constraint "progress_report_sent_pkey" primary key ("id"));`);
    this.addSql(`alter table "progress_report_sent" add constraint "progress_report_sent_student_id_due_on_unique" unique ("student_id", "due_on");`);
    this.addSql(`create index "progress_report_sent_school_class_id_due_on_index" on "progress_report_sent" ("school_class_id", "due_on");`);
    this.addSql(
      `alter table "progress_report_sent" add constraint "progress_report_sent_school_id_foreign" foreign key ("school_id") references "school" ("id");`,
    );
    this.addSql(
      `alter table "progress_report_sent" add constraint "progress_report_sent_school_class_id_foreign" foreign key ("school_class_id") references "school_class" ("id");`,
    );
    this.addSql(
      `alter table "progress_report_sent" add constraint "progress_report_sent_student_id_foreign" foreign key ("student_id") references "app_user" ("id");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table "progress_report_sent";`);
    this.addSql(`drop type "report_form";`);
    this.addSql(`alter table "notification_preference" drop column "paper_reports";`);
    this.addSql(`drop index "conversation_request_unique";`);
    this.addSql(`alter table "conversation" drop column "request_id";`);
    this.addSql(`delete from "duty_done" where "done_by_id" is null;`);
    this.addSql(`alter table "duty_done" alter column "done_by_id" set not null;`);
  }
}
