/**
 * Issue 18, R-A2: marks made from an account later reported compromised. The report flags every mark the
 * account created or changed since the reported moment; a flagged mark stays in the journal and the diary,
 * marked as such, and counts in no average (`COUNTED_MARKS`, `summarizeMarks`) until the director or the
 * journal administrator confirms it (it counts again) or retracts it (it stays, struck through): JournalService.reviewFlaggedMark.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Mark } from './journal.entity.js';

/** Flags the standing marks `userId` created or changed since `since`; returns how many. Runs in the report's transaction. */
export async function flagMarksMadeBy(em: EntityManager, userId: string, since: Date, now: Date): Promise<number> {
  const { affectedRows } = await em.getConnection().execute<{ affectedRows: number }>(
    `update mark set flagged_at = ? where retracted_at is null and flagged_at is null and id in
       (select mark_id from mark_change where author_id = ? and at >= ? and kind in ('CREATED', 'CHANGED'))`,
    [now, userId, since],
    'run',
    em.getTransactionContext(),
  );
  return affectedRows;
}

/** The marks of a school awaiting review, oldest first: for its administration. */
export function flaggedMarks(em: EntityManager, schoolId: string): Promise<Mark[]> {
  return em.find(Mark, { school: schoolId, flaggedAt: { $ne: null } }, { populate: ['lesson', 'group'], orderBy: { enteredAt: 'asc' } });
}
