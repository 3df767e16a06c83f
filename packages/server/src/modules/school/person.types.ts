import { Field, ID, ObjectType } from 'type-graphql';
import { fullName, shortName, type User } from './user.entity.js';

/** What a name on screen needs of a person: an entity, or a row read with the screen (journal.queries.ts). */
export type PersonName = Pick<User, 'id' | 'lastName' | 'firstName' | 'middleName'>;

/** A member of staff as others see them: name and position; contacts only for colleagues. */
@ObjectType('StaffMember')
export class StaffMemberType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  fullName!: string;

  @Field(() => String, { description: 'Фамилия И. О.' })
  shortName!: string;

  /** Not exposed: the policy decides visibility by it. */
  schoolId!: string;

  static from(user: PersonName, schoolId: string): StaffMemberType {
    return Object.assign(new StaffMemberType(), {
      id: user.id,
      fullName: fullName(user),
      shortName: shortName(user),
      schoolId,
    });
  }
}

@ObjectType('Student')
export class StudentType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  fullName!: string;

  @Field(() => String, { description: 'Фамилия И. О.' })
  shortName!: string;

  /** Not exposed: the policy decides visibility by these. */
  schoolId!: string;
  classId!: string | null;

  static from(user: PersonName, schoolId: string, classId: string | null): StudentType {
    return Object.assign(new StudentType(), {
      id: user.id,
      fullName: fullName(user),
      shortName: shortName(user),
      schoolId,
      classId,
    });
  }
}

/** The sources of this file's GraphQL object types, for their type rules (policy/type-rule.ts). */
declare module '../../policy/type-rule.js' {
  interface TypeSources {
    StaffMember: StaffMemberType;
    Student: StudentType;
  }
}
