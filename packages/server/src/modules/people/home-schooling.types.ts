import { DateField, IdField } from '../../kernel/input-fields.js';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';

@ObjectType('HomeSchooling', { description: 'Обучение на дому (ОВЗ): while in force the pupil is kept in the paper journal, not the electronic one' })
export class HomeSchoolingType {
  @Field(() => ID)
  id!: string;

  @Field(() => LocalDateResolver, { description: 'The first day at home' })
  startsOn!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'The last day at home; null while it goes on' })
  endsOn!: string | null;

  /** Not exposed: the policy decides by school and the pupil's class today. */
  studentId!: string;
  schoolId!: string;
  classId!: string | null;
}

@InputType({ description: 'Home schooling of a pupil from a day on (until ended by endHomeSchooling)' })
export class StartHomeSchoolingInput {
  @IdField()
  studentId!: string;

  @DateField()
  startsOn!: string;
}

@InputType()
export class EndHomeSchoolingInput {
  @IdField()
  homeSchoolingId!: string;

  @DateField({ description: 'The last day at home' })
  endsOn!: string;
}

/** The sources of this file's GraphQL object types, for their type rules (policy/type-rule.ts). */
declare module '../../policy/type-rule.js' {
  interface TypeSources {
    HomeSchooling: HomeSchoolingType;
  }
}
