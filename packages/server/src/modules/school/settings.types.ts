import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IdField, IntField, TextField } from '../../kernel/input-fields.js';
import type { DeadlineSettings } from './settings.js';

@ObjectType('SchoolSettings', { description: "Issue 18: the school's deadlines and duties; the defaults until the administration changes them" })
export class SchoolSettingsType {
  @Field(() => ID) schoolId!: string;
  @Field(() => Int, { description: 'Marks of the day and attendance by this local time of the lesson day, minutes after midnight (1440 = 24:00)' })
  sameDayUntilMinutes!: number;
  @Field(() => Int, { description: "Written work's marks within this many days, grades 2–9" }) writtenWorkDaysJunior!: number;
  @Field(() => Int, { description: "Written work's marks within this many days, grades 10–11" }) writtenWorkDaysSenior!: number;
  @Field(() => Int, { description: "Homework within this many minutes after the pupils' school day ends" }) homeworkMinutesAfterDay!: number;
  @Field(() => [String], { description: 'When lesson 1, 2, … ends ("HH:MM", school time)' }) lessonEndTimes!: string[];
  @Field(() => Boolean, { description: 'Corrections and late entries by the administration only' }) correctionsByAdministrationOnly!: boolean;
  @Field(() => Int, { description: 'Period marks no later than this many days before the period ends' }) periodMarkDaysBeforeEnd!: number;
  @Field(() => Int, { description: "The class teacher's journal checks per month" }) journalChecksPerMonth!: number;
  @Field(() => Int, { description: 'Parents informed of progress at least every this many days' }) parentsInformedEveryDays!: number;
  @Field(() => Int, { description: 'The preliminary period report this many days before the period ends' }) preliminaryReportDaysBeforeEnd!: number;
  @Field(() => DateTimeISOResolver, { nullable: true, description: 'Null while the school keeps the defaults' }) updatedAt!: Date | null;

  static from(schoolId: string, s: DeadlineSettings, updatedAt: Date | null): SchoolSettingsType {
    return Object.assign(new SchoolSettingsType(), {
      schoolId,
      sameDayUntilMinutes: s.sameDayUntilMinutes,
      writtenWorkDaysJunior: s.writtenWorkDaysJunior,
      writtenWorkDaysSenior: s.writtenWorkDaysSenior,
      homeworkMinutesAfterDay: s.homeworkMinutesAfterDay,
      lessonEndTimes: [...s.lessonEndTimes],
      correctionsByAdministrationOnly: s.correctionsByAdministrationOnly,
      periodMarkDaysBeforeEnd: s.periodMarkDaysBeforeEnd,
      journalChecksPerMonth: s.journalChecksPerMonth,
      parentsInformedEveryDays: s.parentsInformedEveryDays,
      preliminaryReportDaysBeforeEnd: s.preliminaryReportDaysBeforeEnd,
      updatedAt,
    });
  }
}

@InputType({ description: 'Only the fields given change' })
export class UpdateSchoolSettingsInput {
  @IdField() schoolId!: string;
  @IntField({ min: 8 * 60, max: 24 * 60, nullable: true }) sameDayUntilMinutes?: number;
  @IntField({ min: 1, max: 14, nullable: true }) writtenWorkDaysJunior?: number;
  @IntField({ min: 1, max: 14, nullable: true }) writtenWorkDaysSenior?: number;
  @IntField({ min: 0, max: 12 * 60, nullable: true }) homeworkMinutesAfterDay?: number;
  @TextField({
    max: 200,
    nullable: true,
    description: 'Ends of lessons 1, 2, … as "HH:MM" separated by commas',
    pattern: { regex: /^\d\d:\d\d(\s*,\s*\d\d:\d\d){0,11}$/, hint: 'times HH:MM separated by commas' },
  })
  lessonEndTimes?: string;
  @Field(() => Boolean, { nullable: true }) correctionsByAdministrationOnly?: boolean;
  @IntField({ min: 0, max: 30, nullable: true }) periodMarkDaysBeforeEnd?: number;
  @IntField({ min: 1, max: 8, nullable: true }) journalChecksPerMonth?: number;
  @IntField({ min: 1, max: 60, nullable: true }) parentsInformedEveryDays?: number;
  @IntField({ min: 0, max: 60, nullable: true }) preliminaryReportDaysBeforeEnd?: number;
}

/** The sources of this file's GraphQL object types, for their type rules (policy/type-rule.ts). */
declare module '../../policy/type-rule.js' {
  interface TypeSources {
    SchoolSettings: SchoolSettingsType;
  }
}
