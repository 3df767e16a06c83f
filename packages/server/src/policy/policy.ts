/**
 * THE access policy's questions: "may this viewer see/do this?" asked of the per-request Viewer and the
 * object itself (who is staff of a school, who sees a pupil, a student's record, a diary...).
 *
 * The rules made of them live beside each module (`modules/<area>/<area>.policy.ts`, module-rules.ts):
 * - `query` / `subscription`: every root field, checked before its resolver runs;
 * - `mutation`: every Mutation field, judged on the facts of its target in the mutation's transaction
 *   before anything is written (write-rule.ts);
 * - `types`: every object type, checked wherever an object of that type is returned (root field, nested
 *   field, list item, payload, event); a denied object becomes null, or is left out of a list;
 * - `fields`: personal fields of a visible object that only some viewers may see (others get null).
 *
 * graphql/schema.ts merges them (a name ruled twice is an error) and `applyPolicy` refuses to build a
 * schema with a root field, mutation or object type without a rule, so a field added without a rule
 * fails the build and every test. Rules are synchronous functions of the Viewer and the object: no I/O,
 * no cache keyed on anything but the object.
 */
import { AppError, forbidden } from '../kernel/errors.js';
import { mayGrantRoleIn } from './grant-table.js';
import { Role } from './roles.js';
import { holdsRoleIn, type Ground } from './single-write.js';
import type { RootRule } from './type-rule.js';
import type { Viewer } from './viewer.js';

export const STAFF_ROLES = [Role.SCHOOL_ADMIN, Role.DIRECTOR, Role.DEPUTY_DIRECTOR, Role.TEACHER, Role.CLASS_TEACHER, Role.SECRETARY, Role.HR];

/** Who may sign in with the API scope and send their own documents (trusted documents): staff, inspectors, system administrators. */
export const API_ROLES = [...STAFF_ROLES, Role.INSPECTOR, Role.SYSTEM_ADMIN];

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
/** What `canAdministerSchool` rests on, which a single write's statement checks again (single-write.ts). */
export const administration = (schoolId: string): Ground => holdsRoleIn(schoolId, ADMIN_ROLES);
/** R-A1: the secretary keeps student movements. */
export const canManageStudents = (viewer: Viewer | null, schoolId: string) => hasRoleIn(viewer, schoolId, [...ADMIN_ROLES, Role.SECRETARY]);
/** R-A1: the HR specialist keeps staff lists. */
export const canManageStaff = (viewer: Viewer | null, schoolId: string) => hasRoleIn(viewer, schoolId, [...ADMIN_ROLES, Role.HR]);

/** Throws FORBIDDEN unless `allowed`; the message never names what the viewer may not see. */
export function ensure(allowed: boolean, message?: string): void {
  if (!allowed) throw forbidden(message);
}

/** Who may read a group's journal: its teacher, the class teacher of its class (read-only), the administration. */
export function canReadJournal(viewer: Viewer | null, group: { id: string; schoolId: string; classId: string | null }): boolean {
  return (
    !!viewer &&
    (viewer.taughtGroupIds.has(group.id) || (!!group.classId && viewer.ledClassIds.has(group.classId)) || canAdministerSchool(viewer, group.schoolId))
  );
}

/**
 * R-A3, R-A4: a record about one student (mark, absence, remark, average): the student and their
 * parents with consent; the teacher of the group; the class teacher; the administration; for a
 * record of one lesson, that lesson's approved substitute.
 */
export function canSeeStudentRecord(
  viewer: Viewer | null,
  r: { schoolId: string; studentId: string; groupId: string; classId: string | null; lessonId?: string },
): boolean {
  if (!viewer) return false;
  if (viewer.userId === r.studentId) return viewer.selfDiaryAllowed;
  if (viewer.childIds.has(r.studentId)) return viewer.consentedChildIds.has(r.studentId);
  if (r.lessonId && viewer.substitutedLessonIds.has(r.lessonId)) return true;
  return canReadJournal(viewer, { id: r.groupId, schoolId: r.schoolId, classId: r.classId });
}

export type DiaryAccess = 'ALLOWED' | 'CONSENT_REQUIRED' | 'DENIED';

/**
 * R-A3, R-A6: a student's diary is open to the student and their parents only with a recorded
 * consent (a parent's own, for a parent); of the staff, to those who see the pupil (`seesPupil`).
 */
export function diaryAccess(viewer: Viewer | null, student: { id: string; schoolId: string }): DiaryAccess {
  if (!viewer) return 'DENIED';
  if (viewer.userId === student.id) return viewer.selfDiaryAllowed ? 'ALLOWED' : 'CONSENT_REQUIRED';
  if (viewer.childIds.has(student.id)) return viewer.consentedChildIds.has(student.id) ? 'ALLOWED' : 'CONSENT_REQUIRED';
  return seesPupil(viewer, student) ? 'ALLOWED' : 'DENIED';
}

export function ensureDiaryAccess(viewer: Viewer | null, student: { id: string; schoolId: string }): void {
  const access = diaryAccess(viewer, student);
  if (access === 'CONSENT_REQUIRED') {
    throw new AppError('FORBIDDEN', 'CONSENT_REQUIRED', 'The diary opens once consent to personal data processing is recorded.');
  }
  // A student of another family gets the same answer as one that does not exist.
  if (access === 'DENIED') throw new AppError('NOT_FOUND', 'NOT_FOUND', 'No such student.');
}

/**
 * Seed 004 §3.1, R-A3 (issue 14): of the staff, a pupil's data is for those taking part in their
 * teaching — who teach them or lead their class now — and those who administer the school or keep
 * the students' records (the secretary); never for HR or a teacher of other classes.
 */
export function seesPupil(viewer: Viewer | null, student: { id: string; schoolId: string }): boolean {
  return !!viewer && (viewer.pupilIds.has(student.id) || canManageStudents(viewer, student.schoolId));
}

/** R-A3: a parent sees their own children, a student themself, staff their pupils (`seesPupil`). */
export function canSeeStudent(viewer: Viewer | null, student: { id: string; schoolId: string }): boolean {
  if (!viewer) return false;
  return viewer.userId === student.id || viewer.childIds.has(student.id) || seesPupil(viewer, student);
}

/**
 * R-A4, R-R1, R-R4: what is about a whole class (its live events, summary sheets, analytics): its class
 * teacher and the school's administration.
 */
export function canWatchClass(viewer: Viewer | null, schoolClass: { id: string; schoolId: string }): boolean {
  return !!viewer && (viewer.ledClassIds.has(schoolClass.id) || canAdministerSchool(viewer, schoolClass.schoolId));
}

/** R-O7, R-A6: who keeps a student's records (movements, consents): administration, the secretary, the class teacher. */
export function keepsStudentRecords(viewer: Viewer | null, r: { schoolId: string; classIds: (string | null)[] }): boolean {
  return canManageStudents(viewer, r.schoolId) || (!!viewer && r.classIds.some((id) => !!id && viewer.ledClassIds.has(id)));
}

/** R-A6: a consent is seen by its giver, the student's family and those who keep the register. */
export function canSeeConsent(viewer: Viewer | null, c: { schoolId: string; studentId: string; givenById: string; classId: string | null }): boolean {
  if (!viewer) return false;
  return (
    viewer.userId === c.givenById ||
    viewer.userId === c.studentId ||
    viewer.childIds.has(c.studentId) ||
    keepsStudentRecords(viewer, { schoolId: c.schoolId, classIds: [c.classId] })
  );
}

/** R-O6: a person's record: themself, and whoever manages people of their kind in a school where they are. */
export function canSeePerson(viewer: Viewer | null, p: { id: string; staffSchoolIds: string[]; familySchoolIds: string[] }): boolean {
  if (!viewer) return false;
  return viewer.userId === p.id || p.staffSchoolIds.some((s) => canManageStaff(viewer, s)) || p.familySchoolIds.some((s) => canManageStudents(viewer, s));
}

/**
 * R-A3, R-O6: personal fields (phone, e-mail, address, birth date) of a student: the student, their
 * parents, and those who keep their record (administration, secretary, class teacher). Other staff
 * and other families see null; a teacher's name stays public within the school (StaffMember).
 */
export function canSeePersonalData(viewer: Viewer | null, p: { id: string; schoolId: string; classId: string | null }): boolean {
  if (!viewer) return false;
  return viewer.userId === p.id || viewer.childIds.has(p.id) || keepsStudentRecords(viewer, { schoolId: p.schoolId, classIds: [p.classId] });
}

/** A role grant: its holder, whoever keeps the lists of such people in that school, and whoever may grant it (grant-table.ts). */
export function canSeeGrant(viewer: Viewer | null, g: { userId: string; schoolId: string | null; role: Role }): boolean {
  if (!viewer) return false;
  if (viewer.userId === g.userId) return true;
  if (!g.schoolId) return false;
  if (mayGrantRoleIn(viewer, g.role, g.schoolId)) return true;
  return g.role === Role.STUDENT || g.role === Role.PARENT ? canManageStudents(viewer, g.schoolId) : canManageStaff(viewer, g.schoolId);
}

/**
 * R-A3, R-A4: what sums a student up across subjects (a period report, absences): the family behind
 * the diary gate; of the staff, the class teacher of the student's class and the administration, not
 * the teacher of one subject.
 */
export function canSeeWholeRecord(viewer: Viewer | null, r: { studentId: string; schoolId: string; classId: string | null }): boolean {
  if (!viewer) return false;
  if (viewer.userId === r.studentId || viewer.childIds.has(r.studentId)) return diaryAccess(viewer, { id: r.studentId, schoolId: r.schoolId }) === 'ALLOWED';
  return canAdministerSchool(viewer, r.schoolId) || (!!r.classId && viewer.ledClassIds.has(r.classId));
}

/**
 * R-R1..R-R4: a report object is read by whoever may read what it is about: one student (their whole
 * record: see canSeeWholeRecord), else a class (its class teacher, the administration), else a school
 * (its administration, and the authority's inspectors, who only ever get aggregates without names),
 * else an authority (its inspectors).
 */
export function canReadReport(
  viewer: Viewer | null,
  r: { schoolId: string | null; classId: string | null; studentId: string | null; authorityId: string | null },
): boolean {
  if (!viewer) return false;
  const ofAuthority = !!r.authorityId && viewer.authorityIds.has(r.authorityId);
  if (r.schoolId && r.studentId) return canSeeWholeRecord(viewer, { studentId: r.studentId, schoolId: r.schoolId, classId: r.classId });
  if (r.schoolId && r.classId) return canWatchClass(viewer, { id: r.classId, schoolId: r.schoolId });
  if (r.schoolId) return canAdministerSchool(viewer, r.schoolId) || ofAuthority;
  return ofAuthority;
}

// ── messaging (R-C1..R-C3) ──────────────────────────────────────────────────

/** What the messaging service found about a person in one school, for `mayWriteTo`. */
export interface Addressee {
  id: string;
  schoolId: string;
  /** On the school's staff now. */
  staff: boolean;
  /** Enrolled in the school now. */
  student: boolean;
  /** A parent of a child enrolled in the school now. */
  parent: boolean;
}

/** Staff of the school in a role other than HR. */
const worksWithFamilies = (viewer: Viewer, schoolId: string) =>
  hasRoleIn(
    viewer,
    schoolId,
    STAFF_ROLES.filter((r) => r !== Role.HR),
  );

/**
 * R-C1: who may start a conversation with whom, within one school. Staff write to anyone of the
 * school (HR: to the staff only); parents and students write to the school's staff, never to another family (parents talk
 * together only in a conversation a teacher opened for all parents of a group or class).
 */
export function mayWriteTo(viewer: Viewer | null, to: Addressee): boolean {
  if (!viewer || viewer.userId === to.id) return false;
  // HR keeps staff lists: families (and with a parent, their child's name and class) are not theirs (seed 004 §3.1).
  if (isStaffOf(viewer, to.schoolId)) return to.staff || ((to.student || to.parent) && worksWithFamilies(viewer, to.schoolId));
  return hasRoleIn(viewer, to.schoolId, [Role.PARENT, Role.STUDENT]) && to.staff;
}

/** A conversation with all parents of a group or class: its teacher, the class teacher, the administration. */
export function mayAddressParentsOf(viewer: Viewer | null, a: { schoolId: string; groupId: string | null; classId: string | null }): boolean {
  return (
    !!viewer &&
    ((!!a.groupId && viewer.taughtGroupIds.has(a.groupId)) || (!!a.classId && viewer.ledClassIds.has(a.classId)) || canAdministerSchool(viewer, a.schoolId))
  );
}

/** A conversation, its messages, files and people are seen by those in it, nobody else (not even the administration). */
export const isParticipant = (viewer: Viewer | null, o: { participantIds: readonly string[] }) => !!viewer && o.participantIds.includes(viewer.userId);

/** R-C2: letters past their answer date are listed for the class teacher of the class and the administration. */
export const canSeeOverdueLetters = (viewer: Viewer | null, o: { schoolId: string; classId: string | null }) =>
  canAdministerSchool(viewer, o.schoolId) || (!!o.classId && !!viewer?.ledClassIds.has(o.classId));

/** R-C3: the class teacher posts on the class wall. */
export const mayPostToClassWall = (viewer: Viewer | null, wall: { classId: string }) => !!viewer?.ledClassIds.has(wall.classId);

/** R-C3: a class wall is read by the class's students, their parents and the school's staff. */
export function mayReadClassWall(viewer: Viewer | null, wall: { schoolId: string; studentIds: readonly string[] }): boolean {
  if (!viewer) return false;
  return isStaffOf(viewer, wall.schoolId) || wall.studentIds.some((id) => id === viewer.userId || viewer.childIds.has(id));
}
