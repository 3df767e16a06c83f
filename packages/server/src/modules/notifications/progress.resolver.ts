import { DateArg, IdArg } from '../../kernel/input-fields.js';
import { Ctx, Query, Resolver } from 'type-graphql';
import { viewerOf, type Context } from '../../policy/context.js';
import { badInput, notFound } from '../../kernel/errors.js';
import { ensureDiaryAccess } from '../../policy/policy.js';
import { present } from '../../kernel/dataloader.js';
import { daysBetween } from '../../kernel/dates.js';
import { Attendance, AttendanceStatus, Mark, averageOf, MarkType } from '../journal/index.js';
import { recordDiaryVisit } from '../people/index.js';
import { ReportingPeriod, ReportingPeriodType } from '../school/index.js';
import { lessonsOfStudent } from '../timetable/index.js';
import { AttendanceSummaryType, ProgressReportType, ProgressSubjectType } from './progress.types.js';

/** A fortnight is what R-C4 asks for; a month leaves room for a late one. */
const MAX_RANGE_DAYS = 31;

@Resolver()
export class ProgressResolver {
  @Query(() => ProgressReportType, {
    description: "R-C4, R-C5: a student's progress between two dates: marks by subject, averages, attendance, the period prognosis",
  })
  async progressReport(
    @IdArg('studentId') studentId: string,
    @DateArg('from') from: string,
    @DateArg('to') to: string,
    @Ctx() ctx: Context,
  ): Promise<ProgressReportType> {
    const student = await ctx.loaders.studentById.load(studentId);
    if (!student) throw notFound('No such student.');
    ensureDiaryAccess(ctx.viewer, student);
    if (to < from) throw badInput('ENDS_BEFORE_START', 'The report ends before it starts.', 'to');
    if (daysBetween(from, to) >= MAX_RANGE_DAYS) throw badInput('RANGE_TOO_LONG', `A progress report covers at most ${MAX_RANGE_DAYS} days.`, 'to');
    await recordDiaryVisit(ctx.em, viewerOf(ctx), { studentId, now: ctx.clock() });

    const em = ctx.em;
    const period = await em.findOne(ReportingPeriod, { school: student.schoolId, startsOn: { $lte: to }, endsOn: { $gte: to } });
    const [lessons, marks, periodMarks, absences] = await Promise.all([
      lessonsOfStudent(em, studentId, from, to),
      em.find(
        Mark,
        { student: studentId, retractedAt: null, lesson: { date: { $gte: from, $lte: to } } },
        { populate: ['lesson'], orderBy: { lesson: { date: 'asc' }, enteredAt: 'asc' } },
      ),
      period ? em.find(Mark, { student: studentId, period, retractedAt: null, lesson: { date: { $lte: to } } }, { populate: ['lesson'] }) : Promise.resolve([]),
      em.find(Attendance, { student: studentId, lesson: { date: { $gte: from, $lte: to } } }),
    ]);
    const groupIds = [...new Set([...lessons, ...marks, ...periodMarks].map((x) => x.group.id))];
    const groups = present(await ctx.loaders.groupById.loadMany(groupIds));
    const subjectNames = new Map(present(await ctx.loaders.subjectById.loadMany(groups.map((g) => g.subjectId))).map((s) => [s.id, s.name]));
    groups.sort((a, b) => subjectNames.get(a.subjectId)!.localeCompare(subjectNames.get(b.subjectId)!, 'ru') || a.name.localeCompare(b.name, 'ru'));

    const keysOf = { schoolId: student.schoolId, studentId, classId: student.classId };
    const count = (status: AttendanceStatus) => absences.filter((a) => a.status === status).length;
    return Object.assign(new ProgressReportType(), {
      student,
      from,
      to,
      period: period ? ReportingPeriodType.from(period) : null,
      subjects: groups.map((group) => {
        const keys = { ...keysOf, groupId: group.id };
        const own = marks.filter((m) => m.group.id === group.id).map((m) => MarkType.from(m, student.classId));
        const ofPeriod = periodMarks.filter((m) => m.group.id === group.id).map((m) => MarkType.from(m, student.classId));
        return Object.assign(new ProgressSubjectType(), {
          group,
          marks: own,
          average: averageOf(keys, own),
          prognosis: period ? averageOf(keys, ofPeriod) : null,
          ...keys,
        });
      }),
      attendance: Object.assign(new AttendanceSummaryType(), {
        lessons: lessons.length,
        ill: count(AttendanceStatus.ILL),
        excused: count(AttendanceStatus.EXCUSED),
        unexcused: count(AttendanceStatus.UNEXCUSED),
        late: count(AttendanceStatus.LATE),
        schoolId: student.schoolId,
        studentId,
        classId: student.classId,
      }),
      generatedAt: ctx.clock(),
      schoolId: student.schoolId,
      studentId,
      classId: student.classId,
    });
  }
}
