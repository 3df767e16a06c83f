/**
 * R-R4: analytics of period marks. For a school's administration (every class) and class teachers
 * (their classes): each subject of each class with its distribution, "качество" and "успеваемость".
 * For an education authority's inspector: the same aggregates per school of the authority, and no
 * names of people anywhere in them.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound } from '../../kernel/errors.js';
import { canAdministerSchool, ensure, isStaffOf } from '../../policy/policy.js';
import type { Viewer } from '../../policy/viewer.js';
import { groupBy } from '../../kernel/collections.js';
import { uuidArray } from '../../kernel/dataloader.js';
import { type GradingScale, ReportingPeriod, type PeriodKind, SchoolClass, Subject, PERIOD_NAMES, SchoolClassType, SubjectType } from '../school/index.js';
import { AttendanceStatus } from '../journal/index.js';
import { periodMarkStats, type PeriodMarkCount } from './period-stats.js';
import { AttendanceTallyType, AuthorityStatisticsType, ClassSubjectStatsType, PeriodMarkStatsType, SchoolStatisticsType, scope } from './reports.types.js';
import { emptyTally, tally } from './summary.service.js';
import { inForceSql } from '../../kernel/in-force.js';

interface MarkCountRow extends PeriodMarkCount {
  count: number;
  scale: GradingScale;
}

/** Each subject of each class the viewer may analyse (administration: all; a class teacher: theirs). */
export async function periodAnalytics(em: EntityManager, viewer: Viewer, periodId: string): Promise<ClassSubjectStatsType[]> {
  const period = await em.findOne(ReportingPeriod, periodId);
  if (!period || !isStaffOf(viewer, period.school.id)) throw notFound('No such period.');
  const admin = canAdministerSchool(viewer, period.school.id);
  const classes = (await em.find(SchoolClass, { year: period.year }, { orderBy: { grade: 'asc', letter: 'asc' } })).filter(
    (c) => admin || viewer.ledClassIds.has(c.id),
  );
  ensure(classes.length > 0, 'Analytics of period marks are for the administration and class teachers.');
  const rows = await em.getConnection().execute<(MarkCountRow & { classId: string; subjectId: string })[]>(
    `select e.school_class_id as "classId", f.subject_id as "subjectId", f.value, f.points, g.scale, count(*)::int as count
     from final_mark f
     join reporting_period p on p.id = f.period_id
     join study_group g on g.id = f.group_id
     join enrolment e on e.student_id = f.student_id and ${inForceSql('e', { first: 'p.starts_on', last: 'p.ends_on' })}
       and (g.school_class_id is null or g.school_class_id = e.school_class_id)
     where f.kind = 'PERIOD' and f.period_id = ? and e.school_class_id = any(?::uuid[])
     group by 1, 2, 3, 4, 5`,
    [period.id, uuidArray(classes.map((c) => c.id))],
  );
  const subjects = new Map((await em.find(Subject, { id: { $in: [...new Set(rows.map((r) => r.subjectId))] } })).map((s) => [s.id, s]));
  const byCell = groupBy(rows, (r) => `${r.classId}/${r.subjectId}`);
  return classes.flatMap((c) =>
    [...subjects.values()]
      .sort((a, b) => a.name.localeCompare(b.name, 'ru'))
      .flatMap((subject) => {
        const cell = byCell.get(`${c.id}/${subject.id}`);
        if (!cell) return [];
        const s = scope({ schoolId: period.school.id, classId: c.id });
        return [
          Object.assign(new ClassSubjectStatsType(), {
            schoolClass: SchoolClassType.from(c),
            subject: SubjectType.from(subject),
            stats: PeriodMarkStatsType.from(periodMarkStats(cell), s),
            ...s,
          }),
        ];
      }),
  );
}

interface SchoolPeriodRow {
  schoolId: string;
  schoolName: string;
  periodId: string | null;
  kind: PeriodKind | null;
  number: number | null;
}

/**
 * For an inspector: per school of the authority, the period of that number in the school's current
 * year (the latest one that has started), its period marks' distribution and missed lessons.
 */
export async function authorityStatistics(
  em: EntityManager,
  viewer: Viewer,
  input: { periodNumber: number; authorityId?: string | null },
  now: Date,
): Promise<AuthorityStatisticsType> {
  if (input.periodNumber < 1 || input.periodNumber > 6) throw badInput('OUT_OF_RANGE', 'A period number is 1 to 6.', 'periodNumber');
  const authorities = [...viewer.authorityIds];
  const authorityId = input.authorityId ?? (authorities.length === 1 ? authorities[0] : null);
  if (!authorityId) throw badInput('AUTHORITY_REQUIRED', 'You inspect several authorities: name one.', 'authorityId');
  ensure(viewer.authorityIds.has(authorityId), 'Only inspectors of the authority read its statistics.');
  const conn = em.getConnection();
  const schools = await conn.execute<SchoolPeriodRow[]>(
    `select s.id as "schoolId", s.name as "schoolName", p.id as "periodId", p.kind, p.number
     from school s
     left join lateral (select y.id from academic_year y where y.school_id = s.id and y.starts_on <= (?::timestamptz at time zone s.timezone)::date
       order by y.starts_on desc limit 1) y on true
     left join lateral (select p.* from reporting_period p where p.year_id = y.id and p.number = ? order by p.kind limit 1) p on true
     where s.authority_id = ? order by s.name, s.id`,
    // Each school's year on its own local date: an authority's schools may differ.
    [now, input.periodNumber, authorityId],
  );
  const periodIds = uuidArray(schools.flatMap((s) => (s.periodId ? [s.periodId] : [])));
  const [marks, students, absences] = await Promise.all([
    conn.execute<(MarkCountRow & { schoolId: string })[]>(
      `select f.school_id as "schoolId", f.value, f.points, g.scale, count(*)::int as count
       from final_mark f join study_group g on g.id = f.group_id
       where f.kind = 'PERIOD' and f.period_id = any(?::uuid[]) group by 1, 2, 3, 4`,
      [periodIds],
    ),
    conn.execute<{ schoolId: string; count: number }[]>(
      `select school_id as "schoolId", count(distinct student_id)::int as count
       from final_mark where kind = 'PERIOD' and period_id = any(?::uuid[]) group by 1`,
      [periodIds],
    ),
    conn.execute<{ schoolId: string; status: AttendanceStatus; count: number }[]>(
      `select a.school_id as "schoolId", a.status, count(*)::int as count
       from attendance a join lesson l on l.id = a.lesson_id
       where l.period_id = any(?::uuid[]) and a.status <> 'PRESENT' group by 1, 2`,
      [periodIds],
    ),
  ]);
  const marksOf = groupBy(marks, (m) => m.schoolId);
  const absencesOf = groupBy(absences, (a) => a.schoolId);
  const studentsOf = new Map(students.map((s) => [s.schoolId, s.count]));
  const total = scope({ authorityId });
  return Object.assign(new AuthorityStatisticsType(), {
    periodNumber: input.periodNumber,
    schools: schools.map((row) => {
      const s = scope({ schoolId: row.schoolId, authorityId });
      return Object.assign(new SchoolStatisticsType(), {
        id: row.schoolId,
        schoolName: row.schoolName,
        periodName: row.kind ? `${row.number} ${PERIOD_NAMES[row.kind]}` : null,
        studentCount: studentsOf.get(row.schoolId) ?? 0,
        stats: PeriodMarkStatsType.from(periodMarkStats(marksOf.get(row.schoolId) ?? []), s),
        attendance: AttendanceTallyType.from(
          (absencesOf.get(row.schoolId) ?? []).reduce((t, a) => tally(t, a.status, a.count), emptyTally()),
          s,
        ),
        ...s,
      });
    }),
    total: PeriodMarkStatsType.from(periodMarkStats(marks), total),
    ...total,
  });
}
