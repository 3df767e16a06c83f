import { DATE_RANGE } from '../../kernel/input-fields.js';
/**
 * Bulk import of students, parents and staff (issue 3) from CSV or XLSX. Every row is checked
 * first and reported with its line number and the reason it is refused; then either nothing is
 * written (ALL_OR_NOTHING with a bad row) or the good rows are written in one transaction.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { CsvError, parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { badInput } from '../../kernel/errors.js';
import type { Viewer } from '../../policy/viewer.js';
import { audit } from '../../kernel/audit.js';
import { normalizeLogin, LOGIN_PATTERN, isStaffRole } from './people.types.js';
import { hashPassword } from './password.js';
import { RoleGrant, Enrolment, fullName, User, SchoolClass, School } from '../school/index.js';
import { isValidIsoDate, todayIso } from '../../kernel/dates.js';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, ImportFormat, ImportMode, ImportReport, ImportRow, type ImportPeopleInput } from './import.types.js';
import { followParentsAudience } from './parents-audience.js';
import { GRANT_TABLE, mayGrantRoleIn, mayLinkGuardiansIn } from '../../policy/grant-table.js';
import { addPerson, newInitialPassword, type NewPerson } from './people.service.js';
import { Role } from '../../policy/roles.js';
import { GuardianKind, Guardianship } from './student.entity.js';
import { inForce } from '../../kernel/in-force.js';

type Column = 'role' | 'lastName' | 'firstName' | 'middleName' | 'birthDate' | 'class' | 'parentLogins' | 'email' | 'phone' | 'login' | 'position';

/** Header names as schools write them, compared without case, spaces or punctuation. */
const COLUMN_NAMES: Record<Column, string[]> = {
  role: ['role', 'роль'],
  lastName: ['lastname', 'surname', 'фамилия'],
  firstName: ['firstname', 'имя'],
  middleName: ['middlename', 'patronymic', 'отчество'],
  birthDate: ['birthdate', 'датарождения'],
  class: ['class', 'класс'],
  parentLogins: ['parentlogins', 'parents', 'родители', 'логиныродителей'],
  email: ['email', 'почта', 'электроннаяпочта'],
  phone: ['phone', 'телефон'],
  login: ['login', 'логин'],
  position: ['position', 'должность'],
};
const squash = (s: string) => s.toLowerCase().replace(/[^a-zа-яё0-9]/g, '');
const COLUMN_BY_NAME = new Map(Object.entries(COLUMN_NAMES).flatMap(([col, names]) => names.map((n) => [n, col as Column])));

const ROLE_NAMES: Record<string, Role> = {
  student: Role.STUDENT,
  ученик: Role.STUDENT,
  ученица: Role.STUDENT,
  учащийся: Role.STUDENT,
  обучающийся: Role.STUDENT,
  parent: Role.PARENT,
  родитель: Role.PARENT,
  законныйпредставитель: Role.PARENT,
  teacher: Role.TEACHER,
  учитель: Role.TEACHER,
  педагог: Role.TEACHER,
  secretary: Role.SECRETARY,
  секретарь: Role.SECRETARY,
  hr: Role.HR,
  кадры: Role.HR,
  специалистпокадрам: Role.HR,
  deputydirector: Role.DEPUTY_DIRECTOR,
  завуч: Role.DEPUTY_DIRECTOR,
  заместительдиректора: Role.DEPUTY_DIRECTOR,
  director: Role.DIRECTOR,
  директор: Role.DIRECTOR,
  schooladmin: Role.SCHOOL_ADMIN,
  администратор: Role.SCHOOL_ADMIN,
};
const KIND_NAMES: Record<string, GuardianKind> = {
  mother: GuardianKind.MOTHER,
  мать: GuardianKind.MOTHER,
  мама: GuardianKind.MOTHER,
  father: GuardianKind.FATHER,
  отец: GuardianKind.FATHER,
  папа: GuardianKind.FATHER,
  guardian: GuardianKind.GUARDIAN,
  опекун: GuardianKind.GUARDIAN,
  представитель: GuardianKind.GUARDIAN,
};

interface RawRow {
  line: number;
  cells: Partial<Record<Column, string>>;
}

interface CheckedRow {
  line: number;
  person: NewPerson | null;
  error: string | null;
  classId?: string;
  parents?: { login: string; kind: GuardianKind }[];
}

export async function importPeople(em: EntityManager, viewer: Viewer, input: ImportPeopleInput, now: Date): Promise<ImportReport> {
  const { schoolId } = input;
  const content = Buffer.from(input.contentBase64, 'base64');
  if (content.length === 0) throw badInput('FILE_EMPTY', 'The file is empty.', 'contentBase64');
  if (content.length > IMPORT_MAX_BYTES) throw badInput('FILE_TOO_LARGE', 'The file is larger than 2 MB.', 'contentBase64');

  const table = input.format === ImportFormat.CSV ? readCsv(content) : await readXlsx(content);
  const raw = toRows(table);
  if (raw.length === 0) throw badInput('FILE_EMPTY', 'The file has a header but no people.', 'contentBase64');
  if (raw.length > IMPORT_MAX_ROWS)
    throw badInput('TOO_MANY', `The file has ${raw.length} rows; import at most ${IMPORT_MAX_ROWS} at a time.`, 'contentBase64');

  // The school's local date: the viewer is its staff (Viewer.timeZone).
  const today = todayIso(now, viewer.timeZone);
  const checked = await checkRows(em, viewer, schoolId, raw, today);
  const good = checked.filter((r) => !r.error);
  const report = (rows: ImportRow[], imported: number) =>
    Object.assign(new ImportReport(), { imported, committed: imported > 0, rows, createdById: viewer.userId });
  const rowOf = (r: CheckedRow, created?: { login: string; password: string }) =>
    Object.assign(new ImportRow(), {
      line: r.line,
      ok: !r.error,
      error: r.error,
      fullName: r.person ? fullName(r.person) : null,
      login: created?.login ?? null,
      initialPassword: created?.password ?? null,
      createdById: viewer.userId,
    });

  if (good.length === 0 || (input.mode === ImportMode.ALL_OR_NOTHING && good.length < checked.length)) {
    return report(
      checked.map((r) => rowOf(r)),
      0,
    );
  }

  // argon2 is slow on purpose: hash the passwords side by side, before the transaction.
  const credentials = await Promise.all(
    good.map(async () => {
      const password = newInitialPassword();
      return { password, hash: await hashPassword(password) };
    }),
  );
  const created = new Map<number, { login: string; password: string }>();
  await em.transactional(async (tx) => {
    const takenLogins = new Set<string>();
    const byLogin = new Map<string, User>();
    /** Parents known to hold (or be given) the PARENT role in the school. */
    const parentsHere = new Set<string>();
    const school = tx.getReference(School, schoolId);
    // Parents and staff first, so that students can be linked to parents of the same file.
    const ordered = [...good].sort((a, b) => Number(isStudentRow(a)) - Number(isStudentRow(b)) || a.line - b.line);
    for (const row of ordered) {
      const { user, grants } = await addPerson(tx, schoolId, row.person!, now, today, {
        takenLogins,
        credentials: credentials[good.indexOf(row)],
      });
      byLogin.set(user.login, user);
      if (grants.some((g) => g.role === Role.PARENT)) parentsHere.add(user.id);
      created.set(row.line, { login: user.login, password: credentials[good.indexOf(row)].password });
      if (row.classId) {
        const cls = await tx.findOneOrFail(SchoolClass, row.classId, { populate: ['year'] });
        const startsOn = today < cls.year.startsOn ? cls.year.startsOn : today > cls.year.endsOn ? cls.year.endsOn : today;
        tx.create(Enrolment, { school, student: user, schoolClass: cls, startsOn });
      }
      for (const p of row.parents ?? []) {
        const parent = byLogin.get(p.login) ?? (await tx.findOneOrFail(User, { login: p.login }));
        byLogin.set(p.login, parent);
        tx.create(Guardianship, { school, parent, student: user, kind: p.kind, startsOn: today });
        if (!parentsHere.has(parent.id)) {
          const granted = (await tx.count(RoleGrant, { user: parent, school, role: Role.PARENT, revokedAt: null })) > 0;
          if (!granted) tx.create(RoleGrant, { user: parent, role: Role.PARENT, school, grantedAt: now });
          parentsHere.add(parent.id);
        }
      }
      audit(
        tx,
        viewer,
        {
          action: 'person.import',
          entity: 'User',
          entityId: user.id,
          schoolId,
          data: { line: row.line, login: user.login, name: fullName(user), roles: grants.map((g) => g.role) },
        },
        now,
      );
    }
  });
  await followParentsAudience(em, now, schoolId);
  return report(
    checked.map((r) => rowOf(r, created.get(r.line))),
    created.size,
  );
}

const isStudentRow = (r: CheckedRow) => !!r.person?.roles.includes(Role.STUDENT);

// ── reading the file ────────────────────────────────────────────────────────

interface Table {
  header: string[];
  rows: { line: number; cells: string[] }[];
}

function readCsv(content: Buffer): Table {
  const text = content.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [';', ',', '\t'].reduce((best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best), ';');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes with the line it ends on.
    records = parse(text, { delimiter, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (err) {
    if (err instanceof CsvError) throw badInput('BAD_FILE', `The file is not valid CSV: ${err.message}`, 'contentBase64');
    throw err;
  }
  const [head, ...rest] = records;
  return { header: head?.record ?? [], rows: rest.map((r) => ({ line: r.info.lines, cells: r.record })) };
}

async function readXlsx(content: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw badInput('BAD_FILE', 'The file is not an XLSX workbook.', 'contentBase64');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw badInput('BAD_FILE', 'The workbook has no sheet.', 'contentBase64');
  const lines: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    lines.push({ line, cells: Array.from(cells, (c) => c ?? '') });
  });
  const [head, ...rest] = lines;
  return { header: head?.cells ?? [], rows: rest };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10); // Excel dates carry no time zone
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('text' in value) return String(value.text).trim();
    if ('result' in value) return cellText(value.result);
    return '';
  }
  return String(value).trim();
}

function toRows(table: Table): RawRow[] {
  const columns = table.header.map((name) => {
    if (!name.trim()) return null;
    const column = COLUMN_BY_NAME.get(squash(name));
    if (!column) {
      throw badInput('UNKNOWN_COLUMN', `Unknown column "${name}". The columns are: ${Object.keys(COLUMN_NAMES).join('; ')}.`, 'contentBase64');
    }
    return column;
  });
  for (const required of ['role', 'lastName', 'firstName'] as const) {
    if (!columns.includes(required)) throw badInput('MISSING_COLUMN', `The header has no "${required}" column.`, 'contentBase64');
  }
  return table.rows
    .map(({ line, cells }) => {
      const row: RawRow = { line, cells: {} };
      columns.forEach((col, i) => {
        const value = cells[i]?.trim();
        if (col && value) row.cells[col] = value;
      });
      return row;
    })
    .filter((r) => Object.keys(r.cells).length > 0);
}

// ── checking the rows ───────────────────────────────────────────────────────

/** 'YYYY-MM-DD', or 'DD.MM.YYYY' as Russian documents write dates; null when not a calendar date. */
function parseDate(value: string): string | null {
  const ru = value.match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/);
  const date = ru ? `${ru[3]}-${ru[2].padStart(2, '0')}-${ru[1].padStart(2, '0')}` : value;
  return isValidIsoDate(date) ? date : null;
}

async function checkRows(em: EntityManager, viewer: Viewer, schoolId: string, raw: RawRow[], today: string): Promise<CheckedRow[]> {
  // Classes of the school's open years, the year running today first.
  const classes = await em.find(SchoolClass, { school: schoolId, year: { closedAt: null } }, { populate: ['year'] });
  const rank = (c: SchoolClass) => (inForce(c.year, today) ? 0 : c.year.startsOn > today ? 1 : 2);
  const classByName = new Map<string, SchoolClass>();
  for (const c of [...classes].sort((a, b) => rank(a) - rank(b) || a.year.startsOn.localeCompare(b.year.startsOn))) {
    if (!classByName.has(c.name.toUpperCase())) classByName.set(c.name.toUpperCase(), c);
  }

  const rows = raw.map((r) => checkRow(r, viewer, schoolId, classByName, today));
  const problem = (row: CheckedRow, message: string) => {
    row.error = row.error ? `${row.error}; ${message}` : message;
  };

  // Logins: unique in the file and free in the database.
  const wanted = rows.flatMap((r) => (r.person?.login ? [r.person.login] : []));
  const takenInDb = new Set(wanted.length ? (await em.find(User, { login: { $in: wanted } }, { fields: ['login'] })).map((u) => u.login) : []);
  const lineOfLogin = new Map<string, number>();
  for (const r of rows) {
    const login = r.person?.login;
    if (!login) continue;
    if (takenInDb.has(login)) problem(r, `the login "${login}" is taken`);
    else if (lineOfLogin.has(login)) problem(r, `the login "${login}" is already used on line ${lineOfLogin.get(login)}`);
    else lineOfLogin.set(login, r.line);
  }

  // A student already in the school (same name and birth date) is not added twice.
  const students = rows.filter((r) => r.person && isStudentRow(r));
  if (students.length) {
    const existing = await em.find(
      RoleGrant,
      { school: schoolId, role: Role.STUDENT, user: { lastName: { $in: students.map((r) => r.person!.lastName) } } },
      { populate: ['user'] },
    );
    for (const r of students) {
      const p = r.person!;
      const twin = existing.find((g) => fullName(g.user) === fullName(p) && (g.user.birthDate ?? null) === (p.birthDate ?? null));
      if (twin) problem(r, `${fullName(p)} born ${p.birthDate} is already a student of the school (login ${twin.user.login})`);
    }
  }

  // Parents: a parent row of this file (checked first), or someone who already has a role in the school.
  const parentLogins = [...new Set(students.flatMap((r) => r.parents?.map((p) => p.login) ?? []))];
  const inSchool = new Set(
    parentLogins.length
      ? (await em.find(RoleGrant, { school: schoolId, revokedAt: null, user: { login: { $in: parentLogins } } }, { populate: ['user'] })).flatMap((g) =>
          g.role === Role.STUDENT ? [] : [g.user.login],
        )
      : [],
  );
  for (const r of students) {
    for (const { login } of r.parents ?? []) {
      const line = lineOfLogin.get(login);
      const parentRow = line !== undefined ? rows.find((x) => x.line === line) : undefined;
      if (parentRow) {
        if (isStudentRow(parentRow)) problem(r, `"${login}" (line ${line}) is a student, not a parent`);
        else if (parentRow.error) problem(r, `the parent "${login}" on line ${line} is refused`);
      } else if (!inSchool.has(login)) {
        problem(r, `no parent with the login "${login}" in the file or the school`);
      }
    }
  }
  return rows;
}

function checkRow(raw: RawRow, viewer: Viewer, schoolId: string, classByName: Map<string, SchoolClass>, today: string): CheckedRow {
  const c = raw.cells;
  const errors: string[] = [];
  const roles: Role[] = [];
  for (const name of (c.role ?? '')
    .split(/[,;/]+/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const role = ROLE_NAMES[squash(name)] ?? (Object.values(Role).includes(name.toUpperCase() as Role) ? (name.toUpperCase() as Role) : null);
    if (!role || role === Role.SYSTEM_ADMIN || role === Role.INSPECTOR || role === Role.CLASS_TEACHER) errors.push(`unknown role "${name}"`);
    else roles.push(role);
  }
  if (!c.role) errors.push('no role');
  const isStudent = roles.includes(Role.STUDENT);
  if (isStudent && roles.length > 1) errors.push('a student holds no other role');
  const refused = roles.filter((r) => !mayGrantRoleIn(viewer, r, schoolId));
  if (refused.length) {
    errors.push(`you may not grant ${refused.map((r) => `${r} (granted by ${GRANT_TABLE[r].grantedBy.join(', ') || 'no school'})`).join(', ')}`);
  }

  if (!c.lastName) errors.push('no last name');
  if (!c.firstName) errors.push('no first name');
  for (const col of ['lastName', 'firstName', 'middleName'] as const) {
    if ((c[col]?.length ?? 0) > 100) errors.push(`${col} is longer than 100 characters`);
  }
  let birthDate: string | null = null;
  if (c.birthDate) {
    birthDate = parseDate(c.birthDate);
    if (!birthDate) errors.push(`birth date "${c.birthDate}" is not a date (YYYY-MM-DD or DD.MM.YYYY)`);
    else if (birthDate > today) errors.push(`birth date ${birthDate} is in the future`);
    else if (birthDate < DATE_RANGE.min) errors.push(`birth date ${birthDate} is before ${DATE_RANGE.min}`);
  } else if (isStudent) {
    errors.push('a student needs a birth date');
  }

  let classId: string | undefined;
  if (c.class) {
    if (!isStudent) errors.push('only students have a class');
    else {
      const cls = classByName.get(c.class.replace(/\s+/g, '').toUpperCase());
      if (!cls) errors.push(`no class "${c.class}" in the school's open years`);
      else classId = cls.id;
    }
  } else if (isStudent) {
    errors.push('a student needs a class');
  }

  const parents: { login: string; kind: GuardianKind }[] = [];
  if (c.parentLogins) {
    if (!isStudent) errors.push('only students have parents here');
    for (const item of c.parentLogins.split(/[,\s]+/).filter(Boolean)) {
      const [login = '', kindName] = item.split(':');
      const kind = kindName ? (KIND_NAMES[squash(kindName)] ?? GuardianKind[kindName.toUpperCase() as GuardianKind]) : GuardianKind.GUARDIAN;
      if (!kind) errors.push(`unknown kind of parent "${kindName}" (MOTHER, FATHER or GUARDIAN)`);
      else if (!parents.some((p) => p.login === normalizeLogin(login))) parents.push({ login: normalizeLogin(login), kind });
    }
  }
  if (parents.length && !mayLinkGuardiansIn(viewer, schoolId)) errors.push('you may not link parents (the journal administrator and the secretary do)');
  if (parents.some((p) => p.login === viewer.login)) errors.push('you may not link yourself as a parent');

  if (c.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(c.email)) errors.push(`e-mail "${c.email}" is not valid`);
  if (c.phone && !/^\+?[\d\s()-]{5,20}$/.test(c.phone)) errors.push(`phone "${c.phone}" is not valid`);
  const login = c.login ? normalizeLogin(c.login) : null;
  if (login && !LOGIN_PATTERN.test(login)) errors.push(`login "${c.login}" is not 3–40 latin letters, digits, dots, dashes or underscores`);
  if (c.position && !roles.some(isStaffRole)) errors.push('only staff have a position');

  const person: NewPerson | null =
    c.lastName && c.firstName
      ? {
          lastName: c.lastName,
          firstName: c.firstName,
          middleName: c.middleName ?? null,
          birthDate,
          email: c.email ?? null,
          phone: c.phone ?? null,
          login,
          position: c.position ?? null,
          roles,
        }
      : null;
  return { line: raw.line, person, error: errors.length ? errors.join('; ') : null, classId, parents };
}
