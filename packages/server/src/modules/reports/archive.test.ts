import { execFile } from 'node:child_process';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeededWorld } from '../../db/seeders/school-builder.js';
import { createTestDatabase, startTestServer, type TestServer } from '../../testing/test-server.js';
import { exportClassArchive, importArchive, verifyArchive, type Manifest } from './archive.js';
import { NOW, seedReportsFixture } from './reports.fixture.js';
import { readZip, writeZip } from './zip.js';

const { privateKey: key } = generateKeyPairSync('ed25519');
const otherKey = generateKeyPairSync('ed25519').privateKey;
const dir = mkdtempSync(join(tmpdir(), 'dnevnik-archive-'));
const archive = join(dir, '5A.zip');
let server: TestServer;
let world: SeededWorld;
let manifest: Manifest;

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await seedReportsFixture(server);
  manifest = await exportClassArchive(server.databaseUrl, world.class('5А').id, archive, key, NOW);
});
afterAll(() => server.stop());

/** The archive with one entry's content replaced, every ZIP checksum recomputed: only the manifest can tell. */
async function rewritten(path: string, change: (text: string) => string): Promise<string> {
  const copy = join(dir, `changed-${path.replaceAll('/', '-')}.zip`);
  const entries: [string, Buffer][] = [];
  await readZip(archive, async (name, content) => {
    const chunks: Buffer[] = [];
    for await (const chunk of content) chunks.push(chunk as Buffer);
    entries.push([name, Buffer.concat(chunks)]);
  });
  await writeZip(copy, async (add) => {
    for (const [name, bytes] of entries) await add(name, name === path ? Buffer.from(change(bytes.toString())) : bytes);
  });
  return copy;
}

describe('the year-end archive of a class (R-R5)', () => {
  it('holds the journal as JSON files, each listed with its SHA-256 in a signed manifest', async () => {
    expect(manifest.class.name).toBe('5А');
    expect(manifest.signature.publicKey).toBe(createPublicKey(key).export({ format: 'der', type: 'spki' }).toString('base64'));
    const rows = Object.fromEntries(manifest.files.map((f) => [f.path, f.rows]));
    expect(rows).toMatchObject({ 'data/mark.json': 10, 'data/mark_change.json': 10, 'data/final_mark.json': 7, 'data/attendance.json': 5, 'data/school_class.json': 1 });
    expect(manifest.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
    const people = readFileSync(archive); // names travel, passwords never
    expect(people.includes(Buffer.from('password_hash'))).toBe(false);

    const result = await verifyArchive(archive, createPublicKey(key));
    expect(result).toMatchObject({ ok: true, problems: [], trusted: true });
  });

  it('fails verification after a one-byte change anywhere in a file, or a file rewritten with valid ZIP checksums', async () => {
    const bytes = readFileSync(archive);
    const entry = bytes.indexOf(Buffer.from('data/mark.json'));
    const flipped = Buffer.from(bytes);
    flipped[entry + 'data/mark.json'.length + 20]! ^= 0x01;
    const damaged = join(dir, 'damaged.zip');
    writeFileSync(damaged, flipped);
    expect((await verifyArchive(damaged, null)).ok).toBe(false);

    const forged = await rewritten('data/mark.json', (text) => text.replace('"value":"3"', '"value":"4"'));
    expect(await verifyArchive(forged, null)).toMatchObject({ ok: false, problems: ['data/mark.json was changed: its SHA-256 does not match the manifest'] });

    const reSigned = await rewritten('manifest.json', (text) => text.replace('"5А"', '"5Б"'));
    expect((await verifyArchive(reSigned, null)).problems).toEqual(['the signature of manifest.json does not match']);

    expect((await verifyArchive(archive, createPublicKey(otherKey))).problems).toEqual([expect.stringMatching(/^signed by key [0-9a-f]{16}, not by this installation's key/)]);
  });

  it('answers `pnpm archive:verify` with exit code 0, and 1 after tampering', async () => {
    const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
    const env = { ...process.env, ARCHIVE_SIGNING_KEY: key.export({ format: 'pem', type: 'pkcs8' }).toString(), LOG_LEVEL: 'error' };
    const verify = (file: string) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', cli, 'archive:verify', '--', file], { env, cwd: fileURLToPath(new URL('../../..', import.meta.url)) }).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stderr: string }) => ({ code: e.code, out: e.stderr }),
      );
    const good = await verify(archive);
    expect(good).toMatchObject({ code: 0 });
    expect(good.out).toContain('OK: 5А, 2026/2027, Школа № 1');
    const bad = await verify(await rewritten('data/final_mark.json', (text) => text.replace('"Н/А"', '"2"')));
    expect(bad).toMatchObject({ code: 1 });
    expect(bad.out).toContain('data/final_mark.json was changed');
  });

  it('imports into a fresh database and exports from there byte for byte the same', async () => {
    const fresh = await createTestDatabase();
    const { rows } = await importArchive(fresh, archive, createPublicKey(key), NOW);
    expect(rows).toBeGreaterThan(100);

    const again = join(dir, 'again.zip');
    const second = await exportClassArchive(fresh, world.class('5А').id, again, key, NOW);
    expect(second.files.map((f) => [f.path, f.sha256])).toEqual(manifest.files.map((f) => [f.path, f.sha256]));

    const client = new pg.Client({ connectionString: fresh });
    await client.connect();
    const { rows: history } = await client.query(
      `select m.value, c.kind, c.reason from mark m join mark_change c on c.mark_id = m.id where m.backdated order by c.version`,
    );
    const { rows: people } = await client.query(`select count(*)::int as n from app_user where active or password_hash is not null`);
    await client.end();
    expect(history).toEqual([{ value: '4', kind: 'CREATED', reason: 'Болел, писал позже' }]);
    expect(people).toEqual([{ n: 0 }]); // records of people, not accounts
    await expect(importArchive(fresh, archive, createPublicKey(key), NOW)).rejects.toThrow(/already in this database/);
  });
});
