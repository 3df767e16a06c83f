/**
 * Whether this database can serve the app (`/readyz`): no restore is replacing it, and every migration
 * this code knows is applied. Load balancers and `pnpm start` scripts wait on it.
 */
import type pg from 'pg';
import { migrations } from './migrations/index.js';
import { MIGRATIONS_TABLE } from './orm.js';

/**
 * Session advisory lock a restore holds from its first step to the switch of schemas ('dnet', 'rest'):
 * it tells every instance that the data is about to be replaced, and keeps two restores apart.
 */
export const RESTORE_LOCK = [1684956532, 1919251316] as const;

export type Readiness = { ready: true } | { ready: false; reason: 'RESTORE_IN_PROGRESS' | 'SCHEMA_INCOMPLETE' | 'DATABASE_BUSY' };

/**
 * Reads pg_locks first (never blocks), then the migrations table under a short lock timeout: a restore's
 * switch holds its tables' locks for a moment, and a readiness probe must answer, not wait.
 */
export async function readiness(pool: pg.Pool): Promise<Readiness> {
  const client = await pool.connect();
  try {
    await client.query('begin read only');
    await client.query(`set local lock_timeout = '1s'`);
    const { rows } = await client.query<{ restoring: boolean; table: string | null }>(
      `select exists(select 1 from pg_locks l join pg_database d on d.oid = l.database
                      where d.datname = current_database() and l.locktype = 'advisory' and l.granted
                        and l.classid = $1 and l.objid = $2 and l.objsubid = 2) as restoring,
              to_regclass($3)::text as table`,
      [...RESTORE_LOCK, `public.${MIGRATIONS_TABLE}`],
    );
    if (rows[0].restoring) return { ready: false, reason: 'RESTORE_IN_PROGRESS' };
    if (!rows[0].table) return { ready: false, reason: 'SCHEMA_INCOMPLETE' };
    const applied = new Set((await client.query<{ name: string }>(`select name from public.${MIGRATIONS_TABLE}`)).rows.map((r) => r.name));
    return migrations.every((m) => applied.has(m.name)) ? { ready: true } : { ready: false, reason: 'SCHEMA_INCOMPLETE' };
  } catch (err) {
    // 55P03 lock_not_available: a restore is switching the schemas right now.
    if ((err as { code?: string }).code === '55P03') return { ready: false, reason: 'DATABASE_BUSY' };
    throw err;
  } finally {
    // A connection that cannot even roll back is broken: the pool drops it.
    const healthy = await client.query('rollback').then(
      () => true,
      () => false,
    );
    client.release(!healthy);
  }
}
