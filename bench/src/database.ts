/**
 * The benchmark's PostgreSQL and data set. PostgreSQL is embedded (its own data directory, so the
 * app's `.data/postgres` is never touched) unless BENCH_DATABASE_URL names a server whose user may
 * create databases. The data set is built once by the server's own seeders into a template database
 * whose name carries a hash of everything that shapes it (migrations, seeders, size); each run works
 * on a fresh clone of it, so writes of one run never leak into the next.
 */
import 'reflect-metadata';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Logger } from 'pino';
import { repoRoot } from '../../packages/server/src/config.js';
import { startEmbeddedPostgres } from '../../packages/server/src/db/embedded-postgres.js';
import { migrate, openOrm } from '../../packages/server/src/db/orm.js';
import { fillDemoJournal } from '../../packages/server/src/db/seeders/demo-journal.js';
import { demoSchool, type DemoSize } from '../../packages/server/src/db/seeders/demo-school.js';
import { seed, type SchoolBuilder } from '../../packages/server/src/db/seeders/school-builder.js';
import { postmasterOf } from './cpu.js';
import { hashToken } from '../../packages/server/src/modules/auth/auth.service.js';

/** ~1,000 pupils in 40 classes; the first quarter of the 2026/27 year is complete. */
export const SIZE: DemoSize = { classes: 40, classSize: [20, 30] };
export const YEAR = 2026;
/** "Today" for the data set and the app's clock: the last day of the first quarter. */
export const TODAY = '2026-10-24';
export const NOW = new Date(`${TODAY}T12:00:00Z`);
/** A full school week of the first quarter, with marks. */
export const DIARY_WEEK = '2026-10-19';
export const PASSWORD = 'secret';
/** P3's subject: five lessons a week, about 40 in the quarter. */
export const JOURNAL_SUBJECT = 'Русский язык';

/**
 * The demo school at SIZE, plus one group for P3's "×10" page: the biggest class's Russian again,
 * with ten times the lessons (ten a day, when it has five a week), taught by the same teacher.
 */
export function benchSchool(): { builder: SchoolBuilder; journalClass: string; tenfoldGroup: string } {
  const builder = demoSchool(SIZE).inYear(YEAR);
  const sizes = new Map<string, number>();
  for (const s of builder.students) sizes.set(s.inClass, (sizes.get(s.inClass) ?? 0) + 1);
  const [journalClass] = [...sizes].sort(([a, x], [b, y]) => y - x || a.localeCompare(b))[0];
  const group = builder.groups.find((g) => g.subject === JOURNAL_SUBJECT && g.name === journalClass)!;
  const tenfoldGroup = `${journalClass} ×10`;
  // Russian has five lessons a week: fifty, ten on each school day.
  const slots = [1, 2, 3, 4, 5].flatMap((day) => Array.from({ length: 10 }, (_, i): [number, number, string?] => [day, i + 1, group.slots[0]?.[2]]));
  builder.withGroup(JOURNAL_SUBJECT, journalClass, { teacher: group.teacher, name: tenfoldGroup, slots });
  return { builder, journalClass, tenfoldGroup };
}

export interface BenchDatabase {
  /** The fresh clone this run works on. */
  url: string;
  /** PostgreSQL's postmaster, when it runs on this machine: its CPU time is counted per request. */
  postmaster?: number;
  /** Whether commits are time-stamped (track_commit_timestamp): P1 and P6 measure from the commit. */
  commitTimestamps: boolean;
  stop(): Promise<void>;
}

const sql = async <T extends pg.QueryResultRow>(url: string, text: string, values?: unknown[]): Promise<T[]> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
};

const withDatabase = (url: string, name: string) => url.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);

/** Everything that decides the data set's content (this file, migrations, seeders): when any of it changes, the template is rebuilt. */
function dataSetKey(): string {
  const hash = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url)));
  for (const dir of ['packages/server/src/db/migrations', 'packages/server/src/db/seeders']) {
    for (const file of readdirSync(join(repoRoot, dir)).sort()) hash.update(readFileSync(join(repoRoot, dir, file)));
  }
  return hash.digest('hex').slice(0, 12);
}

export async function openBenchDatabase(log: Logger): Promise<BenchDatabase> {
  let adminUrl = process.env.BENCH_DATABASE_URL;
  let stopServer = async () => {};
  if (!adminUrl) {
    const port = Number(process.env.BENCH_PG_PORT ?? 54339);
    const start = () => startEmbeddedPostgres({ dir: join(repoRoot, '.data/bench-postgres'), port, log });
    let embedded = await start();
    // Commit time stamps (a server setting, read at start): once per data directory.
    const [{ track_commit_timestamp }] = (await sql<{ track_commit_timestamp: string }>(embedded.adminUrl, 'show track_commit_timestamp')) as [
      { track_commit_timestamp: string },
    ];
    if (track_commit_timestamp !== 'on') {
      await sql(embedded.adminUrl, 'alter system set track_commit_timestamp = on');
      await embedded.stop();
      embedded = await start();
    }
    adminUrl = embedded.adminUrl;
    stopServer = () => embedded.stop();
  }
  // The postmaster is the parent of a backend, read while that backend lives (PostgreSQL may run elsewhere: then none).
  const probe = new pg.Client({ connectionString: adminUrl });
  await probe.connect();
  const [settings] = (await probe.query<{ ts: string; pid: number }>(`select current_setting('track_commit_timestamp') as ts, pg_backend_pid() as pid`))
    .rows as [{ ts: string; pid: number }];
  const postmaster = postmasterOf(settings.pid);
  await probe.end();
  const template = `bench_${dataSetKey()}`;
  const exists = await sql(adminUrl, 'select 1 from pg_database where datname = $1', [template]);
  if (!exists.length) await buildTemplate(adminUrl, template, log);
  // Copies left by interrupted runs: their process is gone.
  for (const { datname } of await sql<{ datname: string }>(adminUrl, `select datname from pg_database where datname like 'bench\\_run\\_%'`)) {
    if (!alive(Number(datname.slice('bench_run_'.length)))) await sql(adminUrl, `drop database ${datname} with (force)`);
  }
  const run = `bench_run_${process.pid}`;
  const started = Date.now();
  // FILE_COPY: a copy of the files after a checkpoint, much faster than WAL-logging every block.
  await sql(adminUrl, `create database ${run} template ${template} strategy file_copy`);
  log.info({ template, ms: Date.now() - started }, 'fresh copy of the data set');
  return {
    url: withDatabase(adminUrl, run),
    postmaster,
    commitTimestamps: settings.ts === 'on',
    async stop() {
      await sql(adminUrl, `drop database if exists ${run} with (force)`);
      await stopServer();
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function buildTemplate(adminUrl: string, template: string, log: Logger) {
  const started = Date.now();
  log.info({ template }, 'building the data set (once; later runs copy it)');
  // Stale templates of earlier seeders: they only take disk.
  for (const { datname } of await sql<{ datname: string }>(
    adminUrl,
    `select datname from pg_database where datname like 'bench\\_%' and datname not like 'bench\\_run\\_%'`,
  )) {
    await sql(adminUrl, `drop database ${datname} with (force)`);
  }
  const building = `${template}_building`;
  await sql(adminUrl, `create database ${building}`);
  const orm = await openOrm(withDatabase(adminUrl, building));
  try {
    await migrate(orm);
    const em = orm.em.fork();
    const world = await seed(em, benchSchool().builder, { now: NOW, password: PASSWORD, lessons: true });
    const { marks } = await fillDemoJournal(em, TODAY);
    await em.getConnection().execute('vacuum analyze');
    log.info({ users: world.users.size, marks, ms: Date.now() - started }, 'data set built');
  } finally {
    await orm.close();
  }
  // Renamed only when complete: an interrupted build is never mistaken for a data set.
  await sql(adminUrl, `alter database ${building} rename to ${template}`);
}

/**
 * Signed-in sessions for many users at once, as `login` would leave them (the token's SHA-256 in
 * `session`), without hashing a password per user: argon2 would dominate the set-up of 10k sockets.
 */
export async function createSessions(url: string, userIds: string[]): Promise<string[]> {
  const tokens = userIds.map(() => randomBytes(32).toString('base64url'));
  await sql(
    url,
    `insert into session (id, user_id, token_hash, created_at, expires_at)
     select gen_random_uuid(), u, h, now(), now() + interval '1 day' from unnest($1::uuid[], $2::text[]) as t(u, h)`,
    [userIds, tokens.map(hashToken)],
  );
  return tokens;
}

export { sql, withDatabase };
