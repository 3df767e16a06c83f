import { newId } from '../../kernel/ids.js';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { User } from './user.entity.js';
import { AcademicYear } from './academic-year.entity.js';
import { School } from './school.entity.js';

/** The unique key on the year moved: what refuses a second transition. */
export const YEAR_TRANSITION_UNIQUE = 'year_transition_from_year_unique';

/**
 * The promotion order of a year (переводной приказ): the year's classes moved to the next year, once. The
 * unique key on `fromYear` is what makes it once: a second commit, or two at the same moment, cannot
 * insert this row again (year-transition.service.ts inserts it first and turns the violation into
 * ALREADY_PROMOTED).
 */
@Entity({ tableName: 'year_transition' })
export class YearTransition {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => AcademicYear)
  @Unique({ name: YEAR_TRANSITION_UNIQUE })
  fromYear!: AcademicYear;

  @ManyToOne(() => AcademicYear)
  toYear!: AcademicYear;

  @Property({ type: 'string' })
  orderNumber!: string;

  @Property({ type: 'date' })
  orderDate!: string;

  @ManyToOne(() => User)
  doneBy!: User;

  @Property({ type: 'datetime' })
  doneAt!: Date;
}
