import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Role } from './role-grant.entity.js';
import { fullName, shortName, type User } from './user.entity.js';

registerEnumType(Role, {
  name: 'Role',
  description: 'What a person does in a school; one person may hold several roles.',
});

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

  static from(user: User, schoolId: string): StaffMemberType {
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

  static from(user: User, schoolId: string, classId: string | null): StudentType {
    return Object.assign(new StudentType(), {
      id: user.id,
      fullName: fullName(user),
      shortName: shortName(user),
      schoolId,
      classId,
    });
  }
}
