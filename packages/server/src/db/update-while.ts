import type { EntityClass, EntityData, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * A change that may happen only while something still holds of the row (not yet withdrawn, revoked,
 * resolved, retracted…), written as one `UPDATE … WHERE id = ? AND <still>` in a transaction with the rows
 * `alongside` adds (audit, outbox). Of concurrent writers exactly one matches; every other one gets `refusal`
 * (the answer a later writer gets anyway) and writes nothing. A read-check-write in the service would let
 * them all through. Returns the entity reloaded with the change.
 */
export async function updateWhile<T extends { id: string }>(
  em: EntityManager,
  entity: EntityClass<T>,
  row: T,
  still: FilterQuery<T>,
  change: EntityData<T>,
  refusal: () => Error,
  alongside: (tx: EntityManager) => void,
): Promise<T> {
  await em.transactional(async (tx) => {
    const updated = await tx.nativeUpdate(entity, { $and: [{ id: row.id }, still] } as FilterQuery<T>, change);
    if (!updated) throw refusal();
    alongside(tx);
  });
  await em.refresh(row);
  return row;
}
