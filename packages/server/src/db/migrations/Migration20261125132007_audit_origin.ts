import { Migration } from '@mikro-orm/migrations';

/**
 * R-R7: the audit log records the session and client address of every change, and is append-only:
 * a row is never deleted, and only its compromise flag (R-A2: invalidated_at, invalid_reason) may
 * change after it is written.
 */
export class Migration20261125132007_audit_origin extends Migration {
  override name = 'Migration20261125132007_audit_origin';

  override up(): void {
    this.addSql(`alter table "audit_event" add "session_id" uuid null, add "ip" varchar(64) null;`);
    this.addSql(`create index "audit_event_school_id_id_index" on "audit_event" ("school_id", "id");`);
    this.addSql(`
create or replace function audit_event_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE'
     and (to_jsonb(new) - 'invalidated_at' - 'invalid_reason') = (to_jsonb(old) - 'invalidated_at' - 'invalid_reason') then
    return new;
  end if;
  raise exception 'audit_event is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end $$;`);
    this.addSql(`create trigger "audit_event_append_only" before update or delete on "audit_event" for each row execute function audit_event_append_only();`);
    this.addSql(`create trigger "audit_event_no_truncate" before truncate on "audit_event" for each statement execute function audit_event_append_only();`);
  }

  override down(): void {
    this.addSql(`drop trigger if exists "audit_event_no_truncate" on "audit_event";`);
    this.addSql(`drop trigger if exists "audit_event_append_only" on "audit_event";`);
    this.addSql(`drop function if exists audit_event_append_only();`);
    this.addSql(`drop index if exists "audit_event_school_id_id_index";`);
    this.addSql(`alter table "audit_event" drop column "session_id", drop column "ip";`);
  }
}
