import type { OutboxRow } from './outbox.js';

/**
 * Hears what the feed hears, for caches of this process (graphql/screen-cache.ts): the committed outbox
 * rows with their routing (read only while `interested`), and when everything may be out of date.
 */
export interface OutboxObserver {
  readonly interested: boolean;
  committed(rows: OutboxRow[]): void;
  /** A change anyone's data may depend on ('*' viewer invalidation), or missed notifications (resync). */
  changedAll(): void;
  /** A fact of this person's viewer changed (their grants, teaching assignments, children, consents, sessions...). */
  changedPerson(userId: string): void;
}
