/**
 * Write rules of issue 18. Corrections (a changed or retracted mark, a changed attendance entry or final
 * mark) and late entries (after the deadlines of deadlines.ts) are made, by default, by whoever keeps that
 * journal, with a reason; a school that sets `correctionsByAdministrationOnly` (003 §2.1.4 forbids them to
 * teachers) leaves them to its administration. A mark flagged after a compromise report is reviewed by the
 * director or the journal administrator.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { administration, canAdministerSchool, canSeeSchool, canSeeStudentRecord, hasRoleIn } from '../../policy/policy.js';
import { holdsRoleIn, type Ground } from '../../policy/single-write.js';
import type { Viewer } from '../../policy/viewer.js';
import { writeRule, type Refusal, type WriteCheck } from '../../policy/write-rule.js';
import { Role } from '../../policy/roles.js';
import { ReportingPeriod, groupFacts, type GroupFacts, type DeadlineSettings, StudyGroup } from '../school/index.js';
import { keepsLessonJournal, lessonKeeping, type LessonFacts } from '../timetable/index.js';
import { attendanceDueAt, homeworkDueAt, markDueAt, periodMarkDueAt } from './deadlines.js';
import { FinalMark, FinalMarkKind, type AttendanceStatus } from './journal.entity.js';
import { deadlineSettings, readLesson, readMark, type LessonAsk, type LessonTarget, type MarkRow } from './journal.writes.sql.js';

/** What is decided on: the place written in, and whether this write is a correction or a late entry the school reserves. */
type Reserved<F> = F & { reserved: boolean };

const REFUSAL: Refusal = {
  code: 'FORBIDDEN',
  message: 'In this school corrections and late entries are made by the administration.',
  reason: 'CORRECTIONS_BY_ADMINISTRATION',
};

/** The keeper writes unless the school reserves this write; then the administration does. */
const keeperOrAdministration =
  <F extends GroupFacts>(keeps: (viewer: Viewer, f: F) => boolean) =>
  (viewer: Viewer, f: Reserved<F>): boolean | Refusal =>
    f.reserved ? canAdministerSchool(viewer, f.schoolId) || REFUSAL : keeps(viewer, f);

/** What `keeperOrAdministration(keepsLessonJournal)` rests on: a single write's statement checks it again. */
const keptOrAdministered = (_viewer: Viewer, f: Reserved<LessonFacts>): Ground[] => (f.reserved ? [administration(f.schoolId)] : lessonKeeping(f));

const groupSeen = (viewer: Viewer, g: GroupFacts) => canSeeSchool(viewer, g.schoolId);

/** Does the school reserve corrections, and is this write one (asked only when it does)? */
async function reserved(em: EntityManager, schoolId: string, isCorrection: (s: DeadlineSettings) => Promise<boolean> | boolean) {
  const settings = await deadlineSettings(em, schoolId);
  return settings.correctionsByAdministrationOnly && (await isCorrection(settings));
}

/**
 * A write in a lesson's column, reserved when `late` says so. The facts are the service's own read
 * (journal.writes.sql.ts: the lesson with what the write asks about and the school's settings, in one
 * statement), shared with it; then it writes with one statement (policy/single-write.ts).
 */
function inLesson<A>(
  ask: (a: A) => LessonAsk,
  late: (em: EntityManager, lesson: LessonTarget, a: A, now: Date, s: DeadlineSettings) => Promise<boolean> | boolean,
): WriteCheck {
  return writeRule<Reserved<LessonTarget>, A>({
    missing: 'No such lesson.',
    load: async (em, a, now) => {
      const facts = await readLesson(em, ask(a));
      if (!facts) return null;
      return { ...facts, reserved: await reserved(em, facts.schoolId, (s) => late(em, facts, a, now, s)) };
    },
    visible: groupSeen,
    allow: keeperOrAdministration(keepsLessonJournal),
    singleWrite: keptOrAdministered,
  });
}

/** A change of a standing mark: always a correction. The facts are the service's own read of the mark; one statement writes. */
const markCorrection = <A>(mark: (a: A) => { markId: string; workTypeId?: string | null }): WriteCheck =>
  writeRule<Reserved<MarkRow>, A>({
    missing: 'No such mark.',
    load: async (em, a) => {
      const { markId, workTypeId } = mark(a);
      const row = await readMark(em, markId, workTypeId);
      return row && { ...row, reserved: await reserved(em, row.schoolId, () => true) };
    },
    visible: (viewer, m) => canSeeStudentRecord(viewer, m),
    allow: keeperOrAdministration(keepsLessonJournal),
    singleWrite: keptOrAdministered,
  });

/** R-A2: who decides on a flagged mark. */
const REVIEWERS = [Role.DIRECTOR, Role.SCHOOL_ADMIN];

type PutMarkArgs = { input: { lessonId: string; studentId: string; workTypeId: string } };
type SetAttendanceArgs = { input: { lessonId: string; studentId: string; status: AttendanceStatus } };
type SetLessonContentArgs = { input: { lessonId: string; planTopicId?: string | null; homework?: string | null } };
type SetFinalMarkArgs = { input: { groupId: string; studentId: string; kind: FinalMarkKind; periodId?: string | null } };

export const deadlineWriteRules = {
  putMark: inLesson<PutMarkArgs>(
    (a) => a.input,
    (_em, lesson, _a, now, s) => lesson.workTypeEntryDays !== null && now > markDueAt(s, lesson, { entryDays: lesson.workTypeEntryDays }),
  ),
  setAttendance: inLesson<SetAttendanceArgs>(
    (a) => ({ lessonId: a.input.lessonId, studentId: a.input.studentId }),
    (_em, lesson, a, now, s) => (lesson.attendanceStatus ? lesson.attendanceStatus !== a.input.status : now > attendanceDueAt(s, lesson)),
  ),
  setLessonContent: inLesson<SetLessonContentArgs>(
    (a) => ({ lessonId: a.input.lessonId, planTopicId: a.input.planTopicId }),
    async (em, lesson, a, now, s) => !!a.input.homework?.trim() && a.input.homework.trim() !== lesson.homework && now > (await homeworkDueAt(em, s, lesson)),
  ),
  changeMark: markCorrection<{ input: { markId: string; workTypeId?: string | null } }>((a) => a.input),
  retractMark: markCorrection<{ markId: string }>((a) => ({ markId: a.markId })),
  setFinalMark: writeRule<Reserved<GroupFacts>, SetFinalMarkArgs>({
    missing: 'No such group.',
    load: async (em, a, now) => {
      const facts = await groupFacts(em, a.input.groupId);
      if (!facts) return null;
      const isReserved = await reserved(em, facts.schoolId, async (s) => {
        const group = await em.findOneOrFail(StudyGroup, facts.groupId, { populate: ['school'] });
        const period = a.input.periodId ? await em.findOne(ReportingPeriod, { id: a.input.periodId, school: facts.schoolId }) : null;
        const standing = await em.count(FinalMark, { student: a.input.studentId, group, kind: a.input.kind, period });
        return standing > 0 || (a.input.kind === FinalMarkKind.PERIOD && !!period && now > periodMarkDueAt(s, period, group.school.timezone));
      });
      return { ...facts, reserved: isReserved };
    },
    visible: groupSeen,
    allow: keeperOrAdministration((viewer, g) => viewer.taughtGroupIds.has(g.groupId)),
  }),
  // R-A2: the director or the journal administrator decides on a mark made from a compromised account.
  // The facts are the service's own read of the mark (journal.writes.sql.ts), shared with it: one statement.
  reviewFlaggedMark: writeRule<MarkRow, { markId: string }>({
    missing: 'No such mark.',
    load: (em, a) => readMark(em, a.markId),
    visible: (viewer, m) => canSeeStudentRecord(viewer, m),
    allow: (viewer, m) => hasRoleIn(viewer, m.schoolId, REVIEWERS),
    singleWrite: (_viewer, m) => [holdsRoleIn(m.schoolId, REVIEWERS)],
  }),
} satisfies Record<string, WriteCheck>;
