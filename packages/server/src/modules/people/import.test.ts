import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { AuditEvent } from '../audit/audit.entity.js';
import { RoleGrant } from '../school/role-grant.entity.js';
import { Role } from '../../policy/roles.js';
import { Enrolment } from '../school/enrolment.entity.js';
import { Guardianship } from './student.entity.js';
import { User } from '../school/user.entity.js';

let server: TestServer;
let world: SeededWorld;

beforeAll(async () => {
  server = await startTestServer();
  world = await server.seed(
    school('Школа № 1')
      .withStaff('director', 'Тихонов Виктор Павлович', [Role.DIRECTOR])
      .withStaff('admin', 'Белова Ирина Сергеевна', [Role.SCHOOL_ADMIN])
      .withStaff('secretary', 'Зуева Наталья Олеговна', [Role.SECRETARY])
      .withClass('5А')
      .withClass('9Б')
      .withParent('lebedeva', 'Лебедева Ольга Игоревна'),
  );
});
afterAll(() => server.stop());

const IMPORT = `mutation($input: ImportPeopleInput!) {
  importPeople(input: $input) { imported committed rows { line ok error fullName login initialPassword } }
}`;
const base64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
const counts = async () => {
  const em = server.orm.em.fork();
  return [await em.count(User), await em.count(RoleGrant), await em.count(Enrolment), await em.count(Guardianship), await em.count(AuditEvent)];
};

/** A family, a teacher, and two bad rows (lines 4 and 6). */
const CSV = [
  'role;lastName;firstName;middleName;birthDate;class;parentLogins;email;phone;login',
  'родитель;Кузнецова;Ольга;Петровна;;;;olga@example.org;+7 900 123-45-67;kuznetsova.o',
  'ученик;Кузнецов;Максим;Андреевич;12.03.2014;5А;kuznetsova.o:мать;;;',
  'ученик;Кузнецова;Дарья;Андреевна;2016-02-30;3А;kuznetsova.o;;;',
  'TEACHER;Смирнов;Олег;Ильич;;;;;;',
  'STUDENT;Попов;;;2014-01-01;5А;;;;',
].join('\r\n');

describe('bulk import of people (CSV, XLSX)', () => {
  it('reports every bad row with its line and reason, and writes nothing when it is all or nothing', async () => {
    const admin = await server.as('admin');
    const before = await counts();

    const { importPeople } = await admin.data(IMPORT, {
      input: { schoolId: world.school().id, format: 'CSV', contentBase64: base64(CSV), mode: 'ALL_OR_NOTHING' },
    });

    expect(importPeople).toMatchObject({ imported: 0, committed: false });
    expect(importPeople.rows.map((r: any) => [r.line, r.ok, r.error])).toEqual([
      [2, true, null],
      [3, true, null],
      [4, false, 'birth date "2016-02-30" is not a date (YYYY-MM-DD or DD.MM.YYYY); no class "3А" in the school\'s open years'],
      [5, true, null],
      [6, false, 'no first name'],
    ]);
    expect(importPeople.rows.every((r: any) => r.login === null && r.initialPassword === null)).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('refuses a birth date before 1900 (the same bound as createPerson), storing nobody', async () => {
    const director = await server.as('director');
    const before = await counts();
    const csv = ['role;lastName;firstName;birthDate;class', 'ученик;Древний;Иван;0001-01-01;5А'].join('\r\n');

    const { importPeople } = await director.data(IMPORT, {
      input: { schoolId: world.school().id, format: 'CSV', contentBase64: base64(csv), mode: 'ALL_OR_NOTHING' },
    });

    expect(importPeople.rows.map((r: any) => [r.line, r.ok, r.error])).toEqual([[2, false, 'birth date 0001-01-01 is before 1900-01-01']]);
    expect(await counts()).toEqual(before);
  });

  it('imports the good rows in one go when asked to: people, enrolment, parent link, logins and one-time passwords', async () => {
    const admin = await server.as('admin');

    const { importPeople } = await admin.data(IMPORT, {
      input: { schoolId: world.school().id, format: 'CSV', contentBase64: base64(CSV), mode: 'VALID_ROWS' },
    });

    expect(importPeople.imported).toBe(3);
    expect(importPeople.committed).toBe(true);
    expect(importPeople.rows.map((r: any) => [r.line, r.ok, r.login])).toEqual([
      [2, true, 'kuznetsova.o'],
      [3, true, 'kuznetsov.ma'],
      [4, false, null],
      [5, true, 'smirnov.oi'],
      [6, false, null],
    ]);
    // The mother signs in with her one-time password and finds her son in 5А.
    const mother = server.client();
    await mother.login('kuznetsova.o', importPeople.rows[0].initialPassword);
    expect((await mother.data(`{ viewer { roles children { fullName schoolClass { name } } } }`)).viewer).toEqual({
      roles: ['PARENT'],
      children: [{ fullName: 'Кузнецов Максим Андреевич', schoolClass: { name: '5А' } }],
    });
    const link = await server.orm.em.fork().findOneOrFail(Guardianship, { student: { login: 'kuznetsov.ma' } });
    expect(link.kind).toBe('MOTHER');
    expect(await server.orm.em.fork().count(AuditEvent, { action: 'person.import' })).toBe(3);
  });

  it('does not add the same student twice', async () => {
    const admin = await server.as('admin');
    const csv = 'role,lastName,firstName,middleName,birthDate,class\nученик,Кузнецов,Максим,Андреевич,2014-03-12,5А\n';
    const { importPeople } = await admin.data(IMPORT, {
      input: { schoolId: world.school().id, format: 'CSV', contentBase64: base64(csv), mode: 'VALID_ROWS' },
    });
    expect(importPeople.imported).toBe(0);
    expect(importPeople.rows[0].error).toBe('Кузнецов Максим Андреевич born 2014-03-12 is already a student of the school (login kuznetsov.ma)');
  });

  it('imports an XLSX workbook, dates as Excel dates, parents by their login in the school', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Ученики');
    sheet.addRow(['Роль', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Класс', 'Родители']);
    sheet.addRow(['ученик', 'Лебедев', 'Артём', 'Дмитриевич', new Date(Date.UTC(2014, 6, 1)), '5А', 'lebedeva']);
    sheet.addRow(['ученица', 'Лебедева', 'Вера', 'Дмитриевна', new Date(Date.UTC(2010, 1, 14)), '9Б', 'lebedeva:MOTHER']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const secretary = await server.as('secretary');

    const { importPeople } = await secretary.data(IMPORT, {
      input: { schoolId: world.school().id, format: 'XLSX', contentBase64: file.toString('base64'), mode: 'ALL_OR_NOTHING' },
    });

    expect(importPeople.rows.map((r: any) => [r.line, r.ok, r.fullName, r.login])).toEqual([
      [2, true, 'Лебедев Артём Дмитриевич', 'lebedev.ad'],
      [3, true, 'Лебедева Вера Дмитриевна', 'lebedeva.vd'],
    ]);
    const parent = await server.as('lebedeva');
    const { viewer } = await parent.data(`{ viewer { children { fullName schoolClass { name } } } }`);
    expect(viewer.children.map((c: any) => `${c.fullName} ${c.schoolClass.name}`).sort()).toEqual([
      'Лебедев Артём Дмитриевич 5А',
      'Лебедева Вера Дмитриевна 9Б',
    ]);
    const vera = await server.orm.em.fork().findOneOrFail(User, { login: 'lebedeva.vd' });
    expect(vera.birthDate).toBe('2010-02-14');
  });

  it('reports a row linking the importer themself as a parent (issue 14)', async () => {
    const secretary = await server.as('secretary');
    const { importPeople } = await secretary.data(IMPORT, {
      input: {
        schoolId: world.school().id,
        format: 'CSV',
        contentBase64: base64('role;lastName;firstName;birthDate;class;parentLogins\nученик;Орлов;Олег;2014-01-01;5А;secretary\n'),
        mode: 'VALID_ROWS',
      },
    });
    expect(importPeople.rows).toEqual([
      { line: 2, ok: false, error: 'you may not link yourself as a parent', fullName: 'Орлов Олег', login: null, initialPassword: null },
    ]);
  });

  it('reports rows the importer may not add: staff by the secretary', async () => {
    const secretary = await server.as('secretary');
    const { importPeople } = await secretary.data(IMPORT, {
      input: { schoolId: world.school().id, format: 'CSV', contentBase64: base64('role;lastName;firstName\nучитель;Орлова;Вера\n'), mode: 'VALID_ROWS' },
    });
    expect(importPeople.rows).toEqual([
      {
        line: 2,
        ok: false,
        error: 'you may not grant TEACHER (granted by DIRECTOR, DEPUTY_DIRECTOR, SCHOOL_ADMIN, HR)',
        fullName: 'Орлова Вера',
        login: null,
        initialPassword: null,
      },
    ]);
  });

  it.each([
    [
      'an unknown column',
      'CSV',
      base64('role;lastName;firstName;shoeSize\n'),
      'Unknown column "shoeSize". The columns are: role; lastName; firstName; middleName; birthDate; class; parentLogins; email; phone; login; position.',
    ],
    ['a file without people', 'CSV', base64('role;lastName;firstName\n'), 'The file has a header but no people.'],
    ['a file that is not a workbook', 'XLSX', base64('not a zip'), 'The file is not an XLSX workbook.'],
  ])('refuses %s with BAD_USER_INPUT', async (_what, format, contentBase64, message) => {
    const admin = await server.as('admin');
    const result = await admin.execute(IMPORT, { input: { schoolId: world.school().id, format, contentBase64, mode: 'VALID_ROWS' } });
    expect(result.errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('refuses a parent (FORBIDDEN)', async () => {
    const parent = await server.as('lebedeva');
    const result = await parent.execute(IMPORT, { input: { schoolId: world.school().id, format: 'CSV', contentBase64: base64(CSV), mode: 'VALID_ROWS' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
