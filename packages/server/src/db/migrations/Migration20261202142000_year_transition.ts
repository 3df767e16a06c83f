import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 17: the year transition (перевод учащихся). One row per year moved to the next, unique by the year
 * moved: the constraint lets the transition run once. Promotions are movements of their own kinds.
 */
export class Migration20261202142000_year_transition extends Migration {
  override name = 'Migration20261202142000_year_transition';

  override up(): void | Promise<void> {
    this.addSql(`alter type "movement_kind" add value if not exists 'PROMOTION';`);
    this.addSql(`alter type "movement_kind" add value if not exists 'CONDITIONAL_PROMOTION';`);
    this.addSql(`alter type "movement_kind" add value if not exists 'REPETITION';`);
    this.addSql(
      `create table "year_transition" ("id" uuid not null, "school_id" uuid not null, "from_year_id" uuid not null, "to_year_id" uuid not null, "order_number" varchar(255) not null, "order_date" date not null, "done_by_id" uuid not null, "done_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "year_transition" add constraint "year_transition_from_year_unique" unique ("from_year_id");`);
    this.addSql(`alter table "year_transition" add constraint "year_transition_school_id_foreign" foreign key ("school_id") references "school" ("id");`);
    this.addSql(
      `alter table "year_transition" add constraint "year_transition_from_year_id_foreign" foreign key ("from_year_id") references "academic_year" ("id");`,
    );
    this.addSql(
      `alter table "year_transition" add constraint "year_transition_to_year_id_foreign" foreign key ("to_year_id") references "academic_year" ("id");`,
    );
    this.addSql(`alter table "year_transition" add constraint "year_transition_done_by_id_foreign" foreign key ("done_by_id") references "app_user" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "year_transition" cascade;`);
  }
}
