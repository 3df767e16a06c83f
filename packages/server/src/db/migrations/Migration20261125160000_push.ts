import { Migration } from '@mikro-orm/migrations';

export class Migration20261125160000_push extends Migration {
  override name = 'Migration20261125160000_push';

  override up(): void | Promise<void> {
    this.addSql(`create table "server_setting" ("key" varchar(100) not null, "value" jsonb not null, "created_at" timestamptz not null, primary key ("key"));`);

    this.addSql(
      `create table "push_subscription" ("id" uuid not null, "user_id" uuid not null, "endpoint" text not null, "p256dh" varchar(100) not null, "auth" varchar(50) not null, "device" varchar(100) not null, "user_agent" text null, "created_at" timestamptz not null, "last_success_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`create index "push_subscription_user_id_index" on "push_subscription" ("user_id");`);
    this.addSql(`alter table "push_subscription" add constraint "push_subscription_endpoint_unique" unique ("endpoint");`);

    this.addSql(
      `create table "push_receipt" ("delivery_id" uuid not null, "subscription_id" uuid not null, "sent_at" timestamptz not null, primary key ("delivery_id", "subscription_id"));`,
    );

    this.addSql(
      `alter table "notification_preference" add "push_kinds" text[] not null default '{MARK,ATTENDANCE,REMARK,FINAL_MARK,MARK_WARNING,EXAM_RESULT,MESSAGE,CLASS_WALL,OVERDUE_LETTER}';`,
    );

    this.addSql(`alter type "notification_channel" add value if not exists 'PUSH' after 'SMS';`);
    this.addSql(`alter table "notification_delivery" add "url" text null;`);

    this.addSql(`alter table "push_subscription" add constraint "push_subscription_user_id_foreign" foreign key ("user_id") references "app_user" ("id");`);

    this.addSql(
      `alter table "push_receipt" add constraint "push_receipt_delivery_id_foreign" foreign key ("delivery_id") references "notification_delivery" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "push_receipt" add constraint "push_receipt_subscription_id_foreign" foreign key ("subscription_id") references "push_subscription" ("id") on update cascade on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "push_receipt" drop constraint "push_receipt_subscription_id_foreign";`);

    this.addSql(`drop table if exists "server_setting" cascade;`);
    this.addSql(`drop table if exists "push_subscription" cascade;`);
    this.addSql(`drop table if exists "push_receipt" cascade;`);

    this.addSql(`alter table "notification_delivery" drop column "url";`);

    this.addSql(`alter table "notification_preference" drop column "push_kinds";`);
  }
}
