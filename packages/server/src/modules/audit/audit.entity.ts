import { BigIntType } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { User, School } from '../school/index.js';

/**
 * R-R7: who did what, when. Written in the same transaction as the change itself. R-A2: when an
 * account is reported compromised, its actions after that moment are flagged invalid here.
 */
@Entity({ tableName: 'audit_event' })
@Index({ properties: ['actor', 'at'] })
@Index({ properties: ['school', 'at'] })
export class AuditEvent {
  /** Monotonic: the order of events is the order of this id. */
  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  id!: string;

  @ManyToOne(() => School, { nullable: true })
  school?: School | null;

  @ManyToOne(() => User)
  actor!: User;

  /** e.g. "movement.record", "consent.withdraw" */
  @Property({ type: 'string' })
  action!: string;

  @Property({ type: 'string' })
  entity!: string;

  @Property({ type: 'uuid' })
  entityId!: string;

  @Property({ type: 'json', nullable: true })
  data?: Record<string, unknown> | null;

  @Property({ type: 'datetime' })
  at!: Date;

  /** R-R7: the session and client address the change came from (null for changes made by a job). */
  @Property({ type: 'uuid', nullable: true })
  sessionId?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  ip?: string | null;

  @Property({ type: 'datetime', nullable: true })
  invalidatedAt?: Date | null;

  @Property({ type: 'string', nullable: true })
  invalidReason?: string | null;
}
