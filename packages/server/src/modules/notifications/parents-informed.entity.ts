import { newId } from '../../kernel/ids.js';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { User, SchoolClass, School } from '../school/index.js';

/** How a family gets its progress report (003 §2.2.2; appendix 3, item 2 of its last section: on paper for who declined electronic forms). */
export enum ReportForm {
  /** An in-app notice to the parents, and e-mail or push as each chose. */
  ELECTRONIC = 'ELECTRONIC',
  /** A printout the class teacher hands over (`/exports/parents-informed/…`). */
  PAPER = 'PAPER',
}

/**
 * Issue 18: the progress report of the last N days made for one pupil's family at one due date of the
 * PARENTS_INFORMED duty. One per pupil and due date (the unique key makes the job idempotent).
 */
@Entity({ tableName: 'progress_report_sent' })
@Unique({ properties: ['student', 'dueOn'] })
@Index({ properties: ['schoolClass', 'dueOn'] })
export class ProgressReportSent {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => SchoolClass)
  schoolClass!: SchoolClass;

  @ManyToOne(() => User)
  student!: User;

  @Property({ type: 'date' })
  dueOn!: string;

  /** The first day the report covers (it ends on `dueOn`). */
  @Property({ type: 'date' })
  fromDay!: string;

  @Enum({ items: () => ReportForm, nativeEnumName: 'report_form' })
  form!: ReportForm;

  @Property({ type: 'datetime' })
  madeAt!: Date;
}
