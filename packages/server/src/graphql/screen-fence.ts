/**
 * Read-your-writes for the kept screens (screen-cache.ts; docs/ARCHITECTURE.md, "Kept screens"). The outbox feed
 * drops kept screens when a commit's notifications arrive, milliseconds after it; without more, a read right after
 * a write (the writer's own, or anyone's on the same process) could get the screen kept before it. So a mutation's
 * transaction (context.ts `inTransaction`), after its work and just before COMMIT, reads with ONE statement what it
 * touched: the note its outbox rows and viewer changes left in the transaction (Migration20261202186001_screens_touched),
 * routed as the feed routes them (a student's classes, a group's members and class, on the clock's day). As soon as
 * COMMIT returns, before the mutation answers, the process drops those screens; a load that overlapped the commit
 * is answered but not kept, as with the feed. This does not depend on how the commit is announced.
 *
 * The statement is left out when the process keeps no screen and is reading none as the work ends: whatever it
 * keeps before the commit is done then goes whole (nothing else was there to drop).
 *
 * Other processes still learn of the commit from the feed only: a read there within its latency (the notification's
 * delivery and the feed's batch, milliseconds; longer behind a big batch) may get the screen kept before it.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { inForceSql } from '../kernel/in-force.js';
import { GROUP_MEMBERS } from '../realtime/outbox.js';
import type { ScreenCache, Touched } from './screen-cache.js';

const TOUCHED_SQL = `
with d as (select ?::date as today),
touched as (select distinct t from unnest(string_to_array(current_setting('dnevnik.screens_touched', true), ' ')) t where t <> ''),
ts as (select substr(t, 3)::uuid as id from touched where t like 's:%'),
tg as (select substr(t, 3)::uuid as id from touched where t like 'g:%')
select exists (select 1 from touched where t = '*') as everyone,
  exists (select 1 from touched where t = 'p') as people,
  array(select id::text from ts union select x.student_id::text from tg cross join d cross join lateral (${GROUP_MEMBERS('tg.id')}) x) as "studentIds",
  array(select id::text from tg) as "groupIds",
  array(select en.school_class_id::text from ts join enrolment en on en.student_id = ts.id cross join d where ${inForceSql('en', 'd.today')}
        union select g.school_class_id::text from study_group g join tg on tg.id = g.id where g.school_class_id is not null) as "classIds"`;

/** `work` in a transaction of `em`; once it has committed, this process's kept screens no longer show what it replaced. */
export async function fencedTransaction<T>(em: EntityManager, screens: ScreenCache, today: () => string, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  let touched: Touched | null = null;
  const value = await em.transactional(async (tx) => {
    const done = await work(tx);
    if (screens.interested) {
      // What the unit of work still holds is written first, with its outbox rows (the transaction's own flush is then empty).
      await tx.flush();
      [touched] = await tx.getConnection().execute<Touched[]>(TOUCHED_SQL, [today()], 'all', tx.getTransactionContext());
    }
    return done;
  });
  screens.committedHere(touched);
  return value;
}
