import { Migration } from '@mikro-orm/migrations';

/**
 * Counters of sign-in attempts (modules/auth/login-throttle.ts), in the layout rate-limiter-flexible's
 * RateLimiterPostgres expects: `key` is "<prefix>:<key>", `expire` epoch milliseconds. No entity maps
 * it (orm.ts skips it in schema diffs).
 */
export class Migration20261125140000_login_throttle extends Migration {
  override name = 'Migration20261125140000_login_throttle';

  override up(): void {
    this.addSql(`create table "login_throttle" ("key" varchar(255) not null, "points" integer not null default 0, "expire" bigint null, primary key ("key"));`);
    // The limiter deletes rows expired for an hour every few minutes.
    this.addSql(`create index "login_throttle_expire_index" on "login_throttle" ("expire");`);
  }

  override down(): void {
    this.addSql(`drop table if exists "login_throttle";`);
  }
}
