import { Migration } from '@mikro-orm/migrations';

/**
 * The outbox announces each row with its contents (issue 16; docs/ARCHITECTURE.md, "Realtime"), so a
 * listener hands a fresh event on without reading it back: `pg_notify('domain_event', json)` with the
 * row's final id, school, type, student, group, time and payload. Past ~7.9 KB (NOTIFY takes 8000 bytes)
 * only the id is sent and the listener reads the row.
 *
 * The ordering of Migration20261125150000_outbox_notify stays: the row gets its final id as it commits,
 * under a per-school lock held for the commit only, so ids within a school are in commit order and the
 * notifications (delivered in commit order) come in id order.
 *
 * Measured before choosing (pgbench, 8 clients, one school, fsync on, inserts/s into a copy of this table):
 * plain INSERT 2.8–4.7k; lock + renumbering + NOTIFY (this) 230–280; NOTIFY alone, no lock 190–230; ids
 * from the transaction id (`xid << 20 | n`, final at INSERT) read below a commit-order fence
 * (`pg_snapshot_xmin`), without NOTIFY 2.0–3.0k, with NOTIFY 250–290; that ordering plus a NOTIFY sent
 * after the commit (synchronous_commit off) 1.7k. PostgreSQL serialises notifying commits itself (the
 * notification queue's lock is held until the commit is flushed): the per-school lock costs nothing
 * measurable beside it. The fence ordering was built and passed the ordering tests, but the fence is the
 * oldest transaction of the whole cluster: a long write anywhere (a migration in another database of the
 * test cluster) held every live event back for seconds. Commits stop being serialised only once the
 * NOTIFY leaves the writing transaction (a listener that polls or decodes the WAL), which is not done here.
 */
export class Migration20261202145000_outbox_announce_rows extends Migration {
  override name = 'Migration20261202145000_outbox_announce_rows';

  override up(): void {
    this.addSql(`
create or replace function domain_event_announce() returns trigger language plpgsql as $$
declare
  final_id bigint;
  message text;
begin
  -- 1684956532 = 'dnet': the namespace of these advisory locks; the second key is the school.
  perform pg_advisory_xact_lock(1684956532, hashtext(new.school_id::text));
  final_id := nextval('domain_event_id_seq'::regclass);
  update domain_event set id = final_id where id = new.id;
  message := json_build_object('id', final_id::text, 'schoolId', new.school_id, 'type', new.type, 'studentId', new.student_id,
    'groupId', new.group_id, 'at', new.at, 'payload', new.payload)::text;
  if octet_length(message) > 7900 then
    message := json_build_object('id', final_id::text)::text;
  end if;
  perform pg_notify('domain_event', message);
  return null;
end $$;`);
  }

  override down(): void {
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
  }
}
