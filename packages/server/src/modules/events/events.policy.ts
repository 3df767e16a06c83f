/** Write rules of the calendar and exams (R-D2, R-D3, R-D5). */
import { canAdministerSchool, canManageStudents, canSeeSchool, canSeeStudent } from '../../policy/policy.js';
import type { Viewer } from '../../policy/viewer.js';
import { writeRule, type WriteCheck } from '../../policy/write-rule.js';
import { Enrolment, School, type OfSchool } from '../school/index.js';
import { ExamEntry } from './events.entity.js';

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
    load: async (em, a) => {
      const enrolment = await em.findOne(Enrolment, { student: a.studentId, endsOn: null });
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
