import { DateTimeField, IdField, TextField } from '../../kernel/input-fields.js';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { SchoolClassType, StudentType, fullName } from '../school/index.js';
import { type Consent, consentInForce } from './consent.entity.js';
import { GuardianType } from './people.types.js';

@ObjectType('Consent', { description: "R-A6: consent to the processing of a student's personal data (152-FZ)" })
export class ConsentType {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTimeISOResolver)
  givenAt!: Date;

  @Field(() => String, { description: 'The parent, or the student themself (from 14)' })
  givenByName!: string;

  @Field(() => Boolean, { description: 'Given by the student themself' })
  givenBySelf!: boolean;

  @Field(() => String, { nullable: true, description: 'The staff member who received it on paper; null when given online' })
  receivedByName!: string | null;

  @Field(() => String, { nullable: true })
  documentNumber!: string | null;

  @Field(() => DateTimeISOResolver, { nullable: true })
  withdrawnAt!: Date | null;

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => ID, { description: 'Who gave it: a parent finds their own consent (to withdraw it) by it' })
  givenById!: string;

  /** Not exposed: the policy decides visibility by these. */
  studentId!: string;
  schoolId!: string;
  /** The student's class now, for its class teacher. */
  classId!: string | null;

  /** `consent` with givenBy and receivedBy populated; `active` when in force at `now`. */
  static from(consent: Consent, classId: string | null, now: Date): ConsentType {
    return Object.assign(new ConsentType(), {
      id: consent.id,
      givenAt: consent.givenAt,
      givenByName: fullName(consent.givenBy),
      givenBySelf: consent.givenBy.id === consent.student.id,
      receivedByName: consent.receivedBy ? fullName(consent.receivedBy) : null,
      documentNumber: consent.documentNumber ?? null,
      withdrawnAt: consent.withdrawnAt ?? null,
      active: consentInForce(consent, now),
      studentId: consent.student.id,
      givenById: consent.givenBy.id,
      schoolId: consent.school.id,
      classId,
    });
  }
}

export enum ConsentStatus {
  /** At least one consent is in force. */
  GIVEN = 'GIVEN',
  /** Every consent on record was withdrawn. */
  WITHDRAWN = 'WITHDRAWN',
  /** No consent was ever recorded. */
  MISSING = 'MISSING',
}
registerEnumType(ConsentStatus, { name: 'ConsentStatus' });

@ObjectType('ConsentRegisterEntry', { description: 'A line of the consent register: one student of a class' })
export class ConsentRegisterEntry {
  @Field(() => StudentType)
  student!: StudentType;

  @Field(() => SchoolClassType)
  schoolClass!: SchoolClassType;

  @Field(() => ConsentStatus)
  status!: ConsentStatus;

  @Field(() => [GuardianType], { description: 'Each parent, with whether their own consent is on record' })
  guardians!: GuardianType[];

  @Field(() => [ConsentType], { description: 'Every consent recorded for the student, latest first' })
  consents!: ConsentType[];

  /** Not exposed. */
  schoolId!: string;
  classId!: string;
}

@ObjectType('ParentActivity', { description: 'R-A8: a parent of a class and when they last opened the diary' })
export class ParentActivityType {
  @Field(() => ID)
  parentId!: string;

  @Field(() => String)
  fullName!: string;

  @Field(() => [StudentType], { description: 'Their children in this class' })
  children!: StudentType[];

  @Field(() => DateTimeISOResolver, { nullable: true })
  lastVisitAt!: Date | null;

  @Field(() => Int, { description: 'Days with a diary visit in the last 7 days' })
  daysVisitedLastWeek!: number;

  @Field(() => Boolean, { description: 'Has not opened the diary in the last 7 days' })
  inactiveForWeek!: boolean;

  /** Not exposed. */
  schoolId!: string;
  classId!: string;
}

@InputType()
export class RecordConsentInput {
  @IdField()
  studentId!: string;

  @IdField({
    nullable: true,
    description: 'Who gave it: defaults to the viewer (online consent). Staff recording a paper consent name the parent or the student.',
  })
  givenById?: string | null;

  @TextField({ max: 100, nullable: true, description: 'Number of the paper document' })
  documentNumber?: string | null;

  @DateTimeField({ nullable: true, description: 'Paper consent: when it was signed (default now)' })
  givenAt?: Date | null;
}

/** The sources of this file's GraphQL object types, for their type rules (policy/type-rule.ts). */
declare module '../../policy/type-rule.js' {
  interface TypeSources {
    Consent: ConsentType;
    ConsentRegisterEntry: ConsentRegisterEntry;
    ParentActivity: ParentActivityType;
  }
}
