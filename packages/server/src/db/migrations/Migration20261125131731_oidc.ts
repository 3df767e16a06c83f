import { Migration } from '@mikro-orm/migrations';

export class Migration20261125131731_oidc extends Migration {
  override name = 'Migration20261125131731_oidc';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "oidc_attempt" ("state" varchar(255) not null, "nonce" varchar(255) not null, "code_verifier" varchar(255) not null, "created_at" timestamptz not null, primary key ("state"));`,
    );

    this.addSql(
      `create table "oidc_identity" ("id" uuid not null, "user_id" uuid not null, "issuer" varchar(255) not null, "subject" varchar(255) not null, "linked_by_id" uuid null, "linked_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "oidc_identity" add constraint "oidc_identity_issuer_subject_unique" unique ("issuer", "subject");`);

    this.addSql(
      `create table "login_code" ("code_hash" varchar(255) not null, "user_id" uuid not null, "created_at" timestamptz not null, primary key ("code_hash"));`,
    );

    this.addSql(`alter table "oidc_identity" add constraint "oidc_identity_user_id_foreign" foreign key ("user_id") references "app_user" ("id");`);
    this.addSql(
      `alter table "oidc_identity" add constraint "oidc_identity_linked_by_id_foreign" foreign key ("linked_by_id") references "app_user" ("id") on delete set null;`,
    );

    this.addSql(`alter table "login_code" add constraint "login_code_user_id_foreign" foreign key ("user_id") references "app_user" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "oidc_attempt" cascade;`);
    this.addSql(`drop table if exists "oidc_identity" cascade;`);
    this.addSql(`drop table if exists "login_code" cascade;`);
  }
}
