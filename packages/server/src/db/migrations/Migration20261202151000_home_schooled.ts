import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 18 (seed 003 §1.1): обучение на дому (ОВЗ). A pupil taught at home is kept in the paper journal
 * from `starts_on` to `ends_on` (open: until ended). At most one open period per pupil: the partial unique
 * index decides two secretaries racing. A change tells every process (the viewer_changed trigger with no
 * argument, as enrolments do), so the kept journal grids and diaries are read again.
 */
export class Migration20261202151000_home_schooled extends Migration {
  override name = 'Migration20261202151000_home_schooled';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "home_schooling" ("id" uuid not null, "school_id" uuid not null, "student_id" uuid not null, "starts_on" date not null, "ends_on" date null, "set_by_id" uuid not null, "set_at" timestamptz not null, primary key ("id"), constraint "home_schooling_dates" check ("ends_on" is null or "ends_on" >= "starts_on"));`,
    );
    this.addSql(`create unique index "home_schooling_one_open" on "home_schooling" ("student_id") where "ends_on" is null;`);
    this.addSql(`create index "home_schooling_student_id_index" on "home_schooling" ("student_id");`);
    this.addSql(`alter table "home_schooling" add constraint "home_schooling_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(`alter table "home_schooling" add constraint "home_schooling_student_id_foreign" foreign key ("student_id") references "app_user" ("id");`);
    this.addSql(`alter table "home_schooling" add constraint "home_schooling_set_by_id_foreign" foreign key ("set_by_id") references "app_user" ("id");`);
    this.addSql(
      `create trigger "home_schooling_viewer_changed" after insert or update or delete on "home_schooling" for each statement execute function viewer_changed();`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "home_schooling" cascade;`);
  }
}
