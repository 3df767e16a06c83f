/**
 * R-R3: a student's report at the end of a period: per subject the weighted average, the period
 * mark and the trend against the student's own previous period (never against classmates), and the
 * lessons missed. Behind the diary gate: the student and their parents with consent, staff by role.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound } from '../../kernel/errors.js';
import { ensureDiaryAccess } from '../../policy/policy.js';
import type { Viewer } from '../../policy/viewer.js';
import { groupBy } from '../../kernel/collections.js';
import {
  compareFractions,
  summarizeMarks,
  type Fraction,
  type MarkSummary,
  StudentType,
  Enrolment,
  User,
  ReportingPeriod,
  type Subject,
  ReportingPeriodType,
  SubjectType,
} from '../school/index.js';
import { Attendance, AttendanceStatus, COUNTED_MARKS, FinalMark, FinalMarkKind, Mark } from '../journal/index.js';
import { AttendanceTallyType, ReportSubjectType, scope, StudentPeriodReportType, Trend } from './reports.types.js';
import { emptyTally, tally, type AttendanceTally } from './summary.service.js';

interface PeriodRecord {
  averages: Map<string, MarkSummary>;
  periodMarks: Map<string, string | null>;
  subjects: Map<string, Subject>;
  attendance: AttendanceTally;
}

/** The student's own marks, period marks and absences in one period. */
async function recordOf(em: EntityManager, studentId: string, period: ReportingPeriod): Promise<PeriodRecord> {
  const [marks, finals, absences] = await Promise.all([
    em.find(Mark, { student: studentId, period, ...COUNTED_MARKS }, { populate: ['subject'] }),
    em.find(FinalMark, { student: studentId, period, kind: FinalMarkKind.PERIOD }, { populate: ['subject'] }),
    em.find(Attendance, { student: studentId, lesson: { period }, status: { $ne: AttendanceStatus.PRESENT } }),
  ]);
  const averages = new Map(
    [...groupBy(marks, (m) => m.subject.id)].map(([subjectId, own]) => [
      subjectId,
      summarizeMarks(own.map((m) => ({ points: m.points ?? null, weight: m.weight, retracted: false }))),
    ]),
  );
  return {
    averages,
    periodMarks: new Map(finals.map((f) => [f.subject.id, f.value ?? null])),
    subjects: new Map([...marks, ...finals].map((x) => [x.subject.id, x.subject])),
    attendance: absences.reduce((t, a) => tally(t, a.status), emptyTally()),
  };
}

function trend(current: Fraction | null, previous: Fraction | null): Trend {
  if (!current || !previous) return Trend.NEW;
  const c = compareFractions(current, previous);
  return c > 0 ? Trend.UP : c < 0 ? Trend.DOWN : Trend.SAME;
}

export async function studentPeriodReport(em: EntityManager, viewer: Viewer, studentId: string, periodId: string): Promise<StudentPeriodReportType> {
  const period = await em.findOne(ReportingPeriod, periodId, { populate: ['year'] });
  if (!period) throw badInput('NO_SUCH_PERIOD', 'No such period.', 'periodId');
  // The student's class in that school by the end of the period; none: not a student there.
  const enrolment = await em.findOne(
    Enrolment,
    { student: studentId, school: period.school, startsOn: { $lte: period.endsOn } },
    { orderBy: { startsOn: 'desc' } },
  );
  if (!enrolment) throw notFound('No such student.');
  ensureDiaryAccess(viewer, { id: studentId, schoolId: enrolment.school.id });
  const student = await em.findOneOrFail(User, studentId);
  const previous = await em.findOne(ReportingPeriod, { year: period.year, kind: period.kind, number: period.number - 1 });

  const now = await recordOf(em, studentId, period);
  const before = previous ? await recordOf(em, studentId, previous) : null;
  const s = scope({ schoolId: enrolment.school.id, studentId, classId: enrolment.schoolClass.id });

  const subjects = [...now.subjects.values()].sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  return Object.assign(new StudentPeriodReportType(), {
    student: StudentType.from(student, enrolment.school.id, enrolment.schoolClass.id),
    period: ReportingPeriodType.from(period),
    previousPeriod: previous ? ReportingPeriodType.from(previous) : null,
    subjects: subjects.map((subject) => {
      const cur = now.averages.get(subject.id);
      const prev = before?.averages.get(subject.id);
      return Object.assign(new ReportSubjectType(), {
        subject: SubjectType.from(subject),
        average: cur?.weighted ?? null,
        markCount: cur?.count ?? 0,
        periodMark: now.periodMarks.get(subject.id) ?? null,
        previousAverage: prev?.weighted ?? null,
        previousPeriodMark: before?.periodMarks.get(subject.id) ?? null,
        trend: trend(cur?.exact ?? null, prev?.exact ?? null),
        ...s,
      });
    }),
    attendance: AttendanceTallyType.from(now.attendance, s),
    previousAttendance: before ? AttendanceTallyType.from(before.attendance, s) : null,
    ...s,
  });
}
