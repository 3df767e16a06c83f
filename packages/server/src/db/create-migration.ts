import 'reflect-metadata';
/**
 * `pnpm migration:create [name]`: diffs the entities against a scratch database that has every
 * existing migration applied, and writes the difference as a new migration file.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { openOrm } from './orm.js';

/**
 * Triggers, functions and indexes made by hand-written migrations (outbox ordering, append-only
 * audit, partial unique keys): no entity declares them, so the diff always proposes dropping them. Such statements are
 * removed from the generated file.
 */
const HAND_WRITTEN = [
  'domain_event_announce',
  'audit_event_append_only',
  'audit_event_no_truncate',
  'audit_event_school_id_id_index',
  // Partial and exclusion keys of Migration20261202080000_one_writer_wins, which no decorator expresses.
  'role_grant_active_unique',
  'consent_in_force_unique',
  'enrolment_one_open',
  // Of Migration20261202100000_guardianship_dates.
  'guardianship_open_unique',
];

const dir = join(tmpdir(), `dnevnik-migration-${process.pid}`);
const pg = await startEmbeddedPostgres({ dir, port: 54400 + (process.pid % 500), log: pino({ level: 'warn' }) });
try {
  const orm = await openOrm(pg.adminUrl);
  await orm.migrator.up();
  const result = await orm.migrator.create(undefined, false, false, process.argv[2]);
  let written = result.fileName;
  if (written) {
    const file = join(orm.config.get('migrations').path!, written);
    const lines = readFileSync(file, 'utf8').split('\n');
    const kept = lines.filter((line) => !(line.includes('addSql') && HAND_WRITTEN.some((name) => line.includes(name))));
    if (kept.some((line) => line.includes('addSql'))) writeFileSync(file, kept.join('\n'));
    else {
      rmSync(file);
      written = '';
    }
  }
  console.log(written ? `written ${written}; add it to migrations/index.ts` : 'no changes');
  await orm.close();
} finally {
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
