/**
 * THE grant table (R-A1, R-A8, issue 14): for each role, which roles may grant it to someone and
 * revoke it. One declaration; people.service checks it, docs/ARCHITECTURE.md prints it
 * (`grantTableMarkdown`, kept equal by a test) and grant-table.test.ts generates a case from every
 * cell. Two rules hold across the table: nobody grants or revokes a role of their own (not even
 * through another grant: the target is never the viewer), and nobody grants a role that outranks
 * the granter's (checked by a test against ROLE_RANK).
 */
import type { Viewer } from './viewer.js';
import { Role } from './roles.js';

/** Seniority: a role may be granted only by roles of at least its rank. */
export const ROLE_RANK: Record<Role, number> = {
  [Role.SYSTEM_ADMIN]: 5,
  [Role.DIRECTOR]: 4,
  [Role.DEPUTY_DIRECTOR]: 3,
  [Role.SCHOOL_ADMIN]: 3,
  [Role.HR]: 2,
  [Role.SECRETARY]: 2,
  [Role.TEACHER]: 1,
  [Role.CLASS_TEACHER]: 1,
  [Role.INSPECTOR]: 1,
  [Role.PARENT]: 0,
  [Role.STUDENT]: 0,
};

export interface GrantRule {
  /**
   * Roles whose holders may grant and revoke this role in their school. The platform's system
   * administrator appoints a school's director and journal administrator (in any school); the school
   * grants the rest itself.
   */
  grantedBy: readonly Role[];
  /** Why, with the seed it comes from. */
  why: string;
}

export const GRANT_TABLE: Record<Role, GrantRule> = {
  [Role.SYSTEM_ADMIN]: { grantedBy: [], why: 'the platform operator appoints system administrators; no school grants it' },
  [Role.INSPECTOR]: { grantedBy: [], why: 'the education authority appoints its inspectors; no school grants it' },
  [Role.DIRECTOR]: { grantedBy: [Role.SYSTEM_ADMIN], why: 'the director is appointed by the authority; the system administrator records it' },
  [Role.SCHOOL_ADMIN]: {
    grantedBy: [Role.DIRECTOR, Role.SYSTEM_ADMIN],
    why: 'the journal administrator is appointed by order of the director (003 §3.1, 000 §2.2)',
  },
  [Role.DEPUTY_DIRECTOR]: { grantedBy: [Role.DIRECTOR], why: 'deputies are appointed by order of the director' },
  [Role.HR]: {
    grantedBy: [Role.DIRECTOR, Role.SCHOOL_ADMIN],
    why: 'people managers are appointed by the director; the journal administrator grants and ends access (001 §3.3.2)',
  },
  [Role.SECRETARY]: {
    grantedBy: [Role.DIRECTOR, Role.SCHOOL_ADMIN],
    why: 'people managers are appointed by the director; the journal administrator grants and ends access (001 §3.3.2)',
  },
  [Role.TEACHER]: {
    grantedBy: [Role.DIRECTOR, Role.DEPUTY_DIRECTOR, Role.SCHOOL_ADMIN, Role.HR],
    why: 'HR keeps the staff lists (003 §6.2.4); teachers get access from the journal administrator (003 §3.3.1)',
  },
  [Role.CLASS_TEACHER]: {
    grantedBy: [Role.DIRECTOR, Role.DEPUTY_DIRECTOR, Role.SCHOOL_ADMIN, Role.HR],
    why: 'HR keeps the staff lists (003 §6.2.4); teachers get access from the journal administrator (003 §3.3.1)',
  },
  [Role.STUDENT]: {
    grantedBy: [Role.DIRECTOR, Role.DEPUTY_DIRECTOR, Role.SCHOOL_ADMIN, Role.SECRETARY],
    why: 'the secretary keeps the lists of students (003 §6.2.3); the journal administrator grants access',
  },
  [Role.PARENT]: {
    grantedBy: [Role.DIRECTOR, Role.DEPUTY_DIRECTOR, Role.SCHOOL_ADMIN, Role.SECRETARY],
    why: 'the secretary keeps the lists of students and their families (003 §6.2.3)',
  },
};

/** Roles that grant some role somewhere: the root rule of grantRole, revokeRole, createPerson, importPeople. */
export const GRANTER_ROLES: Role[] = [...new Set(Object.values(GRANT_TABLE).flatMap((r) => r.grantedBy))];

/** The viewer holds `role` in the school; a system administrator holds theirs on the whole platform. */
const actsAs = (viewer: Viewer, role: Role, schoolId: string) =>
  role === Role.SYSTEM_ADMIN ? viewer.roles.has(Role.SYSTEM_ADMIN) : viewer.grants.some((g) => g.role === role && g.schoolId === schoolId);

/** The table's cell, whoever the person is: may the viewer grant (and revoke) `role` in this school? */
export const mayGrantRoleIn = (viewer: Viewer, role: Role, schoolId: string): boolean =>
  GRANT_TABLE[role].grantedBy.some((granter) => actsAs(viewer, granter, schoolId));

/** May the viewer grant `role` to this person in this school: the table, and never to themself. */
export const mayGrant = (viewer: Viewer, role: Role, targetUserId: string, schoolId: string): boolean =>
  targetUserId !== viewer.userId && mayGrantRoleIn(viewer, role, schoolId);

/** Revoking follows the same table: whoever may grant a role may end it, never their own. */
export const mayRevoke = mayGrant;

/** The system administrator acts in every school; anyone else in the schools of their grants. */
export const actsInSchool = (viewer: Viewer, schoolId: string) => viewer.schoolIds.has(schoolId) || viewer.roles.has(Role.SYSTEM_ADMIN);

/**
 * Links that make someone act as another person: a parent's link to a child (the journal
 * administrator and the secretary of the child's school, never for themself: families are the
 * school's records, which the platform's system administrator does not even see), an identity
 * provider account (the journal and system administrators, never for someone of a higher role).
 */
export const GUARDIAN_LINKERS = [Role.SCHOOL_ADMIN, Role.SECRETARY];
export const IDENTITY_LINKERS = [Role.SCHOOL_ADMIN, Role.SYSTEM_ADMIN];

export const mayLinkGuardiansIn = (viewer: Viewer, schoolId: string): boolean => GUARDIAN_LINKERS.some((r) => actsAs(viewer, r, schoolId));

export const mayLinkGuardian = (viewer: Viewer, parentId: string, schoolId: string): boolean =>
  parentId !== viewer.userId && mayLinkGuardiansIn(viewer, schoolId);

export const mayLinkIdentity = (viewer: Viewer, person: { id: string; roles: readonly Role[]; schoolIds: readonly string[] }): boolean =>
  person.id !== viewer.userId && !outranks(person.roles, viewer) && person.schoolIds.some((s) => IDENTITY_LINKERS.some((r) => actsAs(viewer, r, s)));

const highest = (roles: Iterable<Role>) => Math.max(-1, ...[...roles].map((r) => ROLE_RANK[r]));

/** The person holds a role above every role of the viewer: whoever could act as them would rise. */
export const outranks = (personRoles: Iterable<Role>, viewer: Viewer) => highest(personRoles) > highest(viewer.roles);

/** The table as markdown, printed into docs/ARCHITECTURE.md. */
export function grantTableMarkdown(): string {
  const rows = (Object.keys(GRANT_TABLE) as Role[]).map((role) => {
    const rule = GRANT_TABLE[role];
    return `| ${role} | ${rule.grantedBy.join(', ') || '—'} | ${rule.why} |`;
  });
  return ['| Role | Granted and revoked by | Why |', '|---|---|---|', ...rows].join('\n');
}
