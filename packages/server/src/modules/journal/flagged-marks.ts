/**
 * Issue 18, R-A2: marks made from an account later reported compromised. The report flags every mark the
 * account created or changed since the reported moment; a flagged mark stays in the journal and the diary,
 * marked as such, and counts in no average (`COUNTED_MARKS`, `summarizeMarks`) until the director or the
 * journal administrator confirms it (it counts again) or retracts it (it stays, struck through): JournalService.reviewFlaggedMark.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { eventColumns } from '../../kernel/events.js';
import { Mark } from './journal.entity.js';
import { outboxStamp } from '../../realtime/domain-event.entity.js';

/** Flags the standing marks `userId` created or changed since `since`; returns how many. Runs in the report's transaction. */
export async function flagMarksMadeBy(em: EntityManager, userId: string, since: Date, now: Date): Promise<number> {
  // Each flagged mark leaves its student's averages: its outbox row (no live event, no notice) drops the screens
  // kept for the student and the group (graphql/screen-cache.ts), in the same statement and transaction.
  const [{ flagged }] = await em.getConnection().execute<[{ flagged: number }]>(
    `with written as (
       update mark set flagged_at = ? where retracted_at is null and flagged_at is null and id in
         (select mark_id from mark_change where author_id = ? and at >= ? and kind in ('CREATED', 'CHANGED'))
       returning id, school_id, student_id, group_id),
     announced as (insert into domain_event (school_id, student_id, group_id, type, payload, at)
       select school_id, student_id, group_id, ${eventColumns('mark.flagged', { markId: 'id' })}, ? from written)
     select count(*)::int as flagged from written`,
    [now, userId, since, outboxStamp()],
    'all',
    em.getTransactionContext(),
  );
  return flagged;
}

/** The marks of a school awaiting review, oldest first: for its administration. */
export function flaggedMarks(em: EntityManager, schoolId: string): Promise<Mark[]> {
  return em.find(Mark, { school: schoolId, flaggedAt: { $ne: null } }, { populate: ['lesson', 'group'], orderBy: { enteredAt: 'asc' } });
}
