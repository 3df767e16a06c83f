import { execFile } from 'node:child_process';
import { createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeededWorld } from '../db/seeders/school-builder.js';
import { createTestDatabase, startTestServer, type TestServer } from '../testing/test-server.js';
import { exportClassArchive, importArchive, verifyArchive, type ArchiveTrust, type Manifest } from './archive.js';
import { schoolCertificateFile, schoolCertificatePem, schoolSigner, trustedSchoolCertificates } from '../modules/reports/school-pki.js';
import { encodePublicKey, fingerprint } from '../modules/reports/signing.js';
import { NOW, seedReportsFixture } from '../modules/reports/reports.fixture.js';
import { readZip, writeZip } from '../modules/reports/zip.js';

const { privateKey: key } = generateKeyPairSync('ed25519');
/** A stranger's key: not this installation's. */
const otherKey = generateKeyPairSync('ed25519').privateKey;
const strangers = createPublicKey(otherKey);
const dir = mkdtempSync(join(tmpdir(), 'dnevnik-archive-'));
/** This installation's data directory (its schools' certificates), and another installation's. */
const dataDir = join(dir, 'data');
const strangersDataDir = join(dir, 'strangers');
const archive = join(dir, '5A.zip');
/** The installation's key and its school's certificate, as the CLI trusts them. */
let ours: ArchiveTrust;
const none: ArchiveTrust = { keys: [], certificates: [] };
let server: TestServer;
let world: SeededWorld;
let manifest: Manifest;
let copies = 0;

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await seedReportsFixture(server);
  manifest = await exportClassArchive(server.databaseUrl, world.class('5А').id, archive, { key, dataDir }, NOW);
  ours = { keys: [createPublicKey(key)], certificates: trustedSchoolCertificates(dataDir) };
});
afterAll(() => server.stop());

/** The archive (or `from`) with one entry's content replaced, every ZIP checksum recomputed: only the manifest can tell. */
async function rewritten(path: string, change: (text: string) => string, from = archive): Promise<string> {
  return rewrittenWith(path, (bytes) => Buffer.from(change(bytes.toString())), from);
}
const rewrittenBinary = (path: string, content: Buffer, from = archive) => rewrittenWith(path, () => content, from);

async function rewrittenWith(path: string, change: (bytes: Buffer) => Buffer, from: string): Promise<string> {
  const copy = join(dir, `changed-${++copies}-${path.replaceAll('/', '-')}.zip`);
  const entries: [string, Buffer][] = [];
  await readZip(from, async (entry, content) => {
    const chunks: Buffer[] = [];
    for await (const chunk of content) chunks.push(chunk as Buffer);
    entries.push([entry, Buffer.concat(chunks)]);
  });
  await writeZip(copy, async (add) => {
    for (const [entry, bytes] of entries) await add(entry, entry === path ? change(bytes) : bytes);
  });
  return copy;
}

/**
 * The archive with its manifest edited and signed again, correctly, by `signer` (whose key the manifest
 * then names) and by a director certified by another installation's "Школа № 1".
 */
async function reSignedBy(signer: KeyObject, change: (text: string) => string): Promise<string> {
  let manifestText = '';
  const edited = await rewritten('manifest.json', (text) => {
    const m = JSON.parse(change(text)) as Manifest;
    m.signature.publicKey = encodePublicKey(createPublicKey(signer));
    return (manifestText = JSON.stringify(m, null, 2));
  });
  const withSig = await rewritten('manifest.sig', () => `${sign(null, Buffer.from(manifestText), signer).toString('base64')}\n`, edited);
  const impostor = await schoolSigner(strangersDataDir, manifest.school, { id: 'impostor', name: 'Тихонов Виктор Павлович', title: 'Директор' }, NOW);
  const cms = await impostor.sign(Buffer.from(manifestText), NOW);
  return rewrittenBinary('manifest.p7s', cms, withSig);
}

describe('the year-end archive of a class (R-R5)', () => {
  it('holds the journal as JSON files, each listed with its SHA-256 in a signed manifest', async () => {
    expect(manifest.class.name).toBe('5А');
    expect(manifest.signature.publicKey).toBe(createPublicKey(key).export({ format: 'der', type: 'spki' }).toString('base64'));
    const rows = Object.fromEntries(manifest.files.map((f) => [f.path, f.rows]));
    expect(rows).toMatchObject({
      'data/mark.json': 10,
      'data/mark_change.json': 10,
      'data/final_mark.json': 7,
      'data/attendance.json': 5,
      'data/school_class.json': 1,
    });
    expect(manifest.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
    const people = readFileSync(archive); // names travel, passwords never
    expect(people.includes(Buffer.from('password_hash'))).toBe(false);

    const result = await verifyArchive(archive, ours);
    expect(result).toMatchObject({ ok: true, problems: [], trusted: true });
  });

  it("is signed by the director in a CMS signature that `openssl cms -verify` accepts against the school's certificate, and no other", async () => {
    expect(manifest.signer).toEqual({ name: 'Тихонов Виктор Павлович', title: 'Директор' });
    const parts: Record<string, Buffer> = {};
    await readZip(archive, async (entry, content) => {
      const chunks: Buffer[] = [];
      for await (const chunk of content) chunks.push(chunk as Buffer);
      parts[entry] = Buffer.concat(chunks);
    });
    const file = (name: string, bytes: Buffer | string) => (writeFileSync(join(dir, name), bytes), join(dir, name));
    const signature = file('manifest.p7s', parts['manifest.p7s']);
    const schoolPem = schoolCertificateFile(dataDir, manifest.school.id);
    const otherSchoolPem = file('other-school.pem', await schoolCertificatePem(strangersDataDir, manifest.school, NOW));
    // Checked as of the moment it was signed, as a signature on an archive is.
    const openssl = (content: string, ca: string) =>
      promisify(execFile)('openssl', [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        signature,
        '-content',
        content,
        '-CAfile',
        ca,
        '-attime',
        String(NOW.getTime() / 1000),
        '-out',
        '/dev/null',
      ]).then(
        (r) => ({ code: 0, out: r.stderr }),
        (e: { code: number; stderr: string }) => ({ code: e.code, out: e.stderr }),
      );
    const genuine = file('manifest.json', parts['manifest.json']);
    expect(await openssl(genuine, schoolPem)).toEqual({ code: 0, out: 'CMS Verification successful\n' });
    const changed = Buffer.from(parts['manifest.json']);
    changed[changed.indexOf('5А')] ^= 0x01;
    expect(await openssl(file('changed-manifest.json', changed), schoolPem)).toMatchObject({ code: 4, out: expect.stringContaining('content verify error') });
    expect(await openssl(genuine, otherSchoolPem)).toMatchObject({ code: 4, out: expect.stringContaining('unable to get local issuer certificate') });

    // The school's certificate alone is enough to trust it, whatever installation key signed the integrity layer.
    expect(await verifyArchive(archive, { keys: [], certificates: ours.certificates })).toMatchObject({
      ok: true,
      trusted: true,
      signedByCertificate: 'CN=Тихонов Виктор Павлович, title=Директор, O=Школа № 1, C=RU',
    });
  });

  it('fails verification after a one-byte change anywhere in a file, or a file rewritten with valid ZIP checksums', async () => {
    const bytes = readFileSync(archive);
    const entry = bytes.indexOf(Buffer.from('data/mark.json'));
    const flipped = Buffer.from(bytes);
    flipped[entry + 'data/mark.json'.length + 20] ^= 0x01;
    const damaged = join(dir, 'damaged.zip');
    writeFileSync(damaged, flipped);
    expect((await verifyArchive(damaged, ours)).ok).toBe(false);

    const forged = await rewritten('data/mark.json', (text) => text.replace('"value":"3"', '"value":"4"'));
    expect(await verifyArchive(forged, ours)).toMatchObject({ ok: false, problems: ['data/mark.json was changed: its SHA-256 does not match the manifest'] });

    const edited = await rewritten('manifest.json', (text) => text.replace('"5А"', '"5Б"'));
    expect((await verifyArchive(edited, ours)).problems).toEqual([
      'the signature of manifest.json does not match',
      expect.stringContaining("the director's signature (manifest.p7s) does not match manifest.json"),
    ]);
  });

  it("refuses an archive re-signed with a stranger's key, configured key or none, unless the operator names that key", async () => {
    const reSigned = await reSignedBy(otherKey, (text) => text.replace('"5А"', '"5Б"'));
    const untrusted = `and by key ${fingerprint(strangers)}, which is not trusted`;
    // Both signatures are sound and name the same director: only whose certificate and key they are can tell.
    expect(await verifyArchive(reSigned, ours)).toMatchObject({ ok: false, trusted: false, problems: [expect.stringContaining(untrusted)] });
    expect(await verifyArchive(reSigned, none)).toMatchObject({
      ok: false,
      trusted: false,
      problems: [
        expect.stringMatching(
          new RegExp(
            `^signed by CN=Тихонов Виктор Павлович, title=Директор, O=Школа № 1, C=RU \\(not certified by a trusted school certificate: .+\\) ${untrusted} \\(this installation has no signing key\\); name the school's certificate with --trust-cert <file> or the signer's public key with --trust-key <file>$`,
          ),
        ),
      ],
    });
    expect(await verifyArchive(reSigned, { ...ours, keys: [...ours.keys, strangers] })).toMatchObject({
      ok: true,
      problems: [],
      trusted: true,
      manifest: { class: { name: '5Б' } },
    });
    await expect(importArchive(await createTestDatabase(), reSigned, none, NOW)).rejects.toThrow(untrusted);
  });

  it("answers `pnpm archive:verify` with exit code 0, and 1 after tampering or for a stranger's key not named with --trust-key", async () => {
    const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
    const configured = { ARCHIVE_SIGNING_KEY: key.export({ format: 'pem', type: 'pkcs8' }).toString(), DATA_DIR: dataDir };
    // An installation that has no key: nothing configured, nothing generated in its data directory.
    const keyless = { ARCHIVE_SIGNING_KEY: '', DATA_DIR: mkdtempSync(join(tmpdir(), 'dnevnik-keyless-')) };
    const verify = (file: string, env: Record<string, string>, ...options: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', cli, 'archive:verify', '--', file, ...options], {
        env: { ...process.env, LOG_LEVEL: 'error', ...env },
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
      }).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stderr: string }) => ({ code: e.code, out: e.stderr }),
      );
    const good = await verify(archive, configured);
    expect(good).toMatchObject({ code: 0 });
    expect(good.out).toContain('OK: 5А, 2026/2027, Школа № 1');
    const bad = await verify(await rewritten('data/final_mark.json', (text) => text.replace('"Н/А"', '"2"')), configured);
    expect(bad).toMatchObject({ code: 1 });
    expect(bad.out).toContain('data/final_mark.json was changed');

    const reSigned = await reSignedBy(otherKey, (text) => text.replace('"5А"', '"5Б"'));
    for (const env of [configured, keyless]) {
      const refused = await verify(reSigned, env);
      expect(refused).toMatchObject({ code: 1 });
      expect(refused.out).toContain(`and by key ${fingerprint(strangers)}, which is not trusted`);
    }
    // Another installation trusts the genuine archive once it names the school's certificate, not another school's.
    expect(await verify(archive, keyless, '--trust-cert', schoolCertificateFile(dataDir, manifest.school.id))).toMatchObject({ code: 0 });
    expect(await verify(archive, keyless, '--trust-cert', schoolCertificateFile(strangersDataDir, manifest.school.id))).toMatchObject({ code: 1 });
    const strangersFile = join(dir, 'stranger.pem');
    writeFileSync(strangersFile, strangers.export({ format: 'pem', type: 'spki' }));
    const named = await verify(reSigned, keyless, '--trust-key', strangersFile);
    expect(named).toMatchObject({ code: 0 });
    expect(named.out).toContain(`OK: 5Б, 2026/2027, Школа № 1`);
    // Seven runs of the command, each a Node process loading TypeScript: a few seconds each on a quiet machine, and
    // past the default 30 s once in a CI run on a loaded one.
  }, 120_000);

  it('imports into a fresh database and exports from there byte for byte the same', async () => {
    const fresh = await createTestDatabase();
    const { rows } = await importArchive(fresh, archive, ours, NOW);
    expect(rows).toBeGreaterThan(100);

    const client = new pg.Client({ connectionString: fresh });
    await client.connect();
    // The other installation's director signs its export: a person of the archive appointed there.
    await client.query(
      `insert into role_grant (id, user_id, role, school_id, granted_at) select gen_random_uuid(), u.id, 'DIRECTOR', $1, $2 from app_user u order by u.last_name limit 1`,
      [manifest.school.id, NOW],
    );
    const again = join(dir, 'again.zip');
    const second = await exportClassArchive(fresh, world.class('5А').id, again, { key, dataDir: join(dir, 'fresh-data') }, NOW);
    expect(second.files.map((f) => [f.path, f.sha256])).toEqual(manifest.files.map((f) => [f.path, f.sha256]));

    const { rows: history } = await client.query(
      `select m.value, c.kind, c.reason from mark m join mark_change c on c.mark_id = m.id where m.backdated order by c.version`,
    );
    const { rows: people } = await client.query(`select count(*)::int as n from app_user where active or password_hash is not null`);
    await client.end();
    expect(history).toEqual([{ value: '4', kind: 'CREATED', reason: 'Болел, писал позже' }]);
    expect(people).toEqual([{ n: 0 }]); // records of people, not accounts
    await expect(importArchive(fresh, archive, ours, NOW)).rejects.toThrow(/already in this database/);
  });
});
