/**
 * Issue 18, R-A2: marks made from an account later reported compromised. The report flags every mark the
 * account created or changed since the reported moment; a flagged mark stays in the journal and the diary,
 * marked as such, and counts in no average (`COUNTED_MARKS`, `summarizeMarks`) until the director or the
 * journal administrator confirms it (it counts again) or retracts it (it stays, struck through).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, badInput, conflict } from '../../graphql/errors.js';
import type { Viewer } from '../../policy/viewer.js';
import { audit } from '../audit/audit.service.js';
import { User } from '../people/user.entity.js';
import { DomainEvent } from '../../realtime/domain-event.entity.js';
import { Mark, MarkChange, MarkChangeKind } from './journal.entity.js';
import { flushVersioned } from './journal.service.js';

/** Flags the standing marks `userId` created or changed since `since`; returns how many. Runs in the report's transaction. */
export async function flagMarksMadeBy(em: EntityManager, userId: string, since: Date, now: Date): Promise<number> {
  // Each flagged mark leaves its student's averages: its outbox row (no live event, no notice) drops the screens
  // kept for the student and the group (graphql/screen-cache.ts), in the same statement and transaction.
  const [{ flagged }] = await em.getConnection().execute<[{ flagged: number }]>(
    `with written as (
       update mark set flagged_at = ? where retracted_at is null and flagged_at is null and id in
         (select mark_id from mark_change where author_id = ? and at >= ? and kind in ('CREATED', 'CHANGED'))
       returning id, school_id, student_id, group_id),
     announced as (insert into domain_event (school_id, type, student_id, group_id, payload, at)
       select school_id, 'mark.flagged', student_id, group_id, jsonb_build_object('markId', id), ? from written)
     select count(*)::int as flagged from written`,
    [now, userId, since, new Date()],
    'all',
    em.getTransactionContext(),
  );
  return flagged;
}

/** The marks of a school awaiting review, oldest first: for its administration. */
export function flaggedMarks(em: EntityManager, schoolId: string): Promise<Mark[]> {
  return em.find(Mark, { school: schoolId, flaggedAt: { $ne: null } }, { populate: ['lesson', 'group'], orderBy: { enteredAt: 'asc' } });
}

/** The administration's decision on a flagged mark, recorded in its history with the reason. */
export async function reviewFlaggedMark(
  em: EntityManager,
  viewer: Viewer,
  input: { markId: string; version: number; confirm: boolean; reason: string },
  now: Date,
): Promise<Mark> {
  const mark = await em.findOneOrFail(Mark, input.markId, { populate: ['workType', 'lesson', 'group'] });
  if (mark.version !== input.version) throw conflict(`The mark was changed meanwhile (now version ${mark.version}): reload.`, mark.version);
  if (!mark.flaggedAt) throw new AppError('BAD_USER_INPUT', 'MARK_NOT_FLAGGED', 'The mark is not awaiting review.', { field: 'markId' });
  if (input.reason.trim().length < 3) throw badInput('REASON_REQUIRED', 'Say why.', 'reason');
  mark.flaggedAt = null;
  if (!input.confirm) mark.retractedAt = now;
  em.create(MarkChange, {
    school: mark.school,
    mark,
    version: input.version + 1,
    kind: input.confirm ? MarkChangeKind.CONFIRMED : MarkChangeKind.RETRACTED,
    oldValue: mark.value,
    newValue: input.confirm ? mark.value : null,
    oldWorkType: mark.workType.code,
    newWorkType: input.confirm ? mark.workType.code : null,
    reason: input.reason.trim(),
    backdated: false,
    author: em.getReference(User, viewer.userId),
    at: now,
  });
  audit(em, viewer, { action: input.confirm ? 'mark.confirm' : 'mark.retract', entity: 'Mark', entityId: mark.id, schoolId: mark.school.id, data: { value: mark.value, reason: input.reason } }, now);
  // A retraction reaches the family like a teacher's; a confirmed mark stands as it was shown, but counts in the
  // averages again: its outbox row (no live event, no notice) drops the screens kept for it (graphql/screen-cache.ts).
  em.create(DomainEvent, {
    schoolId: mark.school.id,
    type: input.confirm ? 'mark.confirmed' : 'mark.retracted',
    studentId: mark.student.id,
    groupId: mark.group.id,
    payload: { markId: mark.id, value: mark.value },
  });
  await flushVersioned(em, Mark, mark, (current) => `The mark was changed meanwhile (now version ${current}): reload.`);
  return mark;
}
