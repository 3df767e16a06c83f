import { newId } from '../../kernel/ids.js';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { SchoolClass, School, User, MovementKind } from '../school/index.js';

/** Movements only the year transition records (they move a whole year's classes at once). */
export const YEAR_TRANSITION_MOVEMENTS = [MovementKind.PROMOTION, MovementKind.CONDITIONAL_PROMOTION, MovementKind.REPETITION];

/** Movements that take a student out of the school: the account lifecycle follows them. */
export const LEAVING_MOVEMENTS = [MovementKind.DEPARTURE, MovementKind.EXPULSION, MovementKind.GRADUATION];

@Entity({ tableName: 'student_movement' })
@Index({ properties: ['student'] })
export class StudentMovement {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => User)
  student!: User;

  @Enum({ items: () => MovementKind, nativeEnumName: 'movement_kind' })
  kind!: MovementKind;

  /** The day the movement takes effect. */
  @Property({ type: 'date' })
  effectiveOn!: string;

  @Property({ type: 'string' })
  orderNumber!: string;

  @Property({ type: 'date' })
  orderDate!: string;

  @ManyToOne(() => SchoolClass, { nullable: true })
  fromClass?: SchoolClass | null;

  @ManyToOne(() => SchoolClass, { nullable: true })
  toClass?: SchoolClass | null;

  /** The other school, for arrivals and departures. */
  @Property({ type: 'string', nullable: true })
  otherSchool?: string | null;

  @Property({ type: 'string', nullable: true })
  note?: string | null;

  @ManyToOne(() => User)
  recordedBy!: User;

  @Property({ type: 'datetime' })
  recordedAt!: Date;
}
