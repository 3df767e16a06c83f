import { Migration } from '@mikro-orm/migrations';

/**
 * Sign-in counters of modules/auth/login-throttle.ts (issue 14): per login and address with
 * exponential back-off, per known device, per login and per address in a window; times from the
 * server's clock. They replace rate-limiter-flexible's `login_throttle`. No entity maps it (orm.ts
 * skips it in schema diffs).
 */
export class Migration20261202080000_login_backoff extends Migration {
  override name = 'Migration20261202080000_login_backoff';

  override up(): void {
    this.addSql(`drop table if exists "login_throttle";`);
    this.addSql(
      `create table "login_backoff" ("key" varchar(255) not null, "failures" integer not null, "first_at" timestamptz not null, "last_at" timestamptz not null, primary key ("key"));`,
    );
  }

  override down(): void {
    this.addSql(`drop table if exists "login_backoff";`);
    this.addSql(`create table "login_throttle" ("key" varchar(255) not null, "points" integer not null default 0, "expire" bigint null, primary key ("key"));`);
    this.addSql(`create index "login_throttle_expire_index" on "login_throttle" ("expire");`);
  }
}
