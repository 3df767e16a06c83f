/**
 * The outbox events the journal writes (kernel/events.ts): one type per event, shared by the writers
 * (journal.writes.sql.ts, journal.service.ts, flagged-marks.ts) and the readers (realtime/, notifications/notices.ts).
 * Routing columns: each is about one student (`studentId`) of one group (`groupId`); `lesson.changed` is timetable's.
 */
import type { AttendanceStatus, FinalMarkKind, RemarkKind } from './journal.entity.js';

declare module '../../kernel/events.js' {
  interface DomainEvents {
    /** R-J4: a mark put; live MARK_CREATED, a notice to the family. */
    'mark.created': { markId: string; lessonId: string; value: string };
    /** A mark's value or work type changed, with a reason; live, a notice. */
    'mark.changed': { markId: string; value: string; oldValue: string };
    /** Retracted by its teacher, or on review of a flagged mark; live, a notice. */
    'mark.retracted': { markId: string; value: string };
    /** Issue 18: a flagged mark confirmed on review: it counts again (kept screens only). */
    'mark.confirmed': { markId: string; value: string };
    /** Issue 18: a mark made from an account reported compromised: it leaves the averages (kept screens only). */
    'mark.flagged': { markId: string };
    /** R-J3: an attendance entry set; live, a notice. */
    'attendance.changed': { lessonId: string; status: AttendanceStatus };
    /** R-J8; live, a notice. */
    'remark.added': { remarkId: string; kind: RemarkKind };
    /** R-J6: a period, annual, exam or final mark set or changed; live, a notice. */
    'finalMark.set': { finalMarkId: string; kind: FinalMarkKind; value: string | null };
    /** R-D4: the family saw the mark (kept screens only). */
    'finalMark.acknowledged': { finalMarkId: string };
    /** R-J7: the family told of an intended period mark below the average; a notice. */
    'intendedMark.announced': { noticeId: string; intendedMark: number; average: string };
  }
}
