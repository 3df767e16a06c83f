/**
 * Write rules of people, grants, families, movements and consent (R-O6, R-O7, R-A1, R-A6): HR and
 * the administration manage staff, the secretary and the administration students and parents; a
 * person keeps their own e-mail and phone; a family consents for itself. Who may grant which role is
 * one predicate (`canGrant`), so grant rules follow it wherever it is kept.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  canManageStaff,
  canManageStudents,
  canSeeConsent,
  canSeeGrant,
  canSeeSchool,
  canSeeStudent,
  keepsStudentRecords,
} from '../../policy/policy.js';
import type { Viewer } from '../../policy/viewer.js';
import { writeRule, type Refusal, type WriteCheck } from '../../policy/write-rule.js';
import { todayIso } from '../../shared/dates.js';
import { School } from '../school/school.entity.js';
import type { OfSchool } from '../school/school.policy.js';
import { Consent } from './consent.entity.js';
import { canGrant, OWN_FIELDS, PERSON_FIELDS, SCHOOL_ROLES, studentPlacement } from './people.service.js';
import { isStaffRole, type UpdatePersonInput } from './people.types.js';
import { Role, RoleGrant } from './role-grant.entity.js';
import { User } from './user.entity.js';

/** A grant (or the grants asked for) in a school. */
interface GrantFacts extends OfSchool {
  userId: string | null;
  roles: Role[];
}

/** A student where they are today. */
interface StudentFacts extends OfSchool {
  studentId: string;
  classId: string | null;
}

/** A person: the roles they hold where, and which of their fields a change touches. */
interface PersonFacts {
  userId: string;
  grants: { schoolId: string; role: Role }[];
  changes: string[];
}

const schoolExists = async (em: EntityManager, schoolId: string) => (await em.findOne(School, schoolId)) !== null;
const seesSchool = (viewer: Viewer, o: OfSchool) => canSeeSchool(viewer, o.schoolId);
/** Roles a school cannot grant at all are bad input, for the service to say; the rule judges the rest. */
const mayGrantAll = (viewer: Viewer, g: GrantFacts): true | Refusal =>
  g.roles.filter((r) => SCHOOL_ROLES.has(r)).every((r) => canGrant(viewer, g.schoolId, r)) || {
    code: 'FORBIDDEN',
    message: g.roles.some(isStaffRole)
      ? "Only the school's administration and HR manage staff."
      : "Only the school's administration and the secretary manage students and parents.",
  };

const newGrants = <A>(pick: (args: A) => { schoolId: string; roles: Role[] }): WriteCheck =>
  writeRule<GrantFacts, A>({
    missing: 'No such school.',
    load: async (em, a) => {
      const { schoolId, roles } = pick(a);
      return (await schoolExists(em, schoolId)) ? { schoolId, roles, userId: null } : null;
    },
    visible: seesSchool,
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
    allow: mayGrantAll,
  });

async function studentFacts(em: EntityManager, studentId: string, now: Date): Promise<StudentFacts | null> {
  const place = await studentPlacement(em, studentId, todayIso(now));
  return place && { studentId, schoolId: place.schoolId, classId: place.classId };
}

const isFamily = (viewer: Viewer, studentId: string) => viewer.userId === studentId || viewer.childIds.has(studentId);
const keeps = (viewer: Viewer, s: StudentFacts) => keepsStudentRecords(viewer, { schoolId: s.schoolId, classIds: [s.classId] });

/** R-O6: the person themself, or whoever manages a role they hold. */
const managesPerson = (viewer: Viewer, p: PersonFacts) => p.grants.some((g) => canGrant(viewer, g.schoolId, g.role));

export const peopleWriteRules = {
  createPerson: newGrants<{ input: { schoolId: string; roles: Role[] } }>((a) => a.input),
  grantRole: newGrants<{ input: { schoolId: string; role: Role } }>((a) => ({ schoolId: a.input.schoolId, roles: [a.input.role] })),
  revokeRole: existingGrant<{ grantId: string }>((a) => a.grantId),
  setContractEnd: existingGrant<{ grantId: string }>((a) => a.grantId),
  importPeople: writeRule<OfSchool, { input: { schoolId: string } }>({
    missing: 'No such school.',
    load: async (em, a) => ((await schoolExists(em, a.input.schoolId)) ? { schoolId: a.input.schoolId } : null),
    visible: seesSchool,
    allow: (viewer, s) => canManageStaff(viewer, s.schoolId) || canManageStudents(viewer, s.schoolId),
  }),
  recordMovement: writeRule<OfSchool, { input: { schoolId: string } }>({
    missing: 'No such school.',
    load: async (em, a) => ((await schoolExists(em, a.input.schoolId)) ? { schoolId: a.input.schoolId } : null),
    visible: seesSchool,
    allow: (viewer, s) => canManageStudents(viewer, s.schoolId),
  }),
  linkGuardian: writeRule<StudentFacts, { studentId: string }>({
    missing: 'No such student.',
    load: (em, a, now) => studentFacts(em, a.studentId, now),
    visible: (viewer, s) => canSeeStudent(viewer, { id: s.studentId, schoolId: s.schoolId }),
    allow: (viewer, s) => canManageStudents(viewer, s.schoolId),
  }),
  updatePerson: writeRule<PersonFacts, { input: UpdatePersonInput }>({
    missing: 'No such person.',
    load: async (em, { input }) => {
      const user = await em.findOne(User, input.userId);
      if (!user) return null;
      const grants = await em.find(RoleGrant, { user, revokedAt: null });
      return {
        userId: user.id,
        grants: grants.flatMap((g) => (g.school ? [{ schoolId: g.school.id, role: g.role }] : [])),
        changes: PERSON_FIELDS.filter((f) => input[f] !== undefined && (input[f] ?? null) !== (user[f] ?? null)),
      };
    },
    visible: (viewer, p) => viewer.userId === p.userId || managesPerson(viewer, p),
    allow: (viewer, p) =>
      managesPerson(viewer, p) ||
      (p.changes.every((f) => OWN_FIELDS.has(f)) || {
        code: 'FORBIDDEN',
        message: 'You can change your own e-mail and phone; the school changes the rest.',
      }),
  }),
  // R-A6: a parent or student online for themself; those who keep the student's records for a paper consent.
  recordConsent: writeRule<StudentFacts & { givenById: string | null }, { input: { studentId: string; givenById?: string | null } }>({
    missing: 'No such student.',
    load: async (em, a, now) => {
      const student = await studentFacts(em, a.input.studentId, now);
      return student && { ...student, givenById: a.input.givenById ?? null };
    },
    visible: (viewer, s) => isFamily(viewer, s.studentId) || canSeeStudent(viewer, { id: s.studentId, schoolId: s.schoolId }),
    allow: (viewer, s) =>
      !s.givenById || s.givenById === viewer.userId
        ? isFamily(viewer, s.studentId) || keeps(viewer, s)
        : keeps(viewer, s) || { code: 'FORBIDDEN', message: "Only the school's administration or the class teacher records a consent received on paper." },
  }),
  withdrawConsent: writeRule<StudentFacts & { givenById: string }, { consentId: string }>({
    missing: 'No such consent.',
    load: async (em, a, now) => {
      const consent = await em.findOne(Consent, a.consentId);
      const place = consent && (await studentPlacement(em, consent.student.id, todayIso(now)));
      return (
        consent && { studentId: consent.student.id, schoolId: consent.school.id, classId: place?.classId ?? null, givenById: consent.givenBy.id }
      );
    },
    visible: (viewer, c) => canSeeConsent(viewer, c),
    allow: (viewer, c) =>
      c.givenById === viewer.userId ||
      keeps(viewer, c) || { code: 'FORBIDDEN', message: 'Only the person who gave a consent, or the school, can withdraw it.' },
  }),
} satisfies Record<string, WriteCheck>;

/** Linking a person to their identity provider account: those who manage people of a school where they are. */
export const linkOidcIdentityRule = writeRule<PersonFacts, { userId: string }>({
  missing: 'No such person.',
  load: async (em, a) => {
    const grants = await em.find(RoleGrant, { user: a.userId, revokedAt: null });
    return grants.length ? { userId: a.userId, grants: grants.flatMap((g) => (g.school ? [{ schoolId: g.school.id, role: g.role }] : [])), changes: [] } : null;
  },
  visible: (viewer, p) => p.grants.some((g) => viewer.schoolIds.has(g.schoolId)),
  allow: (viewer, p) => p.grants.some((g) => canManageStudents(viewer, g.schoolId) || canManageStaff(viewer, g.schoolId)),
});
