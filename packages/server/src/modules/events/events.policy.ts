/** Read and write rules of the calendar and exams (R-D2, R-D3, R-D5). */
import { canAdministerSchool, canManageStudents, canSeeSchool, canSeeStudent, diaryAccess, keepsStudentRecords, signedIn } from '../../policy/policy.js';
import type { Viewer } from '../../policy/viewer.js';
import { todayIso } from '../../kernel/dates.js';
import { inForceOn } from '../../kernel/in-force.js';
import { writeRule, type WriteCheck } from '../../policy/write-rule.js';
import { Enrolment, School, type OfSchool } from '../school/index.js';
import { ExamEntry } from './events.entity.js';
import type { ModuleRules } from '../../policy/module-rules.js';

interface StudentOfSchool extends OfSchool {
  studentId: string;
}

/** Exam choices and results are the student's register: the administration and the secretary keep it (also `viewer.can.keepExamRegister`). */
export const keepsExamRegister = (viewer: Viewer, schoolId: string): boolean => canManageStudents(viewer, schoolId);

const examRegister = {
  visible: (viewer: Viewer, s: StudentOfSchool) => canSeeStudent(viewer, { id: s.studentId, schoolId: s.schoolId }),
  allow: (viewer: Viewer, s: StudentOfSchool) => keepsExamRegister(viewer, s.schoolId),
};

export const eventsWriteRules = {
  // A class event by its class teacher (or the administration); a school event by the administration.
  createSchoolEvent: writeRule<OfSchool & { classId: string | null }, { input: { schoolId: string; classId?: string | null } }>({
    missing: 'No such school.',
    load: async (em, a) => ((await em.findOne(School, a.input.schoolId)) ? { schoolId: a.input.schoolId, classId: a.input.classId ?? null } : null),
    visible: (viewer, e) => canSeeSchool(viewer, e.schoolId),
    allow: (viewer, e) => canAdministerSchool(viewer, e.schoolId) || (!!e.classId && viewer.ledClassIds.has(e.classId)),
  }),
  chooseExam: writeRule<StudentOfSchool, { studentId: string }>({
    missing: 'No such student.',
    load: async (em, a, now, viewer) => {
      const enrolment = await em.findOne(Enrolment, { student: a.studentId, ...inForceOn(todayIso(now, viewer.timeZone)) });
      return enrolment && { studentId: a.studentId, schoolId: enrolment.school.id };
    },
    ...examRegister,
  }),
  recordExamResult: writeRule<StudentOfSchool, { input: { examId: string } }>({
    missing: 'No such exam.',
    load: async (em, a) => {
      const entry = await em.findOne(ExamEntry, a.input.examId);
      return entry && { studentId: entry.student.id, schoolId: entry.school.id };
    },
    ...examRegister,
  }),
} satisfies Record<string, WriteCheck>;

/** The events module's rules, read and write (`defineModule({ rules })`), merged into THE policy by graphql/schema.ts. */
export const eventsRules = {
  query: {
    events: signedIn, // scoped by the service to what the viewer's family or staff role covers
    exams: signedIn, // behind the diary gate
  },
  mutation: eventsWriteRules,
  types: {
    // Events are not personal; the `events` query scopes class events to the viewer's classes.
    SchoolEvent: (viewer, o) => canSeeSchool(viewer, o.schoolId),
    // An exam entry is the student's record, not a journal's: the family behind the diary gate, and those who keep the register.
    ExamEntry: (viewer, o) =>
      viewer?.userId === o.studentId || viewer?.childIds.has(o.studentId)
        ? diaryAccess(viewer, { id: o.studentId, schoolId: o.schoolId }) === 'ALLOWED'
        : keepsStudentRecords(viewer, { schoolId: o.schoolId, classIds: [o.classId] }),
  },
} satisfies ModuleRules;
