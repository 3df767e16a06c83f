import { Migration } from '@mikro-orm/migrations';

/**
 * One person per e-mail address, in any letter case (issue 15: two people were stored with one
 * e-mail, so notices and password resets went to the wrong one). kernel/errors.ts answers a
 * second one with CONFLICT (reason EMAIL_TAKEN) by this index's name.
 */
export class Migration20261202090000_user_email_unique extends Migration {
  override name = 'Migration20261202090000_user_email_unique';

  override up(): void | Promise<void> {
    this.addSql(`create unique index "user_email_lower_unique" on "app_user" (lower("email")) where "email" is not null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "user_email_lower_unique";`);
  }
}
