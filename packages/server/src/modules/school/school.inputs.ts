import { ArrayMinSize, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { PeriodKind } from './academic-year.entity.js';
import { GroupKind } from './study-group.entity.js';

@InputType()
export class DateRangeInput {
  @Field(() => LocalDateResolver)
  startsOn!: string;

  @Field(() => LocalDateResolver)
  endsOn!: string;
}

@InputType()
export class CreateAcademicYearInput {
  @Field(() => ID)
  schoolId!: string;

  @Field(() => String, { description: 'e.g. "2027/2028"' })
  @Length(4, 40)
  name!: string;

  @Field(() => LocalDateResolver)
  startsOn!: string;

  @Field(() => LocalDateResolver)
  endsOn!: string;

  @Field(() => PeriodKind)
  periodKind!: PeriodKind;

  @Field(() => [DateRangeInput], { description: 'The reporting periods in order' })
  @ArrayMinSize(1)
  periods!: DateRangeInput[];
}

@InputType()
export class AddHolidayInput {
  @Field(() => ID)
  yearId!: string;

  @Field(() => String)
  @Length(1, 120)
  name!: string;

  @Field(() => LocalDateResolver)
  startsOn!: string;

  @Field(() => LocalDateResolver)
  endsOn!: string;
}

@InputType()
export class CreateSubjectInput {
  @Field(() => ID)
  schoolId!: string;

  @Field(() => String)
  @Length(1, 120)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Defaults to the name' })
  @IsOptional()
  @Length(1, 30)
  shortName?: string;
}

@InputType()
export class SetCurriculumHoursInput {
  @Field(() => ID)
  yearId!: string;

  @Field(() => Int)
  @Min(1)
  @Max(11)
  grade!: number;

  @Field(() => ID)
  subjectId!: string;

  @Field(() => Float, { description: '0 removes the subject from the grade' })
  @Min(0)
  @Max(40)
  hoursPerWeek!: number;
}

@InputType()
export class CreateClassInput {
  @Field(() => ID)
  yearId!: string;

  @Field(() => Int)
  @Min(1)
  @Max(11)
  grade!: number;

  @Field(() => String, { description: 'Cyrillic capital letter, or empty for a single class in the grade' })
  @Matches(/^[А-ЯЁ]?$/u, { message: 'letter must be one Cyrillic capital letter (or empty)' })
  letter!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  classTeacherId?: string;
}

@InputType()
export class CreateStudyGroupInput {
  @Field(() => ID)
  yearId!: string;

  @Field(() => ID)
  subjectId!: string;

  @Field(() => GroupKind)
  kind!: GroupKind;

  @Field(() => ID, { nullable: true, description: 'Required for WHOLE_CLASS and SUBGROUP' })
  @IsOptional()
  classId?: string;

  @Field(() => String, { nullable: true, description: 'Defaults to the class name for a whole-class group' })
  @IsOptional()
  @Length(1, 80)
  name?: string;

  @Field(() => [ID], { nullable: true, description: 'Members, for every kind but WHOLE_CLASS' })
  @IsOptional()
  studentIds?: string[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  teacherId?: string;
}
