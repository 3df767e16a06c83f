import { newId } from '../../kernel/ids.js';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { School, User } from '../school/index.js';
import { inForce } from '../../kernel/in-force.js';

/**
 * R-A6 (152-FZ): consent to the processing of a student's personal data, given by a parent
 * (or by the student from 14). Without an active one, nobody in the family reads the diary.
 * One in force per giver and student (partial unique index consent_in_force_unique).
 */
@Entity({ tableName: 'consent' })
@Index({ properties: ['student'] })
// Every request's viewer asks for the consents a person gave (Migration20261203032001_viewer_indexes).
@Index({ properties: ['givenBy'] })
export class Consent {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => User)
  student!: User;

  /** The parent, or the student themself. */
  @ManyToOne(() => User)
  givenBy!: User;

  @Property({ type: 'datetime' })
  givenAt!: Date;

  /** The staff member who received a paper consent; null when given online by the person. */
  @ManyToOne(() => User, { nullable: true })
  receivedBy?: User | null;

  @Property({ type: 'string', nullable: true })
  documentNumber?: string | null;

  @Property({ type: 'datetime', nullable: true })
  withdrawnAt?: Date | null;

  @ManyToOne(() => User, { nullable: true })
  withdrawnBy?: User | null;
}

/** A consent is in force from the moment it was given until the moment it is withdrawn (as the viewer's SQL counts it). */
export const consentInForce = (consent: { givenAt: Date; withdrawnAt?: Date | null }, now: Date) =>
  inForce({ startsOn: consent.givenAt, endsOn: consent.withdrawnAt }, now, 'exclusive');

/** R-A8: a parent opened the diary on this day (one row per parent per day). */
@Entity({ tableName: 'diary_visit' })
export class DiaryVisit {
  @ManyToOne(() => User, { primary: true })
  user!: User;

  @Property({ type: 'date', primary: true })
  day!: string;

  @Property({ type: 'datetime' })
  lastAt!: Date;

  @Property({ type: 'integer' })
  count!: number;
}
