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
 * A single write (policy/single-write.ts: one statement, no BEGIN/COMMIT) has no moment before its commit: its
 * statement returns what it touched as one more column (`touchedColumn`, the same routing over the students and
 * groups of its outbox rows), asked for when the process keeps or reads a screen as the statement is sent.
 *
 * Other processes still learn of the commit from the feed only: a read there within its latency (the notification's
 * delivery and the feed's batch, milliseconds; longer behind a big batch) may get the screen kept before it.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { inForceSql } from '../kernel/in-force.js';
import type { Touched } from '../kernel/screens.js';
import { registerSingleWrite, type SqlPart } from '../policy/single-write.js';
import { GROUP_MEMBERS, SCHOOL_DAY } from '../realtime/outbox.js';
import type { ScreenCache } from './screen-cache.js';

/**
 * What the tags (a text[] SQL expression) touched, routed as the feed routes them, at the moment of the first parameter:
 * each enrolment and group on its own school's local date (realtime/outbox.ts `SCHOOL_DAY`).
 */
const touchedSql = (tags: string) => `
with a as (select ?::timestamptz as at),
touched as (select distinct t from unnest(${tags}) t where t <> ''),
ts as (select substr(t, 3)::uuid as id from touched where t like 's:%'),
tg as (select substr(t, 3)::uuid as id from touched where t like 'g:%')
select exists (select 1 from touched where t = '*') as everyone,
  exists (select 1 from touched where t = 'p') as people,
  array(select id::text from ts union select x.student_id::text from tg join study_group tgg on tgg.id = tg.id cross join a ${SCHOOL_DAY('tgg.school_id')}
        cross join lateral (${GROUP_MEMBERS('tg.id')}) x) as "studentIds",
  array(select id::text from tg) as "groupIds",
  array(select en.school_class_id::text from ts join enrolment en on en.student_id = ts.id cross join a ${SCHOOL_DAY('en.school_id')} where ${inForceSql('en', 'd.today')}
        union select g.school_class_id::text from study_group g join tg on tg.id = g.id where g.school_class_id is not null) as "classIds"`;

/** The transaction's note. */
const TOUCHED_SQL = touchedSql(`string_to_array(current_setting('dnevnik.screens_touched', true), ' ')`);

/**
 * A single write's fence (policy/single-write.ts): the statement returns what it touched as one more column, this
 * expression over its tags (the students and groups of its outbox rows, as the note would have them).
 */
export const touchedColumn = (tags: string, now: Date): SqlPart => ({ text: `(select row_to_json(x) from (${touchedSql(tags)}) x)`, params: [now] });

/** `work` in a transaction of `em`; once it has committed, this process's kept screens no longer show what it replaced. */
export async function fencedTransaction<T>(em: EntityManager, screens: ScreenCache, clock: () => Date, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  let touched: Touched | null = null;
  const value = await em.transactional(async (tx) => {
    const done = await work(tx);
    if (screens.interested) {
      // What the unit of work still holds is written first, with its outbox rows (the transaction's own flush is then empty).
      await tx.flush();
      [touched] = await tx.getConnection().execute<Touched[]>(TOUCHED_SQL, [clock()], 'all', tx.getTransactionContext());
    }
    return done;
  });
  screens.committedHere(touched);
  return value;
}

/**
 * `work` on `em`, an EntityManager of its own for ONE writing statement (policy/single-write.ts); once that
 * statement is done, this process's kept screens no longer show what it replaced.
 */
export async function fencedSingleWrite<T>(
  em: EntityManager,
  screens: ScreenCache,
  clock: () => Date,
  authorise: (answer: object) => Promise<SqlPart>,
  work: () => Promise<T>,
): Promise<T> {
  const write = registerSingleWrite(em, { authorise, fence: (tags) => (screens.interested ? touchedColumn(tags, clock()) : null) });
  try {
    return await work();
  } finally {
    if (write.sent) screens.committedHere(write.touched);
  }
}
