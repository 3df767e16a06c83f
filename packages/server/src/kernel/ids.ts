import { v7 } from 'uuid';

/**
 * A new row's id: a version 7 UUID, its time and a counter first, so ids sort in the order rows were made
 * by this process (the counter keeps the order within one millisecond, and under a stopped clock).
 * Lists end their order with the id (db/stable-order.ts): two consents or messages of one moment, or a
 * change and its correction in one transaction, are listed in the order they were recorded. New keys
 * land at the right of the primary key's index, not on random pages.
 */
export const newId = (): string => v7();
