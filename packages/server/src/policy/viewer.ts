import { todayIso } from '../kernel/dates.js';
import { Role } from './roles.js';

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
  /**
   * Students the viewer teaches (a group, or a lesson substituted today with approval) or whose class they lead, now.
   * Not read for a request that never asks (`PUPILS_NOT_READ`).
   */
  pupilIds: ReadonlySet<string>;
  /** R-A6: children for whom this parent's consent is on record and not withdrawn. */
  consentedChildIds: ReadonlySet<string>;
  /** R-A6: a student may read their own diary: a parent (or they, from 14) consented. */
  selfDiaryAllowed: boolean;
  /** The session may send any GraphQL document, not only the web app's (trusted documents). */
  apiScope: boolean;
  /**
   * The time zone whose calendar says which day is "today" for this viewer (what is in force, what is due): their
   * school's (modules/auth/auth.service.ts, VIEWER_ZONE).
   */
  timeZone: string;
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

/** One empty set for every viewer's empty ones (a parent's viewer has five): a live connection keeps its viewer (issue 16, P4). */
const NONE: ReadonlySet<never> = new Set<never>();
const setOf = <T>(values: T[]): ReadonlySet<T> => (values.length ? new Set(values) : NONE);

/**
 * The pupils of a viewer loaded without them (issue 16, bench P5): a request whose decisions never ask
 * (graphql/pupil-free.ts: single writes answering leaf fields only). Collecting them was most of the
 * viewer statement's cost. Any use of this set throws, so a decision that does ask fails loudly instead
 * of answering as if the viewer taught nobody.
 */
export const PUPILS_NOT_READ: ReadonlySet<string> = new Proxy(new Set<string>(), {
  get() {
    throw new Error("This request's viewer was loaded without its pupils (graphql/pupil-free.ts), and something asked for them.");
  },
});

/** What a viewer's grants give: the same for everyone with the same grants (every parent of a school), so shared. */
type GrantsPart = Pick<Viewer, 'grants' | 'roles' | 'schoolIds' | 'authorityIds'>;
/** Kinds of grant sets seen (a few per school); bounded: past the limit it starts again. */
const grantsParts = new Map<string, GrantsPart>();
const GRANTS_PARTS_MAX = 10_000;

function grantsPart(grants: Grant[]): GrantsPart {
  const key = JSON.stringify(grants.map((g) => [g.role, g.schoolId, g.authorityId]));
  let part = grantsParts.get(key);
  if (!part) {
    if (grantsParts.size >= GRANTS_PARTS_MAX) grantsParts.clear();
    // Frozen: every viewer with these grants holds the same objects.
    const shared = Object.freeze(grants.map((g): Grant => Object.freeze({ role: g.role, schoolId: g.schoolId, authorityId: g.authorityId })));
    part = {
      grants: shared as Grant[],
      roles: setOf(shared.map((g) => g.role)),
      schoolIds: setOf(shared.flatMap((g) => (g.schoolId ? [g.schoolId] : []))),
      authorityIds: setOf(shared.flatMap((g) => (g.role === Role.INSPECTOR && g.authorityId ? [g.authorityId] : []))),
    };
    grantsParts.set(key, part);
  }
  return part;
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
  /** null: not read (PUPILS_NOT_READ). */
  pupilIds?: string[] | null;
  consentedChildIds?: string[];
  selfDiaryAllowed?: boolean;
  apiScope?: boolean;
  timeZone: string;
}): Viewer {
  const { grants, roles, schoolIds, authorityIds } = grantsPart(row.grants);
  const childIds = setOf(row.childIds);
  // Consent counts only while the guardianship does: an ended link ends access at once.
  const consented = new Set((row.consentedChildIds ?? []).filter((id) => childIds.has(id)));
  return {
    userId: row.userId,
    sessionId: row.sessionId,
    login: row.login,
    grants,
    roles,
    schoolIds,
    authorityIds,
    childIds,
    ledClassIds: setOf(row.ledClassIds),
    taughtGroupIds: setOf(row.taughtGroupIds ?? []),
    substitutedLessonIds: setOf(row.substitutedLessonIds ?? []),
    pupilIds: row.pupilIds === null ? PUPILS_NOT_READ : setOf(row.pupilIds ?? []),
    // A parent who consented for every child (most): the same set.
    consentedChildIds: consented.size === childIds.size ? childIds : consented.size ? consented : NONE,
    selfDiaryAllowed: row.selfDiaryAllowed ?? false,
    apiScope: row.apiScope ?? false,
    timeZone: row.timeZone,
  };
}

/**
 * The viewers of live connections, one per session token for the whole process (issue 16): sockets of
 * one session share it, and an event is decided without reloading it. Each is loaded by the same one
 * statement as an HTTP request's (`load`) and dropped when the facts behind it change: the outbox's
 * invalidations (`viewer_changed`, sent by triggers on grants, sessions, guardianship, consent, enrolment,
 * group membership, teaching, class teachers and substitutions) reach the process on the same ordered
 * feed as the events, so an event committed after a change is always decided with a viewer loaded after
 * it. A load that was under way when an invalidation arrived is used once and not kept. Entries are for
 * one day (what is in force changes at midnight without any write), the viewer's own (`Viewer.timeZone`: their
 * school's), and live while a socket holds them.
 */
export class ViewerCache {
  private readonly entries = new Map<
    string,
    {
      /** The viewer's local date when the load began ('' until it is loaded): taken in their zone once they are there. */
      day: string;
      epoch: number;
      viewer: Promise<Viewer | null>;
      holders: number;
      /** Once loaded: whose it is (null: none), and their zone. */
      userId?: string | null;
      timeZone?: string;
    }
  >();
  /** Moves on every invalidation: a load that began before one is not kept. */
  private epoch = 0;
  /** The last day per time zone, as the entries keep it: one string for all of those of a zone. */
  private readonly days = new Map<string, string>();
  private readonly shapes = new WeakMap<Viewer, string>();

  constructor(
    private readonly load: (token: string) => Promise<Viewer | null>,
    private readonly clock: () => Date,
  ) {}

  /** Today in a zone, one string per zone and day. */
  private dayIn(zone: string, at: Date): string {
    const day = todayIso(at, zone);
    if (this.days.get(zone) !== day) this.days.set(zone, day);
    return this.days.get(zone)!;
  }

  /** A socket holds the entry of its token while it is open (`release` when it closes). */
  hold(token: string) {
    const entry = this.entries.get(token);
    if (entry) entry.holders++;
    else this.entries.set(token, { day: '', epoch: -1, viewer: Promise.resolve(null), holders: 1 });
  }

  release(token: string) {
    const entry = this.entries.get(token);
    if (entry && --entry.holders <= 0) this.entries.delete(token);
  }

  /** The viewer as the database says now (one statement); kept for the next events if nothing changed meanwhile. */
  fresh(token: string): Promise<Viewer | null> {
    const epoch = this.epoch;
    const at = this.clock();
    const viewer = this.load(token);
    const entry = this.entries.get(token);
    if (entry) Object.assign(entry, { day: '', epoch, viewer, userId: undefined, timeZone: undefined });
    viewer.then(
      (v) => {
        if (entry?.viewer !== viewer) return;
        entry.userId = v?.userId ?? null;
        // No viewer (the session ended): kept until an invalidation; its zone is no one's, so UTC's day.
        entry.timeZone = v?.timeZone ?? 'UTC';
        entry.day = this.dayIn(entry.timeZone, at);
        // An invalidation arrived while it loaded: the row may predate the change.
        if (this.epoch !== epoch) entry.epoch = -1;
      },
      () => {
        if (entry?.viewer === viewer) entry.epoch = -1;
      },
    );
    return viewer;
  }

  /** The kept viewer of the token if it is still good (loaded on the viewer's today), else a fresh one. */
  get(token: string): Promise<Viewer | null> {
    const entry = this.entries.get(token);
    // Still loading (no zone yet): the same load serves.
    if (entry && entry.epoch === this.epoch && (entry.timeZone === undefined || entry.day === this.dayIn(entry.timeZone, this.clock()))) return entry.viewer;
    return this.fresh(token);
  }

  /** Something every viewer may depend on changed (an enrolment, a group's members...). */
  invalidateAll() {
    this.epoch++;
    for (const entry of this.entries.values()) entry.epoch = -1;
  }

  /** Something of one person changed (their grants, sessions, children, consents, classes, lessons). */
  invalidateUser(userId: string) {
    // Entries still loading are not kept (the epoch moves); loaded ones are dropped if they are the person's.
    this.epoch++;
    for (const entry of this.entries.values()) {
      if (entry.userId === undefined || entry.userId === userId) entry.epoch = -1;
      else if (entry.epoch === this.epoch - 1) entry.epoch = this.epoch;
    }
  }

  /** Whose session the token is, once its viewer was loaded. */
  userOf(token: string): string | null | undefined {
    return this.entries.get(token)?.userId;
  }

  /**
   * What every access decision about a viewer depends on, as one string: viewers with the same shape see
   * the same (the session, its address and its API scope decide nothing a read returns). Live delivery
   * executes an event once per shape.
   */
  shapeOf(viewer: Viewer): string {
    let shape = this.shapes.get(viewer);
    if (shape === undefined) {
      const sorted = (s: ReadonlySet<string>) => [...s].sort();
      shape = JSON.stringify([
        viewer.userId,
        viewer.login,
        viewer.grants.map((g) => `${g.role}/${g.schoolId}/${g.authorityId}`).sort(),
        sorted(viewer.childIds),
        sorted(viewer.ledClassIds),
        sorted(viewer.taughtGroupIds),
        sorted(viewer.substitutedLessonIds),
        sorted(viewer.pupilIds),
        sorted(viewer.consentedChildIds),
        viewer.selfDiaryAllowed,
        viewer.timeZone,
      ]);
      this.shapes.set(viewer, shape);
    }
    return shape;
  }
}
