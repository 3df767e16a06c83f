import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeededWorld } from '../../db/seeders/school-builder.js';
import type { GraphQLClient } from '../../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { backup, restore } from './backup.js';
import { NOW, seedReportsFixture } from './reports.fixture.js';

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

  it('refuses a damaged backup before touching the database', async () => {
    const file = join(dir, 'second.zip');
    const written = await backup(server.databaseUrl, file, log);
    if (written.method !== 'copy') return; // a pg_dump archive is checked by pg_restore itself
    const before = await checksum();
    const bytes = readFileSync(file);
    const at = bytes.indexOf(Buffer.from('data/mark.copy'));
    bytes[at + 'data/mark.copy'.length + 16]! ^= 0xff;
    writeFileSync(file, bytes);

    await expect(restore(server.databaseUrl, file, log)).rejects.toThrow();
    expect(await checksum()).toBe(before);
  });
});
