import { DateField, IdField, IntField, TextField } from '../../kernel/input-fields.js';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { Lesson, TimetableSlot } from './timetable.entity.js';

@ObjectType('TimetableSlot', { description: 'A weekly place in the timetable of one period' })
export class TimetableSlotType {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'ISO weekday: 1 = Monday … 6 = Saturday' })
  weekday!: number;

  @Field(() => Int)
  lessonNumber!: number;

  @Field(() => String, { nullable: true })
  room!: string | null;

  schoolId!: string;
  groupId!: string;
  teacherId!: string;
  periodId!: string;

  static from(s: TimetableSlot): TimetableSlotType {
    return Object.assign(new TimetableSlotType(), {
      id: s.id,
      weekday: s.weekday,
      lessonNumber: s.lessonNumber,
      room: s.room ?? null,
      schoolId: s.school.id,
      groupId: s.group.id,
      teacherId: s.teacher.id,
      periodId: s.period.id,
    });
  }
}

@ObjectType('Lesson', { description: 'One dated lesson of a group: a column of the journal' })
export class LessonType {
  @Field(() => ID)
  id!: string;

  @Field(() => LocalDateResolver)
  date!: string;

  @Field(() => Int)
  lessonNumber!: number;

  @Field(() => String, { nullable: true })
  room!: string | null;

  @Field(() => String, { nullable: true, description: 'Why another teacher gave the lesson' })
  substitutionReason!: string | null;

  @Field(() => Boolean, {
    description: 'The administration recorded or approved the substitution; until then it is a request and gives the substitute no rights',
  })
  substitutionApproved!: boolean;

  @Field(() => String, { nullable: true, description: 'The topic given (R-J1)' })
  topic!: string | null;

  @Field(() => String, { nullable: true, description: 'Homework set at this lesson' })
  homework!: string | null;

  schoolId!: string;
  groupId!: string;
  periodId!: string;
  teacherId!: string;
  substituteId!: string | null;

  static from(l: Lesson): LessonType {
    return Object.assign(new LessonType(), {
      id: l.id,
      date: l.date,
      lessonNumber: l.lessonNumber,
      room: l.room ?? null,
      substitutionReason: l.substitutionReason ?? null,
      substitutionApproved: !!l.substitutionApprovedAt,
      topic: l.topic ?? null,
      homework: l.homework ?? null,
      schoolId: l.school.id,
      groupId: l.group.id,
      periodId: l.period.id,
      teacherId: l.teacher.id,
      substituteId: l.substitute?.id ?? null,
    });
  }
}

@InputType()
export class SetTimetableSlotInput {
  @IdField()
  periodId!: string;

  @IdField()
  groupId!: string;

  @IntField({ min: 1, max: 6 })
  weekday!: number;

  @IntField({ min: 1, max: 10 })
  lessonNumber!: number;

  @IdField()
  teacherId!: string;

  @TextField({ max: 20, nullable: true })
  room?: string;
}

@InputType()
export class AddLessonInput {
  @IdField()
  groupId!: string;

  @DateField()
  date!: string;

  @IntField({ min: 1, max: 10 })
  lessonNumber!: number;

  @TextField({ max: 20, nullable: true })
  room?: string;
}

@InputType()
export class RecordSubstitutionInput {
  @IdField()
  lessonId!: string;

  @IdField()
  substituteId!: string;

  @TextField({ min: 3, max: 200, description: 'e.g. "болезнь учителя"' })
  reason!: string;
}

/** The sources of this file's GraphQL object types, for their type rules (policy/type-rule.ts). */
declare module '../../policy/type-rule.js' {
  interface TypeSources {
    TimetableSlot: TimetableSlotType;
    Lesson: LessonType;
  }
}
