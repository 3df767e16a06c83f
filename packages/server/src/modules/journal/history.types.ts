import { DateTimeISOResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LateEntryKind, type FinalMarkChange, type LateEntry } from './history.entity.js';
import { recordKeys, type StudentRecordKeys } from './journal.types.js';

registerEnumType(LateEntryKind, { name: 'LateEntryKind' });

@ObjectType('FinalMarkChange', { description: 'One change of a period, annual, exam or final mark: the family sees the old and new value, who, when and why' })
export class FinalMarkChangeType implements StudentRecordKeys {
  @Field(() => Int) version!: number;
  @Field(() => String, { nullable: true, description: 'Null for the first entry or a postponement' }) oldValue!: string | null;
  @Field(() => String, { nullable: true }) newValue!: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) oldPostponedUntil!: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) newPostponedUntil!: string | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => Boolean, { description: 'Given after the deadline' }) late!: boolean;
  @Field(() => DateTimeISOResolver) at!: Date;
  authorId!: string;
  schoolId!: string;
  studentId!: string;
  groupId!: string;
  classId!: string | null;

  static from(c: FinalMarkChange, keys: StudentRecordKeys): FinalMarkChangeType {
    return Object.assign(new FinalMarkChangeType(), {
      version: c.version,
      oldValue: c.oldValue ?? null,
      newValue: c.newValue ?? null,
      oldPostponedUntil: c.oldPostponedUntil ?? null,
      newPostponedUntil: c.newPostponedUntil ?? null,
      reason: c.reason ?? null,
      late: c.late,
      at: c.at,
      authorId: c.author.id,
      ...recordKeys(keys),
    });
  }
}

@ObjectType('LateEntry', { description: 'Issue 18: a journal entry made after its deadline, with the reason given' })
export class LateEntryType {
  @Field(() => ID) id!: string;
  @Field(() => LateEntryKind) kind!: LateEntryKind;
  @Field(() => ID, { description: 'The mark, attendance entry, lesson (homework) or period mark' }) recordId!: string;
  @Field(() => DateTimeISOResolver) dueAt!: Date;
  @Field(() => DateTimeISOResolver) at!: Date;
  @Field(() => String) reason!: string;
  @Field(() => ID) groupId!: string;
  authorId!: string;
  schoolId!: string;

  static from(e: LateEntry): LateEntryType {
    return Object.assign(new LateEntryType(), {
      id: e.id,
      kind: e.kind,
      recordId: e.recordId,
      dueAt: e.dueAt,
      at: e.at,
      reason: e.reason,
      groupId: e.group.id,
      authorId: e.author.id,
      schoolId: e.school.id,
    });
  }
}

/** The sources of this file's GraphQL object types, for their type rules (policy/type-rule.ts). */
declare module '../../policy/type-rule.js' {
  interface TypeSources {
    FinalMarkChange: FinalMarkChangeType;
    LateEntry: LateEntryType;
  }
}
