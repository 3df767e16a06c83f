import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { useSyncExternalStore } from 'react';
import type { PutMarkInput, SetAttendanceInput } from '../gql/graphql';

/**
 * Marks and absences a teacher typed while the connection was down, kept in localStorage until
 * they are sent (they survive a reload or a closed tab). Each belongs to the person who typed it:
 * another session on the same device neither sends nor sees them.
 */
export type QueuedWrite = { kind: 'mark'; input: PutMarkInput } | { kind: 'attendance'; input: SetAttendanceInput };

export type QueuedMark = QueuedWrite & {
  id: string;
  owner: string;
  /** How the teacher recognises the mark: "Петров П., 25 ноября: 5". */
  label: { student: string; date: string; value: string };
  queuedAt: string;
  /** Why the server refused it when it was sent (a conflict, bad input): shown until dismissed. */
  failure?: string;
};

const KEY = 'dnevnik.markQueue';
const listeners = new Set<() => void>();
let owner: string | null = null;
let items: QueuedMark[] = read();

function read(): QueuedMark[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as QueuedMark[]) : [];
  } catch {
    return [];
  }
}

function write(next: QueuedMark[]) {
  items = next;
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage full or unavailable: the queue still lives for this tab.
  }
  for (const listener of listeners) listener();
}

/** Whose marks are queued from now on and shown (the signed-in person's id). */
export function setQueueOwner(id: string | null) {
  owner = id;
  for (const listener of listeners) listener();
}

/** True when no answer came back at all (offline, server unreachable), as opposed to a refusal. */
export function isNetworkFailure(error: unknown): boolean {
  return !CombinedGraphQLErrors.is(error) && !ServerError.is(error);
}

export function enqueueMark(entry: QueuedWrite, label: QueuedMark['label']): boolean {
  if (!owner) return false;
  write([...items, { ...entry, id: crypto.randomUUID(), owner, label, queuedAt: new Date().toISOString() }]);
  return true;
}

export function ownQueue(): QueuedMark[] {
  return items.filter((item) => item.owner === owner);
}

export function removeQueued(id: string) {
  write(items.filter((item) => item.id !== id));
}

export function failQueued(id: string, failure: string) {
  write(items.map((item) => (item.id === id ? { ...item, failure } : item)));
}

let snapshot: { source: QueuedMark[]; owner: string | null; own: QueuedMark[] } | null = null;

function ownSnapshot(): QueuedMark[] {
  if (snapshot?.source !== items || snapshot.owner !== owner) snapshot = { source: items, owner, own: ownQueue() };
  return snapshot.own;
}

export function useMarkQueue(): QueuedMark[] {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, ownSnapshot);
}
