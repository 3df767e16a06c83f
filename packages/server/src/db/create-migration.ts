import 'reflect-metadata';
/**
 * `pnpm migration:create [name]`: diffs the entities against a scratch database that has every
 * existing migration applied, and writes the difference as a new migration file.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { openOrm } from './orm.js';

const dir = join(tmpdir(), `dnevnik-migration-${process.pid}`);
const pg = await startEmbeddedPostgres({ dir, port: 54400 + (process.pid % 500), log: pino({ level: 'warn' }) });
try {
  const orm = await openOrm(pg.adminUrl);
  await orm.migrator.up();
  const result = await orm.migrator.create(undefined, false, false, process.argv[2]);
  console.log(result.fileName ? `written ${result.fileName}; add it to migrations/index.ts` : 'no changes');
  await orm.close();
} finally {
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
