import { newId } from '../../kernel/ids.js';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { User, ReportingPeriod, School, StudyGroup } from '../school/index.js';
import { FinalMark } from './journal.entity.js';

/** Issue 18: every change of a period, annual, exam or final mark, readable by the family: old, new, author, time, reason. */
@Entity({ tableName: 'final_mark_change' })
@Index({ properties: ['finalMark'] })
export class FinalMarkChange {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => FinalMark)
  finalMark!: FinalMark;

  /** The mark's version this change made. */
  @Property({ type: 'integer' })
  version!: number;

  /** Null for the first entry. */
  @Property({ type: 'string', length: 8, nullable: true })
  oldValue?: string | null;

  @Property({ type: 'string', length: 8, nullable: true })
  newValue?: string | null;

  @Property({ type: 'date', nullable: true })
  oldPostponedUntil?: string | null;

  @Property({ type: 'date', nullable: true })
  newPostponedUntil?: string | null;

  @Property({ type: 'string', nullable: true })
  reason?: string | null;

  /** Entered after the deadline (a period mark later than N days before the period ends). */
  @Property({ type: 'boolean' })
  late!: boolean;

  @ManyToOne(() => User)
  author!: User;

  @Property({ type: 'datetime' })
  at!: Date;
}

/** What a late entry was (issue 18, R-T1, R-T3). */
export enum LateEntryKind {
  MARK = 'MARK',
  ATTENDANCE = 'ATTENDANCE',
  HOMEWORK = 'HOMEWORK',
  PERIOD_MARK = 'PERIOD_MARK',
}

/**
 * Issue 18: an entry made after its deadline, with the reason the writer gave. The fill-rate report counts
 * these per group and period; the record itself keeps its own history (mark_change, attendance_change…).
 */
@Entity({ tableName: 'late_entry' })
@Index({ properties: ['group', 'period'] })
export class LateEntry {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => StudyGroup)
  group!: StudyGroup;

  @ManyToOne(() => ReportingPeriod)
  period!: ReportingPeriod;

  @Enum({ items: () => LateEntryKind, nativeEnumName: 'late_entry_kind' })
  kind!: LateEntryKind;

  /** The mark, attendance entry, lesson (homework) or final mark. */
  @Property({ type: 'uuid' })
  recordId!: string;

  @Property({ type: 'datetime' })
  dueAt!: Date;

  @Property({ type: 'datetime' })
  at!: Date;

  @ManyToOne(() => User)
  author!: User;

  @Property({ type: 'string' })
  reason!: string;
}
