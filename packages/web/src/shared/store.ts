import { useSyncExternalStore } from 'react';

/** One value the app shares outside React (the session, a bundle once loaded), and components that follow it. */
export interface Store<T> {
  readonly get: () => T;
  /** Replaces the value and tells every listener; the same value again changes nothing. */
  readonly set: (next: T) => void;
  readonly subscribe: (listener: () => void) => () => void;
  /** The value in a component, rendered again when it changes. */
  readonly use: () => T;
}

export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  const get = (): T => value;
  const subscribe = (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  return {
    get,
    set: (next: T): void => {
      if (Object.is(next, value)) return;
      value = next;
      for (const listener of listeners) listener();
    },
    subscribe,
    use: (): T => useSyncExternalStore(subscribe, get),
  };
}
