import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LessonType } from '../timetable/index.js';
import { StaffMemberType, StudentType, ReportingPeriodType, SchoolClassType, StudyGroupType, SubjectType } from '../school/index.js';
import type { PeriodMarkStats } from './period-stats.js';
import type { AttendanceTally } from './summary.service.js';

/**
 * What a report object is about, unexposed: the policy's `canReadReport` decides by it (a class, else
 * one student, else a school, else an authority).
 */
export interface ReportScope {
  schoolId: string | null;
  classId: string | null;
  studentId: string | null;
  authorityId: string | null;
}

export const scope = (s: Partial<ReportScope>): ReportScope => ({ schoolId: null, classId: null, studentId: null, authorityId: null, ...s });

@ObjectType('PeriodMarkStats', { description: 'R-R4: the distribution of period marks, with "качество" and "успеваемость"' })
export class PeriodMarkStatsType implements ReportScope {
  @Field(() => Int) fives!: number;
  @Field(() => Int) fours!: number;
  @Field(() => Int) threes!: number;
  @Field(() => Int, { description: '2 and below' }) failing!: number;
  @Field(() => Int, { description: '«Н/А»: counts as attested and not successful' }) notAttested!: number;
  @Field(() => Int, { description: '«ОСВ»: counts in neither percentage' }) exempt!: number;
  @Field(() => Int, { description: 'Attested marks: the denominator of both percentages' }) attested!: number;
  @Field(() => String, { nullable: true, description: 'Качество: share of 4 and 5, in percent, "66.67"' }) quality!: string | null;
  @Field(() => String, { nullable: true, description: 'Успеваемость: share without 2 and «Н/А», in percent' }) success!: string | null;
  schoolId!: string | null;
  classId!: string | null;
  studentId!: string | null;
  authorityId!: string | null;

  static from(stats: PeriodMarkStats, s: ReportScope): PeriodMarkStatsType {
    return Object.assign(new PeriodMarkStatsType(), stats, s);
  }
}

@ObjectType('AttendanceTally', { description: 'Lessons missed, by reason (R-J3)' })
export class AttendanceTallyType implements ReportScope {
  @Field(() => Int, { description: 'ill + excused + unexcused' }) missed!: number;
  @Field(() => Int, { description: '«Б»' }) ill!: number;
  @Field(() => Int, { description: '«У»' }) excused!: number;
  @Field(() => Int, { description: '«Н»' }) unexcused!: number;
  @Field(() => Int, { description: 'Times late' }) late!: number;
  schoolId!: string | null;
  classId!: string | null;
  studentId!: string | null;
  authorityId!: string | null;

  static from(t: AttendanceTally, s: ReportScope): AttendanceTallyType {
    return Object.assign(new AttendanceTallyType(), t, s);
  }
}

@ObjectType('SummarySubject', { description: 'A column of the summary sheet: a subject and its period marks' })
export class SummarySubjectType implements ReportScope {
  @Field(() => SubjectType) subject!: SubjectType;
  @Field(() => PeriodMarkStatsType) stats!: PeriodMarkStatsType;
  schoolId!: string | null;
  classId!: string | null;
  studentId!: string | null;
  authorityId!: string | null;
}

@ObjectType('SummaryCell', { description: "One student's subject in the period" })
export class SummaryCellType implements ReportScope {
  @Field(() => ID) subjectId!: string;
  @Field(() => String, { nullable: true, description: 'The period mark: "5", «ОСВ», «Н/А»; null when not given' }) periodMark!: string | null;
  @Field(() => LocalDateResolver, { nullable: true, description: 'Attestation postponed until' }) postponedUntil!: string | null;
  @Field(() => String, { nullable: true, description: 'Weighted average of the period, "4.33"' }) average!: string | null;
  @Field(() => Int) markCount!: number;
  schoolId!: string | null;
  classId!: string | null;
  studentId!: string | null;
  authorityId!: string | null;
}

@ObjectType('SummaryRow', { description: 'A row of the summary sheet: one student' })
export class SummaryRowType implements ReportScope {
  @Field(() => Int, { description: 'Number in the class list' }) number!: number;
  @Field(() => StudentType) student!: StudentType;
  @Field(() => [SummaryCellType], { description: 'In the order of the columns' }) cells!: SummaryCellType[];
  @Field(() => AttendanceTallyType) attendance!: AttendanceTallyType;
  schoolId!: string | null;
  classId!: string | null;
  studentId!: string | null;
  authorityId!: string | null;
}

@ObjectType('ClassSummary', { description: 'R-R1: сводная ведомость of a class for a period: marks and attendance' })
export class ClassSummaryType implements ReportScope {
  @Field(() => SchoolClassType) schoolClass!: SchoolClassType;
  @Field(() => ReportingPeriodType) period!: ReportingPeriodType;
  @Field(() => [SummarySubjectType], { description: 'Columns, by subject name' }) subjects!: SummarySubjectType[];
  @Field(() => [SummaryRowType], { description: 'Rows, by surname' }) rows!: SummaryRowType[];
  schoolId!: string | null;
  classId!: string | null;
  studentId!: string | null;
  authorityId!: string | null;
}

@ObjectType('FillRateRow', { description: "R-R2: how fully and timely one group's journal is kept in the period" })
export class FillRateRowType implements ReportScope {
  @Field(() => StudyGroupType) group!: StudyGroupType;
  @Field(() => SubjectType) subject!: SubjectType;
  @Field(() => [StaffMemberType], { description: 'Teachers of the group in the period' }) teachers!: StaffMemberType[];
  @Field(() => Int, { description: 'Students of the group in the period' }) studentCount!: number;
  @Field(() => [StudentType], { description: 'Students without a single mark' }) studentsWithoutMarks!: StudentType[];
  @Field(() => [StudentType], { description: 'Students with exactly one mark' }) studentsWithOneMark!: StudentType[];
  @Field(() => String, { nullable: true, description: 'Share of students without marks, percent' }) withoutMarksShare!: string | null;
  @Field(() => String, { nullable: true, description: 'Share of students with one mark, percent' }) oneMarkShare!: string | null;
  @Field(() => Int, { description: 'Lessons held so far in the period' }) lessonsHeld!: number;
  @Field(() => [LessonType]) lessonsWithoutTopic!: LessonType[];
  @Field(() => [LessonType]) lessonsWithoutHomework!: LessonType[];
  @Field(() => Int, { description: 'Marks given in the period (retracted ones left out)' }) markCount!: number;
  @Field(() => Int, { description: "Marks entered after the school's back-dating window (R-J5)" }) marksBackdated!: number;
  @Field(() => Int, { description: "Marks entered after their work type's entry window (R-J4: oral the same day, written in 5–7 days)" })
  marksLate!: number;
  @Field(() => Int, { description: 'Attendance entered after its day, with the reason given (issue 18)' }) lateAttendance!: number;
  @Field(() => Int, { description: "Homework entered after the pupils' school day plus the school's window, with the reason (issue 18)" })
  lateHomework!: number;
  @Field(() => Int, { description: 'Period marks given after their deadline, with the reason (issue 18)' }) latePeriodMarks!: number;
  schoolId!: string | null;
  classId!: string | null;
  studentId!: string | null;
  authorityId!: string | null;
}

@ObjectType('FillRate', { description: 'R-R2: fill-rate control of a school for a period, for the administration' })
export class FillRateType implements ReportScope {
  @Field(() => ReportingPeriodType) period!: ReportingPeriodType;
  @Field(() => LocalDateResolver, { description: 'Lessons up to this day count as held' }) asOf!: string;
  @Field(() => [FillRateRowType], { description: 'One row per group, by group and subject name' }) rows!: FillRateRowType[];
  schoolId!: string | null;
  classId!: string | null;
  studentId!: string | null;
  authorityId!: string | null;
}

export enum Trend {
  UP = 'UP',
  DOWN = 'DOWN',
  SAME = 'SAME',
  /** Nothing to compare with: no average in the previous period. */
  NEW = 'NEW',
}
registerEnumType(Trend, { name: 'Trend', description: "The average compared with the student's own previous period" });

@ObjectType('ReportSubject', { description: "One subject of a student's period report" })
export class ReportSubjectType implements ReportScope {
  @Field(() => SubjectType) subject!: SubjectType;
  @Field(() => String, { nullable: true, description: 'Weighted average of the period' }) average!: string | null;
  @Field(() => Int) markCount!: number;
  @Field(() => String, { nullable: true }) periodMark!: string | null;
  @Field(() => String, { nullable: true, description: 'Weighted average of the previous period' }) previousAverage!: string | null;
  @Field(() => String, { nullable: true }) previousPeriodMark!: string | null;
  @Field(() => Trend, { description: 'Exact averages compared, before rounding' }) trend!: Trend;
  schoolId!: string | null;
  classId!: string | null;
  studentId!: string | null;
  authorityId!: string | null;
}

@ObjectType('StudentPeriodReport', {
  description: "R-R3: a student's period: averages, period marks, attendance, compared only with their own previous period",
})
export class StudentPeriodReportType implements ReportScope {
  @Field(() => StudentType) student!: StudentType;
  @Field(() => ReportingPeriodType) period!: ReportingPeriodType;
  @Field(() => ReportingPeriodType, { nullable: true }) previousPeriod!: ReportingPeriodType | null;
  @Field(() => [ReportSubjectType], { description: 'By subject name' }) subjects!: ReportSubjectType[];
  @Field(() => AttendanceTallyType) attendance!: AttendanceTallyType;
  @Field(() => AttendanceTallyType, { nullable: true }) previousAttendance!: AttendanceTallyType | null;
  schoolId!: string | null;
  classId!: string | null;
  studentId!: string | null;
  authorityId!: string | null;
}

@ObjectType('ClassSubjectStats', { description: 'R-R4: period marks of one subject in one class' })
export class ClassSubjectStatsType implements ReportScope {
  @Field(() => SchoolClassType) schoolClass!: SchoolClassType;
  @Field(() => SubjectType) subject!: SubjectType;
  @Field(() => PeriodMarkStatsType) stats!: PeriodMarkStatsType;
  schoolId!: string | null;
  classId!: string | null;
  studentId!: string | null;
  authorityId!: string | null;
}

@ObjectType('SchoolStatistics', { description: 'R-R4: aggregates of one school for the education authority; no names of people' })
export class SchoolStatisticsType implements ReportScope {
  @Field(() => ID) id!: string;
  @Field(() => String) schoolName!: string;
  @Field(() => String, { nullable: true, description: 'The period of that number in the school\'s current year, e.g. "2 четверть"' })
  periodName!: string | null;
  @Field(() => Int, { description: 'Students with a period mark' }) studentCount!: number;
  @Field(() => PeriodMarkStatsType) stats!: PeriodMarkStatsType;
  @Field(() => AttendanceTallyType, { description: 'Lessons missed in the period, all students together' }) attendance!: AttendanceTallyType;
  schoolId!: string | null;
  classId!: string | null;
  studentId!: string | null;
  authorityId!: string | null;
}

@ObjectType('AuthorityStatistics', { description: "R-R4: statistics of an authority's schools for a period number: aggregates only" })
export class AuthorityStatisticsType implements ReportScope {
  @Field(() => Int) periodNumber!: number;
  @Field(() => [SchoolStatisticsType], { description: 'By school name' }) schools!: SchoolStatisticsType[];
  @Field(() => PeriodMarkStatsType, { description: 'All schools together' }) total!: PeriodMarkStatsType;
  schoolId!: string | null;
  classId!: string | null;
  studentId!: string | null;
  authorityId!: string | null;
}

/** The sources of this file's GraphQL object types, for their type rules (policy/type-rule.ts). */
declare module '../../policy/type-rule.js' {
  interface TypeSources {
    PeriodMarkStats: PeriodMarkStatsType;
    AttendanceTally: AttendanceTallyType;
    SummarySubject: SummarySubjectType;
    SummaryCell: SummaryCellType;
    SummaryRow: SummaryRowType;
    ClassSummary: ClassSummaryType;
    FillRateRow: FillRateRowType;
    FillRate: FillRateType;
    ReportSubject: ReportSubjectType;
    StudentPeriodReport: StudentPeriodReportType;
    ClassSubjectStats: ClassSubjectStatsType;
    SchoolStatistics: SchoolStatisticsType;
    AuthorityStatistics: AuthorityStatisticsType;
  }
}
