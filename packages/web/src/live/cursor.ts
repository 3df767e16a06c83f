/**
 * The last live event id seen, per stream. A screen's stream keeps it for this tab (sessionStorage):
 * a reload or a reconnect resumes right after it, and another tab keeps its own place. The family's
 * home keeps it for this device (localStorage): the next visit replays what changed since the last.
 */
const PREFIX = 'dnevnik.cursor.';

export type CursorScope = 'tab' | 'device';

const storage = (scope: CursorScope): Storage => (scope === 'device' ? localStorage : sessionStorage);

export function readCursor(stream: string, scope: CursorScope = 'tab'): string | null {
  try {
    return storage(scope).getItem(PREFIX + stream);
  } catch {
    // Storage unavailable: the stream restarts from "now" after a reload.
    return null;
  }
}

export function writeCursor(stream: string, id: string, scope: CursorScope = 'tab'): void {
  try {
    storage(scope).setItem(PREFIX + stream, id);
  } catch {
    // See readCursor.
  }
}

export function forgetCursor(stream: string, scope: CursorScope = 'tab'): void {
  try {
    storage(scope).removeItem(PREFIX + stream);
  } catch {
    // See readCursor.
  }
}

/** Event ids are increasing decimal strings, longer than a double keeps exactly. */
export function isAfter(id: string, cursor: string | null): boolean {
  return cursor === null || BigInt(id) > BigInt(cursor);
}
