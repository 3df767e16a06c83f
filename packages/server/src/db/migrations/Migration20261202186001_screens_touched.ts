import { Migration } from '@mikro-orm/migrations';

/** Migration20261202110000_live_viewer_changed's trigger function, each change told by `announce`. */
const viewerChanged = (announce: (who: string) => string) => `
create or replace function viewer_changed() returns trigger language plpgsql as $$
declare
  rec record;
  who text;
begin
  -- TG_ARGV names the columns holding the people whose viewers the row is part of; none: everybody's.
  if TG_NARGS = 0 then
    perform ${announce(`'*'`)};
    return null;
  end if;
  foreach who in array TG_ARGV loop
    if TG_OP <> 'INSERT' then
      rec := old;
      if to_jsonb(rec) ->> who is not null then perform ${announce('to_jsonb(rec) ->> who')}; end if;
    end if;
    if TG_OP <> 'DELETE' then
      rec := new;
      if to_jsonb(rec) ->> who is not null then perform ${announce('to_jsonb(rec) ->> who')}; end if;
    end if;
  end loop;
  return null;
end $$;`;

/**
 * Read-your-writes for the kept screens (issue 16; graphql/screen-fence.ts). A transaction notes, in a setting
 * local to it (`dnevnik.screens_touched`, gone at its end, reverted with a rolled back savepoint), what the other
 * processes will hear from its notifications: the students and groups of its outbox rows (`s:<id>`, `g:<id>`), a
 * person's viewer changed (`p`), anyone's (`*`). The process that wrote reads the note with one statement just
 * before COMMIT and drops its own kept screens as the commit is done, before it answers; the notifications still
 * tell every process (its own too). Whoever writes, the note is the database's: the outbox rows' trigger and
 * the `viewer_changed` triggers write it, as they are what notifies.
 *
 * Bounded: past 16,000 characters (a big import) the note becomes `*`, everything.
 */
export class Migration20261202186001_screens_touched extends Migration {
  override name = 'Migration20261202186001_screens_touched';

  override up(): void {
    this.addSql(`
create or replace function screens_touched(tags text[]) returns void language plpgsql as $$
declare
  so_far text := coalesce(current_setting('dnevnik.screens_touched', true), '');
  tag text;
begin
  if so_far = '*' or coalesce(cardinality(tags), 0) = 0 then return; end if;
  foreach tag in array tags loop
    if tag = '*' or length(so_far) > 16000 then
      perform set_config('dnevnik.screens_touched', '*', true);
      return;
    end if;
    if strpos(so_far || ' ', ' ' || tag || ' ') = 0 then so_far := so_far || ' ' || tag; end if;
  end loop;
  perform set_config('dnevnik.screens_touched', so_far, true);
end $$;`);
    // The outbox rows of a statement, once per statement.
    this.addSql(`
create or replace function domain_event_touched() returns trigger language plpgsql as $$
begin
  perform screens_touched(array(
    select 's:' || student_id from added where student_id is not null
    union select 'g:' || group_id from added where group_id is not null));
  return null;
end $$;`);
    this.addSql(
      `create trigger "domain_event_touched" after insert on "domain_event" referencing new table as added for each statement execute function domain_event_touched();`,
    );
    // One function notifies a viewer change and notes it; the triggers of Migration20261202110000_live_viewer_changed
    // and the service that renames people (people.service.ts) call it.
    this.addSql(`
create or replace function viewer_changed_announce(who text) returns void language plpgsql as $$
begin
  perform pg_notify('viewer_changed', who);
  perform screens_touched(array[case when who = '*' then '*' else 'p' end]);
end $$;`);
    this.addSql(viewerChanged((who) => `viewer_changed_announce(${who})`));
  }

  override down(): void {
    this.addSql(viewerChanged((who) => `pg_notify('viewer_changed', ${who})`));
    this.addSql(`drop function if exists viewer_changed_announce(text);`);
    this.addSql(`drop trigger if exists "domain_event_touched" on "domain_event";`);
    this.addSql(`drop function if exists domain_event_touched();`);
    this.addSql(`drop function if exists screens_touched(text[]);`);
  }
}
