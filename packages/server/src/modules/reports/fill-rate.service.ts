/**
 * R-R2: fill-rate control for the administration: per group of the school and its teachers, the
 * share of students with no mark or only one mark in the period, lessons held without a topic or
 * homework, and marks entered late (after the work type's entry window, R-J4) or back-dated (after
 * the school's window, R-J5). Everything is counted live; the lists are the drill-down.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound } from '../../kernel/errors.js';
import { canAdministerSchool, ensure } from '../../policy/policy.js';
import type { Viewer } from '../../policy/viewer.js';
import { groupBy } from '../../kernel/collections.js';
import { uuidArray } from '../../kernel/dataloader.js';
import { todayIso } from '../../kernel/dates.js';
import {
  formatAverage,
  StaffMemberType,
  StudentType,
  Enrolment,
  type User,
  ReportingPeriod,
  GroupKind,
  GroupMember,
  StudyGroup,
  TeachingAssignment,
  ReportingPeriodType,
  StudyGroupType,
  SubjectType,
} from '../school/index.js';
import { LateEntryKind } from '../journal/index.js';
import { Lesson, LessonType } from '../timetable/index.js';
import { FillRateRowType, FillRateType, scope } from './reports.types.js';
import { byName } from './summary.service.js';

/** `part` of `whole` in percent, "33.33"; null when there is no whole. */
export const share = (part: number, whole: number) => (whole ? formatAverage({ num: part * 100, den: whole }) : null);

interface MarkTimeliness {
  groupId: string;
  marks: number;
  backdated: number;
  late: number;
}

export async function fillRate(
  em: EntityManager,
  viewer: Viewer,
  input: { schoolId: string; periodId: string; teacherId?: string | null },
  now: Date,
): Promise<FillRateType> {
  ensure(canAdministerSchool(viewer, input.schoolId), 'Fill-rate control is for the administration of the school.');
  const period = await em.findOne(ReportingPeriod, { id: input.periodId, school: input.schoolId }, { populate: ['school'] });
  if (!period) throw notFound('No such period in this school.');
  const today = todayIso(now, period.school.timezone);
  const asOf = today < period.endsOn ? today : period.endsOn;
  const inPeriod = { startsOn: { $lte: period.endsOn }, $or: [{ endsOn: null }, { endsOn: { $gte: period.startsOn } }] };

  const assignments = await em.find(
    TeachingAssignment,
    { school: input.schoolId, group: { year: period.year }, ...inPeriod },
    { populate: ['teacher', 'group', 'group.subject'] },
  );
  if (input.teacherId && !assignments.some((a) => a.teacher.id === input.teacherId)) {
    throw badInput('TEACHER_HAS_NO_GROUP', 'The teacher teaches no group of this school in the period.', 'teacherId');
  }
  const teachersOf = groupBy(assignments, (a) => a.group.id);
  const groups = (await em.find(StudyGroup, { school: input.schoolId, year: period.year }, { populate: ['subject'] }))
    .filter((g) => !input.teacherId || teachersOf.get(g.id)?.some((a) => a.teacher.id === input.teacherId))
    .sort((a, b) => a.name.localeCompare(b.name, 'ru') || a.subject.name.localeCompare(b.subject.name, 'ru'));
  const groupIds = groups.map((g) => g.id);

  const classIds = groups.flatMap((g) => (g.kind === GroupKind.WHOLE_CLASS && g.schoolClass ? [g.schoolClass.id] : []));
  const [enrolments, members, lessons, markCounts, timeliness, lateEntries] = await Promise.all([
    em.find(Enrolment, { schoolClass: { $in: classIds }, ...inPeriod }, { populate: ['student'] }),
    em.find(GroupMember, { group: { $in: groupIds }, ...inPeriod }, { populate: ['student'] }),
    em.find(Lesson, { group: { $in: groupIds }, period, date: { $lte: asOf } }, { orderBy: { date: 'asc', lessonNumber: 'asc' } }),
    em.getConnection().execute<{ groupId: string; studentId: string; marks: number }[]>(
      `select group_id as "groupId", student_id as "studentId", count(*)::int as marks
       from mark where period_id = ? and retracted_at is null and group_id = any(?::uuid[]) group by group_id, student_id`,
      [period.id, uuidArray(groupIds)],
    ),
    em.getConnection().execute<MarkTimeliness[]>(
      `select m.group_id as "groupId", count(*)::int as marks,
         count(*) filter (where m.backdated)::int as backdated,
         count(*) filter (where (m.entered_at at time zone s.timezone)::date > l.date + w.entry_days)::int as late
       from mark m join lesson l on l.id = m.lesson_id join work_type w on w.id = m.work_type_id join school s on s.id = m.school_id
       where m.period_id = ? and m.retracted_at is null and m.group_id = any(?::uuid[]) group by m.group_id`,
      [period.id, uuidArray(groupIds)],
    ),
    // Issue 18: entries made after their deadline (modules/journal/deadlines.ts), each with its reason.
    em.getConnection().execute<{ groupId: string; kind: LateEntryKind; count: number }[]>(
      `select group_id as "groupId", kind, count(*)::int as count from late_entry
        where period_id = ? and group_id = any(?::uuid[]) group by group_id, kind`,
      [period.id, uuidArray(groupIds)],
    ),
  ]);
  const lateOf = (groupId: string, kind: LateEntryKind) => lateEntries.find((r) => r.groupId === groupId && r.kind === kind)?.count ?? 0;
  const enrolledIn = groupBy(enrolments, (e) => e.schoolClass.id);
  const membersOf = groupBy(members, (m) => m.group.id);
  const lessonsOf = groupBy(lessons, (l) => l.group.id);
  const marksOf = new Map(markCounts.map((r) => [`${r.groupId}/${r.studentId}`, r.marks]));
  const timelinessOf = new Map(timeliness.map((r) => [r.groupId, r]));
  const s = scope({ schoolId: input.schoolId });

  const rows = groups.map((group) => {
    const rows = group.kind === GroupKind.WHOLE_CLASS ? (enrolledIn.get(group.schoolClass?.id ?? '') ?? []) : (membersOf.get(group.id) ?? []);
    const students = [...new Map(rows.map((r) => [r.student.id, r.student])).values()].sort(byName);
    const withMarks = (n: (count: number) => boolean) =>
      students
        .filter((st) => n(marksOf.get(`${group.id}/${st.id}`) ?? 0))
        .map((st: User) => StudentType.from(st, input.schoolId, group.schoolClass?.id ?? null));
    const without = withMarks((n) => n === 0);
    const one = withMarks((n) => n === 1);
    const held = lessonsOf.get(group.id) ?? [];
    const marks = timelinessOf.get(group.id);
    return Object.assign(new FillRateRowType(), {
      group: StudyGroupType.from(group),
      subject: SubjectType.from(group.subject),
      teachers: [...new Map((teachersOf.get(group.id) ?? []).map((a) => [a.teacher.id, a.teacher])).values()]
        .sort(byName)
        .map((t) => StaffMemberType.from(t, input.schoolId)),
      studentCount: students.length,
      studentsWithoutMarks: without,
      studentsWithOneMark: one,
      withoutMarksShare: share(without.length, students.length),
      oneMarkShare: share(one.length, students.length),
      lessonsHeld: held.length,
      lessonsWithoutTopic: held.filter((l) => !l.topic).map(LessonType.from),
      lessonsWithoutHomework: held.filter((l) => !l.homework).map(LessonType.from),
      markCount: marks?.marks ?? 0,
      marksBackdated: marks?.backdated ?? 0,
      marksLate: marks?.late ?? 0,
      lateAttendance: lateOf(group.id, LateEntryKind.ATTENDANCE),
      lateHomework: lateOf(group.id, LateEntryKind.HOMEWORK),
      latePeriodMarks: lateOf(group.id, LateEntryKind.PERIOD_MARK),
      ...s,
    });
  });
  return Object.assign(new FillRateType(), { period: ReportingPeriodType.from(period), asOf, rows, ...s });
}
