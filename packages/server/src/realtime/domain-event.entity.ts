import { BigIntType, OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { EntityManager } from '@mikro-orm/postgresql';
import { eventOf, type DomainEventOf, type OutboxEvent } from '../kernel/events.js';

/**
 * The outbox (DESIGN principle 5): a change and its event commit in one transaction. The id
 * increases monotonically, so a client that reconnects asks for "everything after id N".
 */
@Entity({ tableName: 'domain_event' })
@Index({ properties: ['studentId', 'id'] })
// Replay of a school's events after a cursor; a trigger (Migration20261125150000_outbox_notify) orders ids
// by commit within a school and announces each row with NOTIFY.
@Index({ properties: ['schoolId', 'id'] })
export class DomainEvent {
  [OptionalProps]?: 'at';

  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  schoolId!: string;

  /** e.g. "mark.created", "attendance.changed": a type of kernel/events.ts, or one this build does not know. */
  @Property({ type: 'string' })
  type!: string;

  /** The student the event is about: whose diary shows it. */
  @Property({ type: 'uuid', nullable: true })
  studentId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  groupId?: string | null;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: 'datetime' })
  at: Date = new Date();
}

/**
 * The outbox stamps its rows with the wall clock, not domain time: event ages (retention, "too old to
 * notify") are measured against the wall clock (`at` above). For rows written in SQL (the journal's writes).
 */
export const outboxStamp = () => new Date();

/** An outbox row to write: a declared event (kernel/events.ts) with its routing: whose diary, which group. */
export type EventRecord = DomainEventOf & { schoolId: string; studentId?: string | null; groupId?: string | null };

/** Writes an event in the unit of work of `em`: it commits with the change it announces. */
export function recordEvent(em: EntityManager, event: EventRecord): DomainEvent {
  return em.create(DomainEvent, event);
}

/** An outbox event with the routing columns its notice needs (modules/notifications/notices.ts, `noticeOf`). */
export type NoticeSource = OutboxEvent & { schoolId: string; studentId: string | null };

/** A stored row as the event a notice is made of (typed by its type, or `unknown`: kernel/events.ts), for the notification worker and tests. */
export const noticeSource = (row: DomainEvent): NoticeSource => ({
  ...eventOf(row.type, row.payload),
  schoolId: row.schoolId,
  studentId: row.studentId ?? null,
});
