/**
 * Read and write rules of the journal (R-J1..R-J9): the group's teacher (or the lesson's approved substitute)
 * keeps it; the administration remarks on how it is kept; the family acknowledges final marks.
 * A mark or remark the viewer may not read is answered exactly like a missing one.
 */
import {
  ADMIN_ROLES,
  canAdministerSchool,
  canReadJournal,
  canSeeSchool,
  canSeeStudentRecord,
  diaryAccess,
  isStaffOf,
  signedIn,
  STAFF_ROLES,
  withRole,
} from '../../policy/policy.js';
import type { Viewer } from '../../policy/viewer.js';
import { writeRule, type WriteCheck } from '../../policy/write-rule.js';
import { teachesGroup } from '../../policy/single-write.js';
import { groupFacts, type GroupFacts } from '../school/index.js';
import { keepsLessonJournal, lessonKeeping, type LessonFacts } from '../timetable/index.js';
import { deadlineWriteRules } from './deadlines.policy.js';
import { FinalMark } from './journal.entity.js';
import { readIntendedMarkTarget, readLesson, type LessonAsk } from './journal.writes.sql.js';
import { JournalRemark } from './keeping.entity.js';
import type { ModuleRules } from '../../policy/module-rules.js';

/** A student's record in a group (a final mark). */
interface RecordFacts extends GroupFacts {
  studentId: string;
}

const groupSeen = (viewer: Viewer, g: GroupFacts) => canSeeSchool(viewer, g.schoolId);
const teaches = (viewer: Viewer, g: GroupFacts) => viewer.taughtGroupIds.has(g.groupId);

/** R-D4: who confirms having seen a student's period or final mark: a consented parent, or the student with their own diary open. */
export const mayAcknowledgeMark = (viewer: Viewer | null, studentId: string): boolean =>
  !!viewer && (viewer.consentedChildIds.has(studentId) || (viewer.userId === studentId && viewer.selfDiaryAllowed));

/**
 * Something written in a lesson's column: by the keeper of that lesson's journal. The facts are the read the
 * service then writes from (journal.writes.sql.ts): the lesson with all the write asks about, in one statement;
 * `singleWrite` when the service then writes with one statement too (policy/single-write.ts): its statement checks
 * again that the viewer still keeps the lesson's journal.
 */
const inLesson = <A>(ask: (args: A) => LessonAsk, singleWrite = false): WriteCheck =>
  writeRule<LessonFacts, A>({
    missing: 'No such lesson.',
    load: (em, a) => readLesson(em, ask(a)),
    visible: groupSeen,
    allow: keepsLessonJournal,
    singleWrite: singleWrite ? (_viewer, lesson) => lessonKeeping(lesson) : undefined,
  });

/** Something about the whole group (plan, period marks, notices): by its teacher. */
const byGroupTeacher = <A>(groupId: (args: A) => string): WriteCheck =>
  writeRule<GroupFacts, A>({ missing: 'No such group.', load: (em, a) => groupFacts(em, groupId(a)), visible: groupSeen, allow: teaches });

export const journalWriteRules = {
  // Marks, attendance, homework and final marks: deadlines.policy.ts (a school may reserve corrections and late entries).
  ...deadlineWriteRules,
  // Each asks for what its service needs, so that both share the one read.
  addRemark: inLesson<{ input: { lessonId: string; studentId: string } }>((a) => ({ lessonId: a.input.lessonId, studentId: a.input.studentId }), true),
  attachLessonFiles: inLesson<{ input: { lessonId: string } }>((a) => ({ lessonId: a.input.lessonId })),
  setThematicPlan: byGroupTeacher<{ input: { groupId: string } }>((a) => a.input.groupId),
  // The service's one read (journal.writes.sql.ts) is the rule's facts too.
  announceIntendedMark: writeRule<GroupFacts, { groupId: string; studentId: string; periodId: string }>({
    missing: 'No such group.',
    load: (em, a, now) => readIntendedMarkTarget(em, a, now),
    visible: groupSeen,
    allow: teaches,
    singleWrite: (_viewer, g) => [teachesGroup(g.groupId)],
  }),
  remarkOnJournal: writeRule<GroupFacts, { groupId: string }>({
    missing: 'No such group.',
    load: (em, a) => groupFacts(em, a.groupId),
    visible: groupSeen,
    allow: (viewer, g) => canAdministerSchool(viewer, g.schoolId),
  }),
  resolveJournalRemark: writeRule<GroupFacts, { remarkId: string }>({
    missing: 'No such remark.',
    load: async (em, a) => {
      const remark = await em.findOne(JournalRemark, a.remarkId);
      return remark && groupFacts(em, remark.group.id);
    },
    visible: (viewer, g) => canReadJournal(viewer, { id: g.groupId, schoolId: g.schoolId, classId: g.classId }),
    allow: teaches,
  }),
  // R-D4: the family confirms it saw a period or final mark, behind the diary gate.
  acknowledgeFinalMark: writeRule<RecordFacts, { finalMarkId: string }>({
    missing: 'No such mark.',
    load: async (em, a) => {
      const mark = await em.findOne(FinalMark, a.finalMarkId);
      const group = mark && (await groupFacts(em, mark.group.id));
      return group && { ...group, studentId: mark.student.id };
    },
    visible: (viewer, r) => canSeeStudentRecord(viewer, r),
    allow: (viewer, r) => mayAcknowledgeMark(viewer, r.studentId),
  }),
} satisfies Record<string, WriteCheck>;

/** The journal module's rules, read and write (`defineModule({ rules })`), merged into THE policy by graphql/schema.ts. */
export const journalRules = {
  query: {
    lessonFiles: signedIn, // each file by its type rule
    // Journal and diary (R-J*, R-D*): the journal for staff, the diary behind the consent gate.
    journal: withRole(...STAFF_ROLES),
    diary: signedIn,
    mark: signedIn, // the record's own rule (canSeeStudentRecord), in the resolver and the type rule
    studentTerm: signedIn,
    marksNeeded: signedIn,
    thematicPlan: withRole(...STAFF_ROLES),
    journalRemarks: withRole(...STAFF_ROLES), // the type rule keeps them to readers of that journal
    intendedMarkNotices: signedIn,
    noticeProblems: withRole(...ADMIN_ROLES),
    studentYearMarks: signedIn, // behind the diary gate
    flaggedMarks: withRole(...ADMIN_ROLES),
    lateEntries: withRole(...ADMIN_ROLES),
    missedPeriodMarks: withRole(...ADMIN_ROLES),
  },
  mutation: journalWriteRules,
  types: {
    // R-J1, R-A3: a lesson's homework file is for its pupils (their diary open) and their consented parents, and for whoever keeps or reads the journal.
    LessonFile: (viewer, f) =>
      !!viewer &&
      (canReadJournal(viewer, { id: f.groupId, schoolId: f.schoolId, classId: f.classId }) ||
        viewer.substitutedLessonIds.has(f.lessonId) ||
        f.studentIds.some((id) => (id === viewer.userId && viewer.selfDiaryAllowed) || viewer.consentedChildIds.has(id))),
    WorkType: (viewer, o) => canSeeSchool(viewer, o.schoolId),
    // Records about one student: R-A3 for the family, R-A4 for staff.
    Mark: canSeeStudentRecord,
    MarkChange: canSeeStudentRecord,
    AttendanceMark: canSeeStudentRecord,
    AttendanceChange: canSeeStudentRecord,
    FinalMark: canSeeStudentRecord,
    Remark: canSeeStudentRecord,
    SubjectAverage: canSeeStudentRecord,
    MarksNeeded: canSeeStudentRecord,
    SubjectTerm: canSeeStudentRecord,
    IntendedMarkNotice: canSeeStudentRecord,
    NoticeProblem: canSeeStudentRecord,
    PlanTopic: (viewer, o) => isStaffOf(viewer, o.schoolId),
    ThematicPlan: (viewer, o) => canReadJournal(viewer, { id: o.groupId, schoolId: o.schoolId, classId: o.classId }),
    JournalRemark: (viewer, o) => canReadJournal(viewer, { id: o.groupId, schoolId: o.schoolId, classId: o.classId }),
    JournalPage: (viewer, o) => canReadJournal(viewer, { id: o.groupId, schoolId: o.schoolId, classId: o.classId }),
    DiaryWeek: (viewer, o) => diaryAccess(viewer, { id: o.studentId, schoolId: o.schoolId }) === 'ALLOWED',
    LateEntry: (viewer, o) => canAdministerSchool(viewer, o.schoolId),
    MissedPeriodMarks: (viewer, o) => canAdministerSchool(viewer, o.schoolId),
    // Issue 18: the history of a period or final mark is read like the mark.
    FinalMarkChange: canSeeStudentRecord,
  },
} satisfies ModuleRules;
