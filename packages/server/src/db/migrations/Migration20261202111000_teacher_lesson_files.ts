import { Migration } from '@mikro-orm/migrations';

/** Issue 17: files of a lesson's homework, read by its pupils and their parents. */
export class Migration20261202111000_teacher_lesson_files extends Migration {
  override name = 'Migration20261202111000_teacher_lesson_files';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "lesson_file" ("id" uuid not null, "school_id" uuid not null, "lesson_id" uuid not null, "uploaded_by_id" uuid not null, "attached_at" timestamptz not null, "file_name" varchar(255) not null, "content_type" varchar(255) not null, "size" int not null, "data" bytea not null, primary key ("id"));`,
    );
    this.addSql(`create index "lesson_file_lesson_id_index" on "lesson_file" ("lesson_id");`);
    this.addSql(`alter table "lesson_file" add constraint "lesson_file_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(`alter table "lesson_file" add constraint "lesson_file_lesson_id_foreign" foreign key ("lesson_id") references "lesson" ("id");`);
    this.addSql(`alter table "lesson_file" add constraint "lesson_file_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "app_user" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "lesson_file" cascade;`);
  }
}
