/**
 * THE access policy: the one place that answers "may this viewer see/do this?".
 *
 * - `rootRules`: every Query/Mutation/Subscription field, checked before its resolver runs.
 * - `typeRules`: every object type, checked wherever an object of that type is returned
 *   (root field, nested field, list item, payload, event). A denied object becomes null, or is
 *   left out of a list.
 *
 * `applyPolicy` refuses to build a schema with a root field or an object type missing here,
 * so a field added without a rule fails the build and every test.
 * Rules are synchronous functions of the per-request Viewer and the object itself: no I/O,
 * no cache keyed on anything but the object.
 */
import { AppError, forbidden } from '../graphql/errors.js';
import { Role } from '../modules/people/role-grant.entity.js';
import type { Viewer } from './viewer.js';

export type RootRule = (viewer: Viewer | null) => boolean;
export type TypeRule = (viewer: Viewer | null, object: any) => boolean;

export const STAFF_ROLES = [
  Role.SCHOOL_ADMIN,
  Role.DIRECTOR,
  Role.DEPUTY_DIRECTOR,
  Role.TEACHER,
  Role.CLASS_TEACHER,
  Role.SECRETARY,
  Role.HR,
];

/** Administration of a school: plans the year, classes, timetable; sees the whole school. */
export const ADMIN_ROLES = [Role.SCHOOL_ADMIN, Role.DIRECTOR, Role.DEPUTY_DIRECTOR];

// ── root-field rules ────────────────────────────────────────────────────────
export const anyone: RootRule = () => true;
export const signedIn: RootRule = (viewer) => viewer !== null;
/** Holds one of the roles somewhere; the service then checks the school the action is about. */
export const withRole =
  (...roles: Role[]): RootRule =>
  (viewer) =>
    !!viewer && roles.some((r) => viewer.roles.has(r));

// ── questions the rules are made of ─────────────────────────────────────────
export function isStaffOf(viewer: Viewer | null, schoolId: string): boolean {
  return !!viewer && viewer.grants.some((g) => g.schoolId === schoolId && STAFF_ROLES.includes(g.role));
}

export function canSeeSchool(viewer: Viewer | null, schoolId: string): boolean {
  return !!viewer && viewer.schoolIds.has(schoolId);
}

export function hasRoleIn(viewer: Viewer | null, schoolId: string, roles: readonly Role[]): boolean {
  return !!viewer && viewer.grants.some((g) => g.schoolId === schoolId && roles.includes(g.role));
}

export const canAdministerSchool = (viewer: Viewer | null, schoolId: string) => hasRoleIn(viewer, schoolId, ADMIN_ROLES);
/** R-A1: the secretary keeps student movements. */
export const canManageStudents = (viewer: Viewer | null, schoolId: string) =>
  hasRoleIn(viewer, schoolId, [...ADMIN_ROLES, Role.SECRETARY]);
/** R-A1: the HR specialist keeps staff lists. */
export const canManageStaff = (viewer: Viewer | null, schoolId: string) => hasRoleIn(viewer, schoolId, [...ADMIN_ROLES, Role.HR]);

/** Throws FORBIDDEN unless `allowed`; the message never names what the viewer may not see. */
export function ensure(allowed: boolean, message?: string): void {
  if (!allowed) throw forbidden(message);
}

export type DiaryAccess = 'ALLOWED' | 'CONSENT_REQUIRED' | 'DENIED';

/**
 * R-A3, R-A6: a student's diary is open to the student and their parents only with a recorded
 * consent (a parent's own, for a parent); to staff of the school by their role.
 */
export function diaryAccess(viewer: Viewer | null, student: { id: string; schoolId: string }): DiaryAccess {
  if (!viewer) return 'DENIED';
  if (viewer.userId === student.id) return viewer.selfDiaryAllowed ? 'ALLOWED' : 'CONSENT_REQUIRED';
  if (viewer.childIds.has(student.id)) return viewer.consentedChildIds.has(student.id) ? 'ALLOWED' : 'CONSENT_REQUIRED';
  return isStaffOf(viewer, student.schoolId) ? 'ALLOWED' : 'DENIED';
}

export function ensureDiaryAccess(viewer: Viewer | null, student: { id: string; schoolId: string }): void {
  const access = diaryAccess(viewer, student);
  if (access === 'CONSENT_REQUIRED') {
    throw new AppError('FORBIDDEN', 'The diary opens once consent to personal data processing is recorded.', {
      reason: 'CONSENT_REQUIRED',
    });
  }
  // A student of another family gets the same answer as one that does not exist.
  if (access === 'DENIED') throw new AppError('NOT_FOUND', 'No such student.');
}

/** R-A3: a parent sees their own children, a student themself, staff the students of their school. */
export function canSeeStudent(viewer: Viewer | null, student: { id: string; schoolId: string }): boolean {
  if (!viewer) return false;
  return viewer.userId === student.id || viewer.childIds.has(student.id) || isStaffOf(viewer, student.schoolId);
}

export const rootRules: Record<'Query' | 'Mutation' | 'Subscription', Record<string, RootRule>> = {
  Query: {
    viewer: anyone, // answers null to an anonymous caller
    // School structure: members of a school read it; type rules drop what is not theirs.
    schools: signedIn,
    school: signedIn,
    authoritySummary: withRole(Role.INSPECTOR),
    timetable: signedIn,
    lessons: withRole(...STAFF_ROLES),
    studentWeek: signedIn, // the diary gate (consent, family) is checked per student
  },
  Mutation: {
    login: anyone,
    logout: signedIn,
    // School structure (R-O2, R-O3): administration; the service checks it is *their* school.
    createAcademicYear: withRole(...ADMIN_ROLES),
    addHoliday: withRole(...ADMIN_ROLES),
    closeAcademicYear: withRole(...ADMIN_ROLES),
    createSubject: withRole(...ADMIN_ROLES),
    setCurriculumHours: withRole(...ADMIN_ROLES),
    createClass: withRole(...ADMIN_ROLES),
    setClassTeacher: withRole(...ADMIN_ROLES),
    createStudyGroup: withRole(...ADMIN_ROLES),
    assignTeacher: withRole(...ADMIN_ROLES),
    // Timetable (R-O4); a substitute may record their own substitution.
    setTimetableSlot: withRole(...ADMIN_ROLES),
    removeTimetableSlot: withRole(...ADMIN_ROLES),
    generateLessons: withRole(...ADMIN_ROLES),
    addLesson: withRole(...ADMIN_ROLES),
    recordSubstitution: withRole(...STAFF_ROLES),
  },
  Subscription: {},
};

export const typeRules: Record<string, TypeRule> = {
  Viewer: (viewer, o: { id: string }) => viewer?.userId === o.id,
  LoginPayload: (viewer, o: { userId: string }) => viewer?.userId === o.userId,
  School: (viewer, o: { id: string; authorityId: string }) => canSeeSchool(viewer, o.id) || !!viewer?.authorityIds.has(o.authorityId),
  SchoolSummary: (viewer, o: { authorityId: string }) => !!viewer?.authorityIds.has(o.authorityId),
  // The structure of a school is not personal: every member of the school may read it.
  AcademicYear: (viewer, o: { schoolId: string }) => canSeeSchool(viewer, o.schoolId),
  ReportingPeriod: (viewer, o: { schoolId: string }) => canSeeSchool(viewer, o.schoolId),
  Holiday: (viewer, o: { schoolId: string }) => canSeeSchool(viewer, o.schoolId),
  Subject: (viewer, o: { schoolId: string }) => canSeeSchool(viewer, o.schoolId),
  CurriculumItem: (viewer, o: { schoolId: string }) => canSeeSchool(viewer, o.schoolId),
  SchoolClass: (viewer, o: { schoolId: string }) => canSeeSchool(viewer, o.schoolId),
  StudyGroup: (viewer, o: { schoolId: string }) => canSeeSchool(viewer, o.schoolId),
  TimetableSlot: (viewer, o: { schoolId: string }) => canSeeSchool(viewer, o.schoolId),
  Lesson: (viewer, o: { schoolId: string }) => canSeeSchool(viewer, o.schoolId),
  // A teacher's name and position are for everyone in their school (parents included).
  StaffMember: (viewer, o: { schoolId: string }) => canSeeSchool(viewer, o.schoolId),
  Student: (viewer, o: { id: string; schoolId: string }) => canSeeStudent(viewer, o),
};
