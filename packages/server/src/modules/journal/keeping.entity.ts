import { newId } from '../../kernel/ids.js';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { User, ReportingPeriod, School, StudyGroup } from '../school/index.js';

/** R-J9: a deputy director's remark on how a teacher keeps a journal page, until the teacher resolves it. */
@Entity({ tableName: 'journal_remark' })
@Index({ properties: ['group'] })
export class JournalRemark {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => StudyGroup)
  group!: StudyGroup;

  @ManyToOne(() => User)
  author!: User;

  @Property({ type: 'text' })
  text!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  resolvedAt?: Date | null;

  @ManyToOne(() => User, { nullable: true })
  resolvedBy?: User | null;

  @Property({ type: 'text', nullable: true })
  resolution?: string | null;
}

/**
 * R-J7: the teacher intends a period mark below the student's average; parents must be told, with
 * the reason, no later than 3 lessons before the period ends.
 */
@Entity({ tableName: 'intended_mark_notice' })
@Unique({ properties: ['student', 'group', 'period'] })
export class IntendedMarkNotice {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => User)
  student!: User;

  @ManyToOne(() => StudyGroup)
  group!: StudyGroup;

  @ManyToOne(() => ReportingPeriod)
  period!: ReportingPeriod;

  @Property({ type: 'smallint' })
  intendedPoints!: number;

  /** The weighted average when the notice was given, e.g. "4.50". */
  @Property({ type: 'string', length: 8 })
  average!: string;

  @Property({ type: 'text' })
  reason!: string;

  /** Lessons of the group still to come in the period when the notice was given. */
  @Property({ type: 'smallint' })
  lessonsLeft!: number;

  @ManyToOne(() => User)
  author!: User;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}
