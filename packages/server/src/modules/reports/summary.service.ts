/**
 * R-R1: the summary sheet of a class for a reporting period (сводная ведомость): students × subjects
 * with the period mark and the weighted average of each, the marks' distribution per subject (R-R4),
 * and each student's missed lessons by reason. Built live from the journal; the GraphQL query and the
 * XLSX, CSV and PDF exports all print this one structure.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound } from '../../kernel/errors.js';
import { canWatchClass, ensure, isStaffOf } from '../../policy/policy.js';
import type { Viewer } from '../../policy/viewer.js';
import { summarizeMarks, Enrolment, type User, ReportingPeriod, SchoolClass, type Subject, GroupMember, StudyGroup } from '../school/index.js';
import { Attendance, AttendanceStatus, COUNTED_MARKS, FinalMark, FinalMarkKind, Mark } from '../journal/index.js';
import { groupBy } from '../../kernel/collections.js';
import { periodMarkStats, type PeriodMarkStats } from './period-stats.js';
import { inForceOn } from '../../kernel/in-force.js';

export interface AttendanceTally {
  /** Lessons missed for any reason: ill + excused + unexcused. */
  missed: number;
  ill: number;
  excused: number;
  unexcused: number;
  late: number;
}

export interface SummaryCell {
  subjectId: string;
  /** "5", "ОСВ", "Н/А"; null when not given (yet) or postponed. */
  periodMark: string | null;
  postponedUntil: string | null;
  /** The weighted average of the period, "4.33" (grading.ts). */
  average: string | null;
  markCount: number;
}

export interface SummaryRow {
  number: number;
  student: User;
  cells: SummaryCell[];
  attendance: AttendanceTally;
}

export interface ClassSummary {
  schoolClass: SchoolClass;
  period: ReportingPeriod;
  /** Columns, by name; `stats` is the distribution of the column's period marks. */
  subjects: { subject: Subject; stats: PeriodMarkStats }[];
  rows: SummaryRow[];
  /** Issue 18, 003 §2.2.3: a preliminary report (progress and attendance so far, before the period ends) as of this day. */
  asOf?: string;
}

export const emptyTally = (): AttendanceTally => ({ missed: 0, ill: 0, excused: 0, unexcused: 0, late: 0 });

/** Adds one attendance entry to a tally; PRESENT (a correction back to present) counts nowhere. */
export function tally(t: AttendanceTally, status: AttendanceStatus, count = 1): AttendanceTally {
  if (status === AttendanceStatus.ILL) t.ill += count;
  else if (status === AttendanceStatus.EXCUSED) t.excused += count;
  else if (status === AttendanceStatus.UNEXCUSED) t.unexcused += count;
  else if (status === AttendanceStatus.LATE) t.late += count;
  t.missed = t.ill + t.excused + t.unexcused;
  return t;
}

export const byName = (a: Pick<User, 'lastName' | 'firstName'>, b: Pick<User, 'lastName' | 'firstName'>) =>
  a.lastName.localeCompare(b.lastName, 'ru') || a.firstName.localeCompare(b.firstName, 'ru');

/** The class, if the viewer may read the class's reports (its class teacher, the administration). */
export async function readableClass(em: EntityManager, viewer: Viewer, classId: string) {
  const schoolClass = await em.findOne(SchoolClass, classId, { populate: ['school', 'year', 'classTeacher'] });
  if (!schoolClass || !isStaffOf(viewer, schoolClass.school.id)) throw notFound('No such class.');
  ensure(canWatchClass(viewer, { id: classId, schoolId: schoolClass.school.id }), "A class's summary sheets are for its class teacher and the administration.");
  return { schoolClass };
}

/** The class and period, if the viewer may read the class's reports (its class teacher, the administration). */
export async function readableClassPeriod(em: EntityManager, viewer: Viewer, classId: string, periodId: string) {
  const { schoolClass } = await readableClass(em, viewer, classId);
  const period = await em.findOne(ReportingPeriod, { id: periodId, year: schoolClass.year });
  if (!period) throw badInput('PERIOD_NOT_OF_YEAR', `The period is not a period of ${schoolClass.name}'s year.`, 'periodId');
  return { schoolClass, period };
}

/** The students of a class at any time in the period, in journal order. */
export async function studentsOfClassIn(em: EntityManager, classId: string, span: { startsOn: string; endsOn: string }): Promise<User[]> {
  const enrolments = await em.find(Enrolment, { schoolClass: classId, ...inForceOn({ first: span.startsOn, last: span.endsOn }) }, { populate: ['student'] });
  const students = new Map(enrolments.map((e) => [e.student.id, e.student]));
  return [...students.values()].sort(byName);
}

/** The groups a class learns in: its own, and class-less (cross-class, elective) groups its students belong to. */
export async function groupsOfClass(em: EntityManager, schoolClass: SchoolClass, studentIds: string[]): Promise<StudyGroup[]> {
  const memberships = await em.find(GroupMember, { student: { $in: studentIds }, group: { year: schoolClass.year, schoolClass: null } });
  return em.find(
    StudyGroup,
    { $or: [{ schoolClass }, { id: { $in: memberships.map((m) => m.group.id) } }] },
    { populate: ['subject'], orderBy: { name: 'asc' } },
  );
}

export async function classSummary(em: EntityManager, viewer: Viewer, classId: string, periodId: string): Promise<ClassSummary> {
  const { schoolClass, period } = await readableClassPeriod(em, viewer, classId, periodId);
  const students = await studentsOfClassIn(em, classId, period);
  const studentIds = students.map((s) => s.id);
  const groups = await groupsOfClass(em, schoolClass, studentIds);
  const groupIds = groups.map((g) => g.id);
  const [marks, finals, absences] = await Promise.all([
    em.find(Mark, { group: { $in: groupIds }, period, student: { $in: studentIds }, ...COUNTED_MARKS }),
    em.find(FinalMark, { group: { $in: groupIds }, kind: FinalMarkKind.PERIOD, period, student: { $in: studentIds } }),
    em.find(Attendance, { lesson: { group: { $in: groupIds }, period }, student: { $in: studentIds }, status: { $ne: AttendanceStatus.PRESENT } }),
  ]);

  const subjects = [...new Map(groups.map((g) => [g.subject.id, g.subject])).values()].sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  const scaleOf = new Map(groups.map((g) => [g.id, g.scale]));
  const key = (studentId: string, subjectId: string) => `${studentId}/${subjectId}`;
  const marksOf = groupBy(marks, (m) => key(m.student.id, m.subject.id));
  const finalOf = new Map(finals.map((f) => [key(f.student.id, f.subject.id), f]));
  const absencesOf = groupBy(absences, (a) => a.student.id);

  const rows = students.map((student, i): SummaryRow => ({
    number: i + 1,
    student,
    cells: subjects.map((subject) => {
      const own = marksOf.get(key(student.id, subject.id)) ?? [];
      const average = summarizeMarks(own.map((m) => ({ points: m.points ?? null, weight: m.weight, retracted: false })));
      const final = finalOf.get(key(student.id, subject.id));
      return {
        subjectId: subject.id,
        periodMark: final?.value ?? null,
        postponedUntil: final?.postponedUntil ?? null,
        average: average.weighted,
        markCount: average.count,
      };
    }),
    attendance: (absencesOf.get(student.id) ?? []).reduce((t, a) => tally(t, a.status), emptyTally()),
  }));

  return {
    schoolClass,
    period,
    subjects: subjects.map((subject) => ({
      subject,
      stats: periodMarkStats(
        finals.filter((f) => f.subject.id === subject.id).map((f) => ({ value: f.value ?? null, points: f.points ?? null, scale: scaleOf.get(f.group.id)! })),
      ),
    })),
    rows,
  };
}
