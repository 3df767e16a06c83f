/**
 * R-R5: the year's journal of a class as a signed, machine-readable archive.
 *
 * A ZIP with one JSON file per table (`data/<table>.json`: an array, one row per line, columns as in
 * the database) holding everything the class's journal needs: school, year and periods, subjects, work
 * types, the people named in it (names and logins only), the class and its enrolments, its groups
 * with members and teachers, thematic plans, lessons, marks with their change history, attendance
 * with its history, period and final marks, remarks. `manifest.json` lists every file with its
 * SHA-256, size and row count; `manifest.sig` is the Ed25519 signature of the manifest's bytes, whose
 * public key the manifest names. `verifyArchive` checks all of it; `importArchive` loads an archive
 * into another database (a fresh instance) inside one transaction.
 */
import { createInterface } from 'node:readline';
import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import pg from 'pg';
import QueryStream from 'pg-query-stream';
import { migrations } from '../../db/migrations/index.js';
import { decodePublicKey, encodePublicKey, fingerprint } from './signing.js';
import { digest, readZip, writeZip, type WrittenEntry } from './zip.js';

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
}

/** Rows of one table as JSON lines: `[`, one row per line with a comma between, `]`. */
async function* tableJson(client: pg.Client, spec: TableSpec, classId: string, counted: (n: number) => void): AsyncGenerator<string> {
  const cursor = client.query(
    new QueryStream(`select row_to_json(t)::text as row from (select ${spec.columns ?? '*'} from ${spec.table} where ${spec.where} order by ${spec.orderBy}) t`, [classId], {
      batchSize: 500,
    }),
  );
  let n = 0;
  yield '[';
  for await (const { row } of cursor as AsyncIterable<{ row: string }>) yield `${n++ ? ',' : ''}\n${row}`;
  yield '\n]\n';
  counted(n);
}

/** Writes the archive of one class's year to `file`, signed with `key`. */
export async function exportClassArchive(databaseUrl: string, classId: string, file: string, key: KeyObject, now: Date): Promise<Manifest> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // One consistent picture of the journal, whatever is written meanwhile; times in UTC.
    await client.query(`begin isolation level repeatable read read only`);
    await client.query(`set local time zone 'UTC'`);
    const { rows } = await client.query(
      `select c.id, c.grade || c.letter as name, s.id as school_id, s.name as school_name, y.id as year_id, y.name as year_name
       from school_class c join school s on s.id = c.school_id join academic_year y on y.id = c.year_id where c.id = $1`,
      [classId],
    );
    const c = rows[0];
    if (!c) throw new Error(`no class with id ${classId}`);
    const files: ManifestFile[] = [];
    let manifest: Manifest | undefined;
    await writeZip(file, async (add) => {
      for (const spec of TABLES) {
        let count = 0;
        const written = await add(fileOf(spec.table), tableJson(client, spec, classId, (n) => (count = n)));
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
        signature: { algorithm: 'Ed25519', publicKey: encodePublicKey(createPublicKey(key)) },
      };
      const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
      await add('manifest.json', bytes);
      await add('manifest.sig', `${sign(null, bytes, key).toString('base64')}\n`);
    });
    await client.query('commit');
    return manifest!;
  } finally {
    await client.end();
  }
}

export interface Verification {
  ok: boolean;
  problems: string[];
  manifest: Manifest | null;
  /** Fingerprint of the key that signed it. */
  signedBy: string | null;
  /** Whether that key is one of the trusted keys. */
  trusted: boolean;
}

/**
 * Checks an archive: the manifest's signature, every file's SHA-256 and size, no file missing or
 * added, and that a trusted key signed it (this installation's, or one the operator named). A
 * signature checks only against the key the manifest itself carries, so anyone can re-sign an
 * edited archive: without a trusted key nothing is trusted.
 */
export async function verifyArchive(file: string, trustedKeys: readonly KeyObject[]): Promise<Verification> {
  const problems: string[] = [];
  const hashes = new Map<string, { sha256: string; bytes: number }>();
  let manifestBytes: Buffer | null = null;
  let signature: string | null = null;
  try {
    await readZip(file, async (path, content) => {
      if (path === 'manifest.json' || path === 'manifest.sig') {
        const chunks: Buffer[] = [];
        for await (const chunk of content) chunks.push(chunk as Buffer);
        if (path === 'manifest.json') manifestBytes = Buffer.concat(chunks);
        else signature = Buffer.concat(chunks).toString().trim();
      } else {
        hashes.set(path, await digest(content));
      }
    });
  } catch (err) {
    return { ok: false, problems: [`the file is not a readable ZIP archive: ${(err as Error).message}`], manifest: null, signedBy: null, trusted: false };
  }
  if (!manifestBytes || !signature) {
    return { ok: false, problems: ['manifest.json or manifest.sig is missing'], manifest: null, signedBy: null, trusted: false };
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse((manifestBytes as Buffer).toString()) as Manifest;
  } catch {
    return { ok: false, problems: ['manifest.json is not JSON'], manifest: null, signedBy: null, trusted: false };
  }
  if (manifest.format !== ARCHIVE_FORMAT) problems.push(`not a ${ARCHIVE_FORMAT} archive`);
  const publicKey = decodePublicKey(manifest.signature.publicKey);
  if (!verify(null, manifestBytes, publicKey, Buffer.from(signature, 'base64'))) problems.push('the signature of manifest.json does not match');
  for (const f of manifest.files) {
    const actual = hashes.get(f.path);
    if (!actual) problems.push(`${f.path} is missing`);
    else if (actual.sha256 !== f.sha256 || actual.bytes !== f.bytes) problems.push(`${f.path} was changed: its SHA-256 does not match the manifest`);
  }
  for (const path of hashes.keys()) if (!manifest.files.some((f) => f.path === path)) problems.push(`${path} is not in the manifest`);
  const trusted = trustedKeys.some((k) => fingerprint(k) === fingerprint(publicKey));
  if (!trusted) {
    const known = trustedKeys.length ? `trusted: ${trustedKeys.map(fingerprint).join(', ')}` : 'this installation has no signing key';
    problems.push(`signed by key ${fingerprint(publicKey)}, which is not trusted (${known}); name the signer's public key with --trust-key <file>`);
  }
  return { ok: problems.length === 0, problems, manifest, signedBy: fingerprint(publicKey), trusted };
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
export async function importArchive(databaseUrl: string, file: string, trustedKeys: readonly KeyObject[], now: Date): Promise<{ manifest: Manifest; rows: number }> {
  const check = await verifyArchive(file, trustedKeys);
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
      const { table } = TABLES[at]!;
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
