import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { type GraphQLClient, errorOf } from '../../testing/graphql-client.js';
import { AuditEvent } from '../audit/audit.entity.js';
import { Consent } from './consent.entity.js';
import { GuardianKind } from './student.entity.js';
import { Role } from '../../policy/roles.js';

/** The school's clock: ages (14 for consenting oneself) and "the future" are judged by it; moved on a day once. */
let now = new Date('2026-11-25T09:00:00Z');
const thisYear = now.getUTCFullYear();
let server: TestServer;
let world: SeededWorld;

beforeAll(async () => {
  server = await startTestServer({ clock: () => now });
  world = await server.seed([
    school('Школа № 1')
      .withStaff('secretary', 'Зуева Наталья Олеговна', [Role.SECRETARY])
      .withStaff('sobolev', 'Соболев Андрей Николаевич', [Role.TEACHER])
      .withStaff('teacher', 'Ковалёва Елена Викторовна', [Role.TEACHER])
      .withClass('5А', { classTeacher: 'sobolev' })
      .withClass('9А')
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withParent('petrov', 'Петров Илья Сергеевич')
      .withParent('sidorova', 'Сидорова Нина Павловна')
      .withParent('orlov', 'Орлов Павел Ильич')
      .withStudent('petya', 'Петров Пётр Ильич', {
        inClass: '5А',
        birthDate: `${thisYear - 11}-01-15`,
        parents: ['petrova', { login: 'petrov', kind: GuardianKind.FATHER }],
      })
      .withStudent('vanya', 'Сидоров Иван Олегович', { inClass: '5А', birthDate: `${thisYear - 11}-04-01`, parents: ['sidorova'] })
      .withStudent('olya', 'Орлова Ольга Павловна', {
        inClass: '9А',
        birthDate: `${thisYear - 15}-02-01`,
        parents: [{ login: 'orlov', kind: GuardianKind.FATHER }],
      }),
    school('Школа № 2')
      .withStaff('secretary2', 'Гусева Ольга Петровна', [Role.SECRETARY])
      .withClass('5А')
      .withParent('family1', 'Лебедева Анна Игоревна')
      .withParent('family2', 'Лебедев Игорь Петрович')
      .withParent('family3', 'Лебедева Вера Сергеевна')
      .withParent('family4', 'Лебедев Пётр Ильич')
      .withParent('family5', 'Карпова Ирина Олеговна')
      .withStudent('misha', 'Лебедев Михаил Игоревич', {
        inClass: '5А',
        birthDate: `${thisYear - 11}-03-10`,
        parents: ['family1', 'family2', 'family3', 'family4', 'family5'],
      }),
  ]);
});
afterAll(() => server.stop());

const PROFILE = `query($id: ID!) { studentProfile(studentId: $id) { birthDate student { fullName } } }`;
const CHILDREN = `{ viewer { children { fullName diaryAccess } } }`;
const RECORD = `mutation($input: RecordConsentInput!) {
  recordConsent(input: $input) { id givenByName givenBySelf receivedByName documentNumber givenAt active student { fullName } }
}`;
const WITHDRAW = `mutation($id: ID!) { withdrawConsent(consentId: $id) { active withdrawnAt } }`;

const id = (login: string) => world.user(login).id;
const counts = async () => [await server.orm.em.fork().count(Consent), await server.orm.em.fork().count(AuditEvent)];
const diaryOf = (client: GraphQLClient, login: string) => client.execute(PROFILE, { id: id(login) });

describe('the diary gate (R-A6)', () => {
  it('shows a parent their child with "consent needed", and refuses the diary with FORBIDDEN / CONSENT_REQUIRED', async () => {
    const parent = await server.as('petrova');

    expect(await parent.data(CHILDREN)).toEqual({ viewer: { children: [{ fullName: 'Петров Пётр Ильич', diaryAccess: 'CONSENT_REQUIRED' }] } });
    const result = await diaryOf(parent, 'petya');
    expect(result.data).toBeNull();
    expect(result.errors?.[0]).toMatchObject({
      message: 'The diary opens once consent to personal data processing is recorded.',
      extensions: { code: 'FORBIDDEN', reason: 'CONSENT_REQUIRED' },
    });
  });

  it('keeps the student out of their own diary too', async () => {
    const student = await server.as('petya');
    expect((await diaryOf(student, 'petya')).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CONSENT_REQUIRED' });
  });

  it('opens the diary as soon as the parent consents online for their own child', async () => {
    const parent = await server.as('petrova');

    const { recordConsent } = await parent.data(RECORD, { input: { studentId: id('petya') } });

    expect(recordConsent).toMatchObject({
      givenByName: 'Петрова Мария Ивановна',
      givenBySelf: false,
      receivedByName: null,
      active: true,
      student: { fullName: 'Петров Пётр Ильич' },
    });
    expect(await parent.data(PROFILE, { id: id('petya') })).toEqual({
      studentProfile: { birthDate: `${thisYear - 11}-01-15`, student: { fullName: 'Петров Пётр Ильич' } },
    });
    expect((await parent.data(CHILDREN)).viewer.children[0].diaryAccess).toBe('ALLOWED');
    // The child's own diary opens with the parent's consent.
    expect((await diaryOf(await server.as('petya'), 'petya')).errors).toBeUndefined();
  });

  it("asks the other parent for their own consent: one parent's consent does not open the diary for the other", async () => {
    const father = await server.as('petrov');
    expect((await father.data(CHILDREN)).viewer.children[0].diaryAccess).toBe('CONSENT_REQUIRED');
    expect((await diaryOf(father, 'petya')).errors?.[0]?.extensions?.reason).toBe('CONSENT_REQUIRED');
  });

  it("refuses a parent consenting for another family's child as for no child at all (NOT_FOUND), and writes nothing", async () => {
    const stranger = await server.as('sidorova');
    const before = await counts();

    const result = await stranger.execute(RECORD, { input: { studentId: id('petya') } });

    expect(errorOf(result)).toEqual({ code: 'NOT_FOUND', message: 'No such student.', reason: 'NOT_FOUND' });
    expect(await counts()).toEqual(before);
  });

  it("answers a stranger asking for another family's child's diary as if the child did not exist", async () => {
    const stranger = await server.as('sidorova');
    expect(errorOf(await diaryOf(stranger, 'petya'))).toEqual({ code: 'NOT_FOUND', message: 'No such student.', reason: 'NOT_FOUND' });
  });

  it('closes the diary at once when the parent withdraws: the very next request of the same session is refused', async () => {
    const parent = await server.as('petrova');
    const { viewer } = await parent.data(`{ viewer { children { consents { id active } } } }`);
    const consent = viewer.children[0].consents[0];
    expect(consent.active).toBe(true);

    const { withdrawConsent } = await parent.data(WITHDRAW, { id: consent.id });

    expect(withdrawConsent.active).toBe(false);
    expect((await diaryOf(parent, 'petya')).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CONSENT_REQUIRED' });
    expect((await diaryOf(await server.as('petya'), 'petya')).errors?.[0]?.extensions?.reason).toBe('CONSENT_REQUIRED');
    const events = await server.orm.em.fork().find(AuditEvent, { action: { $in: ['consent.record', 'consent.withdraw'] }, entityId: consent.id });
    expect(events.map((e) => e.action).sort()).toEqual(['consent.record', 'consent.withdraw']);
  });

  it('refuses to withdraw a consent twice', async () => {
    const parent = await server.as('petrova');
    const { viewer } = await parent.data(`{ viewer { children { consents { id } } } }`);
    expect(errorOf(await parent.execute(WITHDRAW, { id: viewer.children[0].consents[0].id }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'This consent is already withdrawn.',
    });
  });

  it('lets the parent consent again after withdrawing', async () => {
    now = new Date(now.getTime() + 86_400_000); // the next day: the register lists the new consent first
    const parent = await server.as('petrova');
    await parent.data(RECORD, { input: { studentId: id('petya') } });
    expect((await diaryOf(parent, 'petya')).errors).toBeUndefined();
  });
});

describe('students and their age', () => {
  it('lets a student of 14 or older consent for themself; their parent still needs their own', async () => {
    const olya = await server.as('olya');

    const { recordConsent } = await olya.data(RECORD, { input: { studentId: id('olya') } });

    expect(recordConsent).toMatchObject({ givenByName: 'Орлова Ольга Павловна', givenBySelf: true });
    expect((await diaryOf(olya, 'olya')).errors).toBeUndefined();
    expect((await diaryOf(await server.as('orlov'), 'olya')).errors?.[0]?.extensions?.reason).toBe('CONSENT_REQUIRED');
  });

  it('refuses a student under 14 with BAD_USER_INPUT: a parent must consent', async () => {
    const vanya = await server.as('vanya');
    const before = await counts();
    expect(errorOf(await vanya.execute(RECORD, { input: { studentId: id('vanya') } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'The student is 11: under 14, a parent must consent for them.',
    });
    expect(await counts()).toEqual(before);
  });

  it('refuses a student consenting for a classmate, whom they may not know as a record (NOT_FOUND)', async () => {
    const olya = await server.as('olya');
    expect(errorOf(await olya.execute(RECORD, { input: { studentId: id('vanya') } })).code).toBe('NOT_FOUND');
  });
});

describe('paper consents recorded by the school', () => {
  it("lets the secretary record a paper consent of a parent, with its number and date; the parent's diary opens", async () => {
    const secretary = await server.as('secretary');
    const signed = new Date(now.getTime() - 3 * 24 * 3600_000).toISOString();

    const { recordConsent } = await secretary.data(RECORD, {
      input: { studentId: id('vanya'), givenById: id('sidorova'), documentNumber: 'С-17/2026', givenAt: signed },
    });

    expect(recordConsent).toMatchObject({
      givenByName: 'Сидорова Нина Павловна',
      receivedByName: 'Зуева Наталья Олеговна',
      documentNumber: 'С-17/2026',
      givenAt: signed,
    });
    expect((await diaryOf(await server.as('sidorova'), 'vanya')).errors).toBeUndefined();
  });

  it('lets the class teacher record a paper consent for a student of their class', async () => {
    const classTeacher = await server.as('sobolev');
    const { recordConsent } = await classTeacher.data(RECORD, { input: { studentId: id('petya'), givenById: id('petrov') } });
    expect(recordConsent.receivedByName).toBe('Соболев Андрей Николаевич');
    expect((await diaryOf(await server.as('petrov'), 'petya')).errors).toBeUndefined();
  });

  it.each([
    // Not their pupil (`seesPupil`): a student they may not know about.
    ['the class teacher, for a student of another class', 'sobolev', () => ({ studentId: id('olya'), givenById: id('orlov') }), 'NOT_FOUND'],
    ['a teacher', 'teacher', () => ({ studentId: id('olya'), givenById: id('orlov') }), 'NOT_FOUND'],
    ["another school's secretary", 'secretary2', () => ({ studentId: id('olya'), givenById: id('orlov') }), 'NOT_FOUND'],
    ['a parent naming the other parent', 'petrova', () => ({ studentId: id('petya'), givenById: id('petrov') }), 'FORBIDDEN'],
  ])('refuses %s, writing nothing', async (_who, login, input, code) => {
    const client = await server.as(login);
    const before = await counts();
    expect(errorOf(await client.execute(RECORD, { input: input() })).code).toBe(code);
    expect(await counts()).toEqual(before);
  });

  it.each([
    [
      'someone who is not a parent of the student',
      () => ({ studentId: id('vanya'), givenById: id('orlov') }),
      'givenById names no parent or legal representative of this student.',
    ],
    ['a paper consent that names nobody', () => ({ studentId: id('olya') }), 'Name the parent or the student who gave the consent (givenById).'],
    [
      'a second consent from the same person',
      () => ({ studentId: id('vanya'), givenById: id('sidorova') }),
      'A consent from Сидорова Нина Павловна is already on record.',
    ],
    [
      'a consent dated in the future',
      () => ({ studentId: id('olya'), givenById: id('orlov'), givenAt: new Date(now.getTime() + 86_400_000).toISOString() }),
      'A consent cannot be dated in the future.',
    ],
  ])('refuses %s with BAD_USER_INPUT, writing nothing', async (_what, input, message) => {
    const secretary = await server.as('secretary');
    const before = await counts();
    expect(errorOf(await secretary.execute(RECORD, { input: input() }))).toMatchObject({ code: 'BAD_USER_INPUT', message });
    expect(await counts()).toEqual(before);
  });

  it("refuses a parent withdrawing the other parent's consent (FORBIDDEN); the school may withdraw it", async () => {
    const consent = await server.orm.em.fork().findOneOrFail(Consent, { givenBy: id('petrov'), withdrawnAt: null });
    expect(errorOf(await (await server.as('petrova')).execute(WITHDRAW, { id: consent.id }))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Only the person who gave a consent, or the school, can withdraw it.',
    });
    expect(errorOf(await (await server.as('sidorova')).execute(WITHDRAW, { id: consent.id })).code).toBe('NOT_FOUND');
    await (await server.as('secretary')).data(WITHDRAW, { id: consent.id });
    expect((await diaryOf(await server.as('petrov'), 'petya')).errors?.[0]?.extensions?.reason).toBe('CONSENT_REQUIRED');
  });
});

describe('the consent register', () => {
  const REGISTER = `query($schoolId: ID!, $classId: ID) {
    consentRegister(schoolId: $schoolId, classId: $classId) {
      student { fullName } schoolClass { name } status
      guardians { fullName kind hasConsent }
      consents { givenByName active }
    }
  }`;
  const schoolId = () => world.school('Школа № 1').id;

  it("lists every student of the school with their consent status and each parent's, for the secretary", async () => {
    const secretary = await server.as('secretary');
    const { consentRegister } = await secretary.data(REGISTER, { schoolId: schoolId() });
    const lines = consentRegister.map((e: any) => [
      e.schoolClass.name,
      e.student.fullName,
      e.status,
      e.guardians.map((g: any) => `${g.fullName}${g.hasConsent ? ' ✓' : ''}`),
    ]);
    expect(lines).toEqual([
      ['5А', 'Петров Пётр Ильич', 'GIVEN', ['Петров Илья Сергеевич', 'Петрова Мария Ивановна ✓']],
      ['5А', 'Сидоров Иван Олегович', 'GIVEN', ['Сидорова Нина Павловна ✓']],
      ['9А', 'Орлова Ольга Павловна', 'GIVEN', ['Орлов Павел Ильич']],
    ]);
    // Petya's history: his mother's withdrawn consent and her new one, his father's withdrawn by the school.
    expect(consentRegister[0].consents.map((c: any) => [c.givenByName, c.active])).toEqual([
      ['Петров Илья Сергеевич', false],
      ['Петрова Мария Ивановна', true],
      ['Петрова Мария Ивановна', false],
    ]);
  });

  it('shows a class teacher the register of their class, and not of another', async () => {
    const classTeacher = await server.as('sobolev');
    const { consentRegister } = await classTeacher.data(REGISTER, { schoolId: schoolId(), classId: world.class('5А').id });
    expect(consentRegister.map((e: any) => e.student.fullName)).toEqual(['Петров Пётр Ильич', 'Сидоров Иван Олегович']);
    expect(errorOf(await classTeacher.execute(REGISTER, { schoolId: schoolId(), classId: world.class('9А').id })).code).toBe('FORBIDDEN');
    // Without a class: the classes they lead.
    expect((await classTeacher.data(REGISTER, { schoolId: schoolId() })).consentRegister).toHaveLength(2);
  });

  it('lists consents signed at one moment in one order, every time: the latest recorded first, like the rest', async () => {
    // Five paper consents signed at the same parents' meeting, entered one after another: equal in time,
    // so only the order they were recorded in tells them apart. Left to chance, two askings of one
    // register could list them differently.
    const secretary = await server.as('secretary2');
    const signed = '2026-11-20T15:00:00.000Z';
    const recorded: string[] = [];
    for (const parent of ['family1', 'family2', 'family3', 'family4', 'family5']) {
      recorded.push((await secretary.data(RECORD, { input: { studentId: id('misha'), givenById: id(parent), givenAt: signed } })).recordConsent.id);
    }
    const { consentRegister } = await secretary.data(`query($schoolId: ID!) { consentRegister(schoolId: $schoolId) { consents { id givenAt } } }`, {
      schoolId: world.school('Школа № 2').id,
    });
    expect(consentRegister[0].consents.map((c: any) => c.givenAt)).toEqual(Array(5).fill(signed));
    expect(consentRegister[0].consents.map((c: any) => c.id)).toEqual(recorded.reverse());
  });

  it('refuses the register to a teacher and to a parent', async () => {
    for (const login of ['teacher', 'petrova']) {
      const client = await server.as(login);
      expect(errorOf(await client.execute(REGISTER, { schoolId: schoolId() })).code).toBe('FORBIDDEN');
    }
  });
});
