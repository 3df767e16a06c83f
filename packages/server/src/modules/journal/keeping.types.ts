import { IdField, IntField, NestedField, TEXT, TextField } from '../../kernel/input-fields.js';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { IntendedMarkNotice, JournalRemark } from './keeping.entity.js';
import type { PlanTopic } from '../timetable/index.js';
import type { StudentRecordKeys } from './journal.types.js';

@ObjectType('PlanTopic', { description: 'A topic of the calendar-thematic plan (R-J2)' })
export class PlanTopicType {
  @Field(() => ID) id!: string;
  @Field(() => Int) number!: number;
  @Field(() => String) topic!: string;
  @Field(() => Int) hours!: number;
  @Field(() => Int, { description: 'Lessons given on this topic so far' }) lessonsGiven!: number;
  schoolId!: string;

  static from(p: PlanTopic, lessonsGiven: number): PlanTopicType {
    return Object.assign(new PlanTopicType(), { id: p.id, number: p.number, topic: p.topic, hours: p.hours, lessonsGiven, schoolId: p.school.id });
  }
}

@ObjectType('ThematicPlan', { description: "A group's plan against the curriculum and the lessons given" })
export class ThematicPlanType {
  @Field(() => [PlanTopicType]) topics!: PlanTopicType[];
  @Field(() => Int) plannedHours!: number;
  @Field(() => Float, { nullable: true, description: 'Curriculum hours for the year: weekly hours × 34 weeks' }) curriculumHours!: number | null;
  @Field(() => Boolean, { description: 'Planned hours equal the curriculum hours' }) matchesCurriculum!: boolean;
  @Field(() => Int, { description: 'Lessons given so far (up to today)' }) lessonsGiven!: number;
  @Field(() => Int, { description: 'Lessons given with no plan topic linked' }) lessonsWithoutTopic!: number;
  @Field(() => Int, { description: 'Planned hours not yet covered by lessons' }) hoursBehind!: number;
  schoolId!: string;
  groupId!: string;
  classId!: string | null;
}

@InputType()
export class PlanTopicInput {
  @TextField({ min: 2, max: TEXT.line }) topic!: string;
  @IntField({ min: 1, max: 100 }) hours!: number;
}

@InputType()
export class SetThematicPlanInput {
  @IdField() groupId!: string;
  @NestedField(() => PlanTopicInput, { list: { max: 300 } }) topics!: PlanTopicInput[];
}

@ObjectType('JournalRemark', { description: "A deputy director's remark on how a journal is kept (R-J9)" })
export class JournalRemarkType {
  @Field(() => ID) id!: string;
  @Field(() => String) text!: string;
  @Field(() => DateTimeISOResolver) createdAt!: Date;
  @Field(() => DateTimeISOResolver, { nullable: true }) resolvedAt!: Date | null;
  @Field(() => String, { nullable: true }) resolution!: string | null;
  authorId!: string;
  schoolId!: string;
  groupId!: string;
  classId!: string | null;

  static from(r: JournalRemark, classId: string | null): JournalRemarkType {
    return Object.assign(new JournalRemarkType(), {
      id: r.id,
      text: r.text,
      createdAt: r.createdAt,
      resolvedAt: r.resolvedAt ?? null,
      resolution: r.resolution ?? null,
      authorId: r.author.id,
      schoolId: r.school.id,
      groupId: r.group.id,
      classId,
    });
  }
}

@ObjectType('IntendedMarkNotice', { description: 'Parents told of an intended period mark below the average (R-J7)' })
export class IntendedMarkNoticeType implements StudentRecordKeys {
  @Field(() => ID) id!: string;
  @Field(() => Int) intendedMark!: number;
  @Field(() => String) average!: string;
  @Field(() => String) reason!: string;
  @Field(() => Int, { description: 'Lessons left in the period when the notice was given' }) lessonsLeft!: number;
  @Field(() => Boolean, { description: 'Given at least 3 lessons before the period ends' }) inTime!: boolean;
  @Field(() => DateTimeISOResolver) createdAt!: Date;
  @Field(() => String, { description: 'The subject the warning is about' }) subjectName!: string;
  @Field(() => ID, { description: 'The reporting period it is about' }) periodId!: string;
  @Field(() => ID, { description: 'The study group (subject journal) it is about' }) groupId!: string;
  schoolId!: string;
  studentId!: string;
  classId!: string | null;

  /** `n` with its group's subject populated. */
  static from(n: IntendedMarkNotice, classId: string | null): IntendedMarkNoticeType {
    return Object.assign(new IntendedMarkNoticeType(), {
      subjectName: n.group.subject.name,
      periodId: n.period.id,
      id: n.id,
      intendedMark: n.intendedPoints,
      average: n.average,
      reason: n.reason,
      lessonsLeft: n.lessonsLeft,
      inTime: n.lessonsLeft >= 3,
      createdAt: n.createdAt,
      schoolId: n.school.id,
      studentId: n.student.id,
      groupId: n.group.id,
      classId,
    });
  }
}

@ObjectType('NoticeProblem', { description: 'A period mark below the average without a timely notice to parents' })
export class NoticeProblemType implements StudentRecordKeys {
  @Field(() => String) groupName!: string;
  @Field(() => String) studentName!: string;
  @Field(() => String) average!: string;
  @Field(() => String) periodMark!: string;
  @Field(() => Boolean, { description: 'A notice exists but came later than 3 lessons before the end' }) late!: boolean;
  schoolId!: string;
  studentId!: string;
  groupId!: string;
  classId!: string | null;
}

/** The sources of this file's GraphQL object types, for their type rules (policy/type-rule.ts). */
declare module '../../policy/type-rule.js' {
  interface TypeSources {
    PlanTopic: PlanTopicType;
    ThematicPlan: ThematicPlanType;
    JournalRemark: JournalRemarkType;
    IntendedMarkNotice: IntendedMarkNoticeType;
    NoticeProblem: NoticeProblemType;
  }
}
