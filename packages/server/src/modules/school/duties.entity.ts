import { newId } from '../../kernel/ids.js';
import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { User } from './user.entity.js';
import { SchoolClass } from './school-class.entity.js';
import { School } from './school.entity.js';

/** Issue 18: the recurring duties of keeping the journal, due by the school's settings (duties.ts). */
export enum DutyKind {
  /** The class teacher checks how the class's journal is kept (002 §3.3: at least twice a month). */
  JOURNAL_CHECK = 'JOURNAL_CHECK',
  /** The class teacher informs the parents of progress (003 §2.2.2: at least every 2 weeks). */
  PARENTS_INFORMED = 'PARENTS_INFORMED',
  /** The class teacher's preliminary period report to the deputy directors (003 §2.2.3: 2 weeks before the period ends). */
  PRELIMINARY_REPORT = 'PRELIMINARY_REPORT',
  /** The monthly report on journal keeping and marks for the deputy director (002 §2.13). */
  MONTHLY_REPORT = 'MONTHLY_REPORT',
}

/** A duty recorded as done: who, when, and a note. One per duty, class and due date. */
@Entity({ tableName: 'duty_done' })
@Unique({ properties: ['school', 'kind', 'schoolClass', 'dueOn'] })
export class DutyDone {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @Enum({ items: () => DutyKind, nativeEnumName: 'duty_kind' })
  kind!: DutyKind;

  /** The class of a class teacher's duty; null for the school's monthly report. */
  @ManyToOne(() => SchoolClass, { nullable: true })
  schoolClass?: SchoolClass | null;

  @Property({ type: 'date' })
  dueOn!: string;

  @Property({ type: 'datetime' })
  doneAt!: Date;

  /** Who recorded it; null: the system did (parents informed of progress, once every family got the report). */
  @ManyToOne(() => User, { nullable: true })
  doneBy?: User | null;

  @Property({ type: 'string', nullable: true })
  note?: string | null;
}
