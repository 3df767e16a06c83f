import { Role } from '../modules/people/role-grant.entity.js';

export interface Grant {
  role: Role;
  schoolId: string | null;
  authorityId: string | null;
}

/**
 * Who is asking, computed once per request (and once per operation on a WebSocket) from one SQL
 * statement. Every access decision is a pure function of this and the object in question.
 */
export interface Viewer {
  userId: string;
  sessionId: string;
  login: string;
  grants: Grant[];
  roles: ReadonlySet<Role>;
  /** Schools where the viewer holds any grant. */
  schoolIds: ReadonlySet<string>;
  /** Authorities an inspector reads aggregates of. */
  authorityIds: ReadonlySet<string>;
  /** The viewer's own children (guardianship). */
  childIds: ReadonlySet<string>;
  /** Classes the viewer leads as class teacher. */
  ledClassIds: ReadonlySet<string>;
  /** Study groups the viewer teaches now. */
  taughtGroupIds: ReadonlySet<string>;
  /** Lessons the viewer gives as a substitute the administration approved: they keep (and read) those columns. */
  substitutedLessonIds: ReadonlySet<string>;
  /** Students the viewer teaches (a group, or a lesson substituted today with approval) or whose class they lead, now. */
  pupilIds: ReadonlySet<string>;
  /** R-A6: children for whom this parent's consent is on record and not withdrawn. */
  consentedChildIds: ReadonlySet<string>;
  /** R-A6: a student may read their own diary: a parent (or they, from 14) consented. */
  selfDiaryAllowed: boolean;
  /** The session may send any GraphQL document, not only the web app's (trusted documents). */
  apiScope: boolean;
  /** The client's address for this request (set by the request context): the audit log records it (R-R7). */
  ip?: string | null;
}

/** Staff roles first: the role a person mostly acts in, shown in the header. */
const ROLE_PRECEDENCE: Role[] = [
  Role.SYSTEM_ADMIN,
  Role.DIRECTOR,
  Role.DEPUTY_DIRECTOR,
  Role.SCHOOL_ADMIN,
  Role.CLASS_TEACHER,
  Role.TEACHER,
  Role.SECRETARY,
  Role.HR,
  Role.INSPECTOR,
  Role.PARENT,
  Role.STUDENT,
];

export function primaryRole(roles: ReadonlySet<Role>): Role {
  const role = ROLE_PRECEDENCE.find((r) => roles.has(r));
  if (!role) throw new Error('a viewer without any role cannot sign in');
  return role;
}

export function makeViewer(row: {
  userId: string;
  sessionId: string;
  login: string;
  grants: Grant[];
  childIds: string[];
  ledClassIds: string[];
  taughtGroupIds?: string[];
  substitutedLessonIds?: string[];
  pupilIds?: string[];
  consentedChildIds?: string[];
  selfDiaryAllowed?: boolean;
  apiScope?: boolean;
}): Viewer {
  return {
    userId: row.userId,
    sessionId: row.sessionId,
    login: row.login,
    grants: row.grants,
    roles: new Set(row.grants.map((g) => g.role)),
    schoolIds: new Set(row.grants.flatMap((g) => (g.schoolId ? [g.schoolId] : []))),
    authorityIds: new Set(row.grants.flatMap((g) => (g.role === Role.INSPECTOR && g.authorityId ? [g.authorityId] : []))),
    childIds: new Set(row.childIds),
    ledClassIds: new Set(row.ledClassIds),
    taughtGroupIds: new Set(row.taughtGroupIds ?? []),
    substitutedLessonIds: new Set(row.substitutedLessonIds ?? []),
    pupilIds: new Set(row.pupilIds ?? []),
    // Consent counts only while the guardianship does: an ended link ends access at once.
    consentedChildIds: new Set((row.consentedChildIds ?? []).filter((id) => row.childIds.includes(id))),
    selfDiaryAllowed: row.selfDiaryAllowed ?? false,
    apiScope: row.apiScope ?? false,
  };
}
