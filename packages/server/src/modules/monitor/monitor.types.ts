import { LocalDateResolver } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { AttendanceType, MarkType } from '../journal/index.js';
import { LessonType } from '../timetable/index.js';

/**
 * R-A4: what happened in a class between two dates, for its class teacher and the administration:
 * the lessons of the class's groups, the marks entered and every absence or lateness.
 */
@ObjectType('ClassRecords', { description: "A class's lessons, marks entered and absences between two dates (its class teacher and the administration)" })
export class ClassRecordsType {
  @Field(() => LocalDateResolver)
  from!: string;

  @Field(() => LocalDateResolver)
  to!: string;

  @Field(() => [LessonType], { description: "Lessons of the class's groups in the range, by date and number" })
  lessons!: LessonType[];

  @Field(() => [MarkType], { description: 'Every mark entered in the range (by its entry date), retracted ones included' })
  marks!: MarkType[];

  @Field(() => [AttendanceType], { description: 'Every absence and lateness at those lessons (present is not listed)' })
  absences!: AttendanceType[];

  /** Not exposed: the policy decides by these. */
  schoolId!: string;
  classId!: string;
}

/** The sources of this file's GraphQL object types, for their type rules (policy/type-rule.ts). */
declare module '../../policy/type-rule.js' {
  interface TypeSources {
    ClassRecords: ClassRecordsType;
  }
}
