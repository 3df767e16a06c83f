import { DateField, IdField, IntField, TEXT, TextField, VERSION } from '../../kernel/input-fields.js';
import { DateTimeISOResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GradingScale } from '../school/index.js';
import {
  AttendanceStatus,
  FinalMarkKind,
  MarkChangeKind,
  RemarkKind,
  type Attendance,
  type AttendanceChange,
  type FinalMark,
  type Mark,
  type Remark,
  type WorkType,
} from './journal.entity.js';

/** A `mark_change` row as journal.queries.ts reads it (JSON from PostgreSQL), and with its time as a Date. */
export type MarkChangeRow = {
  markId: string;
  kind: MarkChangeKind;
  version: number;
  oldValue: string | null;
  newValue: string | null;
  oldWorkType: string | null;
  newWorkType: string | null;
  reason: string | null;
  backdated: boolean;
  at: string;
  authorId: string;
};
export type MarkChangeRecord = Omit<MarkChangeRow, 'at'> & { at: Date };

registerEnumType(GradingScale, { name: 'GradingScale' });
registerEnumType(AttendanceStatus, { name: 'AttendanceStatus', description: 'ILL = «Б», EXCUSED = «У», UNEXCUSED = «Н», LATE = опоздание' });
registerEnumType(FinalMarkKind, { name: 'FinalMarkKind' });
registerEnumType(MarkChangeKind, { name: 'MarkChangeKind' });
registerEnumType(RemarkKind, { name: 'RemarkKind' });

/** What every record about one student carries, unexposed, for the policy to decide by. */
export interface StudentRecordKeys {
  schoolId: string;
  studentId: string;
  groupId: string;
  classId: string | null;
}

/** Only the policy keys of a record: spreading the whole record would copy its other fields (a mark's version) over a change's. */
export function recordKeys(r: StudentRecordKeys): StudentRecordKeys {
  return { schoolId: r.schoolId, studentId: r.studentId, groupId: r.groupId, classId: r.classId };
}

@ObjectType('WorkType', { description: 'A kind of work a mark is given for, with its weight' })
export class WorkTypeType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'e.g. «У», «КР»' }) code!: string;
  @Field(() => String) name!: string;
  @Field(() => Int) weight!: number;
  schoolId!: string;

  static from(w: WorkType): WorkTypeType {
    return Object.assign(new WorkTypeType(), { id: w.id, code: w.code, name: w.name, weight: w.weight, schoolId: w.school.id });
  }
}

@ObjectType('Mark')
export class MarkType implements StudentRecordKeys {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'As shown: "5", "87", "зач"' }) value!: string;
  @Field(() => Int) weight!: number;
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field(() => DateTimeISOResolver, { description: 'When it was first entered' }) enteredAt!: Date;
  @Field(() => Boolean, { description: 'Entered after the allowed window (R-J5)' }) backdated!: boolean;
  @Field(() => Boolean, { description: 'Retracted marks stay in the diary (struck through, not averaged); the reason is in the history' }) retracted!: boolean;
  @Field(() => DateTimeISOResolver, { nullable: true }) retractedAt!: Date | null;
  @Field(() => Boolean, {
    description: 'Made from an account later reported compromised: out of averages until the administration confirms or retracts it (issue 18)',
  })
  flagged!: boolean;
  @Field(() => Int, { description: 'Increases with every change; send it back to change the mark' }) version!: number;
  @Field(() => LocalDateResolver, { description: 'The lesson date: the column the mark stands in' }) date!: string;
  @Field(() => ID, { description: 'The lesson: the column of the journal' }) lessonId!: string;
  workTypeId!: string;
  subjectId!: string;
  points!: number | null;
  schoolId!: string;
  @Field(() => ID, { description: 'The student: the row of the journal' }) studentId!: string;
  groupId!: string;
  classId!: string | null;

  static from(m: Mark, classId: string | null): MarkType {
    return Object.assign(new MarkType(), {
      id: m.id,
      value: m.value,
      weight: m.weight,
      comment: m.comment ?? null,
      enteredAt: m.enteredAt,
      backdated: m.backdated,
      retracted: !!m.retractedAt,
      retractedAt: m.retractedAt ?? null,
      flagged: !!m.flaggedAt,
      version: m.version,
      date: m.lesson.date,
      lessonId: m.lesson.id,
      workTypeId: m.workType.id,
      subjectId: m.subject.id,
      points: m.points ?? null,
      schoolId: m.school.id,
      studentId: m.student.id,
      groupId: m.group.id,
      classId,
    });
  }
}

@ObjectType('MarkChange', { description: 'One change of a mark: the parent sees why a mark changed' })
export class MarkChangeType implements StudentRecordKeys {
  @Field(() => MarkChangeKind) kind!: MarkChangeKind;
  @Field(() => Int) version!: number;
  @Field(() => String, { nullable: true }) oldValue!: string | null;
  @Field(() => String, { nullable: true }) newValue!: string | null;
  @Field(() => String, { nullable: true }) oldWorkType!: string | null;
  @Field(() => String, { nullable: true }) newWorkType!: string | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => Boolean) backdated!: boolean;
  @Field(() => DateTimeISOResolver) at!: Date;
  authorId!: string;
  schoolId!: string;
  studentId!: string;
  groupId!: string;
  classId!: string | null;

  /** From a `mark_change` row as the loader reads it (journal.queries.ts). */
  static from(c: MarkChangeRecord, keys: StudentRecordKeys): MarkChangeType {
    return Object.assign(new MarkChangeType(), {
      kind: c.kind,
      version: c.version,
      oldValue: c.oldValue,
      newValue: c.newValue,
      oldWorkType: c.oldWorkType,
      newWorkType: c.newWorkType,
      reason: c.reason,
      backdated: c.backdated,
      at: c.at,
      authorId: c.authorId,
      ...recordKeys(keys),
    });
  }
}

@ObjectType('AttendanceMark', { description: 'Absence or lateness of a student at a lesson' })
export class AttendanceType implements StudentRecordKeys {
  @Field(() => ID) id!: string;
  @Field(() => AttendanceStatus) status!: AttendanceStatus;
  @Field(() => Int, { nullable: true }) minutesLate!: number | null;
  @Field(() => Int, { description: 'Increases with every change; send it back to change the entry' }) version!: number;
  @Field(() => LocalDateResolver) date!: string;
  @Field(() => ID) lessonId!: string;
  schoolId!: string;
  @Field(() => ID) studentId!: string;
  groupId!: string;
  classId!: string | null;

  static from(a: Attendance, groupId: string, classId: string | null): AttendanceType {
    return Object.assign(new AttendanceType(), {
      id: a.id,
      status: a.status,
      minutesLate: a.minutesLate ?? null,
      version: a.version,
      date: a.lesson.date,
      lessonId: a.lesson.id,
      schoolId: a.school.id,
      studentId: a.student.id,
      groupId,
      classId,
    });
  }
}

@ObjectType('AttendanceChange', { description: 'One change of an attendance entry: the parent sees who changed it, when and why' })
export class AttendanceChangeType implements StudentRecordKeys {
  @Field(() => AttendanceStatus, { nullable: true, description: 'Null for the first entry' }) oldStatus!: AttendanceStatus | null;
  @Field(() => AttendanceStatus) newStatus!: AttendanceStatus;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => DateTimeISOResolver) at!: Date;
  authorId!: string;
  schoolId!: string;
  studentId!: string;
  groupId!: string;
  classId!: string | null;

  static from(c: AttendanceChange, keys: StudentRecordKeys): AttendanceChangeType {
    return Object.assign(new AttendanceChangeType(), {
      oldStatus: c.oldStatus ?? null,
      newStatus: c.newStatus,
      reason: c.reason ?? null,
      at: c.at,
      authorId: c.author.id,
      ...recordKeys(keys),
    });
  }
}

@ObjectType('FinalMark', { description: 'A period, annual, exam or final mark (R-J6)' })
export class FinalMarkType implements StudentRecordKeys {
  @Field(() => ID) id!: string;
  @Field(() => FinalMarkKind) kind!: FinalMarkKind;
  @Field(() => String, { nullable: true, description: '"5", "ОСВ", "Н/А"; null while postponed' }) value!: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) postponedUntil!: string | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When a parent acknowledged it (R-D4)' }) acknowledgedAt!: Date | null;
  @Field(() => Int) version!: number;
  @Field(() => ID, { nullable: true, description: "The reporting period of a PERIOD mark; null for the year's" }) periodId!: string | null;
  subjectId!: string;
  schoolId!: string;
  @Field(() => ID) studentId!: string;
  groupId!: string;
  classId!: string | null;

  static from(f: FinalMark, classId: string | null): FinalMarkType {
    return Object.assign(new FinalMarkType(), {
      id: f.id,
      kind: f.kind,
      value: f.value ?? null,
      postponedUntil: f.postponedUntil ?? null,
      reason: f.reason ?? null,
      acknowledgedAt: f.acknowledgedAt ?? null,
      version: f.version,
      periodId: f.period?.id ?? null,
      subjectId: f.subject.id,
      schoolId: f.school.id,
      studentId: f.student.id,
      groupId: f.group.id,
      classId,
    });
  }
}

@ObjectType('Remark', { description: 'A remark, praise or note to parents at a lesson (R-J8)' })
export class RemarkType implements StudentRecordKeys {
  @Field(() => ID) id!: string;
  @Field(() => RemarkKind) kind!: RemarkKind;
  @Field(() => String) text!: string;
  @Field(() => DateTimeISOResolver) at!: Date;
  @Field(() => ID) lessonId!: string;
  authorId!: string;
  schoolId!: string;
  @Field(() => ID) studentId!: string;
  groupId!: string;
  classId!: string | null;

  static from(r: Remark, groupId: string, classId: string | null): RemarkType {
    return Object.assign(new RemarkType(), {
      id: r.id,
      kind: r.kind,
      text: r.text,
      at: r.at,
      lessonId: r.lesson.id,
      authorId: r.author.id,
      schoolId: r.school.id,
      studentId: r.student.id,
      groupId,
      classId,
    });
  }
}

@ObjectType('SubjectAverage', { description: "A student's average in a group over a period, exact (R-J7)" })
export class SubjectAverageType implements StudentRecordKeys {
  @Field(() => String, { nullable: true, description: 'Plain average, two places, half up' }) plain!: string | null;
  @Field(() => String, { nullable: true, description: 'Weighted by work type, two places, half up' }) weighted!: string | null;
  @Field(() => Int, { nullable: true, description: 'The period mark the weighted average predicts' }) predicted!: number | null;
  @Field(() => Int) markCount!: number;
  schoolId!: string;
  @Field(() => ID) studentId!: string;
  groupId!: string;
  classId!: string | null;
}

@ObjectType('MarksNeeded', { description: '"What do I need": how many more marks of a value lift the average to a target' })
export class MarksNeededType implements StudentRecordKeys {
  @Field(() => Int) target!: number;
  @Field(() => Int) value!: number;
  @Field(() => Int, { nullable: true, description: 'null: no number of such marks reaches the target' }) count!: number | null;
  schoolId!: string;
  studentId!: string;
  groupId!: string;
  classId!: string | null;
}

@InputType()
export class PutMarkInput {
  @IdField() lessonId!: string;
  @IdField() studentId!: string;
  @TextField({ max: 8 }) value!: string;
  @IdField() workTypeId!: string;
  @TextField({ max: TEXT.line, nullable: true }) comment?: string;
  @TextField({ min: 3, max: TEXT.line, nullable: true, description: 'Required when the mark is entered after its deadline (issue 18)' })
  reason?: string;
}

@InputType()
export class ChangeMarkInput {
  @IdField() markId!: string;
  @IntField({ ...VERSION, description: 'The version the change is based on: a stale one is a CONFLICT' }) version!: number;
  @TextField({ max: 8, nullable: true }) value?: string;
  @IdField({ nullable: true }) workTypeId?: string;
  @TextField({ min: 3, max: TEXT.line, description: 'Why: shown to the parent (R-J5)' }) reason!: string;
}

@InputType()
export class SetAttendanceInput {
  @IdField() lessonId!: string;
  @IdField() studentId!: string;
  @Field(() => AttendanceStatus) status!: AttendanceStatus;
  @IntField({ min: 1, max: 45, nullable: true }) minutesLate?: number;
  @TextField({ min: 3, max: TEXT.line, nullable: true, description: 'Required to change an existing entry' })
  reason?: string;
  @IntField({ ...VERSION, nullable: true, description: 'The version of the entry the change is based on: a stale one is a CONFLICT' })
  version?: number;
}

@InputType()
export class SetFinalMarkInput {
  @IdField() groupId!: string;
  @IdField() studentId!: string;
  @Field(() => FinalMarkKind) kind!: FinalMarkKind;
  @IdField({ nullable: true, description: 'Required for a PERIOD mark' }) periodId?: string;
  @TextField({ max: 8, nullable: true, description: 'A mark of the scale, "ОСВ" or "Н/А"; omit when postponing' })
  value?: string;
  @DateField({ nullable: true, description: 'Postpone attestation until this date' })
  postponedUntil?: string;
  @TextField({ min: 3, max: TEXT.line, nullable: true }) reason?: string;
  @IntField({ ...VERSION, nullable: true, description: 'The version of the mark the change is based on: a stale one is a CONFLICT' })
  version?: number;
}

@InputType()
export class AddRemarkInput {
  @IdField() lessonId!: string;
  @IdField() studentId!: string;
  @Field(() => RemarkKind) kind!: RemarkKind;
  @TextField({ min: 2, max: TEXT.remark, multiline: true }) text!: string;
}

@InputType()
export class SetLessonContentInput {
  @IdField() lessonId!: string;
  @IdField({ nullable: true, description: 'The thematic-plan topic the lesson covers; its text becomes the topic unless one is given' })
  planTopicId?: string;
  @TextField({ max: TEXT.line, nullable: true, allowEmpty: true }) topic?: string;
  @TextField({ max: 4000, multiline: true, nullable: true, allowEmpty: true }) homework?: string;
  @TextField({ min: 3, max: TEXT.line, nullable: true, description: 'Required when homework is entered after its deadline (issue 18)' })
  reason?: string;
}

/** The sources of this file's GraphQL object types, for their type rules (policy/type-rule.ts). */
declare module '../../policy/type-rule.js' {
  interface TypeSources {
    WorkType: WorkTypeType;
    Mark: MarkType;
    MarkChange: MarkChangeType;
    AttendanceMark: AttendanceType;
    AttendanceChange: AttendanceChangeType;
    FinalMark: FinalMarkType;
    Remark: RemarkType;
    SubjectAverage: SubjectAverageType;
    MarksNeeded: MarksNeededType;
  }
}
