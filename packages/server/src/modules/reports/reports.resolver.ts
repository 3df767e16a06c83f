import { IdArg, IntArg } from '../../kernel/input-fields.js';
import { Ctx, Query, Resolver } from 'type-graphql';
import { viewerOf, type Context } from '../../policy/context.js';
import { StudentType, ReportingPeriodType, SchoolClassType, SubjectType } from '../school/index.js';
import { authorityStatistics, periodAnalytics } from './analytics.service.js';
import { fillRate } from './fill-rate.service.js';
import {
  AttendanceTallyType,
  AuthorityStatisticsType,
  ClassSubjectStatsType,
  ClassSummaryType,
  FillRateType,
  PeriodMarkStatsType,
  scope,
  StudentPeriodReportType,
  SummaryCellType,
  SummaryRowType,
  SummarySubjectType,
} from './reports.types.js';
import { studentPeriodReport } from './student-report.service.js';
import { classSummary } from './summary.service.js';

/** Reports (R-R1..R-R4): read-only views computed live from the journal. */
@Resolver()
export class ReportsResolver {
  @Query(() => ClassSummaryType, { description: 'R-R1: the summary sheet of a class for a period; its class teacher and the administration' })
  async classSummary(@IdArg('classId') classId: string, @IdArg('periodId') periodId: string, @Ctx() ctx: Context): Promise<ClassSummaryType> {
    const sheet = await classSummary(ctx.em, viewerOf(ctx), classId, periodId);
    const schoolId = sheet.schoolClass.school.id;
    const s = scope({ schoolId, classId });
    return Object.assign(new ClassSummaryType(), {
      schoolClass: SchoolClassType.from(sheet.schoolClass),
      period: ReportingPeriodType.from(sheet.period),
      subjects: sheet.subjects.map(({ subject, stats }) =>
        Object.assign(new SummarySubjectType(), { subject: SubjectType.from(subject), stats: PeriodMarkStatsType.from(stats, s), ...s }),
      ),
      rows: sheet.rows.map((row) => {
        const rs = { ...s, studentId: row.student.id };
        return Object.assign(new SummaryRowType(), {
          number: row.number,
          student: StudentType.from(row.student, schoolId, classId),
          cells: row.cells.map((cell) => Object.assign(new SummaryCellType(), cell, rs)),
          attendance: AttendanceTallyType.from(row.attendance, rs),
          ...rs,
        });
      }),
      ...s,
    });
  }

  @Query(() => FillRateType, { description: "R-R2: how fully and timely each group's journal is kept in a period; the administration" })
  fillRate(
    @IdArg('schoolId') schoolId: string,
    @IdArg('periodId') periodId: string,
    @IdArg('teacherId', { nullable: true, description: "Only this teacher's groups" }) teacherId: string | null,
    @Ctx() ctx: Context,
  ): Promise<FillRateType> {
    return fillRate(ctx.em, viewerOf(ctx), { schoolId, periodId, teacherId }, ctx.clock());
  }

  @Query(() => StudentPeriodReportType, { description: "R-R3: a student's period report, compared with their own previous period" })
  studentPeriodReport(@IdArg('studentId') studentId: string, @IdArg('periodId') periodId: string, @Ctx() ctx: Context): Promise<StudentPeriodReportType> {
    return studentPeriodReport(ctx.em, viewerOf(ctx), studentId, periodId);
  }

  @Query(() => [ClassSubjectStatsType], { description: 'R-R4: period marks per subject and class: the administration sees all, a class teacher theirs' })
  periodAnalytics(@IdArg('periodId') periodId: string, @Ctx() ctx: Context): Promise<ClassSubjectStatsType[]> {
    return periodAnalytics(ctx.em, viewerOf(ctx), periodId);
  }

  @Query(() => AuthorityStatisticsType, { description: "R-R4: an inspector's statistics of the authority's schools: aggregates, no names" })
  authorityStatistics(
    @IntArg('periodNumber', { min: 1, max: 6 }) periodNumber: number,
    @IdArg('authorityId', { nullable: true, description: 'Needed only by an inspector of several authorities' }) authorityId: string | null,
    @Ctx() ctx: Context,
  ): Promise<AuthorityStatisticsType> {
    return authorityStatistics(ctx.em, viewerOf(ctx), { periodNumber, authorityId }, ctx.clock());
  }
}
