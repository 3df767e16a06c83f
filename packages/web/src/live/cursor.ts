/**
 * The last live event id seen, per stream, kept for this tab (sessionStorage): a reload or a
 * reconnect resumes right after it, and another tab keeps its own place.
 */
const PREFIX = 'dnevnik.cursor.';

export function readCursor(stream: string): string | null {
  try {
    return sessionStorage.getItem(PREFIX + stream);
  } catch {
    // Storage unavailable: the stream restarts from "now" after a reload.
    return null;
  }
}

export function writeCursor(stream: string, id: string): void {
  try {
    sessionStorage.setItem(PREFIX + stream, id);
  } catch {
    // See readCursor.
  }
}

export function forgetCursor(stream: string): void {
  try {
    sessionStorage.removeItem(PREFIX + stream);
  } catch {
    // See readCursor.
  }
}

/** Event ids are increasing decimal strings, longer than a double keeps exactly. */
export function isAfter(id: string, cursor: string | null): boolean {
  return cursor === null || BigInt(id) > BigInt(cursor);
}
