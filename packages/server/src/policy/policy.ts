/**
 * THE access policy: the one place that answers "may this viewer see/do this?".
 *
 * - `rootRules`: every Query/Subscription field, checked before its resolver runs.
 * - `writeRules` (write-rules.ts, from each module's `<area>.policy.ts`): every Mutation field,
 *   judged on the facts of its target in the mutation's transaction before anything is written.
 * - `typeRules`: every object type, checked wherever an object of that type is returned
 *   (root field, nested field, list item, payload, event). A denied object becomes null, or is
 *   left out of a list.
 *
 * `applyPolicy` refuses to build a schema with a root field or an object type missing here,
 * so a field added without a rule fails the build and every test.
 * Rules are synchronous functions of the per-request Viewer and the object itself: no I/O,
 * no cache keyed on anything but the object.
 */
import { AppError, forbidden } from '../kernel/errors.js';
import { mayGrantRoleIn } from './grant-table.js';
import { Role } from './roles.js';
import type { FieldRules, TypeRules } from './type-rule.js';
import type { Viewer } from './viewer.js';

export type RootRule = (viewer: Viewer | null) => boolean;

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

/** Queries and subscriptions; every mutation has a write rule instead (write-rules.ts). */
export const rootRules: Record<'Query' | 'Subscription', Record<string, RootRule>> = {
  Query: {
    viewer: anyone, // answers null to an anonymous caller
    oidcSignInUrl: anyone,
    // School structure: members of a school read it; type rules drop what is not theirs.
    schools: signedIn,
    school: signedIn,
    authoritySummary: withRole(Role.INSPECTOR),
    timetable: signedIn,
    lessons: withRole(...STAFF_ROLES),
    teacherDay: withRole(...STAFF_ROLES), // the viewer's own lessons
    lessonFiles: signedIn, // each file by its type rule
    substitutionRequests: withRole(...ADMIN_ROLES), // of a school the viewer administers (the service checks which)
    studentWeek: signedIn, // the diary gate (consent, family) is checked per student
    // Journal and diary (R-J*, R-D*): the journal for staff, the diary behind the consent gate.
    journal: withRole(...STAFF_ROLES),
    diary: signedIn,
    studentTerm: signedIn,
    marksNeeded: signedIn,
    thematicPlan: withRole(...STAFF_ROLES),
    journalRemarks: withRole(...STAFF_ROLES), // the type rule keeps them to readers of that journal
    intendedMarkNotices: signedIn,
    noticeProblems: withRole(...ADMIN_ROLES),
    events: signedIn, // scoped by the service to what the viewer's family or staff role covers
    exams: signedIn, // behind the diary gate
    // People (R-O6, R-O7, R-A6, R-A8, R-A2): the services check the school the question is about.
    people: withRole(...ADMIN_ROLES, Role.SECRETARY, Role.HR),
    homeSchooling: withRole(...ADMIN_ROLES, Role.SECRETARY, Role.CLASS_TEACHER), // the type rule keeps each to those who keep the pupil's records
    movements: withRole(...ADMIN_ROLES, Role.SECRETARY, Role.CLASS_TEACHER),
    consentRegister: withRole(...ADMIN_ROLES, Role.SECRETARY, Role.CLASS_TEACHER),
    studentProfile: signedIn, // the diary gate (consent, family) is checked per student
    classParentActivity: withRole(...ADMIN_ROLES, Role.CLASS_TEACHER),
    flaggedChanges: withRole(...ADMIN_ROLES),
    // Messaging (R-C1..R-C3): conversations are the participants' own; the services check the school.
    conversations: signedIn,
    conversation: signedIn,
    unreadMessageCount: signedIn,
    contacts: signedIn,
    overdueLetters: withRole(...ADMIN_ROLES, Role.CLASS_TEACHER),
    classWall: signedIn,
    // Notifications (R-C4): the viewer's own settings and notices.
    notificationSettings: signedIn,
    notices: signedIn,
    unreadNoticeCount: signedIn,
    progressReport: signedIn, // the diary gate (consent, family) is checked per student
    // Web Push (issue 10): the server's public key; one's own devices.
    pushPublicKey: signedIn,
    pushSubscriptions: signedIn,
    auditLog: withRole(...ADMIN_ROLES),
    // Reports (R-R1..R-R4): the services check the class, school or student the report is about.
    classSummary: withRole(...ADMIN_ROLES, Role.CLASS_TEACHER),
    fillRate: withRole(...ADMIN_ROLES),
    studentPeriodReport: signedIn, // behind the diary gate
    periodAnalytics: withRole(...ADMIN_ROLES, Role.CLASS_TEACHER),
    // The class teacher's monitor and absence register (R-A4): the service checks the class (canWatchClass).
    classDay: withRole(...ADMIN_ROLES, Role.CLASS_TEACHER),
    absenceRegister: withRole(...ADMIN_ROLES, Role.CLASS_TEACHER),
    studentYearMarks: signedIn, // behind the diary gate
    authorityStatistics: withRole(Role.INSPECTOR),
    // Issue 18: deadlines and duties; the resolvers check the school.
    schoolSettings: withRole(...ADMIN_ROLES),
    flaggedMarks: withRole(...ADMIN_ROLES),
    lateEntries: withRole(...ADMIN_ROLES),
    missedPeriodMarks: withRole(...ADMIN_ROLES),
    duties: withRole(...ADMIN_ROLES, Role.CLASS_TEACHER), // the service keeps a class teacher to their classes
    yearTransition: withRole(...ADMIN_ROLES), // of a year of a school the viewer administers (the resolver checks which)
  },
  Subscription: {
    // Realtime (issue 6): the diary gate (family, consent) and the class-watch rule are checked at
    // subscribe and again for every batch of events against a freshly loaded viewer (realtime/realtime.ts).
    diaryEvents: signedIn,
    classEvents: withRole(...ADMIN_ROLES, Role.CLASS_TEACHER),
    messageEvents: signedIn, // the viewer's own events in a school they belong to
  },
};

/** Every object type's rule, typed by the type's source (type-rule.ts `TypeSources`). */
export const typeRules: TypeRules = {
  Viewer: (viewer, o) => viewer?.userId === o.id,
  LoginPayload: (viewer, o) => viewer?.userId === o.userId,
  ViewerAbilities: (viewer, o) => viewer?.userId === o.userId,
  School: (viewer, o) => canSeeSchool(viewer, o.id) || !!viewer?.authorityIds.has(o.authorityId),
  SchoolSummary: (viewer, o) => !!viewer?.authorityIds.has(o.authorityId),
  // The structure of a school is not personal: every member of the school may read it.
  AcademicYear: (viewer, o) => canSeeSchool(viewer, o.schoolId),
  ReportingPeriod: (viewer, o) => canSeeSchool(viewer, o.schoolId),
  Holiday: (viewer, o) => canSeeSchool(viewer, o.schoolId),
  Subject: (viewer, o) => canSeeSchool(viewer, o.schoolId),
  CurriculumItem: (viewer, o) => canSeeSchool(viewer, o.schoolId),
  SchoolClass: (viewer, o) => canSeeSchool(viewer, o.schoolId),
  StudyGroup: (viewer, o) => canSeeSchool(viewer, o.schoolId),
  TimetableSlot: (viewer, o) => canSeeSchool(viewer, o.schoolId),
  Lesson: (viewer, o) => canSeeSchool(viewer, o.schoolId),
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
  // Events are not personal; the `events` query scopes class events to the viewer's classes.
  SchoolEvent: (viewer, o) => canSeeSchool(viewer, o.schoolId),
  // An exam entry is the student's record, not a journal's: the family behind the diary gate, and those who keep the register.
  ExamEntry: (viewer, o) =>
    viewer?.userId === o.studentId || viewer?.childIds.has(o.studentId)
      ? diaryAccess(viewer, { id: o.studentId, schoolId: o.schoolId }) === 'ALLOWED'
      : keepsStudentRecords(viewer, { schoolId: o.schoolId, classIds: [o.classId] }),
  IntendedMarkNotice: canSeeStudentRecord,
  NoticeProblem: canSeeStudentRecord,
  PlanTopic: (viewer, o) => isStaffOf(viewer, o.schoolId),
  ThematicPlan: (viewer, o) => canReadJournal(viewer, { id: o.groupId, schoolId: o.schoolId, classId: o.classId }),
  JournalRemark: (viewer, o) => canReadJournal(viewer, { id: o.groupId, schoolId: o.schoolId, classId: o.classId }),
  JournalPage: (viewer, o) => canReadJournal(viewer, { id: o.groupId, schoolId: o.schoolId, classId: o.classId }),
  DiaryWeek: (viewer, o) => diaryAccess(viewer, { id: o.studentId, schoolId: o.schoolId }) === 'ALLOWED',
  // A teacher's name and position are for everyone in their school (parents included).
  StaffMember: (viewer, o) => canSeeSchool(viewer, o.schoolId),
  Student: (viewer, o) => canSeeStudent(viewer, o),
  // People (issue 3).
  StudentProfile: (viewer, o) => diaryAccess(viewer, o) === 'ALLOWED',
  Guardian: (viewer, o) => canSeeStudent(viewer, { id: o.studentId, schoolId: o.schoolId }),
  Enrolment: (viewer, o) => canSeeStudent(viewer, { id: o.studentId, schoolId: o.schoolId }),
  Person: (viewer, o) => canSeePerson(viewer, o),
  RoleGrant: (viewer, o) => canSeeGrant(viewer, o),
  CreatePersonPayload: (viewer, o) => viewer?.userId === o.createdById,
  ImportReport: (viewer, o) => viewer?.userId === o.createdById,
  ImportRow: (viewer, o) => viewer?.userId === o.createdById,
  StudentMovement: (viewer, o) => keepsStudentRecords(viewer, { schoolId: o.schoolId, classIds: [o.fromClassId, o.toClassId] }),
  HomeSchooling: (viewer, o) => keepsStudentRecords(viewer, { schoolId: o.schoolId, classIds: [o.classId] }),
  Consent: (viewer, o) => canSeeConsent(viewer, o),
  ConsentRegisterEntry: (viewer, o) => keepsStudentRecords(viewer, { schoolId: o.schoolId, classIds: [o.classId] }),
  ClassRecords: (viewer, o) => canWatchClass(viewer, { id: o.classId, schoolId: o.schoolId }),
  ParentActivity: (viewer, o) => canAdministerSchool(viewer, o.schoolId) || !!viewer?.ledClassIds.has(o.classId),
  AuditEvent: (viewer, o) => !!o.schoolId && canAdministerSchool(viewer, o.schoolId),
  CompromiseReport: (viewer, o) => viewer?.userId === o.reportedById,
  MessageEvent: (viewer, o) => viewer?.userId === o.recipientId,
  // Realtime (issue 6): an event is a record about a student (for a lesson change, the diary's student).
  DiaryEvent: (viewer, o) =>
    diaryAccess(viewer, { id: o.studentId, schoolId: o.schoolId }) === 'ALLOWED' && (!o.groupId || canSeeStudentRecord(viewer, { ...o, groupId: o.groupId })),
  ClassEvent: (viewer, o) =>
    canWatchClass(viewer, { id: o.watchedClassId, schoolId: o.schoolId }) &&
    !!o.groupId &&
    (o.studentId
      ? canSeeStudentRecord(viewer, { schoolId: o.schoolId, studentId: o.studentId, groupId: o.groupId, classId: o.classId })
      : canReadJournal(viewer, { id: o.groupId, schoolId: o.schoolId, classId: o.classId })),
  // Messaging (R-C1..R-C3): only the people in a conversation see it, its messages, files and people.
  Conversation: isParticipant,
  Participant: isParticipant,
  Message: isParticipant,
  Attachment: isParticipant,
  ReadReceipt: (viewer, o) => viewer?.userId === o.authorId || viewer?.userId === o.readerId,
  Contact: (viewer, o) => mayWriteTo(viewer, o),
  // Named to staff only: a family's contacts are staff, who list no children.
  ContactChild: (viewer, o) => isStaffOf(viewer, o.schoolId),
  OverdueLetter: canSeeOverdueLetters,
  // A wall post is an announcement, like a class event: not personal; `classWall` scopes it to the class.
  WallPost: (viewer, o) => canSeeSchool(viewer, o.schoolId),
  // Notifications (R-C4, R-C5): one's own; a progress report is the diary's.
  NotificationSettings: (viewer, o) => viewer?.userId === o.userId,
  Notice: (viewer, o) => viewer?.userId === o.recipientId,
  PushSubscription: (viewer, o) => viewer?.userId === o.userId,
  ProgressReport: (viewer, o) => canSeeWholeRecord(viewer, o),
  ProgressSubject: canSeeStudentRecord,
  AttendanceSummary: (viewer, o) => canSeeWholeRecord(viewer, o),
  AuditEventConnection: (viewer, o) => canAdministerSchool(viewer, o.schoolId),
  AuditEventEdge: (viewer, o) => canAdministerSchool(viewer, o.schoolId),
  PageInfo: (viewer) => viewer !== null, // positions in a list, nothing more
  // Reports (R-R1..R-R4): each object carries what it is about.
  ClassSummary: canReadReport,
  SummarySubject: canReadReport,
  SummaryRow: canReadReport,
  SummaryCell: canReadReport,
  AttendanceTally: canReadReport,
  PeriodMarkStats: canReadReport,
  FillRate: canReadReport,
  FillRateRow: canReadReport,
  StudentPeriodReport: canReadReport,
  ReportSubject: canReadReport,
  ClassSubjectStats: canReadReport,
  SchoolStatistics: canReadReport,
  AuthorityStatistics: canReadReport,
  SchoolSettings: (viewer, o) => canAdministerSchool(viewer, o.schoolId),
  LateEntry: (viewer, o) => canAdministerSchool(viewer, o.schoolId),
  MissedPeriodMarks: (viewer, o) => canAdministerSchool(viewer, o.schoolId),
  Duty: (viewer, o) => canAdministerSchool(viewer, o.schoolId) || (!!o.classId && !!viewer?.ledClassIds.has(o.classId)),
  // Issue 17: the year transition is the administration's (names and debts of every pupil of the year).
  YearTransition: (viewer, o) => canAdministerSchool(viewer, o.schoolId),
  YearTransitionClass: (viewer, o) => canAdministerSchool(viewer, o.schoolId),
  YearTransitionPupil: (viewer, o) => canAdministerSchool(viewer, o.schoolId),
  YearTransitionDebt: (viewer, o) => canAdministerSchool(viewer, o.schoolId),
  YearTransitionResult: (viewer, o) => canAdministerSchool(viewer, o.schoolId),
  // Issue 18: the history of a period or final mark is read like the mark.
  FinalMarkChange: canSeeStudentRecord,
};

/** Fields of visible objects that only some viewers may see (personal data): others get null. */
const studentPersonal = (viewer: Viewer | null, o: { id: string; schoolId: string; student: { classId: string | null } }) =>
  canSeePersonalData(viewer, { id: o.id, schoolId: o.schoolId, classId: o.student.classId });
export const fieldRules: FieldRules = {
  'StudentProfile.birthDate': studentPersonal,
  'StudentProfile.email': studentPersonal,
  'StudentProfile.phone': studentPersonal,
};
