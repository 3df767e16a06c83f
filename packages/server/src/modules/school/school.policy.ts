/**
 * Read and write rules of the school's structure (R-O2, R-O3): its administration plans years, subjects,
 * classes and groups. Anyone of the school sees the structure, so a member who may not change it is
 * answered FORBIDDEN, a stranger NOT_FOUND.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { ADMIN_ROLES, canAdministerSchool, canSeeSchool, signedIn, withRole } from '../../policy/policy.js';
import type { Viewer } from '../../policy/viewer.js';
import { writeRule, type WriteCheck } from '../../policy/write-rule.js';
import { AcademicYear } from './academic-year.entity.js';
import { DutyKind } from './duties.entity.js';
import { SchoolClass } from './school-class.entity.js';
import { School } from './school.entity.js';
import { StudyGroup } from './study-group.entity.js';
import type { ModuleRules } from '../../policy/module-rules.js';
import { Role } from '../../policy/roles.js';

/** Something of one school: a school, a year, a class. */
export interface OfSchool {
  schoolId: string;
}

/** A study group: what journal rules are decided on. */
export interface GroupFacts extends OfSchool {
  groupId: string;
  classId: string | null;
}

export async function groupFacts(em: EntityManager, groupId: string): Promise<GroupFacts | null> {
  const group = await em.findOne(StudyGroup, groupId);
  return group && { groupId: group.id, schoolId: group.school.id, classId: group.schoolClass?.id ?? null };
}

const schoolOf = async (em: EntityManager, schoolId: string): Promise<OfSchool | null> => (await em.findOne(School, schoolId)) && { schoolId };
const schoolOfYear = async (em: EntityManager, yearId: string): Promise<OfSchool | null> => {
  const year = await em.findOne(AcademicYear, yearId);
  return year && { schoolId: year.school.id };
};

const seesSchool = (viewer: Viewer, o: OfSchool) => canSeeSchool(viewer, o.schoolId);
const administers = (viewer: Viewer, o: OfSchool) => canAdministerSchool(viewer, o.schoolId);

/** A change by the administration to something of its school, found by `find`. */
export function byAdministration<A>(missing: string, find: (em: EntityManager, args: A) => Promise<OfSchool | null>): WriteCheck {
  return writeRule<OfSchool, A>({ missing, load: find, visible: seesSchool, allow: administers });
}

export const schoolWriteRules = {
  createAcademicYear: byAdministration<{ input: { schoolId: string } }>('No such school.', (em, a) => schoolOf(em, a.input.schoolId)),
  createSubject: byAdministration<{ input: { schoolId: string } }>('No such school.', (em, a) => schoolOf(em, a.input.schoolId)),
  addHoliday: byAdministration<{ input: { yearId: string } }>('No such academic year.', (em, a) => schoolOfYear(em, a.input.yearId)),
  closeAcademicYear: byAdministration<{ yearId: string }>('No such academic year.', (em, a) => schoolOfYear(em, a.yearId)),
  setCurriculumHours: byAdministration<{ input: { yearId: string } }>('No such academic year.', (em, a) => schoolOfYear(em, a.input.yearId)),
  createClass: byAdministration<{ input: { yearId: string } }>('No such academic year.', (em, a) => schoolOfYear(em, a.input.yearId)),
  createStudyGroup: byAdministration<{ input: { yearId: string } }>('No such academic year.', (em, a) => schoolOfYear(em, a.input.yearId)),
  setClassTeacher: byAdministration<{ classId: string }>('No such class.', async (em, a) => {
    const schoolClass = await em.findOne(SchoolClass, a.classId);
    return schoolClass && { schoolId: schoolClass.school.id };
  }),
  assignTeacher: byAdministration<{ groupId: string }>('No such group.', (em, a) => groupFacts(em, a.groupId)),
  // Issue 18: a duty is recorded done by whoever it falls to: the class teacher for their class, the administration for the monthly report.
  recordDutyDone: writeRule<OfSchool & { classId: string | null; kind: DutyKind }, { input: { schoolId: string; classId?: string | null; kind: DutyKind } }>({
    missing: 'No such school or class.',
    load: async (em, a) => {
      if (!(await em.findOne(School, a.input.schoolId))) return null;
      if (a.input.classId && !(await em.findOne(SchoolClass, { id: a.input.classId, school: a.input.schoolId }))) return null;
      return { schoolId: a.input.schoolId, classId: a.input.classId ?? null, kind: a.input.kind };
    },
    visible: seesSchool,
    allow: (viewer, d) => (d.kind === DutyKind.MONTHLY_REPORT ? canAdministerSchool(viewer, d.schoolId) : !!d.classId && viewer.ledClassIds.has(d.classId)),
  }),
  // Issue 17: the year transition (перевод учащихся) is the administration's order.
  commitYearTransition: byAdministration<{ input: { yearId: string } }>('No such academic year.', (em, a) => schoolOfYear(em, a.input.yearId)),
  // Issue 18: the school's deadlines and duties are set by its administration.
  updateSchoolSettings: byAdministration<{ input: { schoolId: string } }>('No such school.', (em, a) => schoolOf(em, a.input.schoolId)),
} satisfies Record<string, WriteCheck>;

/** The school module's rules, read and write (`defineModule({ rules })`), merged into THE policy by graphql/schema.ts. */
export const schoolRules = {
  query: {
    // School structure: members of a school read it; type rules drop what is not theirs.
    schools: signedIn,
    school: signedIn,
    authoritySummary: withRole(Role.INSPECTOR),
    // Issue 18: deadlines and duties; the resolvers check the school.
    schoolSettings: withRole(...ADMIN_ROLES),
    duties: withRole(...ADMIN_ROLES, Role.CLASS_TEACHER), // the service keeps a class teacher to their classes
    yearTransition: withRole(...ADMIN_ROLES), // of a year of a school the viewer administers (the resolver checks which)
  },
  mutation: schoolWriteRules,
  types: {
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
    SchoolSettings: (viewer, o) => canAdministerSchool(viewer, o.schoolId),
    Duty: (viewer, o) => canAdministerSchool(viewer, o.schoolId) || (!!o.classId && !!viewer?.ledClassIds.has(o.classId)),
    // Issue 17: the year transition is the administration's (names and debts of every pupil of the year).
    YearTransition: (viewer, o) => canAdministerSchool(viewer, o.schoolId),
    YearTransitionClass: (viewer, o) => canAdministerSchool(viewer, o.schoolId),
    YearTransitionPupil: (viewer, o) => canAdministerSchool(viewer, o.schoolId),
    YearTransitionDebt: (viewer, o) => canAdministerSchool(viewer, o.schoolId),
    YearTransitionResult: (viewer, o) => canAdministerSchool(viewer, o.schoolId),
  },
} satisfies ModuleRules;
