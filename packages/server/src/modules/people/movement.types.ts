import { DateField, IdField, TEXT, TextField } from '../../kernel/input-fields.js';
import { DateTimeISOResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { fullName, MovementKind } from '../school/index.js';
import type { StudentMovement } from './movement.entity.js';

registerEnumType(MovementKind, {
  name: 'MovementKind',
  description: 'Движение учащихся (R-O7): each is made by an order with a number and a date',
});

@ObjectType('StudentMovement', { description: 'One movement of a student, as recorded by the order' })
export class StudentMovementType {
  @Field(() => ID)
  id!: string;

  @Field(() => MovementKind)
  kind!: MovementKind;

  @Field(() => LocalDateResolver, { description: 'The day it takes effect' })
  effectiveOn!: string;

  @Field(() => String, { description: 'Номер приказа' })
  orderNumber!: string;

  @Field(() => LocalDateResolver)
  orderDate!: string;

  @Field(() => String, { nullable: true, description: 'The other school of an arrival or departure' })
  otherSchool!: string | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => String, { description: 'Who recorded it' })
  recordedByName!: string;

  @Field(() => DateTimeISOResolver)
  recordedAt!: Date;

  /** Not exposed: resolved through loaders; the policy decides by school and classes. */
  studentId!: string;
  schoolId!: string;
  fromClassId!: string | null;
  toClassId!: string | null;

  static from(m: StudentMovement): StudentMovementType {
    return Object.assign(new StudentMovementType(), {
      id: m.id,
      kind: m.kind,
      effectiveOn: m.effectiveOn,
      orderNumber: m.orderNumber,
      orderDate: m.orderDate,
      otherSchool: m.otherSchool ?? null,
      note: m.note ?? null,
      recordedByName: fullName(m.recordedBy),
      recordedAt: m.recordedAt,
      studentId: m.student.id,
      schoolId: m.school.id,
      fromClassId: m.fromClass?.id ?? null,
      toClassId: m.toClass?.id ?? null,
    });
  }
}

@InputType({ description: 'ENROLMENT, ARRIVAL and TRANSFER name the class (toClassId); ARRIVAL names the school it comes from' })
export class RecordMovementInput {
  @IdField()
  schoolId!: string;

  @IdField()
  studentId!: string;

  @Field(() => MovementKind)
  kind!: MovementKind;

  @DateField()
  effectiveOn!: string;

  @TextField({ max: 50 })
  orderNumber!: string;

  @DateField()
  orderDate!: string;

  @IdField({ nullable: true })
  toClassId?: string | null;

  @TextField({ max: TEXT.line, nullable: true })
  otherSchool?: string | null;

  @TextField({ max: TEXT.line, nullable: true })
  note?: string | null;
}

/** The sources of this file's GraphQL object types, for their type rules (policy/type-rule.ts). */
declare module '../../policy/type-rule.js' {
  interface TypeSources {
    StudentMovement: StudentMovementType;
  }
}
