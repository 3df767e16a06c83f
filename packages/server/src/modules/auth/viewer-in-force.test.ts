/**
 * Issue 14, class 4: what the viewer may do follows what is in force on the injected clock's day —
 * teaching assignments, role grants, enrolments, guardianships, consents — not what is merely recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { errorOf } from '../../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { Role } from '../../policy/roles.js';
import { RoleGrant } from '../school/role-grant.entity.js';

/** The school's clock, moved by the story. Moscow is UTC+3: 09:00 UTC is the middle of the school day. */
let now = new Date('2026-11-16T09:00:00Z');
const on = (day: string) => {
  now = new Date(`${day}T09:00:00Z`);
};

let server: TestServer;
let world: SeededWorld;

beforeAll(async () => {
  server = await startTestServer({ clock: () => now });
  world = await server.seed(
    school('Школа')
      .inYear(2026)
      .withStaff('director', 'Тихонов Виктор Павлович', [Role.DIRECTOR])
      .withStaff('hr', 'Ситникова Галина Петровна', [Role.HR])
      .withStaff('secretary', 'Зуева Наталья Олеговна', [Role.SECRETARY])
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withStaff('smirnov', 'Смирнов Олег Ильич', [Role.TEACHER])
      .withStaff('kozlov', 'Козлов Павел Андреевич', [Role.TEACHER, Role.SECRETARY])
      .withSubjects('Математика')
      .withClass('5А')
      .withGroup('Математика', '5А', { teacher: 'ivanova' })
      .withParent('sidorova', 'Сидорова Ольга Ивановна')
      .withStudent('vanya', 'Сидоров Иван', { inClass: '5А', parents: ['sidorova'] })
      .withClass('6Б')
      .withParent('orlova', 'Орлова Елена Сергеевна')
      .withStudent('sasha', 'Орлов Александр', { inClass: '6Б', parents: ['orlova'] })
      .withStudent('dasha', 'Орлова Дарья', { inClass: '6Б', parents: ['orlova'] })
      // Given as the seed runs, at 2026-11-16 09:00 UTC.
      .withConsent('sasha')
      .withConsent('dasha'),
  );
});
afterAll(() => server.stop());

const JOURNAL = `query($g: ID!, $p: ID!) { journal(groupId: $g, periodId: $p) { students { fullName } } }`;
const journalOf = async (login: string) => {
  const client = await server.as(login);
  return client.execute(JOURNAL, { g: world.group('Математика', '5А').id, p: world.periodsOf()[1].id });
};

describe('teaching assignments are in force from their first to their last day', () => {
  it('gives a teacher assigned from next month nothing today, the whole journal on the first day, and the one before them nothing after their last', async () => {
    const director = await server.as('director');
    await director.data(`mutation($g: ID!, $t: ID!) { assignTeacher(groupId: $g, teacherId: $t, startsOn: "2026-12-01") { id } }`, {
      g: world.group('Математика', '5А').id,
      t: world.user('smirnov').id,
    });

    on('2026-11-30');
    expect(errorOf(await journalOf('smirnov')).code).toBe('NOT_FOUND');
    expect((await journalOf('ivanova')).data?.journal.students).toEqual([{ fullName: 'Сидоров Иван' }]);

    on('2026-12-01');
    expect((await journalOf('smirnov')).data?.journal.students).toEqual([{ fullName: 'Сидоров Иван' }]);
    expect(errorOf(await journalOf('ivanova')).code).toBe('NOT_FOUND');
  });
});

describe('role grants are in force until the last day of the contract', () => {
  it('keeps the role on the last day and drops it the day after, before the lifecycle job runs', async () => {
    on('2026-11-16');
    const teacherGrant = await server.orm.em.fork().findOneOrFail(RoleGrant, { user: world.user('kozlov').id, role: Role.TEACHER });
    await (await server.as('hr')).data(`mutation($id: ID!) { setContractEnd(grantId: $id, endsOn: "2026-11-20") { endsOn } }`, { id: teacherGrant.id });
    const kozlov = await server.as('kozlov');

    on('2026-11-20');
    expect((await kozlov.data(`{ viewer { roles } }`)).viewer.roles.sort()).toEqual(['SECRETARY', 'TEACHER']);
    on('2026-11-21');
    expect((await kozlov.data(`{ viewer { roles } }`)).viewer.roles).toEqual(['SECRETARY']);
  });
});

describe('a parent sees a child while the child is enrolled', () => {
  it('loses the child the day after the child left the school', async () => {
    on('2026-11-16');
    await (
      await server.as('secretary')
    ).data(`mutation($input: RecordMovementInput!) { recordMovement(input: $input) { id } }`, {
      input: {
        schoolId: world.school().id,
        studentId: world.user('vanya').id,
        kind: 'DEPARTURE',
        effectiveOn: '2026-11-25',
        orderNumber: '12-у',
        orderDate: '2026-11-16',
        otherSchool: 'Школа № 2',
      },
    });
    const parent = await server.as('sidorova');

    on('2026-11-24');
    expect((await parent.data(`{ viewer { children { fullName } } }`)).viewer.children).toEqual([{ fullName: 'Сидоров Иван' }]);
    on('2026-11-26');
    expect((await parent.data(`{ viewer { children { fullName } } }`)).viewer.children).toEqual([]);
  });
});

const DIARY = `query($s: ID!) { diary(studentId: $s, weekOf: "2026-11-16") { marks { value } } }`;
const diaryOf = async (login: string, student: string) => (await server.as(login)).execute(DIARY, { s: world.user(student).id });
const childrenOf = async (login: string) =>
  ((await (await server.as(login)).data(`{ viewer { children { fullName } } }`)).viewer.children as { fullName: string }[]).map((c) => c.fullName).sort();

/** A student's line of the consent register of 6Б, as the secretary reads it. */
const registerLine = async (fullName: string) => {
  const { consentRegister } = await (
    await server.as('secretary')
  ).data(`query($s: ID!, $c: ID) { consentRegister(schoolId: $s, classId: $c) { student { fullName } status guardians { fullName hasConsent } } }`, {
    s: world.school().id,
    c: world.class('6Б').id,
  });
  type Line = { student: { fullName: string }; status: string; guardians: { fullName: string; hasConsent: boolean }[] };
  return (consentRegister as Line[]).find((e) => e.student.fullName === fullName)!;
};

describe('a consent is in force from the moment it was given', () => {
  it('does not open the diary an hour before the consent was given, and opens it at that moment', async () => {
    now = new Date('2026-11-16T08:00:00Z');
    expect(errorOf(await diaryOf('orlova', 'dasha'))).toMatchObject({ code: 'FORBIDDEN', reason: 'CONSENT_REQUIRED' });
    expect((await registerLine('Орлова Дарья')).status).toBe('MISSING');
    now = new Date('2026-11-16T09:00:00Z');
    expect((await diaryOf('orlova', 'dasha')).errors).toBeUndefined();
    expect((await registerLine('Орлова Дарья')).status).toBe('GIVEN');
  });
});

describe('a guardianship is in force from the day it was made until it is ended', () => {
  const END = `mutation($p: ID!, $s: ID!) { endGuardianship(parentId: $p, studentId: $s, reason: "решение суда № 7") }`;
  const LINK = `mutation($p: ID!, $s: ID!) { linkGuardian(parentId: $p, studentId: $s, kind: MOTHER, reason: "новое решение суда") { fullName } }`;
  const ids = () => ({ p: world.user('orlova').id, s: world.user('sasha').id });
  /** Sasha's parents in the consent register. */
  const registeredParents = async () => (await registerLine('Орлов Александр')).guardians;

  it('ends access to that child from the day it is ended, keeps the day before as it was, and leaves the other child alone', async () => {
    on('2026-11-17');
    expect(await (await server.as('secretary')).data(END, ids())).toEqual({ endGuardianship: true });

    expect(errorOf(await diaryOf('orlova', 'sasha')).code).toBe('NOT_FOUND');
    expect((await diaryOf('orlova', 'dasha')).errors).toBeUndefined();
    expect(await childrenOf('orlova')).toEqual(['Орлова Дарья']);
    expect(await registeredParents()).toEqual([]);

    on('2026-11-16');
    expect(await childrenOf('orlova')).toEqual(['Орлов Александр', 'Орлова Дарья']);
  });

  it('gives the child back to a parent linked again, from the day of the new link', async () => {
    on('2026-11-18');
    expect(errorOf(await diaryOf('orlova', 'sasha')).code).toBe('NOT_FOUND');
    await (await server.as('secretary')).data(LINK, ids());

    expect((await diaryOf('orlova', 'sasha')).errors).toBeUndefined();
    expect(await childrenOf('orlova')).toEqual(['Орлов Александр', 'Орлова Дарья']);
    expect(await registeredParents()).toEqual([{ fullName: 'Орлова Елена Сергеевна', hasConsent: true }]);
    // The ended link stays ended: the day between the two links has no access.
    on('2026-11-17');
    expect(await childrenOf('orlova')).toEqual(['Орлова Дарья']);
  });
});
