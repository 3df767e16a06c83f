import { Migration } from '@mikro-orm/migrations';

export class Migration20261125140127_session_scope extends Migration {
  override name = 'Migration20261125140127_session_scope';

  override up(): void | Promise<void> {
    this.addSql(`alter table "session" add "scope" text not null default 'WEB';`);
    this.addSql(`alter table "session" add constraint "session_scope_check" check ("scope" in ('WEB', 'API'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "session" drop constraint "session_scope_check";`);
    this.addSql(`alter table "session" drop column "scope";`);
  }
}
