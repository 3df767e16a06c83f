import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash, randomBytes } from 'node:crypto';
import { forbidden, unauthenticated } from '../../kernel/errors.js';
import type { Clock } from '../../kernel/clock.js';
import { API_ROLES } from '../../policy/policy.js';
import { makeViewer, type Grant, type Viewer } from '../../policy/viewer.js';
import type { Ground, SqlPart } from '../../policy/single-write.js';
import { uuidArray } from '../../kernel/dataloader.js';
import { RoleGrant, User } from '../school/index.js';
import type { LoginThrottle } from './login-throttle.js';
import { verifyPassword, normalizeLogin } from '../people/index.js';
import { Session, SessionScope } from './session.entity.js';
import { inForceSql } from '../../kernel/in-force.js';
import { executePrepared } from '../../kernel/prepared.js';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export class AuthService {
  /** Without a throttle only where nobody signs in (printing the schema). */
  constructor(
    private readonly sessionTtlHours: number,
    /** "Today" for what is in force (grants, assignments, enrolments); sessions expire by the wall clock (see VIEWER_SQL). */
    private readonly clock: Clock,
    private readonly throttle?: LoginThrottle,
  ) {}

  /**
   * `deviceToken`: what an earlier sign-in on this device answered; with it, others' wrong passwords
   * do not hold this device up (login-throttle.ts). A successful sign-in answers a fresh one.
   */
  async login(
    em: EntityManager,
    login: string,
    password: string,
    client: { userAgent: string | null; ip: string | null; deviceToken?: string | null },
    scope = SessionScope.WEB,
  ) {
    const normalized = normalizeLogin(login);
    const user = await em.findOne(User, { login: normalized });
    const knownDevice = !!user?.active && !!this.throttle?.isKnownDevice(client.deviceToken, normalized, user.passwordHash);
    await this.throttle?.attempt(normalized, client.ip, knownDevice);
    // One message for every failure: it must not tell which logins exist.
    const ok = await verifyPassword(user?.active ? user.passwordHash : null, password);
    if (!user || !ok) throw unauthenticated('Wrong login or password.', 'WRONG_CREDENTIALS');
    await this.throttle?.succeeded(normalized, client.ip, knownDevice);
    if (scope === SessionScope.API && (await em.count(RoleGrant, { user, revokedAt: null, role: { $in: API_ROLES } })) === 0) {
      throw forbidden('API access is for staff, inspectors and system administrators.', 'API_SCOPE_REQUIRED');
    }
    const started = await this.startSession(em, user, client.userAgent, scope);
    return { ...started, deviceToken: this.throttle?.deviceToken(normalized, user.passwordHash) ?? null };
  }

  /** A new session for a person whose identity is proven (password, or the state identity provider). */
  async startSession(em: EntityManager, user: User, userAgent: string | null, scope = SessionScope.WEB) {
    const token = randomBytes(32).toString('base64url');
    const session = em.create(Session, {
      user,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + this.sessionTtlHours * 3600_000),
      userAgent: userAgent?.slice(0, 255) ?? null,
      scope,
    });
    await em.flush();
    const viewer = await this.viewerForToken(em, token);
    if (!viewer) throw unauthenticated('This account has no role in any school yet.', 'NO_ROLE_YET');
    return { token, session, user, viewer };
  }

  async logout(em: EntityManager, viewer: Viewer): Promise<boolean> {
    const revoked = await em.nativeUpdate(Session, { id: viewer.sessionId, revokedAt: null }, { revokedAt: new Date() });
    return revoked > 0;
  }

  /**
   * The Viewer behind a bearer token in ONE statement; null for an unknown, expired or revoked session.
   * Through `em` (not its connection), so that sign-in, inside the mutation's transaction, sees its new session.
   * Prepared (kernel/prepared.ts): every request asks it, and planning it took longer than running it.
   * `pupils: false` leaves the viewer's pupils out (`PUPILS_NOT_READ`), for a request that never asks.
   */
  async viewerForToken(em: EntityManager, token: string, { pupils = true }: { pupils?: boolean } = {}): Promise<Viewer | null> {
    const now = this.clock();
    const rows = await executePrepared<ViewerRow>(em, pupils ? VIEWER_SQL : VIEWER_SQL_WITHOUT_PUPILS, [now, hashToken(token)]);
    const row = rows[0];
    if (!row || row.grants.length === 0) return null;
    return viewerOf(row);
  }
}

/**
 * Viewers of active people who are not asking, as of `now`, so that the policy can decide what reaches
 * them (the notification worker's recipients); people without a role are left out.
 */
export async function viewersOfUsers(em: EntityManager, userIds: string[], now: Date): Promise<Viewer[]> {
  if (!userIds.length) return [];
  const rows = await em.execute<ViewerRow[]>(USERS_VIEWER_SQL, [now, uuidArray(userIds)]);
  return rows.filter((r) => r.grants.length > 0).map(viewerOf);
}

/**
 * Of these session tokens, the ones that still have a viewer (the session open, the account active, a grant
 * in force as of `now`): ONE statement for any number of them (the periodic check of open WebSockets).
 */
export async function sessionsInForce(em: EntityManager, tokens: string[], now: Date): Promise<Set<string>> {
  if (!tokens.length) return new Set();
  const hashes = tokens.map(hashToken);
  const rows = await em.execute<{ token_hash: string }[]>(SESSIONS_IN_FORCE_SQL, [now, `{${hashes.join(',')}}`]);
  const valid = new Set(rows.map((r) => r.token_hash));
  return new Set(tokens.filter((_, i) => valid.has(hashes[i])));
}

function viewerOf(row: ViewerRow): Viewer {
  return makeViewer({
    userId: row.user_id,
    sessionId: row.session_id,
    login: row.login,
    grants: row.grants,
    childIds: row.child_ids,
    ledClassIds: row.led_class_ids,
    taughtGroupIds: row.taught_group_ids,
    substitutedLessonIds: row.substituted_lesson_ids,
    // Absent from VIEWER_SQL_WITHOUT_PUPILS: not read.
    pupilIds: row.pupil_ids ?? null,
    consentedChildIds: row.consented_child_ids,
    selfDiaryAllowed: row.self_diary_allowed,
    apiScope: row.api_scope ?? false,
    timeZone: row.time_zone,
  });
}

interface ViewerRow {
  session_id: string;
  user_id: string;
  login: string;
  grants: Grant[];
  child_ids: string[];
  led_class_ids: string[];
  taught_group_ids: string[];
  substituted_lesson_ids: string[];
  pupil_ids?: string[];
  consented_child_ids: string[];
  self_diary_allowed: boolean;
  time_zone: string;
  /** Only for a session (VIEWER_SQL). */
  api_scope?: boolean;
}

/**
 * What a Viewer is made of, for the person `u` on the day `d.day` (the injected clock's, never the
 * database's): only what is in force that day counts — a grant until its contract's last day, a
 * teaching assignment from its first to its last day, a class of a year that has begun and is not
 * closed, a child while the guardianship is in force and the child is enrolled somewhere, a consent from
 * the moment it was given until it is withdrawn; pupils are the students of those groups and classes then
 * (and of the groups whose lesson the viewer substitutes that day, once the substitution is approved).
 */
const VIEWER_FACTS = `u.id as user_id, u.login, d.zone as time_zone,
  coalesce((select json_agg(json_build_object('role', g.role, 'schoolId', g.school_id, 'authorityId', g.authority_id)
                             order by g.granted_at desc, g.id desc)
            from role_grant g where g.user_id = u.id and g.revoked_at is null
              and ${inForceSql('g', 'd.day', { from: null })}), '[]') as grants,
  coalesce((select json_agg(distinct gs.student_id) from guardianship gs where gs.parent_id = u.id
              and ${inForceSql('gs', 'd.day')}
              and exists (select 1 from enrolment e where e.student_id = gs.student_id
                            and ${inForceSql('e', 'd.day')})), '[]') as child_ids,
  coalesce((select json_agg(c.id order by c.grade, c.letter, c.id) from school_class c join academic_year y on y.id = c.year_id
            where c.class_teacher_id = u.id and y.closed_at is null and y.starts_on <= d.day), '[]') as led_class_ids,
  coalesce((select json_agg(distinct t.group_id) from teaching_assignment t
            where t.teacher_id = u.id and ${inForceSql('t', 'd.day')}), '[]') as taught_group_ids,
  coalesce((select json_agg(l.id) from lesson l
            where l.substitute_id = u.id and l.substitution_approved_at is not null), '[]') as substituted_lesson_ids,
  coalesce((select json_agg(distinct k.student_id) from consent k
            where k.given_by_id = u.id and k.student_id <> u.id
              and ${inForceSql('k', 'd.at', { from: 'given_at', to: 'withdrawn_at', end: 'exclusive' })}), '[]') as consented_child_ids,
  exists (select 1 from consent k where k.student_id = u.id
            and ${inForceSql('k', 'd.at', { from: 'given_at', to: 'withdrawn_at', end: 'exclusive' })}) as self_diary_allowed`;

/** The viewer's pupils (`Viewer.pupilIds`): most of the statement's cost for a teacher (a few hundred students collected). */
const PUPILS = `coalesce((select json_agg(distinct p.student_id) from (
      select t.group_id from teaching_assignment t
       where t.teacher_id = u.id and ${inForceSql('t', 'd.day')}
      union select l.group_id from lesson l
       where l.substitute_id = u.id and l.substitution_approved_at is not null and l.date = d.day
    ) taught
    join study_group g on g.id = taught.group_id
    join lateral (
      select e.student_id from enrolment e where g.kind = 'WHOLE_CLASS' and e.school_class_id = g.school_class_id
         and ${inForceSql('e', 'd.day')}
      union select m.student_id from group_member m where g.kind <> 'WHOLE_CLASS' and m.group_id = g.id
         and ${inForceSql('m', 'd.day')}
    ) p on true), '[]')::jsonb
  || coalesce((select json_agg(e.student_id) from school_class c join academic_year y on y.id = c.year_id
               join enrolment e on e.school_class_id = c.id and ${inForceSql('e', 'd.day')}
               where c.class_teacher_id = u.id and y.closed_at is null and y.starts_on <= d.day), '[]')::jsonb`;

const VIEWER_COLUMNS = `${VIEWER_FACTS}, ${PUPILS} as pupil_ids`;

/**
 * The person `u`'s time zone (`Viewer.timeZone`), whose calendar says which day is "today" for them: their school's
 * (`school.timezone`; a person's grants are in one school, nearly always: of several, the latest granted decides);
 * for an inspector, who has no school, a school of their authority's (an authority serves one city or region, its
 * schools share a zone; the first by id, so that it is always the same one); only a system administrator, with neither,
 * gets Moscow time: the platform's operator's, and nothing of theirs depends on a school's day.
 * Not revoked is enough here: the zone decides which day to judge what is in force on, so it cannot wait for that day.
 */
const VIEWER_ZONE = `coalesce(
  (select s.timezone from role_grant g join school s on s.id = g.school_id
    where g.user_id = u.id and g.revoked_at is null order by g.granted_at desc, g.id desc limit 1),
  (select s.timezone from role_grant g join school s on s.authority_id = g.authority_id
    where g.user_id = u.id and g.revoked_at is null order by s.id limit 1),
  'Europe/Moscow')`;

/**
 * The moment the facts are for (the first parameter, the injected clock's: consents are given and withdrawn at an
 * instant), the person's zone and the day (their local date at that moment), computed in the statement itself.
 */
const AS_OF = `cross join lateral (select (z.at at time zone z.zone)::date as day, z.at, z.zone
  from (select ?::timestamptz as at, ${VIEWER_ZONE} as zone) z) d`;

/**
 * The session `s` of the person `u` is open: not signed out, not expired, the account active (the first half of
 * SESSION_IN_FORCE; VIEWER_SQL asks the other, a grant in force, by reading the grants). Session expiry is on the
 * wall clock: sessions are stamped (`startSession`) and checked on the same clock.
 */
const SESSION_OPEN = `s.revoked_at is null and s.expires_at > now() and u.active`;

const viewerSql = (columns: string) => `
select s.id as session_id, s.scope = 'API' as api_scope, ${columns}
from session s join app_user u on u.id = s.user_id ${AS_OF}
where s.token_hash = ? and ${SESSION_OPEN}`;
const VIEWER_SQL = viewerSql(VIEWER_COLUMNS);
/** The same without the pupils, for a request whose decisions never ask for them (graphql/pupil-free.ts). */
const VIEWER_SQL_WITHOUT_PUPILS = viewerSql(VIEWER_FACTS);

/** The same facts for people who are not asking (the recipients of a notice): no session behind them. */
const USERS_VIEWER_SQL = `select '' as session_id, ${VIEWER_COLUMNS} from app_user u ${AS_OF} where u.id = any(?::uuid[]) and u.active`;

/** VIEWER_SQL's conditions for a viewer to exist, over the session `s` of the person `u`, on the day `d.day`. */
const SESSION_IN_FORCE = `${SESSION_OPEN}
  and exists (select 1 from role_grant g where g.user_id = u.id and g.revoked_at is null and ${inForceSql('g', 'd.day', { from: null })})`;

/** The same, for many sessions at once. */
const SESSIONS_IN_FORCE_SQL = `
select s.token_hash from session s join app_user u on u.id = s.user_id ${AS_OF}
where s.token_hash = any(?::text[]) and ${SESSION_IN_FORCE}`;

/** A ground (policy/single-write.ts) as VIEWER_COLUMNS counts it, for the person `d.user_id` on the day `d.day`. */
function groundSql(ground: Ground): SqlPart {
  switch (ground.kind) {
    case 'teaches':
      return {
        text: `exists (select 1 from teaching_assignment t where t.teacher_id = d.user_id and t.group_id = ?::uuid and ${inForceSql('t', 'd.day')})`,
        params: [ground.groupId],
      };
    case 'substitutes':
      return {
        text: `exists (select 1 from lesson l where l.id = ?::uuid and l.substitute_id = d.user_id and l.substitution_approved_at is not null)`,
        params: [ground.lessonId],
      };
    case 'holdsRole':
      return {
        text: `exists (select 1 from role_grant g where g.user_id = d.user_id and g.school_id = ?::uuid and g.role::text = any(?::text[])
                 and g.revoked_at is null and ${inForceSql('g', 'd.day', { from: null })})`,
        params: [ground.schoolId, `{${ground.roles.join(',')}}`],
      };
  }
}

/**
 * The rights a single write rests on, as its statement checks them again (policy/single-write.ts): a SELECT of one
 * row, `session` (the viewer's session is in force as VIEWER_SQL takes it) and `right` (one of `grounds` holds),
 * on `day`, the day the viewer was loaded for. A few index lookups, inside the writing statement.
 */
export function rightsInForce(viewer: Viewer, grounds: readonly Ground[], day: string): SqlPart {
  const held = grounds.map(groundSql);
  return {
    text: `select exists (select 1 from session s join app_user u on u.id = s.user_id where s.id = d.session_id and ${SESSION_IN_FORCE}) as session,
  (${held.map((g) => g.text).join(' or ') || 'false'}) as "right"
from (select ?::date as day, ?::uuid as user_id, ?::uuid as session_id) d`,
    params: [...held.flatMap((g) => g.params), day, viewer.userId, viewer.sessionId],
  };
}
