/**
 * Reads of the outbox (`domain_event`) for live delivery and replay. Plain SQL through the ORM's pool:
 * a few indexed statements per batch of events, whatever the number of subscribers.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { eventOf, type OutboxEvent } from '../kernel/events.js';
import { inForceSql } from '../kernel/in-force.js';

/** An outbox row as stored: its event (typed by `type`, kernel/events.ts) and its routing columns. */
export type OutboxRecord = OutboxEvent & {
  /** The cursor: a decimal string (bigint). */
  id: string;
  schoolId: string;
  studentId: string | null;
  groupId: string | null;
  at: Date;
};

/** A row with its audience, for live delivery. */
export type OutboxRow = OutboxRecord & {
  /** Routing, for live rows only: whose diary shows it (the student; for a lesson, the group's members today). */
  studentIds: string[];
  /** Routing, for live rows only: which class streams show it (the student's class today; for a lesson, the group's class). */
  classIds: string[];
  /** Routing: whose message stream shows it (the recipient of a message event). */
  userIds: string[];
};

interface RawRow {
  id: string;
  type: string;
  school_id: string;
  student_id: string | null;
  group_id: string | null;
  payload: Record<string, unknown> | string;
  at: Date | string;
  student_ids?: string[] | null;
  class_ids?: string[] | null;
  user_ids?: string[] | null;
}

const toRow = (r: RawRow): OutboxRow => ({
  ...eventOf(r.type, typeof r.payload === 'string' ? (JSON.parse(r.payload) as Record<string, unknown>) : r.payload),
  id: String(r.id),
  schoolId: r.school_id,
  studentId: r.student_id,
  groupId: r.group_id,
  at: r.at instanceof Date ? r.at : new Date(r.at),
  studentIds: r.student_ids ?? [],
  classIds: r.class_ids ?? [],
  userIds: r.user_ids ?? [],
});

const COLUMNS = `e.id::text as id, e.type, e.school_id, e.student_id, e.group_id, e.payload, e.at`;

/** The students of a group on `d.today` (its school's: `SCHOOL_DAY`): the class's students for a whole-class group, else its members. */
export const GROUP_MEMBERS = (group: string) => `
  select en.student_id from study_group g join enrolment en on en.school_class_id = g.school_class_id
   where g.id = ${group} and g.kind = 'WHOLE_CLASS' and ${inForceSql('en', 'd.today')}
  union
  select m.student_id from group_member m where m.group_id = ${group} and ${inForceSql('m', 'd.today')}`;

/**
 * "Today" of a school, as `d.today` for the fragments above: its local date at the moment of the first parameter
 * (`at`), each school's own (school.timezone); `school` is an SQL expression for its id.
 */
export const SCHOOL_DAY = (school: string) =>
  `cross join lateral (select (a.at at time zone sz.timezone)::date as today, sz.timezone as zone from school sz where sz.id = ${school}) d`;

const ROUTED_SQL = `
with a as (select ?::timestamptz as at)
select ${COLUMNS},
  case when e.student_id is not null then array[e.student_id::text]
       else array(select x.student_id::text from (${GROUP_MEMBERS('e.group_id')}) x) end as student_ids,
  case when e.student_id is not null
       then array(select en.school_class_id::text from enrolment en
                   where en.student_id = e.student_id and en.school_id = e.school_id and ${inForceSql('en', 'd.today')})
       else array(select g.school_class_id::text from study_group g where g.id = e.group_id and g.school_class_id is not null) end as class_ids,
  case when e.payload->>'recipientId' is not null then array[e.payload->>'recipientId'] else '{}'::text[] end as user_ids
from domain_event e cross join a ${SCHOOL_DAY('e.school_id')}
where e.id = any(?::bigint[])`;

/** Committed rows with their audience, in the order of `ids` (those too big to announce); ids no longer in the outbox are left out. */
export async function fetchRouted(em: EntityManager, ids: string[], now: Date): Promise<OutboxRow[]> {
  const raw = await em.getConnection().execute<RawRow[]>(ROUTED_SQL, [now, `{${ids.join(',')}}`]);
  const byId = new Map(raw.map((r) => [String(r.id), toRow(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The audience of events announced with their row: the classes of a student, the members and class of a group. */
export interface Routes {
  /** Time zone → the local date these routes are for, of every school they were read for (its own day). */
  days: Map<string, string>;
  /** `${schoolId}/${studentId}` → the student's classes in that school today. */
  studentClasses: Map<string, string[]>;
  /** Group id → its students and class today (absent: no such group). */
  groups: Map<string, { studentIds: string[]; classIds: string[] }>;
}

const ROUTES_SQL = `
with a as (select ?::timestamptz as at)
select 's' as kind, s.school_id::text || '/' || s.id::text as key,
  array(select en.school_class_id::text from enrolment en where en.student_id = s.id and en.school_id = s.school_id and ${inForceSql('en', 'd.today')}) as class_ids,
  null::text[] as student_ids, d.zone, d.today::text as today
from unnest(?::uuid[], ?::uuid[]) as s(school_id, id) cross join a ${SCHOOL_DAY('s.school_id')}
union all
select 'g', g.id::text, case when g.school_class_id is null then '{}'::text[] else array[g.school_class_id::text] end,
  array(select x.student_id::text from (${GROUP_MEMBERS('g.id')}) x), d.zone, d.today::text
from study_group g cross join a ${SCHOOL_DAY('g.school_id')} where g.id = any(?::uuid[])`;

/** One statement for the students (`schoolId/studentId`) and groups whose audience is not known yet. */
export async function fetchRoutes(em: EntityManager, students: string[], groups: string[], now: Date): Promise<Routes> {
  const pairs = students.map((key) => key.split('/') as [string, string]);
  const raw = await em
    .getConnection()
    .execute<{ kind: 's' | 'g'; key: string; class_ids: string[]; student_ids: string[] | null; zone: string; today: string }[]>(ROUTES_SQL, [
      now,
      `{${pairs.map(([school]) => school).join(',')}}`,
      `{${pairs.map(([, student]) => student).join(',')}}`,
      `{${groups.join(',')}}`,
    ]);
  const routes: Routes = { days: new Map(), studentClasses: new Map(), groups: new Map() };
  for (const r of raw) {
    routes.days.set(r.zone, r.today);
    if (r.kind === 's') routes.studentClasses.set(r.key, r.class_ids);
    else routes.groups.set(r.key, { studentIds: r.student_ids ?? [], classIds: r.class_ids });
  }
  return routes;
}

/**
 * A committed row as its notification carries it (Migration20261202145000_outbox_announce_rows); null: too big to carry,
 * read it. A mark, attendance or remark event carries its objects too (Migration20261203071001_announce_objects, as
 * JSON, affected.ts `CarriedObjects`: `carriedObjects` makes them the objects a read gives); null: read them.
 */
export interface Announcement {
  id: string;
  row: OutboxRecord | null;
  objects: object | null;
}

export function parseAnnouncement(message: string): Announcement {
  const m = JSON.parse(message) as {
    id: string;
    schoolId?: string;
    type?: string;
    studentId?: string | null;
    groupId?: string | null;
    at?: string;
    payload?: Record<string, unknown>;
    objects?: object | null;
  };
  const row =
    m.payload && m.schoolId && m.type && m.at
      ? { ...eventOf(m.type, m.payload), id: m.id, schoolId: m.schoolId, studentId: m.studentId ?? null, groupId: m.groupId ?? null, at: new Date(m.at) }
      : null;
  return { id: String(m.id), row, objects: (row && m.objects) || null };
}

/** `d.today` of one school (the second parameter) at the moment of the first: its local date (school.timezone). */
const SCHOOL_TODAY = `d as (select (?::timestamptz at time zone s.timezone)::date as today from school s where s.id = ?::uuid)`;

/** What a student's diary stream shows: their own records, and changes of lessons of their groups. */
const DIARY_SQL = `
with ${SCHOOL_TODAY}
select ${COLUMNS} from domain_event e cross join d
where e.school_id = ? and e.id > ?::bigint and (
  e.student_id = ?
  or (e.student_id is null and e.group_id in (
    select g.id from study_group g join enrolment en on en.school_class_id = g.school_class_id
     where en.student_id = ? and g.kind = 'WHOLE_CLASS' and ${inForceSql('en', 'd.today')}
    union
    select m.group_id from group_member m where m.student_id = ? and ${inForceSql('m', 'd.today')})))
order by e.id limit ?`;

export async function replayDiary(
  em: EntityManager,
  q: { schoolId: string; studentId: string; after: bigint; limit: number; now: Date },
): Promise<OutboxRow[]> {
  const raw = await em
    .getConnection()
    .execute<RawRow[]>(DIARY_SQL, [q.now, q.schoolId, q.schoolId, q.after.toString(), q.studentId, q.studentId, q.studentId, q.limit]);
  return raw.map(toRow);
}

/** What a class stream shows: records of the students in the class today, and changes of the class's lessons. */
const CLASS_SQL = `
with ${SCHOOL_TODAY}
select ${COLUMNS} from domain_event e cross join d
where e.school_id = ? and e.id > ?::bigint and (
  e.student_id in (select en.student_id from enrolment en where en.school_class_id = ? and ${inForceSql('en', 'd.today')})
  or (e.student_id is null and e.group_id in (select g.id from study_group g where g.school_class_id = ?)))
order by e.id limit ?`;

export async function replayClass(em: EntityManager, q: { schoolId: string; classId: string; after: bigint; limit: number; now: Date }): Promise<OutboxRow[]> {
  const raw = await em.getConnection().execute<RawRow[]>(CLASS_SQL, [q.now, q.schoolId, q.schoolId, q.after.toString(), q.classId, q.classId, q.limit]);
  return raw.map(toRow);
}

/** What a person's message stream shows: the message events addressed to them in one school. */
const MESSAGES_SQL = `
select ${COLUMNS} from domain_event e
where e.school_id = ? and e.id > ?::bigint and e.type = any(?::text[]) and e.payload->>'recipientId' = ?
order by e.id limit ?`;

export async function replayMessages(
  em: EntityManager,
  q: { schoolId: string; userId: string; types: string[]; after: bigint; limit: number },
): Promise<OutboxRow[]> {
  const raw = await em.getConnection().execute<RawRow[]>(MESSAGES_SQL, [q.schoolId, q.after.toString(), `{${q.types.join(',')}}`, q.userId, q.limit]);
  return raw.map(toRow);
}

/**
 * The newest id of a school's events: a stream without `after` starts there. Within a school ids are
 * given in commit order (the outbox trigger), so every later event of the school gets a larger id.
 */
export async function schoolHead(em: EntityManager, schoolId: string): Promise<bigint> {
  const [row] = await em.getConnection().execute<{ head: string | null }[]>(`select max(id)::text as head from domain_event where school_id = ?`, [schoolId]);
  return BigInt(row?.head ?? 0);
}

/**
 * Whether replay after `id` is complete: the event is still in the outbox (retention deletes the
 * oldest first). "0" means "from the oldest event kept".
 */
export async function cursorKnown(em: EntityManager, id: bigint): Promise<boolean> {
  if (id === 0n) return true;
  const rows = await em.getConnection().execute<unknown[]>(`select 1 from domain_event where id = ?::bigint`, [id.toString()]);
  return rows.length > 0;
}

/**
 * Retention: deletes events older than `before`, oldest first, `chunk` rows per statement. Ids grow with
 * time, so it stops at the first chunk that is not entirely expired: each run reads little when there is
 * nothing to delete.
 */
export async function deleteExpired(em: EntityManager, before: Date, chunk = 5000): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await em.getConnection().execute<{ id: string }[]>(
      `with oldest as (select id, at from domain_event order by id limit ?)
       delete from domain_event where id in (select id from oldest where at < ?) returning id`,
      [chunk, before],
    );
    total += deleted.length;
    if (deleted.length < chunk) return total;
  }
}
