import { useSyncExternalStore } from 'react';

export interface Toast {
  id: number;
  text: string;
}

/** How long a toast stays: long enough to read, short enough not to pile up. */
const TOAST_MS = 6000;
const MAX_TOASTS = 3;

let toasts: readonly Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function set(next: readonly Toast[]): void {
  toasts = next;
  for (const listener of listeners) listener();
}

export function dismissToast(id: number): void {
  set(toasts.filter((t) => t.id !== id));
}

/** An unobtrusive note in the corner (a live region), gone by itself. */
export function showToast(text: string): void {
  const id = nextId++;
  set([...toasts, { id, text }].slice(-MAX_TOASTS));
  setTimeout(() => dismissToast(id), TOAST_MS);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useToasts(): readonly Toast[] {
  return useSyncExternalStore(subscribe, () => toasts);
}
