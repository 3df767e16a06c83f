/**
 * The outbox contract (`domain_event`): every event type with its payload, one TypeScript type shared by its
 * writers and its readers. Each module declares the events it emits in its `modules/<area>/<area>.events.ts`
 * by declaration merging into `DomainEvents`, so the kernel imports nothing of theirs; a writer goes through
 * a typed helper (`recordEvent`, `eventColumns`, the journal's `auditAndEvent`) and a reader switches on
 * `type` exhaustively (`unhandledEvent` in the default branch), so a new type a reader forgets does not compile.
 */

/**
 * Event type → its payload, filled in by the modules' `<area>.events.ts`. Payloads are object type literals
 * (not interfaces) so they are JSON objects to the ORM.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the registry the modules merge into; never used empty
export interface DomainEvents {}

export type EventType = keyof DomainEvents;

/** An event of the given types (all by default): the union discriminated by `type`. */
export type DomainEventOf<T extends EventType = EventType> = { [K in T]: { type: K; payload: DomainEvents[K] } }[T];

/**
 * A row whose type this build does not know: written by another version of the server (or a test). It still
 * moves cursors and drops kept screens by its routing columns; readers skip it explicitly (`case 'unknown'`).
 */
export interface UnknownEvent {
  type: 'unknown';
  storedType: string;
  payload: Readonly<Record<string, unknown>>;
}

/** An event as read from the outbox. */
export type OutboxEvent = DomainEventOf | UnknownEvent;

/**
 * Every declared type, at run time (telling the outbox's rows from unknown ones). A `Record` over the union: a
 * type declared in a module's events file and missing here, or listed here and declared nowhere, does not compile.
 */
export const EVENT_TYPES: Readonly<Record<EventType, true>> = {
  'mark.created': true,
  'mark.changed': true,
  'mark.retracted': true,
  'mark.confirmed': true,
  'mark.flagged': true,
  'attendance.changed': true,
  'remark.added': true,
  'finalMark.set': true,
  'finalMark.acknowledged': true,
  'intendedMark.announced': true,
  'lesson.changed': true,
  'lessons.generated': true,
  'exam.result': true,
  'message.received': true,
  'message.retracted': true,
  'message.read': true,
  'conversation.overdue': true,
  'wall.posted': true,
  'student.moved': true,
  'progress.report': true,
};

export const isEventType = (type: string): type is EventType => Object.hasOwn(EVENT_TYPES, type);

/** A stored row's type and payload as the event: the writers of this build wrote each type's payload. */
export function eventOf(type: string, payload: Readonly<Record<string, unknown>>): OutboxEvent {
  return isEventType(type) ? ({ type, payload } as DomainEventOf) : { type: 'unknown', storedType: type, payload };
}

/** The `default` of an exhaustive switch over event types: a type no case handles does not compile. */
export function unhandledEvent(event: never): never {
  throw new Error(`unhandled outbox event ${JSON.stringify(event)}`);
}

/**
 * For outbox rows written in SQL (a data-modifying CTE): the `type, payload` select columns of event `type`, the
 * payload built with `jsonb_build_object` from one SQL expression per field (a column of the CTE, or a `?`
 * parameter, in the order of `fields`). Every field of the type's payload must be given, and no other.
 */
export function eventColumns<T extends EventType>(type: T, fields: { [K in keyof DomainEvents[T]]-?: string }): string {
  const pairs = Object.entries(fields as Record<string, string>).map(([key, expression]) => `'${key}', ${expression}`);
  return `'${type}', jsonb_build_object(${pairs.join(', ')})`;
}
