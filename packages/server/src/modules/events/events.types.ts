import { DateField, DateTimeField, EndsWithin, IdField, IntField, TEXT, TextField } from '../../kernel/input-fields.js';
import { DateTimeISOResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ExamKind, type ExamEntry, type SchoolEvent } from './events.entity.js';

registerEnumType(ExamKind, { name: 'ExamKind', description: 'ОГЭ (after grade 9) or ЕГЭ (after grade 11)' });

@ObjectType('SchoolEvent', { description: 'A school or class event in the calendar (R-D2)' })
export class SchoolEventType {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { nullable: true }) place!: string | null;
  @Field(() => DateTimeISOResolver) startsAt!: Date;
  @Field(() => DateTimeISOResolver, { nullable: true }) endsAt!: Date | null;
  @Field(() => ID, { nullable: true, description: 'The class of a class event; null for the whole school' }) classId!: string | null;
  schoolId!: string;

  static from(e: SchoolEvent): SchoolEventType {
    return Object.assign(new SchoolEventType(), {
      id: e.id,
      title: e.title,
      description: e.description ?? null,
      place: e.place ?? null,
      startsAt: e.startsAt,
      endsAt: e.endsAt ?? null,
      classId: e.schoolClass?.id ?? null,
      schoolId: e.school.id,
    });
  }
}

@InputType()
export class CreateSchoolEventInput {
  @IdField() schoolId!: string;
  @IdField({ nullable: true, description: 'Omit for a school-wide event' }) classId?: string;
  @TextField({ min: 2, max: 200 }) title!: string;
  @TextField({ max: TEXT.remark, multiline: true, nullable: true }) description?: string;
  @TextField({ max: 200, nullable: true }) place?: string;
  @DateTimeField() startsAt!: Date;
  @DateTimeField({ nullable: true }) @EndsWithin('startsAt', 400) endsAt?: Date;
}

@ObjectType('ExamEntry', { description: 'A state exam chosen by a student, and its result when published (R-D3, R-D5)' })
export class ExamEntryType {
  @Field(() => ID) id!: string;
  @Field(() => ExamKind) kind!: ExamKind;
  @Field(() => LocalDateResolver, { nullable: true }) examDate!: string | null;
  @Field(() => Int, { nullable: true }) score!: number | null;
  @Field(() => Int, { nullable: true, description: 'The five-point mark (ОГЭ only)' }) mark!: number | null;
  @Field(() => DateTimeISOResolver, { nullable: true }) resultAt!: Date | null;
  subjectId!: string;
  schoolId!: string;
  studentId!: string;
  /** The student's class when it is known: its class teacher keeps the register. */
  classId!: string | null;

  static from(e: ExamEntry, classId: string | null = null): ExamEntryType {
    return Object.assign(new ExamEntryType(), {
      id: e.id,
      kind: e.kind,
      examDate: e.examDate ?? null,
      score: e.score ?? null,
      mark: e.mark ?? null,
      resultAt: e.resultAt ?? null,
      subjectId: e.subject.id,
      schoolId: e.school.id,
      studentId: e.student.id,
      classId,
    });
  }
}

@InputType()
export class ExamResultInput {
  @IdField() examId!: string;
  @DateField() examDate!: string;
  @IntField({ min: 0, max: 100 }) score!: number;
  @IntField({ min: 2, max: 5, nullable: true }) mark?: number;
}

/** The sources of this file's GraphQL object types, for their type rules (policy/type-rule.ts). */
declare module '../../policy/type-rule.js' {
  interface TypeSources {
    SchoolEvent: SchoolEventType;
    ExamEntry: ExamEntryType;
  }
}
