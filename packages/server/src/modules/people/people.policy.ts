/**
 * Read and write rules of people, grants, families, movements and consent (R-O6, R-O7, R-A1, R-A6): who grants
 * and revokes which role, and who links parents, is THE grant table (grant-table.ts); a person keeps
 * their own e-mail and phone, and nobody changes the data of someone who outranks them; a family
 * consents for itself.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  ADMIN_ROLES,
  canAdministerSchool,
  canManageStudents,
  canSeeConsent,
  canSeeGrant,
  canSeePerson,
  canSeePersonalData,
  canSeeSchool,
  canSeeStudent,
  diaryAccess,
  keepsStudentRecords,
  signedIn,
  withRole,
} from '../../policy/policy.js';
import type { Viewer } from '../../policy/viewer.js';
import { writeRule, type Refusal, type WriteCheck } from '../../policy/write-rule.js';
import { todayIso } from '../../kernel/dates.js';
import { RoleGrant, User, School, type OfSchool } from '../school/index.js';
import { Consent } from './consent.entity.js';
import { HomeSchooling } from './home-schooling.entity.js';
import { actsInSchool, GRANT_TABLE, mayGrant, mayGrantRoleIn, mayLinkGuardian, mayRevoke, outranks } from '../../policy/grant-table.js';
import { OWN_FIELDS, PERSON_FIELDS, studentPlacement } from './people.service.js';
import type { UpdatePersonInput } from './people.types.js';
import { Role } from '../../policy/roles.js';
import type { ModuleRules } from '../../policy/module-rules.js';

/** A grant (or the grants asked for) in a school; `userId` null for a person being created. */
interface GrantFacts extends OfSchool {
  userId: string | null;
  roles: Role[];
}

/** A student where they are today. */
interface StudentFacts extends OfSchool {
  studentId: string;
  classId: string | null;
}

/** A person: the roles they hold (in a school or not) where, and which of their fields a change touches. */
interface PersonFacts {
  userId: string;
  grants: { schoolId: string | null; role: Role }[];
  changes: string[];
}

const schoolExists = async (em: EntityManager, schoolId: string) => (await em.findOne(School, schoolId)) !== null;
/** The system administrator acts (appoints) in every school; others in the schools of their grants. */
const actsIn = (viewer: Viewer, o: OfSchool) => actsInSchool(viewer, o.schoolId);

/** The grant table's cell for each role (grant-table.ts), never for oneself; its refusal says who does grant it. */
const mayGrantAll = (viewer: Viewer, g: GrantFacts): true | Refusal => {
  for (const role of g.roles) {
    const may = g.userId === null ? mayGrantRoleIn(viewer, role, g.schoolId) : mayGrant(viewer, role, g.userId, g.schoolId);
    if (may) continue;
    const granters = GRANT_TABLE[role].grantedBy;
    return {
      code: 'FORBIDDEN',
      reason: 'MAY_NOT_GRANT',
      message:
        g.userId === viewer.userId
          ? 'Nobody grants or revokes a role of their own.'
          : granters.length
            ? `${role} is granted and revoked only by ${granters.join(', ')}.`
            : `No school grants ${role}.`,
    };
  }
  return true;
};

const newGrants = <A>(pick: (args: A) => { schoolId: string; roles: Role[]; userId: string | null }): WriteCheck =>
  writeRule<GrantFacts, A>({
    missing: 'No such school.',
    load: async (em, a) => {
      const facts = pick(a);
      return (await schoolExists(em, facts.schoolId)) ? facts : null;
    },
    visible: actsIn,
    allow: mayGrantAll,
  });

const existingGrant = <A>(grantId: (args: A) => string): WriteCheck =>
  writeRule<GrantFacts, A>({
    missing: 'No such grant.',
    load: async (em, a) => {
      const grant = await em.findOne(RoleGrant, grantId(a));
      return grant?.school ? { schoolId: grant.school.id, roles: [grant.role], userId: grant.user.id } : null;
    },
    visible: (viewer, g) => g.roles.every((role) => canSeeGrant(viewer, { userId: g.userId!, schoolId: g.schoolId, role })),
    allow: mayGrantAll, // revoking follows the same table (`mayRevoke` is `mayGrant`)
  });

/** The student's place on the viewer's local date (staff and parents of a school share its zone). */
async function studentFacts(em: EntityManager, studentId: string, now: Date, viewer: Viewer): Promise<StudentFacts | null> {
  const place = await studentPlacement(em, studentId, todayIso(now, viewer.timeZone));
  return place && { studentId, schoolId: place.schoolId, classId: place.classId };
}

const isFamily = (viewer: Viewer, studentId: string) => viewer.userId === studentId || viewer.childIds.has(studentId);
const keeps = (viewer: Viewer, s: StudentFacts) => keepsStudentRecords(viewer, { schoolId: s.schoolId, classIds: [s.classId] });

/**
 * R-O6: whoever may revoke one of the person's roles (grant-table.ts), unless the person holds a higher
 * role than any of the viewer's: else HR could set the director's e-mail to their own and sign in as
 * the director through the identity provider.
 */
const managesPerson = (viewer: Viewer, p: PersonFacts) =>
  !outranks(
    p.grants.map((g) => g.role),
    viewer,
  ) && p.grants.some((g) => g.schoolId !== null && mayRevoke(viewer, g.role, p.userId, g.schoolId));

/** A person is known to whoever sees one of their grants (who keeps the lists of such people, or grants such roles). */
const knowsPerson = (viewer: Viewer, p: PersonFacts) => p.grants.some((g) => canSeeGrant(viewer, { userId: p.userId, schoolId: g.schoolId, role: g.role }));

/** Linking and unlinking a parent: the student as they are today, and the parent. */
const guardianship = writeRule<StudentFacts & { parentId: string }, { parentId: string; studentId: string }>({
  missing: 'No such student.',
  load: async (em, a, now, viewer) => {
    const student = await studentFacts(em, a.studentId, now, viewer);
    return student && { ...student, parentId: a.parentId };
  },
  visible: (viewer, s) => canSeeStudent(viewer, { id: s.studentId, schoolId: s.schoolId }),
  allow: (viewer, s) =>
    mayLinkGuardian(viewer, s.parentId, s.schoolId) || {
      code: 'FORBIDDEN',
      reason: 'NOT_ALLOWED',
      message:
        s.parentId === viewer.userId
          ? 'Nobody links themself to a child: another member of the administration does.'
          : 'Only the journal administrator and the secretary link parents to students.',
    },
});

export const peopleWriteRules = {
  createPerson: newGrants<{ input: { schoolId: string; roles: Role[] } }>((a) => ({ schoolId: a.input.schoolId, roles: a.input.roles, userId: null })),
  grantRole: newGrants<{ input: { schoolId: string; role: Role; userId: string } }>((a) => ({
    schoolId: a.input.schoolId,
    roles: [a.input.role],
    userId: a.input.userId,
  })),
  revokeRole: existingGrant<{ grantId: string }>((a) => a.grantId),
  setContractEnd: existingGrant<{ grantId: string }>((a) => a.grantId),
  importPeople: writeRule<OfSchool, { input: { schoolId: string } }>({
    missing: 'No such school.',
    load: async (em, a) => ((await schoolExists(em, a.input.schoolId)) ? { schoolId: a.input.schoolId } : null),
    visible: actsIn,
    // Whoever grants some role there; each row is checked against the table (import.service.ts).
    allow: (viewer, s) => Object.values(Role).some((role) => mayGrantRoleIn(viewer, role, s.schoolId)),
  }),
  recordMovement: writeRule<OfSchool, { input: { schoolId: string } }>({
    missing: 'No such school.',
    load: async (em, a) => ((await schoolExists(em, a.input.schoolId)) ? { schoolId: a.input.schoolId } : null),
    visible: (viewer, s) => canSeeSchool(viewer, s.schoolId),
    allow: (viewer, s) => canManageStudents(viewer, s.schoolId),
  }),
  // Issue 18: обучение на дому, by those who keep student movements (the secretary and the administration).
  startHomeSchooling: writeRule<StudentFacts, { input: { studentId: string } }>({
    missing: 'No such student.',
    load: (em, a, now, viewer) => studentFacts(em, a.input.studentId, now, viewer),
    visible: (viewer, s) => canSeeStudent(viewer, { id: s.studentId, schoolId: s.schoolId }),
    allow: (viewer, s) => canManageStudents(viewer, s.schoolId),
  }),
  endHomeSchooling: writeRule<StudentFacts, { input: { homeSchoolingId: string } }>({
    missing: 'No such home schooling.',
    load: async (em, a, now, viewer) => {
      const period = await em.findOne(HomeSchooling, a.input.homeSchoolingId);
      return period && studentFacts(em, period.student.id, now, viewer);
    },
    visible: (viewer, s) => canSeeStudent(viewer, { id: s.studentId, schoolId: s.schoolId }),
    allow: (viewer, s) => canManageStudents(viewer, s.schoolId),
  }),
  linkGuardian: guardianship,
  endGuardianship: guardianship,
  updatePerson: writeRule<PersonFacts, { input: UpdatePersonInput }>({
    missing: 'No such person.',
    load: async (em, { input }) => {
      const user = await em.findOne(User, input.userId);
      if (!user) return null;
      const grants = await em.find(RoleGrant, { user, revokedAt: null });
      return {
        userId: user.id,
        grants: grants.map((g) => ({ schoolId: g.school?.id ?? null, role: g.role })),
        changes: PERSON_FIELDS.filter((f) => input[f] !== undefined && (input[f] ?? null) !== (user[f] ?? null)),
      };
    },
    visible: (viewer, p) => viewer.userId === p.userId || knowsPerson(viewer, p),
    allow: (viewer, p) => {
      if (managesPerson(viewer, p)) return true;
      if (viewer.userId !== p.userId)
        return { code: 'FORBIDDEN', reason: 'MAY_NOT_CHANGE_PERSON', message: 'Only those who manage this person in their school can change their data.' };
      return (
        p.changes.every((f) => OWN_FIELDS.has(f)) || {
          code: 'FORBIDDEN',
          reason: 'OWN_CONTACTS_ONLY',
          message: 'You can change your own e-mail and phone; the school changes the rest.',
        }
      );
    },
  }),
  // R-A6: a parent or student online for themself; those who keep the student's records for a paper consent.
  recordConsent: writeRule<StudentFacts & { givenById: string | null }, { input: { studentId: string; givenById?: string | null } }>({
    missing: 'No such student.',
    load: async (em, a, now, viewer) => {
      const student = await studentFacts(em, a.input.studentId, now, viewer);
      return student && { ...student, givenById: a.input.givenById ?? null };
    },
    visible: (viewer, s) => isFamily(viewer, s.studentId) || canSeeStudent(viewer, { id: s.studentId, schoolId: s.schoolId }),
    allow: (viewer, s) =>
      !s.givenById || s.givenById === viewer.userId
        ? isFamily(viewer, s.studentId) || keeps(viewer, s)
        : keeps(viewer, s) || {
            code: 'FORBIDDEN',
            reason: 'SCHOOL_RECORDS_PAPER_CONSENT',
            message: "Only the school's administration or the class teacher records a consent received on paper.",
          },
  }),
  withdrawConsent: writeRule<StudentFacts & { givenById: string }, { consentId: string }>({
    missing: 'No such consent.',
    load: async (em, a, now, viewer) => {
      const consent = await em.findOne(Consent, a.consentId);
      const place = consent && (await studentPlacement(em, consent.student.id, todayIso(now, viewer.timeZone)));
      return consent && { studentId: consent.student.id, schoolId: consent.school.id, classId: place?.classId ?? null, givenById: consent.givenBy.id };
    },
    visible: (viewer, c) => canSeeConsent(viewer, c),
    allow: (viewer, c) =>
      c.givenById === viewer.userId ||
      keeps(viewer, c) || { code: 'FORBIDDEN', reason: 'MAY_NOT_WITHDRAW', message: 'Only the person who gave a consent, or the school, can withdraw it.' },
  }),
} satisfies Record<string, WriteCheck>;

/** R-A3, R-O6: a student's personal fields (phone, e-mail, birth date) for those who keep their record and the family; others get null. */
const studentPersonal = (viewer: Viewer | null, o: { id: string; schoolId: string; student: { classId: string | null } }) =>
  canSeePersonalData(viewer, { id: o.id, schoolId: o.schoolId, classId: o.student.classId });

/** The people module's rules, read and write (`defineModule({ rules })`), merged into THE policy by graphql/schema.ts. */
export const peopleRules = {
  query: {
    // People (R-O6, R-O7, R-A6, R-A8, R-A2): the services check the school the question is about.
    people: withRole(...ADMIN_ROLES, Role.SECRETARY, Role.HR),
    homeSchooling: withRole(...ADMIN_ROLES, Role.SECRETARY, Role.CLASS_TEACHER), // the type rule keeps each to those who keep the pupil's records
    movements: withRole(...ADMIN_ROLES, Role.SECRETARY, Role.CLASS_TEACHER),
    consentRegister: withRole(...ADMIN_ROLES, Role.SECRETARY, Role.CLASS_TEACHER),
    studentProfile: signedIn, // the diary gate (consent, family) is checked per student
    classParentActivity: withRole(...ADMIN_ROLES, Role.CLASS_TEACHER),
  },
  mutation: peopleWriteRules,
  types: {
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
    ParentActivity: (viewer, o) => canAdministerSchool(viewer, o.schoolId) || !!viewer?.ledClassIds.has(o.classId),
  },
  fields: {
    'StudentProfile.birthDate': studentPersonal,
    'StudentProfile.email': studentPersonal,
    'StudentProfile.phone': studentPersonal,
  },
} satisfies ModuleRules;
