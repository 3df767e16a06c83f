/**
 * The embedded PostgreSQL of `pnpm start` survives what happens to processes: the app killed with
 * kill -9 (a later start stops the orphaned server and goes on; the watchdog stops it even sooner), the
 * server itself killed (the supervisor restarts it), and live subscriptions held through the outage.
 * These tests start their own PostgreSQL servers: the shared one of the test run is never touched.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../app.js';
import { loadConfig } from '../config.js';
import { Role } from '../policy/roles.js';
import { Lesson } from '../modules/timetable/timetable.entity.js';
import { LiveSubscription, wsClient } from '../realtime/testing/live-client.js';
import { eventually } from '../testing/eventually.js';
import { freePort } from '../testing/free-port.js';
import { GraphQLClient } from '../testing/graphql-client.js';
import { ensureDatabase } from './database.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.js';
import { migrate, openOrm } from './orm.js';
import { school, seed, type SeededWorld } from './seeders/school-builder.js';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
const SERVER_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NOW = new Date('2026-11-25T09:00:00Z');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** PostgreSQL and the app take their time to start and stop: a minute unless said otherwise, asked every 100 ms. */
const waitFor = (check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000) => eventually(check, what, timeoutMs, 100);

const ready = async (url: string) => {
  try {
    return (await fetch(`${url}/readyz`)).status === 200;
  } catch {
    return false;
  }
};

const postmasterPid = (dataDir: string) => Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);

/** Child processes of `pid`, with their command lines. */
function childrenOf(pid: number): { pid: number; cmdline: string }[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return ppid === pid ? [{ pid: Number(name), cmdline: readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ') }] : [];
      } catch {
        return [];
      }
    });
}

describe('pnpm start killed with kill -9', () => {
  let dataDir: string;
  let app: ChildProcess | undefined;
  let pgPort: number;
  let url: string;

  /** `pnpm start` on its own data directory; resolves once /readyz says ready. */
  async function start() {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const env = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: 'false' };
    app = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      cwd: SERVER_ROOT,
      env: { ...process.env, ...env, NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: '', REDIS_URL: '' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const exited = new Promise<never>((_, reject) => app!.once('exit', (code) => reject(new Error(`pnpm start exited with ${code}`))));
    await Promise.race([waitFor(() => ready(url), 'pnpm start to be ready', 120_000), exited]);
  }

  async function killApp() {
    const exited = new Promise((resolve) => app!.once('exit', resolve));
    app!.kill('SIGKILL');
    await exited;
  }

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'dnevnik-start-'));
    // PostgreSQL runs as the `postgres` user when we are root: it must reach its folder inside.
    chmodSync(dataDir, 0o755);
  });
  afterAll(async () => {
    if (app?.exitCode === null) {
      const exited = new Promise((resolve) => app!.once('exit', resolve));
      app.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts again after the app and its watchdog were killed: the orphaned PostgreSQL is stopped first', async () => {
    pgPort = await freePort();
    await start();
    const orphan = postmasterPid(dataDir);
    // No watchdog either (killed too, as a kill of the whole process tree would): only the next start can clean up.
    for (const child of childrenOf(app!.pid!).filter((c) => c.cmdline.startsWith('sh -c'))) process.kill(child.pid, 'SIGKILL');
    await killApp();
    await sleep(500);
    expect(alive(orphan)).toBe(true);

    await start();
    expect(alive(orphan)).toBe(false);
    expect(postmasterPid(dataDir)).not.toBe(orphan);
  }, 300_000);

  it('does not leave PostgreSQL running when the app is killed: the watchdog stops it', async () => {
    const server = postmasterPid(dataDir);
    await killApp();
    await waitFor(() => !alive(server), 'the watchdog to stop PostgreSQL', 30_000);

    await start();
    expect(await ready(url)).toBe(true);
  }, 300_000);
});

describe('PostgreSQL killed under a running app', () => {
  let dir: string;
  let embedded: EmbeddedDatabase | undefined;
  let orm: MikroORM | undefined;
  let app: App | undefined;

  afterAll(async () => {
    await app?.stop();
    await orm?.close();
    await embedded?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is restarted by the supervisor; open subscriptions are held and receive what is committed after it returns', async () => {
    const log = pino({ level: 'error' });
    dir = mkdtempSync(join(tmpdir(), 'dnevnik-outage-'));
    embedded = await startEmbeddedPostgres({ dir, port: await freePort(), log });
    await ensureDatabase(embedded.adminUrl, 'dnevnik');
    orm = await openOrm(embedded.urlFor('dnevnik'), { poolMax: 5 });
    await migrate(orm);
    app = await startApp({ config: loadConfig({ env: 'test', port: 0, host: '127.0.0.1', seedDemo: false, logLevel: 'error' }), orm, log, clock: () => NOW });
    const world: SeededWorld = await seed(
      orm.em,
      school('Школа № 1')
        .inYear(2026)
        .withSubjects('Математика')
        .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
        .withClass('5А')
        .withParent('petrova', 'Петрова Мария Ивановна')
        .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
        .withConsent('petya', 'petrova')
        .withGroup('Математика', '5А', { teacher: 'ivanova', slots: [1, 2, 3, 4, 5].map((d) => [d, 1, '21'] as [number, number, string]) }),
      { now: NOW, lessons: true },
    );
    const teacher = new GraphQLClient(app.url);
    await teacher.login('ivanova', 'secret');
    const parent = new GraphQLClient(app.url);
    await parent.login('petrova', 'secret');
    const lesson = await orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date: '2026-11-25' });
    const putMark = (value: string) =>
      teacher.data<{ putMark: { id: string } }>(`mutation($input: PutMarkInput!) { putMark(input: $input) { id } }`, {
        input: { lessonId: lesson.id, studentId: world.user('petya').id, value, workTypeId: world.workType('У').id },
      });

    const opened = app.realtime.opened;
    const sub = new LiveSubscription<{ diaryEvents: { id: string; mark: { id: string } } }>(
      wsClient(app.url, parent.token),
      `subscription($s: ID!) { diaryEvents(studentId: $s) { id mark { id } } }`,
      { s: world.user('petya').id },
    );
    await sub.until(() => app!.realtime.opened > opened, 10_000, 'the subscription');
    const before = (await putMark('5')).putMark.id;
    await sub.count(1);

    const killed = embedded.pid!;
    process.kill(killed, 'SIGKILL');
    await waitFor(() => !alive(killed), 'PostgreSQL to die', 10_000);
    // Down: the app says so. Streams that read now (as the hub makes them when a read of notified events
    // fails) find no database: they wait for it instead of failing.
    expect(await ready(app.url)).toBe(false);
    app.realtime.resyncAll('a read failed');
    await waitFor(() => embedded!.pid !== null && embedded!.pid !== killed, 'the supervisor to restart PostgreSQL');
    await waitFor(() => ready(app!.url), 'the app to be ready again');

    const after = [];
    for (const value of ['4', '3']) after.push((await putMark(value)).putMark.id);
    await sub.count(3, 30_000);
    expect(sub.events.map((e) => e.data.diaryEvents.mark.id)).toEqual([before, ...after]);
    expect(sub.refused).toBeNull();
    expect(sub.completed).toBe(false);
    expect(sub.closeCode).toBeNull();
    sub.stop();
  }, 300_000);
});

describe('stopping PostgreSQL whose backend does not end', () => {
  let dir: string | undefined;
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('stops it anyway: a fast shutdown that waits too long for a backend becomes an immediate one', async () => {
    dir = mkdtempSync(join(tmpdir(), 'dnevnik-stuck-'));
    const embedded = await startEmbeddedPostgres({ dir, port: await freePort(), log: pino({ level: 'silent' }), stopGraceMs: 1000 });
    const server = embedded.pid!;
    const client = new pg.Client({ connectionString: embedded.adminUrl });
    client.on('error', () => {}); // its backend is killed below
    await client.connect();
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    // A backend that cannot act on the shutdown's SIGTERM (stopped, as one stuck in the kernel would be).
    process.kill(rows[0].pid, 'SIGSTOP');

    await embedded.stop();
    expect(alive(server)).toBe(false);
    expect(alive(rows[0].pid)).toBe(false);
  });
});
