import { newId } from '../../kernel/ids.js';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { PlanTopic } from './plan-topic.entity.js';
import { User, ReportingPeriod, School, StudyGroup } from '../school/index.js';

/** A weekly slot of the timetable for one period: group, weekday, lesson number, room and teacher. */
@Entity({ tableName: 'timetable_slot' })
@Unique({ properties: ['period', 'group', 'weekday', 'lessonNumber'] })
export class TimetableSlot {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => ReportingPeriod)
  period!: ReportingPeriod;

  @ManyToOne(() => StudyGroup)
  group!: StudyGroup;

  /** ISO weekday: 1 = Monday … 6 = Saturday. */
  @Property({ type: 'smallint' })
  weekday!: number;

  @Property({ type: 'smallint' })
  lessonNumber!: number;

  @Property({ type: 'string', nullable: true })
  room?: string | null;

  @ManyToOne(() => User)
  teacher!: User;
}

/**
 * One dated lesson of a group: the column of the journal. Generated from the timetable; a
 * substitution names the teacher who actually gave it (R-O4): recorded by the administration, or
 * asked for by the substitute and approved by the administration.
 */
@Entity({ tableName: 'lesson' })
@Unique({ properties: ['group', 'date', 'lessonNumber'] })
@Index({ properties: ['school', 'date'] })
export class Lesson {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => StudyGroup)
  group!: StudyGroup;

  @ManyToOne(() => ReportingPeriod)
  period!: ReportingPeriod;

  @Property({ type: 'date' })
  date!: string;

  @Property({ type: 'smallint' })
  lessonNumber!: number;

  @Property({ type: 'string', nullable: true })
  room?: string | null;

  /** The teacher of the timetable. */
  @ManyToOne(() => User)
  teacher!: User;

  /** Set when another teacher gives the lesson. */
  @ManyToOne(() => User, { nullable: true })
  substitute?: User | null;

  @Property({ type: 'string', nullable: true })
  substitutionReason?: string | null;

  @Property({ type: 'datetime', nullable: true })
  substitutionRecordedAt?: Date | null;

  /** Set by the administration: only an approved substitute keeps the lesson's journal (a teacher's own claim is a request). */
  @Property({ type: 'datetime', nullable: true })
  substitutionApprovedAt?: Date | null;

  @ManyToOne(() => User, { nullable: true })
  substitutionApprovedBy?: User | null;

  /** R-J2: the topic of the thematic plan this lesson covers. */
  @ManyToOne(() => PlanTopic, { nullable: true })
  planTopic?: PlanTopic | null;

  /** R-J1: the topic given, ideally from the thematic plan. */
  @Property({ type: 'string', nullable: true })
  topic?: string | null;

  /** R-J1: the homework set at this lesson. */
  @Property({ type: 'text', nullable: true })
  homework?: string | null;

  @Property({ type: 'datetime', nullable: true })
  topicEnteredAt?: Date | null;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}
