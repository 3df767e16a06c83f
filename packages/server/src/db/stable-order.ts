import { Utils, type EntityData, type EntityName, type FindOneOptions, type FindOptions, type ObjectQuery, type QueryOrderMap } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';

/**
 * Every ordered read ends with the primary key. An order that ties (two consents given at the same
 * moment, two pupils of the same name, two messages of one second) leaves PostgreSQL free to return the
 * tied rows in any order, and it does: one screen asked twice answered differently, and a `first: n` list
 * could show a different n-th row each time. With the key last, the same question answers the same rows in
 * the same order, and which row a `findOne` picks among equals is always the same one.
 * Reads without an order are left alone (they are looked up by key and mapped, an order would only cost).
 */
export class StableOrderDriver extends PostgreSqlDriver {
  override find<T extends object, P extends string = never, F extends string = never, E extends string = never>(
    entityName: EntityName<T>,
    where: ObjectQuery<T>,
    options?: FindOptions<T, P, F, E>,
  ): Promise<EntityData<T>[]> {
    return super.find(entityName, where, this.keyLast(entityName, options));
  }

  override findOne<T extends object, P extends string = never, F extends string = never, E extends string = never>(
    entityName: EntityName<T>,
    where: ObjectQuery<T>,
    options?: FindOneOptions<T, P, F, E>,
  ): Promise<EntityData<T> | null> {
    return super.findOne(entityName, where, this.keyLast(entityName, options));
  }

  private keyLast<T extends object, O extends OrderedRead>(entityName: EntityName<T>, options: O | undefined): O | undefined {
    // A grouped read cannot order by a column it does not group by; a cursor read decodes its cursor by the order
    // it was made with (em.findByCursor), which is the caller's to make unique.
    if (!options || options.groupBy || options.first || options.last || options.before || options.after) return options;
    const maps = Utils.asArray((options.orderBy ?? []) as QueryOrderMap<T> | QueryOrderMap<T>[]).filter((map) => Utils.getObjectQueryKeys(map).length > 0);
    if (!maps.length) return options;
    const named = new Set<unknown>(maps.flatMap((map) => Utils.getObjectQueryKeys(map)));
    const missing = this.metadata.get(entityName).primaryKeys.filter((key) => !named.has(key));
    if (!missing.length) return options;
    // Ids grow with time (kernel/ids.ts): the key follows the list's own direction, so a newest-first list
    // shows the later of two records of one moment first.
    const direction = lastDirection(maps.at(-1));
    return { ...options, orderBy: [...maps, ...missing.map((key) => ({ [key]: direction }) as QueryOrderMap<T>)] };
  }
}

/** What of a read's options decides its order (FindOptions and FindOneOptions alike). */
interface OrderedRead {
  orderBy?: unknown;
  groupBy?: unknown;
  first?: unknown;
  last?: unknown;
  before?: unknown;
  after?: unknown;
}

/** The direction of an order's last key, looking into a relation's order (`{ conversation: { lastMessageAt: 'desc' } }`). */
function lastDirection(order: unknown): 'asc' | 'desc' {
  const keys = order && typeof order === 'object' ? Utils.getObjectQueryKeys(order) : [];
  const value: unknown = keys.length ? (order as Record<PropertyKey, unknown>)[keys.at(-1)!] : order;
  if (value && typeof value === 'object') return lastDirection(value);
  return value === -1 || String(value).toLowerCase().startsWith('desc') ? 'desc' : 'asc';
}
