import { OptionalProps } from '@mikro-orm/core';
import { newId } from '../../kernel/ids.js';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { User, ReportingPeriod, School, Subject, StudyGroup } from '../school/index.js';
import { Lesson } from '../timetable/index.js';

/** A kind of work a mark is given for (R-O5): "У" oral answer, "КР" test… with a weight per school. */
@Entity({ tableName: 'work_type' })
@Unique({ properties: ['school', 'code'] })
export class WorkType {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @Property({ type: 'string', length: 8 })
  code!: string;

  @Property({ type: 'string' })
  name!: string;

  /** Weight in the weighted average, 1–10. */
  @Property({ type: 'smallint' })
  weight!: number;

  /** Days after the lesson within which a mark of this type is on time (R-J4: oral same day, written 5–7). */
  @Property({ type: 'smallint' })
  entryDays!: number;
}

/** R-J4, R-J5: a mark in the column of the lesson. Never deleted: a retraction keeps it with a reason. */
@Entity({ tableName: 'mark' })
@Index({ properties: ['lesson'] })
@Index({ properties: ['student', 'subject'] })
// The journal grid and the period summaries read a group's marks of a period.
@Index({ properties: ['group', 'period'] })
export class Mark {
  [OptionalProps]?: 'version' | 'backdated';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => Lesson)
  lesson!: Lesson;

  /** Denormalised from the lesson: the diary and averages read marks by student and subject. */
  @ManyToOne(() => StudyGroup)
  group!: StudyGroup;

  @ManyToOne(() => Subject)
  subject!: Subject;

  @ManyToOne(() => ReportingPeriod)
  period!: ReportingPeriod;

  @ManyToOne(() => User)
  student!: User;

  @ManyToOne(() => WorkType)
  workType!: WorkType;

  /** As shown: "5", "87", "зач". */
  @Property({ type: 'string', length: 8 })
  value!: string;

  /** Points on the group's scale; null for pass/fail. */
  @Property({ type: 'smallint', nullable: true })
  points?: number | null;

  @Property({ type: 'smallint' })
  weight!: number;

  @Property({ type: 'string', nullable: true })
  comment?: string | null;

  @ManyToOne(() => User)
  enteredBy!: User;

  @Property({ type: 'datetime' })
  enteredAt!: Date;

  /** Entered after the allowed window (R-J5): shown as such, with the reason. */
  @Property({ type: 'boolean' })
  backdated: boolean = false;

  @Property({ type: 'datetime', nullable: true })
  retractedAt?: Date | null;

  /** Issue 18, R-A2: made from an account later reported compromised; out of every average until the director or the journal administrator confirms or retracts it. */
  @Property({ type: 'datetime', nullable: true })
  flaggedAt?: Date | null;

  /** Optimistic lock: every UPDATE is `SET version = version + 1 … WHERE id = ? AND version = ?` (see journal.service.ts). */
  @Property({ type: 'integer', version: true })
  version: number = 1;
}

/** The marks that count in averages and reports: neither retracted nor awaiting review after a compromise. */
export const COUNTED_MARKS = { retractedAt: null, flaggedAt: null } as const;

export enum MarkChangeKind {
  CREATED = 'CREATED',
  CHANGED = 'CHANGED',
  RETRACTED = 'RETRACTED',
  /** The administration confirmed a mark flagged after a compromise report: it counts again. */
  CONFIRMED = 'CONFIRMED',
}

/** R-J5: every change of a mark, readable by the parent: old, new, author, time, reason. */
@Entity({ tableName: 'mark_change' })
@Index({ properties: ['mark'] })
export class MarkChange {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => Mark)
  mark!: Mark;

  @Property({ type: 'integer' })
  version!: number;

  @Enum({ items: () => MarkChangeKind, nativeEnumName: 'mark_change_kind' })
  kind!: MarkChangeKind;

  @Property({ type: 'string', length: 8, nullable: true })
  oldValue?: string | null;

  @Property({ type: 'string', length: 8, nullable: true })
  newValue?: string | null;

  @Property({ type: 'string', length: 8, nullable: true })
  oldWorkType?: string | null;

  @Property({ type: 'string', length: 8, nullable: true })
  newWorkType?: string | null;

  @Property({ type: 'string', nullable: true })
  reason?: string | null;

  @Property({ type: 'boolean' })
  backdated!: boolean;

  @ManyToOne(() => User)
  author!: User;

  @Property({ type: 'datetime' })
  at!: Date;
}

/** R-J3: Б ill, У excused, Н unexcused, О late; PRESENT records a correction back to present. */
export enum AttendanceStatus {
  PRESENT = 'PRESENT',
  ILL = 'ILL',
  EXCUSED = 'EXCUSED',
  UNEXCUSED = 'UNEXCUSED',
  LATE = 'LATE',
}

@Entity({ tableName: 'attendance' })
@Unique({ properties: ['lesson', 'student'] })
@Index({ properties: ['student'] })
export class Attendance {
  [OptionalProps]?: 'version';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => Lesson)
  lesson!: Lesson;

  @ManyToOne(() => User)
  student!: User;

  @Enum({ items: () => AttendanceStatus, nativeEnumName: 'attendance_status' })
  status!: AttendanceStatus;

  @Property({ type: 'smallint', nullable: true })
  minutesLate?: number | null;

  @Property({ type: 'datetime' })
  updatedAt!: Date;

  /** Optimistic lock: every UPDATE is `SET version = version + 1 … WHERE id = ? AND version = ?` (see journal.service.ts). */
  @Property({ type: 'integer', version: true })
  version: number = 1;
}

@Entity({ tableName: 'attendance_change' })
@Index({ properties: ['attendance'] })
export class AttendanceChange {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => Attendance)
  attendance!: Attendance;

  @Enum({ items: () => AttendanceStatus, nativeEnumName: 'attendance_status', type: 'string', nullable: true })
  oldStatus?: AttendanceStatus | null;

  @Enum({ items: () => AttendanceStatus, nativeEnumName: 'attendance_status' })
  newStatus!: AttendanceStatus;

  @Property({ type: 'string', nullable: true })
  reason?: string | null;

  @ManyToOne(() => User)
  author!: User;

  @Property({ type: 'datetime' })
  at!: Date;
}

export enum FinalMarkKind {
  PERIOD = 'PERIOD',
  ANNUAL = 'ANNUAL',
  EXAM = 'EXAM',
  FINAL = 'FINAL',
}

/** R-J6: period, annual, exam and final marks, incl. ОСВ and Н/А; may be postponed for an ill student. */
@Entity({ tableName: 'final_mark' })
// One mark per student, group, kind and period; annual, exam and final marks have no period, and the
// index treats those nulls as equal (NULLS NOT DISTINCT, Migration20261202080000_one_writer_wins).
@Unique({ properties: ['student', 'group', 'kind', 'period'] })
// The journal grid reads a group's period and final marks.
@Index({ properties: ['group', 'period'] })
export class FinalMark {
  [OptionalProps]?: 'version';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => User)
  student!: User;

  @ManyToOne(() => StudyGroup)
  group!: StudyGroup;

  @ManyToOne(() => Subject)
  subject!: Subject;

  @Enum({ items: () => FinalMarkKind, nativeEnumName: 'final_mark_kind' })
  kind!: FinalMarkKind;

  /** The period of a PERIOD mark; null for annual, exam and final marks. */
  @ManyToOne(() => ReportingPeriod, { nullable: true })
  period?: ReportingPeriod | null;

  /** "5", "ОСВ", "Н/А"; null while postponed. */
  @Property({ type: 'string', length: 8, nullable: true })
  value?: string | null;

  @Property({ type: 'smallint', nullable: true })
  points?: number | null;

  /** Attestation postponed (e.g. a long illness) until this date. */
  @Property({ type: 'date', nullable: true })
  postponedUntil?: string | null;

  @Property({ type: 'string', nullable: true })
  reason?: string | null;

  @ManyToOne(() => User)
  enteredBy!: User;

  @Property({ type: 'datetime' })
  enteredAt!: Date;

  /** Optimistic lock: every UPDATE is `SET version = version + 1 … WHERE id = ? AND version = ?` (see journal.service.ts). */
  @Property({ type: 'integer', version: true })
  version: number = 1;

  /** R-D4: the parent saw it. */
  @Property({ type: 'datetime', nullable: true })
  acknowledgedAt?: Date | null;

  @ManyToOne(() => User, { nullable: true })
  acknowledgedBy?: User | null;
}

export enum RemarkKind {
  REMARK = 'REMARK',
  PRAISE = 'PRAISE',
  NOTE_TO_PARENTS = 'NOTE_TO_PARENTS',
}

/** R-J8: a remark, praise or note to parents about one student, attached to a lesson. */
@Entity({ tableName: 'remark' })
@Index({ properties: ['student'] })
export class Remark {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => Lesson)
  lesson!: Lesson;

  @ManyToOne(() => User)
  student!: User;

  @Enum({ items: () => RemarkKind, nativeEnumName: 'remark_kind' })
  kind!: RemarkKind;

  @Property({ type: 'text' })
  text!: string;

  @ManyToOne(() => User)
  author!: User;

  @Property({ type: 'datetime' })
  at!: Date;
}
