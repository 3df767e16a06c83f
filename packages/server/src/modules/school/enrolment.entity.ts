import { newId } from '../../kernel/ids.js';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { SchoolClass } from './school-class.entity.js';
import { School } from './school.entity.js';
import { User } from './user.entity.js';

/**
 * A student's membership of a class over a span of dates; a transfer closes one and opens another. One is
 * open at a time (exclusion constraint enrolment_one_open, checked at commit). In the school module, as a group's
 * members are: a class's students are its enrolments.
 */
@Entity({ tableName: 'enrolment' })
@Index({ properties: ['student'] })
@Index({ properties: ['schoolClass'] })
export class Enrolment {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => User)
  student!: User;

  @ManyToOne(() => SchoolClass)
  schoolClass!: SchoolClass;

  @Property({ type: 'date' })
  startsOn!: string;

  @Property({ type: 'date', nullable: true })
  endsOn?: string | null;
}
