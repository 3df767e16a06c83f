import { DateField, EndsWithin, FloatField, IdField, IdListField, IntField, NestedField, TextField } from '../../kernel/input-fields.js';
import { Field, InputType } from 'type-graphql';
import { PeriodKind } from './academic-year.entity.js';
import { GroupKind } from './study-group.entity.js';

/** A school year or a holiday lasts at most about a year (a year ending in 9999 would block every later one). */
const YEAR_DAYS = 400;
/** How many students one group may name at once. */
const MAX_GROUP_MEMBERS = 500;

@InputType()
export class DateRangeInput {
  @DateField()
  startsOn!: string;

  @DateField()
  @EndsWithin('startsOn', YEAR_DAYS)
  endsOn!: string;
}

@InputType()
export class CreateAcademicYearInput {
  @IdField()
  schoolId!: string;

  @TextField({ min: 4, max: 40, description: 'e.g. "2027/2028"' })
  name!: string;

  @DateField()
  startsOn!: string;

  @DateField()
  @EndsWithin('startsOn', YEAR_DAYS)
  endsOn!: string;

  @Field(() => PeriodKind)
  periodKind!: PeriodKind;

  @NestedField(() => DateRangeInput, { list: { min: 1, max: 6 }, description: 'The reporting periods in order' })
  periods!: DateRangeInput[];
}

@InputType()
export class AddHolidayInput {
  @IdField()
  yearId!: string;

  @TextField({ max: 120 })
  name!: string;

  @DateField()
  startsOn!: string;

  @DateField()
  @EndsWithin('startsOn', YEAR_DAYS)
  endsOn!: string;
}

@InputType()
export class CreateSubjectInput {
  @IdField()
  schoolId!: string;

  @TextField({ max: 120 })
  name!: string;

  @TextField({ max: 30, nullable: true, description: 'Defaults to the name' })
  shortName?: string;
}

@InputType()
export class SetCurriculumHoursInput {
  @IdField()
  yearId!: string;

  @IntField({ min: 1, max: 11 })
  grade!: number;

  @IdField()
  subjectId!: string;

  @FloatField({ min: 0, max: 40, description: '0 removes the subject from the grade' })
  hoursPerWeek!: number;
}

@InputType()
export class CreateClassInput {
  @IdField()
  yearId!: string;

  @IntField({ min: 1, max: 11 })
  grade!: number;

  @TextField({
    max: 1,
    allowEmpty: true,
    pattern: { regex: /^[А-ЯЁ]$/u, hint: 'one Cyrillic capital letter (or empty)' },
    description: 'Cyrillic capital letter, or empty for a single class in the grade',
  })
  letter!: string;

  @IdField({ nullable: true })
  classTeacherId?: string;
}

@InputType()
export class CreateStudyGroupInput {
  @IdField()
  yearId!: string;

  @IdField()
  subjectId!: string;

  @Field(() => GroupKind)
  kind!: GroupKind;

  @IdField({ nullable: true, description: 'Required for WHOLE_CLASS and SUBGROUP' })
  classId?: string;

  @TextField({ max: 80, nullable: true, description: 'Defaults to the class name for a whole-class group' })
  name?: string;

  @IdListField({ max: MAX_GROUP_MEMBERS, nullable: true, description: 'Members, for every kind but WHOLE_CLASS' })
  studentIds?: string[];

  @IdField({ nullable: true })
  teacherId?: string;
}
