import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, MikroORM } from '@mikro-orm/postgresql';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { fileURLToPath } from 'node:url';
import { entities } from './entities.js';
import { migrations } from './migrations/index.js';
import { StableOrderDriver } from './stable-order.js';

/** MikroORM's record of applied migrations (its default name, spelled out: backups and readiness read it). */
export const MIGRATIONS_TABLE = 'mikro_orm_migrations';

export interface OrmOptions {
  poolMax?: number;
  /** Called with every SQL statement the ORM runs: tests count the statements of big screens. */
  onQuery?: (message: string) => void;
}

export function ormConfig(clientUrl: string, opts: OrmOptions = {}) {
  return defineConfig({
    clientUrl,
    driver: StableOrderDriver,
    entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    migrations: {
      migrationsList: migrations,
      tableName: MIGRATIONS_TABLE,
      // Only used by `pnpm migration:create`, which writes a new file here.
      path: fileURLToPath(new URL('./migrations', import.meta.url)),
      // Diffs are taken against a scratch database with every migration applied (create-migration.ts).
      snapshot: false,
      snapshotOnMigrate: false,
      allOrNothing: true,
      silent: true,
    },
    // Tables without an entity, created by hand-written migrations: never proposed for dropping.
    // login_backoff: sign-in counters kept in SQL by modules/auth/login-throttle.ts.
    schemaGenerator: { skipTables: ['login_backoff'] },
    pool: { min: 0, max: opts.poolMax ?? 10 },
    ...(opts.onQuery ? { debug: ['query' as const], logger: opts.onQuery } : { debug: false }),
    // Entities are loaded explicitly per request; nothing relies on implicit population.
    forceUtcTimezone: true,
  });
}

export async function openOrm(clientUrl: string, opts: OrmOptions = {}) {
  return MikroORM.init(ormConfig(clientUrl, opts));
}

/** Applies pending migrations; returns their names. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}
