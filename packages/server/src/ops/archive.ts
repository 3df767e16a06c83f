/**
 * R-R5: the year's journal of a class as a signed, machine-readable archive.
 *
 * A ZIP with one JSON file per table (`data/<table>.json`: an array, one row per line, columns as in
 * the database) holding everything the class's journal needs: school, year and periods, subjects, work
 * types, the people named in it (names and logins only), the class and its enrolments, its groups
 * with members and teachers, thematic plans, lessons, marks with their change history, attendance
 * with its history, period and final marks, remarks. `manifest.json` lists every file with its
 * SHA-256, size and row count, and names the director who signs it. Two signatures of the manifest's
 * bytes: `manifest.p7s`, a detached CMS signature by the director's certificate, issued by the school's
 * (school-pki.ts) — the standard one a third party checks with `openssl cms -verify`; and
 * `manifest.sig`, Ed25519 by the installation's key named in the manifest, the integrity layer.
 * `verifyArchive` checks all of it; `importArchive` loads an archive into another database (a fresh
 * instance) inside one transaction.
 */
import { createInterface } from 'node:readline';
import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import pg from 'pg';
import QueryStream from 'pg-query-stream';
import { migrations } from '../db/migrations/index.js';
import {
  decodePublicKey,
  digest,
  encodePublicKey,
  fingerprint,
  readZip,
  schoolCertificatePem,
  schoolSigner,
  verifyDetached,
  writeZip,
  type WrittenEntry,
} from '../modules/reports/index.js';
import { inForceSql } from '../kernel/in-force.js';

export const ARCHIVE_FORMAT = 'dnevnik-class-journal';

const CLASS = `(select id, school_id, year_id from school_class where id = $1)`;
const STUDENTS = `(select student_id from enrolment where school_class_id = $1)`;
/** The class's own groups, and class-less groups (electives, cross-class) its students were in. */
const GROUPS = `(select id from study_group where school_class_id = $1
  union select m.group_id from group_member m join study_group g on g.id = m.group_id
  where g.school_class_id is null and g.year_id = (select year_id from ${CLASS} c) and m.student_id in ${STUDENTS})`;
const LESSONS = `(select id from lesson where group_id in ${GROUPS})`;
const MARKS = `(select id from mark where group_id in ${GROUPS} and student_id in ${STUDENTS})`;
const ATTENDANCE = `(select id from attendance where lesson_id in ${LESSONS} and student_id in ${STUDENTS})`;
/** Everyone the journal names: students, their class teacher, teachers, authors, parents who acknowledged a mark. */
const PEOPLE = `(select student_id from enrolment where school_class_id = $1
  union select class_teacher_id from school_class where id = $1
  union select teacher_id from teaching_assignment where group_id in ${GROUPS}
  union select teacher_id from lesson where group_id in ${GROUPS}
  union select substitute_id from lesson where group_id in ${GROUPS}
  union select entered_by_id from mark where id in ${MARKS}
  union select author_id from mark_change where mark_id in ${MARKS}
  union select author_id from attendance_change where attendance_id in ${ATTENDANCE}
  union select entered_by_id from final_mark where group_id in ${GROUPS} and student_id in ${STUDENTS}
  union select acknowledged_by_id from final_mark where group_id in ${GROUPS} and student_id in ${STUDENTS}
  union select author_id from remark where lesson_id in ${LESSONS} and student_id in ${STUDENTS})`;

interface TableSpec {
  table: string;
  /** Which columns travel; all of them unless said (people: never passwords or contacts). */
  columns?: string;
  where: string;
  orderBy: string;
}

/** In the order they are imported: every reference points to a table before it. */
const TABLES: TableSpec[] = [
  { table: 'education_authority', where: `id = (select s.authority_id from school s where s.id = (select school_id from ${CLASS} c))`, orderBy: 'id' },
  { table: 'school', where: `id = (select school_id from ${CLASS} c)`, orderBy: 'id' },
  { table: 'academic_year', where: `id = (select year_id from ${CLASS} c)`, orderBy: 'id' },
  { table: 'reporting_period', where: `year_id = (select year_id from ${CLASS} c)`, orderBy: 'starts_on, id' },
  { table: 'holiday', where: `year_id = (select year_id from ${CLASS} c)`, orderBy: 'starts_on, id' },
  { table: 'subject', where: `id in (select subject_id from study_group where id in ${GROUPS})`, orderBy: 'name, id' },
  { table: 'work_type', where: `school_id = (select school_id from ${CLASS} c)`, orderBy: 'code, id' },
  { table: 'app_user', columns: 'id, login, last_name, first_name, middle_name, birth_date', where: `id in ${PEOPLE}`, orderBy: 'last_name, first_name, id' },
  { table: 'school_class', where: `id = $1`, orderBy: 'id' },
  { table: 'enrolment', where: `school_class_id = $1`, orderBy: 'starts_on, id' },
  { table: 'study_group', where: `id in ${GROUPS}`, orderBy: 'name, id' },
  { table: 'group_member', where: `group_id in ${GROUPS} and student_id in ${STUDENTS}`, orderBy: 'group_id, starts_on, id' },
  { table: 'teaching_assignment', where: `group_id in ${GROUPS}`, orderBy: 'group_id, starts_on, id' },
  { table: 'plan_topic', where: `group_id in ${GROUPS}`, orderBy: 'group_id, number' },
  { table: 'lesson', where: `group_id in ${GROUPS}`, orderBy: 'date, lesson_number, group_id' },
  { table: 'mark', where: `id in ${MARKS}`, orderBy: 'entered_at, id' },
  { table: 'mark_change', where: `mark_id in ${MARKS}`, orderBy: 'at, mark_id, version' },
  { table: 'attendance', where: `id in ${ATTENDANCE}`, orderBy: 'lesson_id, student_id' },
  { table: 'attendance_change', where: `attendance_id in ${ATTENDANCE}`, orderBy: 'at, id' },
  { table: 'final_mark', where: `group_id in ${GROUPS} and student_id in ${STUDENTS}`, orderBy: 'entered_at, id' },
  { table: 'remark', where: `lesson_id in ${LESSONS} and student_id in ${STUDENTS}`, orderBy: 'at, id' },
];

const fileOf = (table: string) => `data/${table}.json`;

export interface ManifestFile extends WrittenEntry {
  rows: number;
}

export interface Manifest {
  format: typeof ARCHIVE_FORMAT;
  version: 1;
  createdAt: string;
  school: { id: string; name: string };
  class: { id: string; name: string };
  year: { id: string; name: string };
  /** The last migration of the database it came from: the layout of the rows. */
  schema: string;
  files: ManifestFile[];
  signature: { algorithm: 'Ed25519'; publicKey: string };
  /** Who signs `manifest.p7s`: the school's director in force at `createdAt`. */
  signer: { name: string; title: string };
}

/** The installation's Ed25519 key, and its data directory where the schools' certificates live. */
export interface ArchiveSigning {
  key: KeyObject;
  dataDir: string;
}

/** Rows of one table as JSON lines: `[`, one row per line with a comma between, `]`. */
async function* tableJson(client: pg.Client, spec: TableSpec, classId: string, counted: (n: number) => void): AsyncGenerator<string> {
  const cursor = client.query(
    new QueryStream(
      `select row_to_json(t)::text as row from (select ${spec.columns ?? '*'} from ${spec.table} where ${spec.where} order by ${spec.orderBy}) t`,
      [classId],
      {
        batchSize: 500,
      },
    ),
  );
  let n = 0;
  yield '[';
  for await (const { row } of cursor as AsyncIterable<{ row: string }>) yield `${n++ ? ',' : ''}\n${row}`;
  yield '\n]\n';
  counted(n);
}

interface ArchivedClassRow {
  id: string;
  name: string;
  school_id: string;
  school_name: string;
  year_id: string;
  year_name: string;
  director_id: string | null;
  director_name: string | null;
}

/** Writes the archive of one class's year to `file`, signed by the school's director and with the installation's key. */
export async function exportClassArchive(databaseUrl: string, classId: string, file: string, signing: ArchiveSigning, now: Date): Promise<Manifest> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // One consistent picture of the journal, whatever is written meanwhile; times in UTC.
    await client.query(`begin isolation level repeatable read read only`);
    await client.query(`set local time zone 'UTC'`);
    // The director whose grant is in force at `now` signs ($2: the moment of signing).
    const { rows } = await client.query<ArchivedClassRow>(
      `select c.id, c.grade || c.letter as name, s.id as school_id, s.name as school_name, y.id as year_id, y.name as year_name,
              d.id as director_id, d.name as director_name
       from school_class c join school s on s.id = c.school_id join academic_year y on y.id = c.year_id
       left join lateral (
         select u.id, concat_ws(' ', u.last_name, u.first_name, u.middle_name) as name
         from role_grant g join app_user u on u.id = g.user_id
         where g.school_id = s.id and g.role = 'DIRECTOR' and ${inForceSql('g', '$2', { from: 'granted_at', to: 'revoked_at', end: 'exclusive' })}
           and ${inForceSql('g', '($2::timestamptz)::date', { from: null })}
         order by g.granted_at desc, g.id desc limit 1) d on true
       where c.id = $1`,
      [classId, now],
    );
    const c = rows[0];
    if (!c) throw new Error(`no class with id ${classId}`);
    if (!c.director_id) throw new Error(`${c.school_name} has no director in force to sign the archive`);
    const signer = { name: c.director_name!, title: 'Директор' };
    const director = await schoolSigner(signing.dataDir, { id: c.school_id, name: c.school_name }, { id: c.director_id, ...signer }, now);
    const files: ManifestFile[] = [];
    let manifest: Manifest | undefined;
    await writeZip(file, async (add) => {
      for (const spec of TABLES) {
        let count = 0;
        const written = await add(
          fileOf(spec.table),
          tableJson(client, spec, classId, (n) => (count = n)),
        );
        files.push({ ...written, rows: count });
      }
      manifest = {
        format: ARCHIVE_FORMAT,
        version: 1,
        createdAt: now.toISOString(),
        school: { id: c.school_id, name: c.school_name },
        class: { id: c.id, name: c.name },
        year: { id: c.year_id, name: c.year_name },
        schema: migrations.at(-1)!.name,
        files,
        signature: { algorithm: 'Ed25519', publicKey: encodePublicKey(createPublicKey(signing.key)) },
        signer,
      };
      const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
      await add('manifest.json', bytes);
      await add('manifest.sig', `${sign(null, bytes, signing.key).toString('base64')}\n`);
      await add('manifest.p7s', await director.sign(bytes, now));
    });
    await client.query('commit');
    return manifest!;
  } finally {
    await client.end();
  }
}

/** The certificate of the school a class belongs to, as PEM: what a verifier of its archives trusts. */
export async function schoolCertificateOfClass(databaseUrl: string, classId: string, dataDir: string, now: Date): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; name: string }>(
      `select s.id, s.name from school_class c join school s on s.id = c.school_id where c.id = $1`,
      [classId],
    );
    if (!rows[0]) throw new Error(`no class with id ${classId}`);
    return await schoolCertificatePem(dataDir, rows[0], now);
  } finally {
    await client.end();
  }
}

export interface Verification {
  ok: boolean;
  problems: string[];
  manifest: Manifest | null;
  /** Fingerprint of the Ed25519 key that signed it. */
  signedBy: string | null;
  /** The director's certificate that signed `manifest.p7s`, as its subject reads. */
  signedByCertificate: string | null;
  /** Whether a trusted key signed it, or a signer certified by a trusted school certificate. */
  trusted: boolean;
}

/** Whom an archive may come from: installations' Ed25519 keys and schools' certificates (DER). */
export interface ArchiveTrust {
  keys: readonly KeyObject[];
  certificates: readonly Uint8Array[];
}

const SIGNATURES = ['manifest.json', 'manifest.sig', 'manifest.p7s'];

/**
 * Checks an archive: both signatures of the manifest, every file's SHA-256 and size, no file missing
 * or added, and that it comes from someone trusted: the director's certificate chains to a trusted
 * school certificate, or a trusted installation key signed it. The Ed25519 signature checks only
 * against the key the manifest itself carries, so anyone can re-sign an edited archive: without a
 * trusted key or certificate nothing is trusted.
 */
export async function verifyArchive(file: string, trust: ArchiveTrust): Promise<Verification> {
  const problems: string[] = [];
  const hashes = new Map<string, { sha256: string; bytes: number }>();
  const signatures = new Map<string, Buffer>();
  const failed = (problem: string): Verification => ({
    ok: false,
    problems: [problem],
    manifest: null,
    signedBy: null,
    signedByCertificate: null,
    trusted: false,
  });
  try {
    await readZip(file, async (path, content) => {
      if (SIGNATURES.includes(path)) {
        const chunks: Buffer[] = [];
        for await (const chunk of content) chunks.push(chunk as Buffer);
        signatures.set(path, Buffer.concat(chunks));
      } else {
        hashes.set(path, await digest(content));
      }
    });
  } catch (err) {
    return failed(`the file is not a readable ZIP archive: ${(err as Error).message}`);
  }
  const [manifestBytes, ed25519, cms] = SIGNATURES.map((path) => signatures.get(path));
  if (!manifestBytes || !ed25519 || !cms) return failed('manifest.json, manifest.sig or manifest.p7s is missing');
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestBytes.toString()) as Manifest;
  } catch {
    return failed('manifest.json is not JSON');
  }
  if (manifest.format !== ARCHIVE_FORMAT) problems.push(`not a ${String(ARCHIVE_FORMAT)} archive`);
  const publicKey = decodePublicKey(manifest.signature.publicKey);
  if (!verify(null, manifestBytes, publicKey, Buffer.from(ed25519.toString().trim(), 'base64'))) problems.push('the signature of manifest.json does not match');
  const certified = await verifyDetached(cms, manifestBytes, trust.certificates);
  if (!certified.intact) problems.push(`the director's signature (manifest.p7s) does not match manifest.json: ${certified.problem}`);
  for (const f of manifest.files) {
    const actual = hashes.get(f.path);
    if (!actual) problems.push(`${f.path} is missing`);
    else if (actual.sha256 !== f.sha256 || actual.bytes !== f.bytes) problems.push(`${f.path} was changed: its SHA-256 does not match the manifest`);
  }
  for (const path of hashes.keys()) if (!manifest.files.some((f) => f.path === path)) problems.push(`${path} is not in the manifest`);
  const trusted = certified.trusted || trust.keys.some((k) => fingerprint(k) === fingerprint(publicKey));
  if (!trusted) {
    const known = trust.keys.length ? `trusted keys: ${trust.keys.map(fingerprint).join(', ')}` : 'this installation has no signing key';
    problems.push(
      `signed by ${certified.signer ?? 'an unknown signer'} (not certified by a trusted school certificate: ${certified.problem}) and by key ${fingerprint(publicKey)}, ` +
        `which is not trusted (${known}); name the school's certificate with --trust-cert <file> or the signer's public key with --trust-key <file>`,
    );
  }
  return { ok: problems.length === 0, problems, manifest, signedBy: fingerprint(publicKey), signedByCertificate: certified.signer ?? null, trusted };
}

/** Rows of a data file, parsed one line at a time. */
async function* rowsOf(content: NodeJS.ReadableStream): AsyncGenerator<Record<string, unknown>> {
  for await (const line of createInterface({ input: content, crlfDelay: Infinity })) {
    const text = line.trim().replace(/,$/, '');
    if (text && text !== '[' && text !== ']') yield JSON.parse(text) as Record<string, unknown>;
  }
}

const IMPORT_BATCH = 500;

/**
 * Loads a verified archive into the database at `databaseUrl` (migrated to at least the archive's
 * layout) in one transaction. Rows that are already there (the same school, say) are kept; the
 * class must not be. People arrive as records without credentials and without an active account.
 */
export async function importArchive(databaseUrl: string, file: string, trust: ArchiveTrust, now: Date): Promise<{ manifest: Manifest; rows: number }> {
  const check = await verifyArchive(file, trust);
  if (!check.ok || !check.manifest) throw new Error(`the archive does not verify: ${check.problems.join('; ')}`);
  const manifest = check.manifest;
  if (!migrations.some((m) => m.name === manifest.schema)) throw new Error(`the archive's layout (${manifest.schema}) is newer than this installation's`);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let rows = 0;
  try {
    await client.query('begin');
    await client.query(`set local time zone 'UTC'`);
    const { rowCount } = await client.query(`select 1 from school_class where id = $1`, [manifest.class.id]);
    if (rowCount) throw new Error(`class ${manifest.class.name} (${manifest.class.id}) is already in this database`);
    const order = TABLES.map((t) => fileOf(t.table));
    // Entries come in the order they were written, which is the import order.
    await readZip(file, async (path, content) => {
      const at = order.indexOf(path);
      if (at < 0) return void content.resume();
      const { table } = TABLES[at];
      let batch: Record<string, unknown>[] = [];
      const flush = async () => {
        if (!batch.length) return;
        rows += batch.length;
        await client.query(insertSql(table), table === 'app_user' ? [JSON.stringify(batch), now] : [JSON.stringify(batch)]);
        batch = [];
      };
      for await (const row of rowsOf(content)) {
        batch.push(row);
        if (batch.length >= IMPORT_BATCH) await flush();
      }
      await flush();
    });
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
  return { manifest, rows };
}

function insertSql(table: string): string {
  if (table === 'app_user') {
    // A login already taken by someone else gets the person's id appended: logins are unique. $2: the moment of the import.
    return `insert into app_user (id, login, last_name, first_name, middle_name, birth_date, active, created_at, deactivated_at, deactivation_reason)
      select r.id, case when exists (select 1 from app_user u where u.login = r.login) then r.login || '.' || left(r.id::text, 8) else r.login end,
        r.last_name, r.first_name, r.middle_name, r.birth_date, false, $2::timestamptz, $2::timestamptz, 'Imported from a journal archive'
      from json_populate_recordset(null::app_user, $1::json) r
      where not exists (select 1 from app_user u where u.id = r.id)`;
  }
  // A row already here (by its id) is kept. The id is named as the arbiter: a deferrable key (one open
  // enrolment per student) cannot arbitrate, and an import that breaks one is refused at commit.
  return `insert into ${table} select * from json_populate_recordset(null::${table}, $1::json) on conflict (id) do nothing`;
}
