/**
 * The lesson journal's writes in SQL (issue 16, bench P5): each write is ONE read of everything its write rule
 * and its checks need, and ONE statement that writes the change together with its history row, its audit row
 * and its outbox row (a data-modifying CTE). MikroORM's unit of work cost
 * a round trip per table and half the CPU of a mark; `em.execute` runs at the driver's speed. The read brings
 * the school's deadline settings along (issue 18), and a mutation whose write rule says `singleWrite` sends its
 * one statement without BEGIN/COMMIT (policy/single-write.ts: the rule decided and the answer judged first,
 * the statement returning what it touched for the kept screens): the viewer, the read, the write. All three are
 * prepared statements (kernel/prepared.ts): planning the read and the viewer on every call cost PostgreSQL
 * more than running them (bench P5, pg_stat_statements: ~4–5 ms of plan against 0.6 and 4.5 ms of execution).
 *
 * Concurrent writers are still decided by the database: a change is `UPDATE … WHERE id = ? AND version = ?`
 * and a first entry is `INSERT … ON CONFLICT DO NOTHING`; the history, audit and outbox rows are selected
 * FROM that CTE, so a writer whose UPDATE or INSERT matched nothing writes nothing at all.
 *
 * The column names of the reads are the properties of their row types: keep the two in step.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { newId } from '../../kernel/ids.js';
import { DEFAULT_SETTINGS, settingsOf, type DeadlineSettings, type GroupKind, type GradingScale } from '../school/index.js';
import { rightsRefusal, singleWriteOf, type RightsHeld } from '../../policy/single-write.js';
import { badInput, conflict, notFound, type AppError } from '../../kernel/errors.js';
import { outboxStamp } from '../../realtime/domain-event.entity.js';
import type { Viewer } from '../../policy/viewer.js';
import type { AttendanceStatus, MarkChangeKind, RemarkKind } from './journal.entity.js';
import type { LateEntryKind } from './history.entity.js';
import type { DomainEventOf, DomainEvents, EventType } from '../../kernel/events.js';
import { inForceSql } from '../../kernel/in-force.js';
import type { Touched } from '../../kernel/screens.js';
import { executePrepared } from '../../kernel/prepared.js';

/** SQL text with `?` placeholders and its parameters, composed from pieces by `sql`. */
interface Sql {
  text: string;
  params: unknown[];
}

const isSql = (v: unknown): v is Sql => typeof v === 'object' && v !== null && 'text' in v && 'params' in v;

/** A tagged template: values become parameters, `Sql` values are spliced in with theirs. */
function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  let text = strings[0];
  const params: unknown[] = [];
  values.forEach((v, i) => {
    if (isSql(v)) {
      text += v.text;
      params.push(...v.params);
    } else {
      text += '?';
      params.push(v);
    }
    text += strings[i + 1];
  });
  return { text, params };
}

/** Prepared statements (kernel/prepared.ts): their texts are fixed by this file, every value a parameter. */
const run = <T extends object>(em: EntityManager, q: Sql) => executePrepared<T>(em, q.text, q.params);

/**
 * One read per mutation: its write rule (journal.policy.ts) asks first, its service then gets the same answer.
 * Each mutation runs on an EntityManager of its own (its transaction's, or its single write's), so an answer never outlives it.
 */
const perMutation = new WeakMap<EntityManager, Map<string, Promise<unknown>>>();
function once<T>(em: EntityManager, key: string, read: () => Promise<T>): Promise<T> {
  let reads = perMutation.get(em);
  if (!reads) perMutation.set(em, (reads = new Map<string, Promise<unknown>>()));
  let answer = reads.get(key) as Promise<T> | undefined;
  if (!answer) reads.set(key, (answer = read()));
  return answer;
}

/**
 * The school's deadline settings, read once per mutation: the write rule and the service both ask (issue 18). The
 * reads of a lesson or a mark bring them along (`withSettings`): then they cost no statement of their own.
 */
export const deadlineSettings = (em: EntityManager, schoolId: string) => once(em, `settings:${schoolId}`, () => settingsOf(em, schoolId));

const snakeCase = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The settings of the school `l.school_id` as the JSON of `DeadlineSettings`; null while it keeps the defaults. */
const SETTINGS_COLUMN = sql`(select json_build_object(${{
  text: Object.keys(DEFAULT_SETTINGS)
    .map((key) => `'${key}', ss.${snakeCase(key)}`)
    .join(', '),
  params: [],
}}) from school_settings ss where ss.school_id = l.school_id) as settings`;

/** A read's row without its `settings`, which answer `deadlineSettings` for its school from now on. */
function withSettings<T extends { schoolId: string }>(em: EntityManager, row: (T & { settings?: DeadlineSettings | null }) | undefined): T | null {
  if (!row) return null;
  const { settings, ...rest } = row;
  void once(em, `settings:${row.schoolId}`, () => Promise.resolve(settings ?? DEFAULT_SETTINGS));
  return rest as unknown as T;
}

/** What a write to a lesson's column may ask about besides the lesson. */
export interface LessonAsk {
  lessonId: string;
  studentId?: string | null;
  workTypeId?: string | null;
  planTopicId?: string | null;
}

/** A lesson with its group, year and school. */
export interface LessonRow {
  lessonId: string;
  date: string;
  lessonNumber: number;
  room: string | null;
  substitutionReason: string | null;
  teacherId: string;
  substituteId: string | null;
  approvedSubstituteId: string | null;
  substitutionApproved: boolean;
  topic: string | null;
  homework: string | null;
  schoolId: string;
  periodId: string;
  groupId: string;
  groupName: string;
  groupKind: GroupKind;
  scale: GradingScale;
  subjectId: string;
  classId: string | null;
  yearId: string;
  yearName: string;
  yearClosed: boolean;
  timezone: string;
  /** The grade of the group's class (null for a group of no one class): written work's deadline depends on it. */
  grade: number | null;
}

/** A lesson, and the student, work type, attendance entry and plan topic a write to its column asks about. */
export interface LessonTarget extends LessonRow {
  /** The student is in the lesson's group on the lesson's date (in its class for a whole-class group). */
  studentInGroup: boolean;
  /** Issue 18: the student is taught at home on the lesson's date: kept in the paper journal, not this one. */
  studentHomeSchooled: boolean;
  workTypeId: string | null;
  workTypeCode: string | null;
  workTypeWeight: number | null;
  /** Days after the lesson the work type's marks are due (0: the same day). */
  workTypeEntryDays: number | null;
  attendanceId: string | null;
  attendanceStatus: AttendanceStatus | null;
  minutesLate: number | null;
  attendanceVersion: number | null;
  planTopicId: string | null;
  planTopic: string | null;
}

const LESSON_COLUMNS = sql`
  l.id as "lessonId", l.date::text as date, l.lesson_number as "lessonNumber", l.room, l.substitution_reason as "substitutionReason",
  l.teacher_id as "teacherId", l.substitute_id as "substituteId",
  case when l.substitution_approved_at is not null then l.substitute_id end as "approvedSubstituteId",
  l.substitution_approved_at is not null as "substitutionApproved",
  l.topic, l.homework, l.school_id as "schoolId", l.period_id as "periodId",
  g.id as "groupId", g.name as "groupName", g.kind as "groupKind", g.scale, g.subject_id as "subjectId", g.school_class_id as "classId",
  y.id as "yearId", y.name as "yearName", y.closed_at is not null as "yearClosed", s.timezone,
  (select c.grade from school_class c where c.id = g.school_class_id) as grade`;

const LESSON_JOINS = sql`
  join study_group g on g.id = l.group_id
  join academic_year y on y.id = g.year_id
  join school s on s.id = l.school_id`;

/** In force on the date of lesson `l` (kernel/in-force.ts): SQL text, spliced in without parameters. */
const onLessonDay = (alias: string): Sql => ({ text: inForceSql(alias, 'l.date'), params: [] });

/** Is `student` (an SQL expression) in the group of lesson `l` on its date. */
const inGroupOnLessonDay = (student: Sql) => sql`case when g.kind = 'WHOLE_CLASS'
    then exists (select 1 from enrolment e where e.student_id = ${student} and e.school_class_id = g.school_class_id
                   and ${onLessonDay('e')})
    else exists (select 1 from group_member gm where gm.student_id = ${student} and gm.group_id = g.id
                   and ${onLessonDay('gm')}) end`;

/** Is `student` taught at home (обучение на дому, ОВЗ) on the date of lesson `l` (issue 18). */
const homeSchooledOnLessonDay = (student: Sql) => sql`exists (select 1 from home_schooling h where h.student_id = ${student}
    and ${onLessonDay('h')})`;

/** The lesson and what the write asks about, in one statement; null when there is no such lesson. */
export function readLesson(em: EntityManager, ask: LessonAsk): Promise<LessonTarget | null> {
  const studentId = ask.studentId ?? null;
  return once(em, `lesson:${ask.lessonId}:${studentId}:${ask.workTypeId ?? ''}:${ask.planTopicId ?? ''}`, async () => {
    const [row] = await run<LessonTarget>(
      em,
      sql`select ${LESSON_COLUMNS}, ${SETTINGS_COLUMN},
          ${studentId ? inGroupOnLessonDay(sql`${studentId}::uuid`) : sql`false`} as "studentInGroup",
          ${studentId ? homeSchooledOnLessonDay(sql`${studentId}::uuid`) : sql`false`} as "studentHomeSchooled",
          w.id as "workTypeId", w.code as "workTypeCode", w.weight as "workTypeWeight", w.entry_days as "workTypeEntryDays",
          a.id as "attendanceId", a.status as "attendanceStatus", a.minutes_late as "minutesLate", a.version as "attendanceVersion",
          pt.id as "planTopicId", pt.topic as "planTopic"
        from lesson l ${LESSON_JOINS}
        left join work_type w on w.id = ${ask.workTypeId ?? null} and w.school_id = l.school_id
        left join attendance a on a.lesson_id = l.id and a.student_id = ${studentId}
        left join plan_topic pt on pt.id = ${ask.planTopicId ?? null} and pt.group_id = l.group_id
        where l.id = ${ask.lessonId}`,
    );
    return withSettings(em, row);
  });
}

/** A mark with its lesson and, when a change names one, the new work type (null when not of the school). */
export interface MarkRow extends LessonRow {
  markId: string;
  studentId: string;
  value: string;
  points: number | null;
  weight: number;
  comment: string | null;
  enteredAt: string;
  backdated: boolean;
  retracted: boolean;
  /** Made from an account later reported compromised, awaiting the administration's review. */
  flagged: boolean;
  version: number;
  markWorkTypeId: string;
  markWorkTypeCode: string;
  markWorkTypeEntryDays: number;
  workTypeId: string | null;
  workTypeCode: string | null;
  workTypeWeight: number | null;
}

export function readMark(em: EntityManager, markId: string, workTypeId?: string | null): Promise<MarkRow | null> {
  return once(em, `mark:${markId}:${workTypeId ?? ''}`, async () => {
    const [row] = await run<MarkRow>(
      em,
      sql`select ${LESSON_COLUMNS}, ${SETTINGS_COLUMN}, w.id as "workTypeId", w.code as "workTypeCode", w.weight as "workTypeWeight",
          m.id as "markId", m.student_id as "studentId", m.value, m.points, m.weight, m.comment, m.entered_at as "enteredAt", m.backdated,
          m.retracted_at is not null as retracted, m.flagged_at is not null as flagged, m.version, m.work_type_id as "markWorkTypeId", mw.code as "markWorkTypeCode", mw.entry_days as "markWorkTypeEntryDays"
        from mark m join lesson l on l.id = m.lesson_id ${LESSON_JOINS}
        join work_type mw on mw.id = m.work_type_id
        left join work_type w on w.id = ${workTypeId ?? null} and w.school_id = m.school_id
        where m.id = ${markId}`,
    );
    return withSettings(em, row);
  });
}

/** Who writes, when: the actor and domain time of the history and audit rows. */
export interface Writer {
  viewer: Viewer;
  schoolId: string;
  at: Date;
}

interface AuditEntry {
  action: string;
  entity: string;
  /** The id, or an SQL expression over `written` when the change decides it (an upsert). */
  entityId: string | Sql;
  data: Record<string, unknown>;
}

/** A payload of event type `T` built in SQL: one expression per field, over the CTE `written` or with parameters. */
type SqlPayload<T extends EventType> = { [K in keyof DomainEvents[T]]-?: Sql };

/**
 * The outbox row of a change: its type and that type's payload (kernel/events.ts), given as values or, when it
 * carries what the change wrote, as SQL expressions (`payloadSql`).
 */
type EventWrite = {
  [T in EventType]: { type: T; studentId: string | null; groupId: string } & ({ payload: DomainEvents[T] } | { payloadSql: SqlPayload<T> });
}[EventType];

/** `jsonb_build_object('key', expression, …)`: a payload built in SQL. */
function jsonbObject(fields: Record<string, Sql>): Sql {
  const pairs = Object.entries(fields).map(([key, value]) => ({ text: `'${key}', ${value.text}`, params: value.params }));
  return { text: `jsonb_build_object(${pairs.map((p) => p.text).join(', ')})`, params: pairs.flatMap((p) => p.params) };
}

/**
 * The audit and outbox rows of a change, as CTE parts that write one row each for every row of the CTE
 * `written` (the change itself): none when the change matched nothing. `announced` returns the outbox rows'
 * student and group (none without an event): what a single write's fence routes.
 */
function auditAndEvent(w: Writer, entry: AuditEntry, event: EventWrite | null): Sql {
  const audited = sql`,
  audited as (insert into audit_event (school_id, actor_id, action, entity, entity_id, data, at, session_id, ip)
    select ${w.schoolId}, ${w.viewer.userId}, ${entry.action}, ${entry.entity}, ${entry.entityId}, ${JSON.stringify(entry.data)}::jsonb, ${w.at},
           ${w.viewer.sessionId}, ${w.viewer.ip ?? null} from written)`;
  if (!event)
    return sql`${audited},
  announced as (select null::uuid as student_id, null::uuid as group_id where false)`;
  const payload = 'payloadSql' in event ? jsonbObject(event.payloadSql) : sql`${JSON.stringify(event.payload)}::jsonb`;
  return sql`${audited},
  announced as (insert into domain_event (school_id, type, student_id, group_id, payload, at)
    select ${w.schoolId}, ${event.type}, ${event.studentId}, ${event.groupId}, ${payload}, ${outboxStamp()} from written
    returning student_id, group_id)`;
}

/** The tags of what the outbox rows of `announced` touch, as Migration20261202186001_screens_touched notes them. */
const ANNOUNCED_TAGS = `array(select 's:' || student_id from announced where student_id is not null
  union select 'g:' || group_id from announced where group_id is not null)`;

/**
 * What an INSERT (or upsert) that wrote nothing answers. It writes its row unless the rights it rests on ended, which
 * is refused first; should it ever write nothing else, the mutation says so rather than answer a success.
 */
const notWritten = () => conflict('Nothing was written: reload and try again.');

/** A write to the journal of a closed year: refused as the read refuses it (journal.service.ts `openLesson`), and by the statement. */
export const yearClosed = (yearName: string) => badInput('YEAR_CLOSED', `The year ${yearName} is closed: its journal is final.`);

/** The statement's `gate` CTE: one row, the rights it rests on and whether the lesson's year is still open. */
interface Gate extends RightsHeld {
  yearOpen: boolean;
}

/** In a statement: the rights it rests on still hold and the year is open (its `gate` CTE, evaluated once). */
const GATE_HOLDS = sql`(select session and "right" and "yearOpen" from gate)`;

/**
 * Sends a write: `body`, CTEs from `written` (which writes only where its argument, an SQL condition, holds) to
 * `auditAndEvent`'s, then the rows written. `nothing`, when given, makes the refusal of a statement that wrote
 * nothing (its target is gone; never a silent success); without it, the caller decides (a versioned change or a
 * first entry that a concurrent writer won).
 *
 * The statement's first CTE, `gate`, checks again what the read found: the year of `lesson` (if the write is to a
 * lesson's journal) is still open, so a year closed after the read — even one whose close commits while the
 * statement runs: the year's row is read FOR SHARE, which waits for the close — leaves the statement writing nothing
 * and the mutation refused with YEAR_CLOSED, as the read would have refused it.
 *
 * On the EntityManager of a single-write mutation (policy/single-write.ts) the write rule is decided and `answer`,
 * what the mutation answers if the write goes through, judged first (a refusal writes nothing); `gate` then also
 * holds the rights the rule rested on (else nothing is written, and the refusal), and the statement returns what
 * it touched for the kept screens. Inside a transaction it is just sent.
 */
async function write<T extends object>(
  em: EntityManager,
  lesson: LessonRow | null,
  body: (allowed: Sql) => Sql,
  columns: string,
  answer: object,
  nothing?: () => AppError,
): Promise<T[]> {
  const single = singleWriteOf(em);
  const selected = { text: columns, params: [] };
  // FOR SHARE: a close committing after the statement's snapshot was taken is waited for and then seen (the
  // locked read gives the row's newest version); a plain read would find the year open and write into a closed one.
  const yearOpen = lesson ? sql`(select y.closed_at is null from academic_year y where y.id = ${lesson.yearId}::uuid for share)` : sql`true`;
  let gate = sql`select true as session, true as "right", ${yearOpen} as "yearOpen"`;
  let fence: Sql | null = null;
  if (single) {
    const rights = await single.authorise(answer);
    if (single.sent) throw new Error('A single write writes with one statement.');
    single.sent = true;
    gate = sql`select r.session, r."right", ${yearOpen} as "yearOpen" from (${rights}) r`;
    fence = single.fence(ANNOUNCED_TAGS);
  }
  // One row for the gate, joined to the rows written (none: nulls, `wrote` among them).
  const rows = await run<T & Gate & { wrote: boolean | null; touched?: Touched }>(
    em,
    sql`with gate as (${gate}), ${body(GATE_HOLDS)}
    select gate.session, gate."right", gate."yearOpen", w.* from gate
      left join (select true as wrote, ${selected}${fence ? sql`, ${fence} as touched` : sql``} from written) w on true`,
  );
  const written = rows.filter((r) => r.wrote);
  // Asked and nothing written (a concurrent writer won, the rights ended or the year closed): nothing touched.
  if (single && fence) single.touched = written[0]?.touched ?? { everyone: false, people: false, studentIds: [], groupIds: [], classIds: [] };
  const refusal = rightsRefusal(rows[0]);
  if (refusal) throw refusal;
  if (lesson && !rows[0].yearOpen) throw yearClosed(lesson.yearName);
  if (!written.length && nothing) throw nothing();
  return written;
}

/** Issue 18: the record of an entry made after its deadline, written with it (a CTE part over `written`). */
export interface LateWrite {
  kind: LateEntryKind;
  dueAt: Date;
  reason: string;
}

const lateRecorded = (w: Writer, lesson: LessonRow, late: LateWrite | null) =>
  late
    ? sql`,
  late as (insert into late_entry (id, school_id, group_id, period_id, kind, record_id, due_at, at, author_id, reason)
    select ${newId()}, ${w.schoolId}, ${lesson.groupId}, ${lesson.periodId}, ${late.kind}::late_entry_kind, id, ${late.dueAt}, ${w.at},
           ${w.viewer.userId}, ${late.reason.trim()} from written)`
    : sql``;

export interface NewMark {
  id: string;
  lesson: LessonRow;
  studentId: string;
  workTypeId: string;
  workTypeCode: string;
  value: string;
  points: number | null;
  weight: number;
  comment: string | null;
  backdated: boolean;
  reason: string | null;
  /** Entered after its deadline: its late_entry row. */
  late: LateWrite | null;
}

/** R-J4: the mark, its CREATED history row, its audit row, its `mark.created` event (and its late entry), in one statement. */
export async function insertMark(em: EntityManager, w: Writer, m: NewMark, answer: object): Promise<void> {
  const l = m.lesson;
  await write(
    em,
    l,
    (allowed) => sql`written as (insert into mark (id, school_id, lesson_id, group_id, subject_id, period_id, student_id, work_type_id, value, points, weight,
                                          comment, entered_by_id, entered_at, backdated, version)
      select ${m.id}, ${w.schoolId}, ${l.lessonId}, ${l.groupId}, ${l.subjectId}, ${l.periodId}, ${m.studentId}, ${m.workTypeId}, ${m.value}, ${m.points},
              ${m.weight}, ${m.comment}, ${w.viewer.userId}, ${w.at}, ${m.backdated}, 1 where ${allowed} returning id),
    history as (insert into mark_change (id, school_id, mark_id, version, kind, new_value, new_work_type, reason, backdated, author_id, at)
      select ${newId()}, ${w.schoolId}, id, 1, 'CREATED'::mark_change_kind, ${m.value}, ${m.workTypeCode}, ${m.reason}, ${m.backdated}, ${w.viewer.userId}, ${w.at} from written)
    ${auditAndEvent(
      w,
      { action: 'mark.create', entity: 'Mark', entityId: m.id, data: { value: m.value, studentId: m.studentId } },
      {
        type: 'mark.created',
        studentId: m.studentId,
        groupId: l.groupId,
        payload: { markId: m.id, lessonId: l.lessonId, value: m.value },
      },
    )}${lateRecorded(w, l, m.late)}`,
    'id',
    answer,
    notWritten,
  );
}

export interface MarkUpdate {
  mark: MarkRow;
  /** The version the change is based on: the UPDATE matches only while it is the current one. */
  version: number;
  /** A new value, a retraction, or the administration's review of a flagged mark (it stands, or is retracted). */
  set: { value: string; points: number | null; workTypeId: string; weight: number } | { retractedAt: Date } | { reviewed: { retractedAt: Date | null } };
  history: {
    kind: MarkChangeKind;
    oldValue: string | null;
    newValue: string | null;
    oldWorkType: string | null;
    newWorkType: string | null;
    reason: string;
    backdated: boolean;
  };
  audit: Omit<AuditEntry, 'entity' | 'entityId'>;
  /** None when the family is told nothing (a flagged mark confirmed stands as it was shown). */
  event: DomainEventOf | null;
}

/**
 * A versioned change of a mark with its history, audit and outbox rows. Returns the new version, or null when
 * the mark is no longer at `version` (a concurrent writer won): then nothing was written.
 */
export async function updateMark(em: EntityManager, w: Writer, u: MarkUpdate, answer: object): Promise<number | null> {
  const set =
    'reviewed' in u.set
      ? sql`flagged_at = null, retracted_at = ${u.set.reviewed.retractedAt}`
      : 'retractedAt' in u.set
        ? sql`retracted_at = ${u.set.retractedAt}`
        : sql`value = ${u.set.value}, points = ${u.set.points}, work_type_id = ${u.set.workTypeId}, weight = ${u.set.weight}`;
  const h = u.history;
  const [row] = await write<{ version: number }>(
    em,
    u.mark,
    (allowed) => sql`written as (update mark set ${set}, version = version + 1 where id = ${u.mark.markId} and version = ${u.version} and ${allowed}
      returning id, version),
    history as (insert into mark_change (id, school_id, mark_id, version, kind, old_value, new_value, old_work_type, new_work_type, reason, backdated, author_id, at)
      select ${newId()}, ${w.schoolId}, id, version, ${h.kind}::mark_change_kind, ${h.oldValue}, ${h.newValue}, ${h.oldWorkType}, ${h.newWorkType}, ${h.reason},
             ${h.backdated}, ${w.viewer.userId}, ${w.at} from written)
    ${auditAndEvent(w, { ...u.audit, entity: 'Mark', entityId: u.mark.markId }, u.event && { ...u.event, studentId: u.mark.studentId, groupId: u.mark.groupId })}`,
    'version',
    answer,
  );
  return row?.version ?? null;
}

/** The current version of a mark, read anew (after a lost race, in a statement of its own: it sees the winner). */
export async function markVersion(em: EntityManager, markId: string): Promise<number> {
  const [row] = await run<{ version: number }>(em, sql`select version from mark where id = ${markId}`);
  if (!row) throw notFound('No such mark.');
  return row.version;
}

export interface AttendanceEntry {
  id: string;
  status: AttendanceStatus;
  minutesLate: number | null;
  version: number;
}

export interface AttendanceWrite {
  lesson: LessonRow;
  studentId: string;
  status: AttendanceStatus;
  minutesLate: number | null;
  oldStatus: AttendanceStatus | null;
  reason: string | null;
  auditData: Record<string, unknown>;
  /** A first entry after its deadline: its late_entry row. */
  late: LateWrite | null;
}

const attendanceRecorded = (w: Writer, a: AttendanceWrite, entryId: string) => sql`,
    history as (insert into attendance_change (id, school_id, attendance_id, old_status, new_status, reason, author_id, at)
      select ${newId()}, ${w.schoolId}, id, ${a.oldStatus}::attendance_status, ${a.status}::attendance_status, ${a.reason}, ${w.viewer.userId}, ${w.at} from written)
    ${auditAndEvent(
      w,
      { action: 'attendance.set', entity: 'Attendance', entityId: entryId, data: a.auditData },
      {
        type: 'attendance.changed',
        studentId: a.studentId,
        groupId: a.lesson.groupId,
        payload: { lessonId: a.lesson.lessonId, status: a.status },
      },
    )}${lateRecorded(w, a.lesson, a.late)}`;

/**
 * R-J3: the first entry for a lesson and student (its id `id`), as `INSERT … ON CONFLICT DO NOTHING`, with its
 * history, audit and outbox rows. Returns the entry, or null when a concurrent writer holds the key (nothing was written; the
 * INSERT waited for that writer's commit, so `attendanceOf` now sees its entry).
 */
export async function insertAttendance(em: EntityManager, w: Writer, id: string, a: AttendanceWrite, answer: object): Promise<AttendanceEntry | null> {
  const [row] = await write<{ id: string }>(
    em,
    a.lesson,
    (allowed) => sql`written as (insert into attendance (id, school_id, lesson_id, student_id, status, minutes_late, updated_at, version)
      select ${id}, ${w.schoolId}, ${a.lesson.lessonId}, ${a.studentId}, ${a.status}, ${a.minutesLate}, ${w.at}, 1 where ${allowed}
      on conflict do nothing returning id)
    ${attendanceRecorded(w, a, id)}`,
    'id',
    answer,
  );
  return row ? { id, status: a.status, minutesLate: a.minutesLate, version: 1 } : null;
}

/** A versioned change of an attendance entry with its rows; null when the entry is no longer at `version`. */
export async function updateAttendance(
  em: EntityManager,
  w: Writer,
  a: AttendanceWrite,
  entry: AttendanceEntry,
  answer: object,
): Promise<AttendanceEntry | null> {
  const [row] = await write<{ version: number }>(
    em,
    a.lesson,
    (allowed) => sql`written as (update attendance set status = ${a.status}, minutes_late = ${a.minutesLate}, updated_at = ${w.at}, version = version + 1
      where id = ${entry.id} and version = ${entry.version} and ${allowed} returning id, version)
    ${attendanceRecorded(w, a, entry.id)}`,
    'version',
    answer,
  );
  return row ? { id: entry.id, status: a.status, minutesLate: a.minutesLate, version: row.version } : null;
}

/** The entry of a lesson and student as it stands now (a statement of its own: it sees a concurrent winner). */
export async function attendanceOf(em: EntityManager, lessonId: string, studentId: string): Promise<AttendanceEntry> {
  const [row] = await run<AttendanceEntry>(
    em,
    sql`select id, status, minutes_late as "minutesLate", version from attendance where lesson_id = ${lessonId} and student_id = ${studentId}`,
  );
  if (!row) throw notFound('No such attendance entry.');
  return row;
}

/** R-J8: a remark with its audit row and its `remark.added` event. */
export async function insertRemark(
  em: EntityManager,
  w: Writer,
  r: { id: string; lesson: LessonRow; studentId: string; kind: RemarkKind; text: string },
  answer: object,
): Promise<void> {
  await write(
    em,
    r.lesson,
    (allowed) => sql`written as (insert into remark (id, school_id, lesson_id, student_id, kind, text, author_id, at)
      select ${r.id}, ${w.schoolId}, ${r.lesson.lessonId}, ${r.studentId}, ${r.kind}, ${r.text}, ${w.viewer.userId}, ${w.at} where ${allowed} returning id)
    ${auditAndEvent(
      w,
      { action: 'remark.add', entity: 'Remark', entityId: r.id, data: { kind: r.kind } },
      {
        type: 'remark.added',
        studentId: r.studentId,
        groupId: r.lesson.groupId,
        payload: { remarkId: r.id, kind: r.kind },
      },
    )}`,
    'id',
    answer,
    notWritten,
  );
}

/**
 * R-J1: the topic and homework of a lesson; only the fields given are set, so two teachers' tabs setting one
 * each keep both. The event carries the lesson's content as it stands after the change.
 */
export async function updateLessonContent(
  em: EntityManager,
  w: Writer,
  c: {
    lesson: LessonRow;
    planTopicId?: string;
    topic?: string | null;
    homework?: string | null;
    auditData: Record<string, unknown>;
    /** Homework set after its deadline: its late_entry row. */
    late: LateWrite | null;
  },
  answer: object,
): Promise<{ topic: string | null; homework: string | null }> {
  const set = [
    ...(c.planTopicId !== undefined ? [sql`plan_topic_id = ${c.planTopicId}`] : []),
    ...(c.topic !== undefined ? [sql`topic = ${c.topic}`] : []),
    ...(c.homework !== undefined ? [sql`homework = ${c.homework}`] : []),
    sql`topic_entered_at = ${w.at}`,
  ].reduce((all, part) => sql`${all}, ${part}`);
  const [row] = await write<{ topic: string | null; homework: string | null }>(
    em,
    c.lesson,
    (allowed) => sql`written as (update lesson set ${set} where id = ${c.lesson.lessonId} and ${allowed} returning id, topic, homework)
    ${auditAndEvent(
      w,
      { action: 'lesson.content', entity: 'Lesson', entityId: c.lesson.lessonId, data: c.auditData },
      {
        type: 'lesson.changed',
        studentId: null,
        groupId: c.lesson.groupId,
        payloadSql: { lessonId: sql`id`, topic: sql`topic`, homework: sql`homework` },
      },
    )}${lateRecorded(w, c.lesson, c.late)}`,
    'topic, homework',
    answer,
    () => notFound('No such lesson.'),
  );
  return { topic: row.topic, homework: row.homework };
}

/** R-J7: a group with its school's time zone, the period asked about (if of the group's year) and the student's marks in it. */
export interface IntendedMarkTarget {
  groupId: string;
  schoolId: string;
  classId: string | null;
  periodId: string | null;
  subjectName: string;
  /** The student's current marks with points in the group and period. */
  marks: { points: number; weight: number }[];
  /** Lessons of the group in the period after the school's today. */
  lessonsLeft: number;
}

export function readIntendedMarkTarget(
  em: EntityManager,
  a: { groupId: string; studentId: string; periodId: string },
  now: Date,
): Promise<IntendedMarkTarget | null> {
  return once(em, `intendedMark:${a.groupId}:${a.studentId}:${a.periodId}`, async () => {
    const [row] = await run<IntendedMarkTarget>(
      em,
      sql`select g.id as "groupId", g.school_id as "schoolId", g.school_class_id as "classId", p.id as "periodId", sub.name as "subjectName",
          coalesce((select json_agg(json_build_object('points', m.points, 'weight', m.weight)) from mark m
                     where m.student_id = ${a.studentId} and m.group_id = g.id and m.period_id = p.id and m.retracted_at is null and m.flagged_at is null
                       and m.points is not null), '[]') as marks,
          (select count(*)::int from lesson l where l.group_id = g.id and l.period_id = p.id and l.date > (${now}::timestamptz at time zone s.timezone)::date) as "lessonsLeft"
        from study_group g join school s on s.id = g.school_id join subject sub on sub.id = g.subject_id
        left join reporting_period p on p.id = ${a.periodId} and p.year_id = g.year_id
        where g.id = ${a.groupId}`,
    );
    return row ?? null;
  });
}

/**
 * R-J7: the notice of a student's period mark below the average, one per student, group and period (a second
 * one replaces the first, keeping its id and author), with its audit row and its `intendedMark.announced` event.
 */
export async function upsertIntendedMarkNotice(
  em: EntityManager,
  w: Writer,
  n: {
    target: IntendedMarkTarget & { periodId: string };
    studentId: string;
    intendedPoints: number;
    average: string;
    reason: string;
    auditData: Record<string, unknown>;
  },
  answer: object,
): Promise<string> {
  const t = n.target;
  const [row] = await write<{ id: string }>(
    em,
    null,
    (allowed) => sql`written as (insert into intended_mark_notice
        (id, school_id, student_id, group_id, period_id, intended_points, average, reason, lessons_left, author_id, created_at)
      select ${newId()}, ${w.schoolId}, ${n.studentId}, ${t.groupId}, ${t.periodId}, ${n.intendedPoints}, ${n.average}, ${n.reason}, ${t.lessonsLeft}, ${w.viewer.userId}, ${w.at}
      where ${allowed}
      on conflict (student_id, group_id, period_id) do update set intended_points = excluded.intended_points, average = excluded.average,
        reason = excluded.reason, lessons_left = excluded.lessons_left, created_at = excluded.created_at
      returning id)
    ${auditAndEvent(
      w,
      { action: 'intendedMark.announce', entity: 'IntendedMarkNotice', entityId: sql`id`, data: n.auditData },
      {
        type: 'intendedMark.announced',
        studentId: n.studentId,
        groupId: t.groupId,
        payloadSql: { noticeId: sql`id`, intendedMark: sql`${n.intendedPoints}::int`, average: sql`${n.average}::text` },
      },
    )}`,
    'id',
    answer,
    notWritten,
  );
  return row.id;
}
