import { Migration } from '@mikro-orm/migrations';

/**
 * The outbox announces itself (DESIGN principle 5; docs/ARCHITECTURE.md, "Realtime"):
 *
 * - Every `domain_event` row sends `pg_notify('domain_event', id)`. PostgreSQL delivers it when the
 *   transaction commits (never for one that rolls back), in commit order.
 * - Within one school, ids are in commit order. A deferred trigger runs as the transaction commits,
 *   takes a per-school transaction lock (held until the commit is done) and only then gives the row its
 *   final id. Without it, two teachers' transactions could commit in the opposite order of their ids,
 *   and a client resuming "after id N" would miss the one with the smaller id. The lock is the last
 *   thing a transaction takes, so it cannot close a deadlock cycle, and it is held only for the commit
 *   itself. Across schools ids interleave freely: writers of different schools never wait for each other,
 *   and the data can be distributed by school. (The id returned by the INSERT is provisional.)
 * - An index on (school_id, id) serves replay ("a school's events after N") and a stream's start.
 */
export class Migration20261125150000_outbox_notify extends Migration {
  override name = 'Migration20261125150000_outbox_notify';

  override up(): void {
    this.addSql(`create index "domain_event_school_id_id_index" on "domain_event" ("school_id", "id");`);
    this.addSql(`
create or replace function domain_event_announce() returns trigger language plpgsql as $$
declare
  final_id bigint;
begin
  -- 1684956532 = 'dnet': the namespace of these advisory locks; the second key is the school.
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

  override down(): void {
    this.addSql(`drop trigger if exists "domain_event_announce" on "domain_event";`);
    this.addSql(`drop function if exists domain_event_announce();`);
    this.addSql(`drop index if exists "domain_event_school_id_id_index";`);
  }
}
