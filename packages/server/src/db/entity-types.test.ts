/**
 * Issue 15: `pnpm start` (tsx) emits no decorator metadata, vitest does. A property whose mapping
 * was inferred from that metadata is a different value in production than in tests (a bigint cursor
 * was a BigInt under tsx and a string under vitest, and the notification worker stopped for good).
 * So every entity property states its type, and the mapping MikroORM builds must be the same with and
 * without the emitted metadata.
 */
import { MetadataProvider, MetadataStorage, ReferenceKind, type EntityMetadata } from '@mikro-orm/core';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { MikroORM } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { entities } from './entities.js';
import { ormConfig } from './orm.js';

/** Discovery only: MikroORM connects lazily, so no database is needed. */
async function mappingWith(metadataProvider: typeof MetadataProvider) {
  const orm = await MikroORM.init({ ...ormConfig('postgresql://nobody@127.0.0.1:1/none'), metadataProvider });
  const mapping: Record<string, unknown> = {};
  for (const meta of orm.getMetadata().getAll().values() as Iterable<EntityMetadata>) {
    for (const prop of meta.props) {
      const type = prop.customType as { constructor: { name: string }; mode?: string } | undefined;
      mapping[`${meta.className}.${prop.name}`] = {
        type: prop.type,
        runtimeType: prop.runtimeType,
        columnTypes: prop.columnTypes,
        customType: type?.constructor.name,
        mode: type?.mode,
      };
    }
  }
  await orm.close();
  return mapping;
}

describe('entity mappings do not depend on the runtime (tsx in production, vitest in tests)', () => {
  it('every column property states its type in its decorator', () => {
    const untyped: string[] = [];
    for (const entity of entities) {
      const meta = MetadataStorage.getMetadata(entity.name, (entity as { [MetadataStorage.PATH_SYMBOL]?: string })[MetadataStorage.PATH_SYMBOL] ?? '', entity);
      for (const [name, prop] of Object.entries(meta.properties)) {
        const relation = prop.kind !== undefined && prop.kind !== ReferenceKind.SCALAR;
        const enumWithItems = prop.enum && prop.items !== undefined;
        if (!relation && !enumWithItems && prop.type === undefined) untyped.push(`${meta.className}.${name}`);
      }
    }
    expect(untyped).toEqual([]);
  });

  it('bigint and decimal columns are read as strings in every runtime', async () => {
    const mapping = await mappingWith(MetadataProvider);
    const numeric = Object.entries(mapping).filter(([, m]) => ['BigIntType', 'DecimalType'].includes((m as { customType?: string }).customType ?? ''));
    expect(numeric.length).toBeGreaterThan(0);
    for (const [name, m] of numeric) expect({ name, runtimeType: (m as { runtimeType: string }).runtimeType }).toEqual({ name, runtimeType: 'string' });
  });

  it('builds the same mapping whether or not decorator metadata was emitted', async () => {
    // vitest emits `design:type`; tsx does not, which the base provider (it never reads it) stands for.
    expect(await mappingWith(ReflectMetadataProvider)).toEqual(await mappingWith(MetadataProvider));
  });
});
