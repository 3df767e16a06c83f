import { DateTimeISOResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { MarkType, SubjectAverageType, type StudentRecordKeys } from '../journal/index.js';
import { StudentType, ReportingPeriodType, StudyGroupType } from '../school/index.js';

@ObjectType('ProgressSubject', { description: "One subject of a progress report: the range's marks, their average, and the period's prognosis" })
export class ProgressSubjectType implements StudentRecordKeys {
  @Field(() => StudyGroupType) group!: StudyGroupType;
  @Field(() => [MarkType], { description: 'Marks at lessons within the range, by date' }) marks!: MarkType[];
  @Field(() => SubjectAverageType, { description: 'Averages of the marks within the range' }) average!: SubjectAverageType;
  @Field(() => SubjectAverageType, { nullable: true, description: 'The period so far (up to `to`): `predicted` is the prognosis of the period mark (R-C5)' })
  prognosis!: SubjectAverageType | null;
  schoolId!: string;
  studentId!: string;
  groupId!: string;
  classId!: string | null;
}

@ObjectType('AttendanceSummary', { description: 'Lessons and absences within a range' })
export class AttendanceSummaryType {
  @Field(() => Int, { description: "Lessons of the student's timetable within the range" }) lessons!: number;
  @Field(() => Int, { description: '«Б»' }) ill!: number;
  @Field(() => Int, { description: '«У»' }) excused!: number;
  @Field(() => Int, { description: '«Н»' }) unexcused!: number;
  @Field(() => Int) late!: number;
  schoolId!: string;
  studentId!: string;
  classId!: string | null;
}

@ObjectType('ProgressReport', { description: 'R-C4, R-C5: a weekly or fortnightly progress report of a student, for printing or sending' })
export class ProgressReportType {
  @Field(() => StudentType) student!: StudentType;
  @Field(() => LocalDateResolver) from!: string;
  @Field(() => LocalDateResolver) to!: string;
  @Field(() => ReportingPeriodType, { nullable: true, description: 'The reporting period `to` falls in: the prognosis is for it' })
  period!: ReportingPeriodType | null;
  @Field(() => [ProgressSubjectType], { description: 'Subjects with lessons or marks in the range or the period, by name' }) subjects!: ProgressSubjectType[];
  @Field(() => AttendanceSummaryType) attendance!: AttendanceSummaryType;
  @Field(() => DateTimeISOResolver) generatedAt!: Date;
  schoolId!: string;
  studentId!: string;
  classId!: string | null;
}

/** The sources of this file's GraphQL object types, for their type rules (policy/type-rule.ts). */
declare module '../../policy/type-rule.js' {
  interface TypeSources {
    ProgressSubject: ProgressSubjectType;
    AttendanceSummary: AttendanceSummaryType;
    ProgressReport: ProgressReportType;
  }
}
