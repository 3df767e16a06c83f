import { Migration } from '@mikro-orm/migrations';

/**
 * Event order without a per-school lock (issue 16; docs/ARCHITECTURE.md, "Realtime"). Replaces the ordering
 * of Migration20261125150000_outbox_notify, which renumbered each row at commit under a per-school advisory
 * lock.
 *
 * - An event's id is its transaction's id with a counter: `xid << 20 | n` (n counts the transaction's
 *   events from 0; more than 2^20 in one transaction is refused). It is final at INSERT. Ids follow the
 *   order in which transactions began writing, not the order they commit in.
 * - The commit-order fence: an id below `pg_snapshot_xmin(pg_current_snapshot()) << 20` belongs to a
 *   transaction that has ended, so every event below the fence is known for good. Readers deliver only
 *   ids below the fence, in id order (outbox.ts `FENCE`): nothing committed later can then get a smaller
 *   id than one already delivered, and replay by cursor has no gap and no repeat.
 * - Each row is announced at commit: `pg_notify('domain_event', json)` with the row (its payload left out
 *   past ~7.9 KB; the listener then reads the row) and `fence`: every other transaction with a smaller id
 *   had ended when this one committed. Notifications arrive in commit order, so a listener that keeps the
 *   largest fence it was told delivers the rows below it straight from the notifications, with no read.
 *
 * Measured (pgbench, 8 clients, one school, fsync on; inserts/s into this table): plain INSERT 2.8–4.7k;
 * the old lock + renumbering + NOTIFY 230–280; NOTIFY alone (no lock) 190–230; this ordering without
 * NOTIFY 2.0–3.0k; with NOTIFY 250–290. PostgreSQL serialises notifying commits itself (the queue lock
 * is held until the commit is flushed): the advisory lock was not what limited commits, the NOTIFY is.
 */
export class Migration20261202145000_outbox_commit_fence extends Migration {
  override name = 'Migration20261202145000_outbox_commit_fence';

  override up(): void {
    this.addSql(`drop trigger if exists "domain_event_announce" on "domain_event";`);
    this.addSql(`
create or replace function domain_event_position() returns trigger language plpgsql as $$
declare
  n int := coalesce(nullif(current_setting('dnevnik.outbox_n', true), ''), '0')::int;
begin
  if n >= 1048576 then
    raise exception 'one transaction may write at most 1048576 outbox events';
  end if;
  perform set_config('dnevnik.outbox_n', (n + 1)::text, true);
  new.id := (pg_current_xact_id()::text::bigint << 20) + n;
  return new;
end $$;`);
    this.addSql(`create trigger "domain_event_position" before insert on "domain_event" for each row execute function domain_event_position();`);
    this.addSql(`
create or replace function domain_event_announce() returns trigger language plpgsql as $$
declare
  snap pg_snapshot := pg_current_snapshot();
  own bigint := pg_current_xact_id()::text::bigint;
  xmax bigint := pg_snapshot_xmax(snap)::text::bigint;
  fence bigint;
  message text;
begin
  -- The smallest transaction id of any other transaction that may still be running. Ids from xmax up
  -- to ours were given to transactions that have not ended (xmax is one past the last that ended).
  fence := least(
    (select min(x::text::bigint) from pg_snapshot_xip(snap) x where x::text::bigint <> own),
    case when xmax = own then own + 1 else xmax end);
  message := json_build_object('id', new.id::text, 'fence', (fence << 20)::text, 'schoolId', new.school_id, 'type', new.type,
    'studentId', new.student_id, 'groupId', new.group_id, 'at', new.at, 'payload', new.payload)::text;
  if octet_length(message) > 7900 then
    message := json_build_object('id', new.id::text, 'fence', (fence << 20)::text)::text;
  end if;
  perform pg_notify('domain_event', message);
  return null;
end $$;`);
    this.addSql(
      `create constraint trigger "domain_event_announce" after insert on "domain_event" deferrable initially deferred for each row execute function domain_event_announce();`,
    );
  }

  override down(): void {
    this.addSql(`drop trigger if exists "domain_event_announce" on "domain_event";`);
    this.addSql(`drop trigger if exists "domain_event_position" on "domain_event";`);
    this.addSql(`drop function if exists domain_event_position();`);
    this.addSql(`
create or replace function domain_event_announce() returns trigger language plpgsql as $$
declare
  final_id bigint;
begin
  perform pg_advisory_xact_lock(1684956532, hashtext(new.school_id::text));
  final_id := nextval('domain_event_id_seq'::regclass);
  update domain_event set id = final_id where id = new.id;
  perform pg_notify('domain_event', final_id::text);
  return null;
end $$;`);
    this.addSql(
      `create constraint trigger "domain_event_announce" after insert on "domain_event" deferrable initially deferred for each row execute function domain_event_announce();`,
    );
  }
}
