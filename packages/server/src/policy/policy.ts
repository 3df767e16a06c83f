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
import { Role } from '../modules/people/role-grant.entity.js';
import type { Viewer } from './viewer.js';

export type RootRule = (viewer: Viewer | null) => boolean;
export type TypeRule = (viewer: Viewer | null, object: any) => boolean;

const STAFF_ROLES = [
  Role.SCHOOL_ADMIN,
  Role.DIRECTOR,
  Role.DEPUTY_DIRECTOR,
  Role.TEACHER,
  Role.CLASS_TEACHER,
  Role.SECRETARY,
  Role.HR,
];

// ── root-field rules ────────────────────────────────────────────────────────
export const anyone: RootRule = () => true;
export const signedIn: RootRule = (viewer) => viewer !== null;

// ── questions the rules are made of ─────────────────────────────────────────
export function isStaffOf(viewer: Viewer | null, schoolId: string): boolean {
  return !!viewer && viewer.grants.some((g) => g.schoolId === schoolId && STAFF_ROLES.includes(g.role));
}

export function canSeeSchool(viewer: Viewer | null, schoolId: string): boolean {
  return !!viewer && viewer.schoolIds.has(schoolId);
}

/** R-A3: a parent sees their own children, a student themself, staff the students of their school. */
export function canSeeStudent(viewer: Viewer | null, student: { id: string; schoolId: string }): boolean {
  if (!viewer) return false;
  return viewer.userId === student.id || viewer.childIds.has(student.id) || isStaffOf(viewer, student.schoolId);
}

export const rootRules: Record<'Query' | 'Mutation' | 'Subscription', Record<string, RootRule>> = {
  Query: {
    viewer: anyone, // answers null to an anonymous caller
  },
  Mutation: {
    login: anyone,
    logout: signedIn,
  },
  Subscription: {},
};

export const typeRules: Record<string, TypeRule> = {
  Viewer: (viewer, o: { id: string }) => viewer?.userId === o.id,
  LoginPayload: (viewer, o: { userId: string }) => viewer?.userId === o.userId,
  School: (viewer, o: { id: string }) => canSeeSchool(viewer, o.id),
  SchoolClass: (viewer, o: { schoolId: string }) => canSeeSchool(viewer, o.schoolId),
  Student: (viewer, o: { id: string; schoolId: string }) => canSeeStudent(viewer, o),
};
