import { newId } from '../../kernel/ids.js';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { School, User } from '../school/index.js';

/**
 * Issue 18 (seed 003 §1.1): обучение на дому (ОВЗ). While in force (`startsOn` to `endsOn`, open: until
 * ended) the pupil's progress is kept in the paper journal: not a row of the journal grid, no marks or
 * attendance for them, and the diary says so. At most one open period per pupil (home_schooling_one_open).
 */
@Entity({ tableName: 'home_schooling' })
@Index({ properties: ['student'] })
export class HomeSchooling {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => User)
  student!: User;

  @Property({ type: 'date' })
  startsOn!: string;

  /** The last day at home; null while it goes on. */
  @Property({ type: 'date', nullable: true })
  endsOn?: string | null;

  @ManyToOne(() => User)
  setBy!: User;

  @Property({ type: 'datetime' })
  setAt!: Date;
}
