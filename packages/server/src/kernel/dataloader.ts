import DataLoader from 'dataloader';

/** One query for many ids, answered in key order (null for a missing id). */
export function byId<T extends { id: string }>(load: (ids: string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const map = new Map((await load([...ids])).map((x) => [x.id, x]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

/** One query for many parents, grouped by the parent's key. */
export function grouped<T>(load: (keys: string[]) => Promise<T[]>, keyOf: (x: T) => string) {
  return new DataLoader<string, T[]>(async (keys) => {
    const map = new Map<string, T[]>();
    for (const x of await load([...keys])) map.set(keyOf(x), [...(map.get(keyOf(x)) ?? []), x]);
    return keys.map((k) => map.get(k) ?? []);
  });
}

/** The results of `loadMany` that exist; a failed load is rethrown, not swallowed. */
export function present<T>(results: (T | null | Error)[]): T[] {
  return results.flatMap((x) => {
    if (x instanceof Error) throw x;
    return x ? [x] : [];
  });
}

/**
 * A list of ids as one PostgreSQL array parameter (`= any(?::uuid[])`): the driver would expand a JS
 * array into a list of parameters, which breaks `any()` and an empty list.
 */
export const uuidArray = (ids: Iterable<string>) => `{${[...ids].join(',')}}`;
