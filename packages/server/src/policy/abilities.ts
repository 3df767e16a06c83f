/**
 * `viewer.can`: what the web app may offer the viewer, asked of THE policy rather than copied into the
 * client as role lists. A write ability runs the mutation's own write rule (its module's `<area>.policy.ts`) against
 * the viewer's school, its open year and that year's first period, exactly as the mutation would,
 * and answers whether it let the viewer through; a read ability is the query's root rule and the
 * check its service makes. Nothing is written: a write rule only loads facts and judges them.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../kernel/errors.js';
import { auditRules } from '../modules/audit/audit.policy.js';
import { keepsExamRegister } from '../modules/events/events.policy.js';
import { journalRules } from '../modules/journal/journal.policy.js';
import { peopleRules } from '../modules/people/people.policy.js';
import { mayListPeople } from '../modules/people/people.service.js';
import { reportsRules } from '../modules/reports/reports.policy.js';
import { schoolRules } from '../modules/school/school.policy.js';
import { timetableRules } from '../modules/timetable/timetable.policy.js';
import { Role } from './roles.js';
import { canAdministerSchool, hasRoleIn } from './policy.js';
import type { Viewer } from './viewer.js';
import type { WriteCheck } from './write-rule.js';

export interface Abilities {
  /** Query.people: the people list of the school (staff for HR, families for the secretary, all for the administration). */
  listPeople: boolean;
  /** Mutation.importPeople / createPerson: adds people to the school (each role by the grant table). */
  addPeople: boolean;
  /** Mutation.createAcademicYear / closeAcademicYear: plans, closes and opens years. */
  planYear: boolean;
  /** Mutation.createClass / createStudyGroup / setClassTeacher: classes and groups of the open year. */
  editClasses: boolean;
  /** Mutation.setCurriculumHours: the curriculum of the open year. */
  editCurriculum: boolean;
  /** Mutation.generateLessons / setTimetableSlot: the timetable. */
  editTimetable: boolean;
  /** Query.substitutionRequests + Mutation.approveSubstitution: substitutions to approve. */
  approveSubstitutions: boolean;
  /** Mutation.recordMovement: the students' movements and the school's consent register. */
  keepStudentRecords: boolean;
  /** Query.auditLog: the school's audit log. */
  readAuditLog: boolean;
  /** Query.fillRate: how fully teachers keep their journals. */
  readFillRate: boolean;
  /** Query.classSummary / periodAnalytics: summary sheets of the classes one leads or administers. */
  readClassReports: boolean;
  /** Query.authorityStatistics: an inspector's aggregates of the authority's schools (no names). */
  readAuthorityStatistics: boolean;
  /** Mutation.updateSchoolSettings: the school's deadlines and duties (issue 18). */
  editSchoolSettings: boolean;
  /**
   * The administration's control of the journals (issue 18, R-A2, R-J7, R-J9): Query.lateEntries, missedPeriodMarks,
   * noticeProblems, flaggedMarks, flaggedChanges, Mutation.remarkOnJournal and reportCompromise for its people.
   */
  controlJournals: boolean;
  /** Mutation.reviewFlaggedMark: the director or the journal administrator confirms or retracts a flagged mark. */
  reviewFlaggedMarks: boolean;
  /** Mutation.chooseExam / recordExamResult: the students' state exam register (its write rules' own check). */
  keepExamRegister: boolean;
  /** Mutation.commitYearTransition (+ Query.yearTransition): promotes the open year's pupils into the next year (issue 17). */
  promoteStudents: boolean;
}

export const NO_ABILITIES: Abilities = {
  listPeople: false,
  addPeople: false,
  planYear: false,
  editClasses: false,
  editCurriculum: false,
  editTimetable: false,
  approveSubstitutions: false,
  keepStudentRecords: false,
  readAuditLog: false,
  readFillRate: false,
  readClassReports: false,
  readAuthorityStatistics: false,
  editSchoolSettings: false,
  controlJournals: false,
  reviewFlaggedMarks: false,
  keepExamRegister: false,
  promoteStudents: false,
};

/** Whether the mutation's write rule lets the viewer through with these arguments (a refusal is false, anything else is thrown). */
async function passes(em: EntityManager, rule: WriteCheck, args: Record<string, unknown>, viewer: Viewer, now: Date): Promise<boolean> {
  try {
    await rule.decide(em, args, viewer, now);
    return true;
  } catch (error) {
    if (error instanceof AppError && ['FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED'].includes(error.code)) return false;
    throw error;
  }
}

/**
 * What the viewer may do in `schoolId` (the school shown to them; null for one without a school,
 * e.g. an inspector), with the school's open year and its first period as the targets of year-level rules.
 */
export async function abilitiesOf(
  em: EntityManager,
  viewer: Viewer,
  place: { schoolId: string | null; yearId: string | null; periodId: string | null },
  now: Date,
): Promise<Abilities> {
  const readAuthorityStatistics = reportsRules.query.authorityStatistics(viewer) && viewer.authorityIds.size > 0;
  const { schoolId, yearId, periodId } = place;
  if (!schoolId) return { ...NO_ABILITIES, readAuthorityStatistics };
  const pass = (rule: WriteCheck, args: Record<string, unknown>) => passes(em, rule, args, viewer, now);
  return {
    listPeople: peopleRules.query.people(viewer) && mayListPeople(viewer, schoolId),
    addPeople: await pass(peopleRules.mutation.importPeople, { input: { schoolId } }),
    planYear: await pass(schoolRules.mutation.createAcademicYear, { input: { schoolId } }),
    editClasses: !!yearId && (await pass(schoolRules.mutation.createClass, { input: { yearId } })),
    editCurriculum: !!yearId && (await pass(schoolRules.mutation.setCurriculumHours, { input: { yearId } })),
    editTimetable: !!periodId && (await pass(timetableRules.mutation.generateLessons, { periodId })),
    approveSubstitutions: timetableRules.query.substitutionRequests(viewer) && canAdministerSchool(viewer, schoolId),
    keepStudentRecords: await pass(peopleRules.mutation.recordMovement, { input: { schoolId } }),
    readAuditLog: auditRules.query.auditLog(viewer) && canAdministerSchool(viewer, schoolId),
    readFillRate: reportsRules.query.fillRate(viewer) && canAdministerSchool(viewer, schoolId),
    readClassReports: reportsRules.query.classSummary(viewer) && (canAdministerSchool(viewer, schoolId) || viewer.ledClassIds.size > 0),
    readAuthorityStatistics,
    editSchoolSettings: await pass(schoolRules.mutation.updateSchoolSettings, { input: { schoolId } }),
    controlJournals: journalRules.query.lateEntries(viewer) && canAdministerSchool(viewer, schoolId),
    // reviewFlaggedMark's rule (deadlines.policy.ts) judges a mark of the school by these roles.
    reviewFlaggedMarks: hasRoleIn(viewer, schoolId, [Role.DIRECTOR, Role.SCHOOL_ADMIN]),
    keepExamRegister: keepsExamRegister(viewer, schoolId),
    promoteStudents: !!yearId && (await pass(schoolRules.mutation.commitYearTransition, { input: { yearId } })),
  };
}
