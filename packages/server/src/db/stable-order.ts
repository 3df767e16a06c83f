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
    return super.find(entityName, where, options && { ...options, orderBy: this.keyLast(entityName, options.orderBy) });
  }

  override findOne<T extends object, P extends string = never, F extends string = never, E extends string = never>(
    entityName: EntityName<T>,
    where: ObjectQuery<T>,
    options?: FindOneOptions<T, P, F, E>,
  ): Promise<EntityData<T> | null> {
    return super.findOne(entityName, where, options && { ...options, orderBy: this.keyLast(entityName, options.orderBy) });
  }

  private keyLast<T extends object>(entityName: EntityName<T>, orderBy: QueryOrderMap<T> | QueryOrderMap<T>[] | undefined) {
    const maps = Utils.asArray(orderBy ?? []).filter((map) => !Utils.isEmpty(map));
    if (!maps.length) return orderBy;
    const named = new Set(maps.flatMap((map) => Object.keys(map)));
    const missing = this.metadata.get(entityName).primaryKeys.filter((key) => !named.has(key));
    // Ids grow with time (kernel/ids.ts): the key follows the list's own direction, so a newest-first list
    // shows the later of two records of one moment first.
    const direction = lastDirection(maps.at(-1));
    return missing.length ? [...maps, ...missing.map((key) => ({ [key]: direction }) as QueryOrderMap<T>)] : orderBy;
  }
}

/** The direction of an order's last key, looking into a relation's order (`{ conversation: { lastMessageAt: 'desc' } }`). */
function lastDirection(order: unknown): 'asc' | 'desc' {
  const value: unknown = order && typeof order === 'object' ? Object.values(order as Record<string, unknown>).at(-1) : order;
  if (value && typeof value === 'object') return lastDirection(value);
  return value === -1 || String(value).toLowerCase().startsWith('desc') ? 'desc' : 'asc';
}
