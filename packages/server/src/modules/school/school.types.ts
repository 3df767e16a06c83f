import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { SchoolClass } from './school-class.entity.js';
import type { School } from './school.entity.js';

@ObjectType('School')
export class SchoolType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  shortName!: string;

  static from(school: School): SchoolType {
    return Object.assign(new SchoolType(), { id: school.id, name: school.name, shortName: school.shortName });
  }
}

@ObjectType('SchoolClass')
export class SchoolClassType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Grade and letter, e.g. "5А"' })
  name!: string;

  @Field(() => Int)
  grade!: number;

  /** Not exposed: the policy decides visibility by it. */
  schoolId!: string;

  static from(c: SchoolClass): SchoolClassType {
    return Object.assign(new SchoolClassType(), { id: c.id, name: c.name, grade: c.grade, schoolId: c.school.id });
  }
}
