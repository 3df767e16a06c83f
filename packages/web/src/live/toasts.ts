import { createStore } from '../shared/store';

export interface Toast {
  id: number;
  text: string;
}

/** How long a toast stays: long enough to read, short enough not to pile up. */
const TOAST_MS = 6000;
const MAX_TOASTS = 3;

const toasts = createStore<readonly Toast[]>([]);
let nextId = 1;

export function dismissToast(id: number): void {
  toasts.set(toasts.get().filter((t) => t.id !== id));
}

/** An unobtrusive note in the corner (a live region), gone by itself. */
export function showToast(text: string): void {
  const id = nextId++;
  toasts.set([...toasts.get(), { id, text }].slice(-MAX_TOASTS));
  setTimeout(() => dismissToast(id), TOAST_MS);
}

export const useToasts = toasts.use;
