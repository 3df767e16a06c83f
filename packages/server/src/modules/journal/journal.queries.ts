/**
 * The big screens' reads (issue 16): the journal grid, the diary week and the term each read with ONE SQL
 * statement whose columns are JSON made by PostgreSQL, shaped as the GraphQL types' fields. The screen's
 * resolver builds its answer from it and primes the request's DataLoaders with every nested object the
 * screen shows (group, subject, teachers, work types, mark histories, authors), so the nested field
 * resolvers find them and run no statement. Nothing here decides access: the resolvers check the root
 * (canReadJournal, ensureDiaryAccess) before using the rows, and the policy's type and field rules still
 * filter every object of the answer per viewer.
 *
 * Each statement's rows go through the process's ScreenCache (graphql/screen-cache.ts): a repeated read
 * of the same page answers from the rows kept until a commit touches them; the access checks and the
 * policy run on every request all the same.
 *
 * Each column list is written once (`*_COLUMNS`) and used both here and by the loader that reads the same
 * objects one by one elsewhere (journal.loaders.ts), so the two stay in step.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  StudentType,
  type PersonName,
  byFullName,
  bySurname,
  GroupKind,
  ReportingPeriodType,
  StudyGroupType,
  SubjectType,
  type PeriodKind,
} from '../school/index.js';
import { attendsLesson, LessonType } from '../timetable/index.js';
import type { Loaders } from '../../kernel/loaders.js';
import type { KeptScreens } from '../../kernel/screens.js';
import { AttendanceType, FinalMarkType, MarkType, RemarkType, WorkTypeType, type MarkChangeRecord, type MarkChangeRow } from './journal.types.js';
import { inForceSql } from '../../kernel/in-force.js';
import { executePrepared } from '../../kernel/prepared.js';

// ── column lists: the names are the properties of the API types (keep them in step) ──────────────────

const LESSON_COLUMNS = `l.id, l.date, l.lesson_number as "lessonNumber", l.room, l.substitution_reason as "substitutionReason",
  l.substitution_approved_at is not null as "substitutionApproved", l.topic, l.homework, l.school_id as "schoolId",
  l.group_id as "groupId", l.period_id as "periodId", l.teacher_id as "teacherId", l.substitute_id as "substituteId"`;

/** A mark with its lesson `l` joined; `classId` is the caller's (the group's class, or the student's today). */
const MARK_COLUMNS = `m.id, m.value, m.weight, m.comment, m.entered_at as "enteredAt", m.backdated, m.retracted_at is not null as retracted, m.flagged_at is not null as flagged,
  m.retracted_at as "retractedAt", m.version, l.date, m.lesson_id as "lessonId", m.work_type_id as "workTypeId",
  m.subject_id as "subjectId", m.points, m.school_id as "schoolId", m.student_id as "studentId", m.group_id as "groupId"`;

/** Read by `changesByMark` too. */
export const MARK_CHANGE_COLUMNS = `c.mark_id as "markId", c.kind, c.version, c.old_value as "oldValue", c.new_value as "newValue",
  c.old_work_type as "oldWorkType", c.new_work_type as "newWorkType", c.reason, c.backdated, c.at, c.author_id as "authorId"`;

/** An attendance entry with its lesson `l` joined. */
const ATTENDANCE_COLUMNS = `a.id, a.status, a.minutes_late as "minutesLate", a.version, l.date, a.lesson_id as "lessonId",
  a.school_id as "schoolId", a.student_id as "studentId", l.group_id as "groupId"`;

const FINAL_MARK_COLUMNS = `f.id, f.kind, f.value, f.postponed_until as "postponedUntil", f.reason, f.acknowledged_at as "acknowledgedAt",
  f.version, f.period_id as "periodId", f.subject_id as "subjectId", f.school_id as "schoolId", f.student_id as "studentId",
  f.group_id as "groupId"`;

/** A remark with its lesson `l` joined. */
const REMARK_COLUMNS = `r.id, r.kind, r.text, r.at, r.lesson_id as "lessonId", r.author_id as "authorId", r.school_id as "schoolId",
  r.student_id as "studentId", l.group_id as "groupId"`;

const GROUP_COLUMNS = `g.id, g.name, g.kind, g.scale, g.school_id as "schoolId", g.year_id as "yearId", g.subject_id as "subjectId",
  g.school_class_id as "classId"`;

const PERIOD_COLUMNS = `p.id, p.kind, p.number, p.starts_on as "startsOn", p.ends_on as "endsOn", p.school_id as "schoolId", p.year_id as "yearId"`;
const SUBJECT_COLUMNS = `s.id, s.name, s.short_name as "shortName", s.school_id as "schoolId"`;
/** Work types are also read one by one by `workTypeById`. */
export const WORK_TYPE_COLUMNS = `w.id, w.code, w.name, w.weight, w.school_id as "schoolId"`;
const PERSON_COLUMNS = `u.id, u.last_name as "lastName", u.first_name as "firstName", u.middle_name as "middleName"`;

/**
 * `(select coalesce(json_agg(x order by …), '[]') from (select <columns> …) x)`: a list of rows as one JSON value,
 * by id unless ordered otherwise, so one page read twice is the same bytes.
 */
const list = (select: string, orderBy = 'x.id') => `(select coalesce(json_agg(x order by ${orderBy}), '[]') from (${select}) x)`;

/** The names of everyone a screen shows as a teacher, substitute or author. */
const people = (ids: string) => list(`select ${PERSON_COLUMNS} from app_user u where u.id in (${ids})`);

// ── rows as they come out of PostgreSQL (timestamps are ISO text inside JSON) ───────────────────────────

type Json<T, Dates extends keyof T> = Omit<T, Dates> & { [K in Dates]: T[K] extends Date ? string : string | null };
type LessonRow = Omit<LessonType, never>;
type MarkRow = Json<Omit<MarkType, 'classId'>, 'enteredAt' | 'retractedAt'>;
type AttendanceRow = Omit<AttendanceType, 'classId'>;
type FinalMarkRow = Json<Omit<FinalMarkType, 'classId'>, 'acknowledgedAt'>;
type RemarkRow = Json<Omit<RemarkType, 'classId'>, 'at'>;
type GroupRow = Omit<StudyGroupType, never>;
type PeriodRow = { id: string; kind: PeriodKind; number: number; startsOn: string; endsOn: string; schoolId: string; yearId: string };
type SubjectRow = Omit<SubjectType, never>;
type WorkTypeRow = Omit<WorkTypeType, never>;
type StudentRow = PersonName & { schoolId: string; classId: string | null };

const at = (iso: string) => new Date(iso);
const atOrNull = (iso: string | null) => (iso == null ? null : new Date(iso));

export const toMark = (row: MarkRow, classId: string | null) =>
  Object.assign(new MarkType(), row, { enteredAt: at(row.enteredAt), retractedAt: atOrNull(row.retractedAt), classId });
const toAttendance = (row: AttendanceRow, classId: string | null) => Object.assign(new AttendanceType(), row, { classId });
const toFinalMark = (row: FinalMarkRow, classId: string | null) =>
  Object.assign(new FinalMarkType(), row, { acknowledgedAt: atOrNull(row.acknowledgedAt), classId });
const toRemark = (row: RemarkRow, classId: string | null) => Object.assign(new RemarkType(), row, { at: at(row.at), classId });
const toLesson = (row: LessonRow) => Object.assign(new LessonType(), row);
const toGroup = (row: GroupRow) => Object.assign(new StudyGroupType(), row);
const toSubject = (row: SubjectRow) => Object.assign(new SubjectType(), row);
const toWorkType = (row: WorkTypeRow) => Object.assign(new WorkTypeType(), row);
const toPeriod = (row: PeriodRow) => ReportingPeriodType.from({ ...row, school: { id: row.schoolId }, year: { id: row.yearId } });

/** A mark change as the loader keeps it: `at` a Date. */
export const toMarkChange = (row: MarkChangeRow): MarkChangeRecord => ({ ...row, at: at(row.at) });

/** Primes what nested fields of these screens load: each one then costs no statement. */
function prime(
  loaders: Loaders,
  rows: { people?: PersonName[]; workTypes?: WorkTypeRow[]; subjects?: SubjectRow[]; changes?: MarkChangeRow[]; marks?: { id: string }[] },
) {
  for (const p of rows.people ?? []) loaders.userById.prime(p.id, p);
  for (const w of rows.workTypes ?? []) loaders.workTypeById.prime(w.id, toWorkType(w));
  for (const s of rows.subjects ?? []) loaders.subjectById.prime(s.id, toSubject(s));
  const changes = new Map<string, MarkChangeRecord[]>((rows.marks ?? []).map((m) => [m.id, []]));
  for (const c of rows.changes ?? []) changes.get(c.markId)?.push(toMarkChange(c));
  for (const [markId, list] of changes) loaders.changesByMark.prime(markId, list);
}

// ── the journal grid ─────────────────────────────────────────────────────────────────────────────────

/** Issue 18: a pupil taught at home (обучение на дому, ОВЗ) on `arg.today` is kept in the paper journal, not a row of this one. */
const NOT_HOME_SCHOOLED = `not exists (select 1 from home_schooling h where h.student_id = u.id
                   and ${inForceSql('h', 'arg.today')})`;

/**
 * One statement for a journal page (also the one-SQL floor the in-process measurement compares with): the group, the period, the columns, the rows (in force on `today`),
 * current marks with their histories, attendance, this period's and the year's final marks, the school's
 * work types, the group's teachers today and the names of everyone the page shows.
 */
export const JOURNAL_PAGE_SQL = `
with arg as (select ?::uuid as group_id, ?::uuid as period_id, ?::date as today),
pg as (select g.* from study_group g join arg on g.id = arg.group_id),
page_lesson as (select l.* from lesson l join arg on l.group_id = arg.group_id and l.period_id = arg.period_id),
page_mark as (
  select m.*, l.date from mark m join lesson l on l.id = m.lesson_id join arg on m.group_id = arg.group_id and m.period_id = arg.period_id
   where m.retracted_at is null),
page_teacher as (
  select t.teacher_id from teaching_assignment t join arg on t.group_id = arg.group_id
   where ${inForceSql('t', 'arg.today')}),
page_change as (select c.* from mark_change c join page_mark pm on pm.id = c.mark_id)
select
  (select row_to_json(x) from (select ${GROUP_COLUMNS} from pg g) x) as "group",
  (select row_to_json(x) from (select ${PERIOD_COLUMNS} from reporting_period p join arg on p.id = arg.period_id) x) as period,
  ${list(`select ${SUBJECT_COLUMNS} from subject s join pg on pg.subject_id = s.id`)} as subjects,
  ${list(`select ${LESSON_COLUMNS} from page_lesson l`, `x.date, x."lessonNumber", x.id`)} as lessons,
  ${list(
    `select ${PERSON_COLUMNS}, e.school_id as "schoolId", e.school_class_id as "classId" from pg
       join arg on true
       join enrolment e on pg.kind = 'WHOLE_CLASS' and e.school_class_id = pg.school_class_id
                        and ${inForceSql('e', 'arg.today')}
       join app_user u on u.id = e.student_id
      where ${NOT_HOME_SCHOOLED}
     union all
     select ${PERSON_COLUMNS}, m.school_id, null from pg
       join arg on true
       join group_member m on pg.kind <> 'WHOLE_CLASS' and m.group_id = pg.id
                          and ${inForceSql('m', 'arg.today')}
       join app_user u on u.id = m.student_id
      where ${NOT_HOME_SCHOOLED}`,
  )} as students,
  ${list(`select ${MARK_COLUMNS.replace('l.date', 'm.date')} from page_mark m`, `x."enteredAt", x.id`)} as marks,
  ${list(`select ${MARK_CHANGE_COLUMNS} from page_change c`, `x."markId", x.version`)} as changes,
  ${list(`select ${ATTENDANCE_COLUMNS} from attendance a join page_lesson l on l.id = a.lesson_id`)} as attendance,
  ${list(`select ${FINAL_MARK_COLUMNS} from final_mark f join arg on f.group_id = arg.group_id and (f.period_id = arg.period_id or f.period_id is null)`)} as "finalMarks",
  ${list(`select ${WORK_TYPE_COLUMNS} from work_type w join pg on w.school_id = pg.school_id`, `x.weight, x.code`)} as "workTypes",
  (select coalesce(json_agg(t.teacher_id order by t.teacher_id), '[]') from page_teacher t) as "teacherIds",
  ${people(`select teacher_id from page_lesson union select substitute_id from page_lesson union select teacher_id from page_teacher
            union select author_id from page_change`)} as people`;

interface JournalPageRow {
  group: GroupRow | null;
  period: PeriodRow | null;
  subjects: SubjectRow[];
  lessons: LessonRow[];
  students: StudentRow[];
  marks: MarkRow[];
  changes: MarkChangeRow[];
  attendance: AttendanceRow[];
  finalMarks: FinalMarkRow[];
  workTypes: WorkTypeRow[];
  teacherIds: string[];
  people: PersonName[];
}

export interface JournalPage {
  group: StudyGroupType;
  period: ReportingPeriodType;
  lessons: LessonType[];
  students: StudentType[];
  marks: MarkType[];
  attendance: AttendanceType[];
  finalMarks: FinalMarkType[];
  workTypes: WorkTypeType[];
}

/**
 * Reads a journal page; null when the group does not exist. `authorise(group, period)` runs before any row
 * is used (it throws to refuse); the loaders are primed only for a page that is going to be answered.
 */
export async function readJournalPage(
  em: EntityManager,
  loaders: Loaders,
  screens: KeptScreens,
  args: { groupId: string; periodId: string; today: string },
  authorise: (group: StudyGroupType | null, period: ReportingPeriodType | null) => void,
): Promise<JournalPage> {
  const row = await screens.read(
    'journal',
    `${args.groupId}/${args.periodId}/${args.today}`,
    async () => (await executePrepared<JournalPageRow>(em, JOURNAL_PAGE_SQL, [args.groupId, args.periodId, args.today]))[0],
    // The page shows the group's teachers; a page of no group or period is not kept.
    (r) => r?.group && r.period && { groupIds: [r.group.id], classIds: r.group.classId ? [r.group.classId] : [], teachers: true },
  );
  const group = row?.group ? toGroup(row.group) : null;
  const period = row?.period ? toPeriod(row.period) : null;
  authorise(group, period);
  if (!row || !group || !period) throw new Error('authorise must refuse a page without its group and period');
  const classId = group.classId;
  const studentRows = group.kind === GroupKind.WHOLE_CLASS ? [...row.students].sort(bySurname) : row.students;
  const students = studentRows.map((s) => StudentType.from(s, s.schoolId, s.classId));
  if (group.kind !== GroupKind.WHOLE_CLASS) students.sort(byFullName);
  const workTypes = row.workTypes.map(toWorkType);
  loaders.groupById.prime(group.id, group);
  loaders.periodById.prime(period.id, period);
  loaders.studentsByGroup.prime(group.id, students);
  loaders.workTypesBySchool.prime(group.schoolId, workTypes);
  loaders.teacherIdsByGroup.prime(
    group.id,
    row.teacherIds.map((teacherId) => ({ groupId: group.id, teacherId })),
  );
  prime(loaders, { people: row.people, workTypes: row.workTypes, subjects: row.subjects, changes: row.changes, marks: row.marks });
  return {
    group,
    period,
    lessons: row.lessons.map(toLesson),
    students,
    marks: row.marks.map((m) => toMark(m, classId)),
    attendance: row.attendance.map((a) => toAttendance(a, classId)),
    finalMarks: row.finalMarks.map((f) => toFinalMark(f, classId)),
    workTypes,
  };
}

// ── the diary week ───────────────────────────────────────────────────────────────────────────────────

/**
 * One statement for a student's week: the lessons they attend (their class's whole-class groups on each
 * date, their own groups), with the groups and subjects, and the student's marks (retracted ones too),
 * their histories, absences and remarks at those lessons, the work types and everyone's names.
 */
const DIARY_WEEK_SQL = `
with arg as (select ?::uuid as student_id, ?::date as week_start, ?::date as week_end),
week_lesson as (
  select l.* from lesson l join study_group g on g.id = l.group_id join arg on l.date between arg.week_start and arg.week_end
   where ${attendsLesson('arg.student_id')}),
week_mark as (select m.*, l.date from mark m join week_lesson l on l.id = m.lesson_id join arg on m.student_id = arg.student_id),
week_remark as (select r.* from remark r join week_lesson l on l.id = r.lesson_id join arg on r.student_id = arg.student_id),
week_change as (select c.* from mark_change c join week_mark wm on wm.id = c.mark_id)
select
  ${list(`select ${LESSON_COLUMNS} from week_lesson l`, `x.date, x."lessonNumber", x.id`)} as lessons,
  ${list(`select distinct ${GROUP_COLUMNS} from study_group g join week_lesson l on l.group_id = g.id`)} as groups,
  ${list(`select ${SUBJECT_COLUMNS} from subject s where s.id in (select g.subject_id from study_group g join week_lesson l on l.group_id = g.id)`)} as subjects,
  ${list(`select ${MARK_COLUMNS.replace('l.date', 'm.date')} from week_mark m`, `x."enteredAt", x.id`)} as marks,
  ${list(`select ${MARK_CHANGE_COLUMNS} from week_change c`, `x."markId", x.version`)} as changes,
  ${list(`select ${ATTENDANCE_COLUMNS} from attendance a join week_lesson l on l.id = a.lesson_id join arg on a.student_id = arg.student_id`)} as attendance,
  ${list(`select ${REMARK_COLUMNS} from week_remark r join week_lesson l on l.id = r.lesson_id`, `x.at, x.id`)} as remarks,
  ${list(`select ${WORK_TYPE_COLUMNS} from work_type w where w.id in (select work_type_id from week_mark)`)} as "workTypes",
  ${people(`select teacher_id from week_lesson union select substitute_id from week_lesson union select author_id from week_change
            union select author_id from week_remark`)} as people,
  exists (select 1 from home_schooling h join arg on h.student_id = arg.student_id
           where ${inForceSql('h', { first: 'arg.week_start', last: 'arg.week_end' })}) as "keptOnPaper"`;

interface DiaryWeekRow {
  lessons: LessonRow[];
  groups: GroupRow[];
  subjects: SubjectRow[];
  marks: MarkRow[];
  changes: MarkChangeRow[];
  attendance: AttendanceRow[];
  remarks: RemarkRow[];
  workTypes: WorkTypeRow[];
  people: PersonName[];
  keptOnPaper: boolean;
}

export interface DiaryWeek {
  /** Issue 18: the pupil is taught at home on some day of the week: their progress is in the paper journal. */
  keptOnPaper: boolean;
  lessons: LessonType[];
  marks: MarkType[];
  attendance: AttendanceType[];
  remarks: RemarkType[];
}

/** A student's week from `weekStart` to `weekEnd` (inclusive); records carry the class the student is in today. */
export async function readDiaryWeek(
  em: EntityManager,
  loaders: Loaders,
  screens: KeptScreens,
  args: { studentId: string; classId: string | null; weekStart: string; weekEnd: string },
): Promise<DiaryWeek> {
  const row = await screens.read(
    'diary',
    `${args.studentId}/${args.weekStart}/${args.weekEnd}`,
    async () => (await executePrepared<DiaryWeekRow>(em, DIARY_WEEK_SQL, [args.studentId, args.weekStart, args.weekEnd]))[0],
    (r) => r && { studentIds: [args.studentId], groupIds: r.groups.map((g) => g.id) },
  );
  if (!row) throw new Error('the diary statement returns one row');
  for (const g of row.groups) loaders.groupById.prime(g.id, toGroup(g));
  prime(loaders, row);
  return {
    keptOnPaper: row.keptOnPaper,
    lessons: row.lessons.map(toLesson),
    marks: row.marks.map((m) => toMark(m, args.classId)),
    attendance: row.attendance.map((a) => toAttendance(a, args.classId)),
    remarks: row.remarks.map((r) => toRemark(r, args.classId)),
  };
}

// ── the term ─────────────────────────────────────────────────────────────────────────────────────────

/**
 * One statement for a student's period: the period, the groups of the lessons they attended in it (in the
 * order of their first lesson) and of their marks (in the order of the first mark), the marks (retracted
 * ones too), the period marks, subjects and work types.
 */
const STUDENT_TERM_SQL = `
with arg as (select ?::uuid as student_id, ?::uuid as period_id),
tp as (select p.* from reporting_period p join arg on p.id = arg.period_id),
term_mark as (select m.*, l.date from mark m join lesson l on l.id = m.lesson_id join arg on m.student_id = arg.student_id and m.period_id = arg.period_id),
lesson_group as (
  select l.group_id, min(to_char(l.date, 'YYYY-MM-DD') || to_char(l.lesson_number, 'FM00')) as first_lesson
    from lesson l join study_group g on g.id = l.group_id join tp on l.date between tp.starts_on and tp.ends_on join arg on true
   where ${attendsLesson('arg.student_id')}
   group by l.group_id),
mark_group as (select group_id, min(entered_at) as first_mark from term_mark group by group_id),
term_group as (
  select coalesce(lg.group_id, mg.group_id) as group_id, lg.first_lesson, mg.first_mark
    from lesson_group lg full join mark_group mg on mg.group_id = lg.group_id)
select
  (select row_to_json(x) from (select ${PERIOD_COLUMNS} from tp p) x) as period,
  ${list(`select ${GROUP_COLUMNS}, tg.first_lesson, tg.first_mark from study_group g join term_group tg on tg.group_id = g.id`, `x.first_lesson nulls last, x.first_mark, x.name, x.id`)} as groups,
  ${list(`select ${SUBJECT_COLUMNS} from subject s where s.id in (select g.subject_id from study_group g join term_group tg on tg.group_id = g.id)`)} as subjects,
  ${list(`select ${MARK_COLUMNS.replace('l.date', 'm.date')} from term_mark m`, `x."enteredAt", x.id`)} as marks,
  ${list(`select ${FINAL_MARK_COLUMNS} from final_mark f join arg on f.student_id = arg.student_id and f.period_id = arg.period_id`)} as "finalMarks",
  ${list(`select ${WORK_TYPE_COLUMNS} from work_type w where w.id in (select work_type_id from term_mark)`)} as "workTypes"`;

interface StudentTermRow {
  period: PeriodRow | null;
  groups: GroupRow[];
  subjects: SubjectRow[];
  marks: MarkRow[];
  finalMarks: FinalMarkRow[];
  workTypes: WorkTypeRow[];
}

export interface StudentTerm {
  period: ReportingPeriodType | null;
  subjects: { group: StudyGroupType; marks: MarkType[]; periodMark: FinalMarkType | null }[];
}

/** A student's period, subject by subject; `authorise(period)` runs before any row is used. */
export async function readStudentTerm(
  em: EntityManager,
  loaders: Loaders,
  screens: KeptScreens,
  args: { studentId: string; periodId: string; classId: string | null },
  authorise: (period: ReportingPeriodType | null) => void,
): Promise<StudentTerm['subjects']> {
  const row = await screens.read(
    'term',
    `${args.studentId}/${args.periodId}`,
    async () => (await executePrepared<StudentTermRow>(em, STUDENT_TERM_SQL, [args.studentId, args.periodId]))[0],
    (r) => r?.period && { studentIds: [args.studentId], groupIds: r.groups.map((g) => g.id) },
  );
  authorise(row?.period ? toPeriod(row.period) : null);
  if (!row) throw new Error('the term statement returns one row');
  prime(loaders, { workTypes: row.workTypes, subjects: row.subjects });
  const marks = row.marks.map((m) => toMark(m, args.classId));
  return row.groups.map(({ id, name, kind, scale, schoolId, yearId, subjectId, classId }) => {
    const group = toGroup({ id, name, kind, scale, schoolId, yearId, subjectId, classId });
    loaders.groupById.prime(id, group);
    const final = row.finalMarks.find((f) => f.groupId === id);
    return { group, marks: marks.filter((m) => m.groupId === id), periodMark: final ? toFinalMark(final, args.classId) : null };
  });
}
