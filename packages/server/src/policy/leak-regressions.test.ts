/**
 * Leaks the leak matrix found (policy/leak-matrix.test.ts), each told as the story of the leak and
 * kept shut here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../db/seeders/school-builder.js';
import { Role } from './roles.js';
import { Mark } from '../modules/journal/journal.entity.js';
import { Lesson } from '../modules/timetable/timetable.entity.js';
import { errorOf } from '../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';

/** Wednesday 23 December 2026, noon in Moscow. */
const NOW = new Date('2026-12-23T09:00:00Z');
const UNKNOWN_ID = '7d3f1c9e-5b2a-4e8f-9c1d-2a6b8e4f0c13';

let server: TestServer;
let world: SeededWorld;
const as = (login: string) => server.as(login);
const id = (login: string) => world.user(login).id;

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    [
      school('Школа № 1')
        .inYear(2026)
        .withSubjects('Математика')
        .withStaff('secretary', 'Зуева Наталья Олеговна', [Role.SECRETARY])
        .withStaff('hr', 'Кадрова Клара Олеговна', [Role.HR])
        .withStaff('director', 'Директорова Дина Олеговна', [Role.DIRECTOR])
        .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
        .withStaff('smirnov', 'Смирнов Олег Ильич', [Role.TEACHER])
        .withClass('9А', { classTeacher: 'smirnov' })
        .withClass('9Б')
        .withParent('petrova', 'Петрова Мария Ивановна')
        .withStudent('petya', 'Петров Пётр Ильич', {
          inClass: '9А',
          parents: ['petrova'],
          phone: '+7 900 555-01-01',
          email: 'petya@example.org',
          birthDate: '2011-04-01',
        })
        .withConsent('petya')
        .withGroup('Математика', '9А', {
          teacher: 'smirnov',
          slots: [
            [1, 1],
            [2, 1],
            [3, 1],
            [4, 1],
            [5, 1],
          ],
        })
        .withGroup('Математика', '9Б', {
          teacher: 'ivanova',
          slots: [
            [1, 1],
            [2, 1],
            [3, 1],
            [4, 1],
            [5, 1],
          ],
        }),
      school('Школа № 2')
        .inYear(2026)
        .withStaff('teacher2', 'Другова Дарья Дмитриевна', [Role.TEACHER])
        .withClass('9А')
        .withStudent('olga', 'Орлова Ольга Олеговна', { inClass: '9А' }),
    ],
    { lessons: true },
  );
});
afterAll(() => server.stop());

describe('personal data on the diary profile', () => {
  const PROFILE = `query($s: ID!) { studentProfile(studentId: $s) { student { fullName } phone email birthDate } }`;

  it("leak: a teacher of another class and HR read a student's phone, e-mail and birth date; now not even the name (issue 14: seed 004 §3.1)", async () => {
    for (const login of ['ivanova', 'hr']) expect(errorOf(await (await as(login)).execute(PROFILE, { s: id('petya') })).code, login).toBe('NOT_FOUND');
  });

  it('still shows them to the family, the class teacher and the secretary', async () => {
    for (const login of ['petya', 'petrova', 'smirnov', 'secretary']) {
      const { studentProfile } = await (await as(login)).data(PROFILE, { s: id('petya') });
      expect(studentProfile, login).toMatchObject({ phone: '+7 900 555-01-01', email: 'petya@example.org', birthDate: '2011-04-01' });
    }
  });
});

describe('state exam entries', () => {
  it("leak: any member of staff read a student's exam choices and results; now the family and the register's keepers only", async () => {
    const secretary = await as('secretary');
    await secretary.data(`mutation($s: ID!, $subject: ID!) { chooseExam(studentId: $s, subjectId: $subject, kind: OGE) { id } }`, {
      s: id('petya'),
      subject: world.subject('Математика').id,
    });
    const EXAMS = `query($s: ID!) { exams(studentId: $s) { kind subject { name } } }`;
    for (const login of ['ivanova', 'hr']) expect(errorOf(await (await as(login)).execute(EXAMS, { s: id('petya') })).code, login).toBe('NOT_FOUND');
    for (const login of ['petrova', 'petya', 'smirnov', 'secretary']) {
      expect((await (await as(login)).data(EXAMS, { s: id('petya') })).exams, login).toEqual([{ kind: 'OGE', subject: { name: 'Математика' } }]);
    }
  });
});

describe("a student's whole record", () => {
  it("leak: a teacher of another class and HR read a student's period report across every subject; now only the family, the class teacher and the administration", async () => {
    const REPORT = `query($s: ID!, $p: ID!) { studentPeriodReport(studentId: $s, periodId: $p) { student { fullName } attendance { ill } } }`;
    const args = { s: id('petya'), p: world.periodsOf()[1].id };
    for (const login of ['ivanova', 'hr']) expect(errorOf(await (await as(login)).execute(REPORT, args)).code, login).toBe('NOT_FOUND');
    for (const login of ['petrova', 'smirnov'])
      expect((await (await as(login)).data(REPORT, args)).studentPeriodReport.student.fullName, login).toBe('Петров Пётр Ильич');
  });

  it("leak: any member of staff read a student's absences in the progress report; now only the family, the class teacher and the administration", async () => {
    const PROGRESS = `query($s: ID!) { progressReport(studentId: $s, from: "2026-12-01", to: "2026-12-23") { attendance { ill late } } }`;
    for (const login of ['ivanova', 'hr']) expect(errorOf(await (await as(login)).execute(PROGRESS, { s: id('petya') })).code, login).toBe('NOT_FOUND');
    for (const login of ['petrova', 'smirnov']) {
      expect((await (await as(login)).data(PROGRESS, { s: id('petya') })).progressReport.attendance, login).toEqual({ ill: 0, late: 0 });
    }
  });
});

describe('consents', () => {
  const RECORD = `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`;

  it('leak: recordConsent told a student of another school from a made-up id; now both get the same answer', async () => {
    const secretary = await as('secretary');
    const paper = (studentId: string) => ({ input: { studentId, givenById: id('petrova'), givenAt: '2026-11-01T09:00:00.000Z' } });
    const real = errorOf(await secretary.execute(RECORD, paper(id('olga'))));
    expect(real).toEqual(errorOf(await secretary.execute(RECORD, paper(UNKNOWN_ID))));
    expect(real).toEqual({ code: 'NOT_FOUND', message: 'No such student.', reason: 'NOT_FOUND' });
  });

  it('leak: recordConsent named whoever givenById pointed at, a student of another school included; now it names nobody', async () => {
    const classTeacher = await as('smirnov');
    const paper = (givenById: string) => ({ input: { studentId: id('petya'), givenById, givenAt: '2026-11-01T09:00:00.000Z' } });
    const stranger = errorOf(await classTeacher.execute(RECORD, paper(id('olga'))));
    expect(stranger).toEqual(errorOf(await classTeacher.execute(RECORD, paper(UNKNOWN_ID))));
    expect(stranger).toEqual({ code: 'BAD_USER_INPUT', message: 'givenById names no parent or legal representative of this student.', reason: 'NOT_A_PARENT' });
  });
});

describe('families', () => {
  it('leak: linkGuardian named a student of another school given as the parent; now it names nobody', async () => {
    const secretary = await as('secretary');
    const LINK = `mutation($p: ID!, $s: ID!) { linkGuardian(parentId: $p, studentId: $s, kind: MOTHER, reason: "заявление") { fullName } }`;
    const student = errorOf(await secretary.execute(LINK, { p: id('olga'), s: id('petya') }));
    expect(student).toEqual(errorOf(await secretary.execute(LINK, { p: UNKNOWN_ID, s: id('petya') })));
    expect(student).toEqual({ code: 'BAD_USER_INPUT', message: 'parentId names no one who can be a parent (a student cannot).', reason: 'NOT_A_PARENT' });
  });
});

describe('substitutions', () => {
  const lessonOf = (group: string, date: string) => server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', group), date });

  const SUBSTITUTE_ASKED = `mutation($input: RecordSubstitutionInput!) { recordSubstitution(input: $input) { substitute { shortName } substitutionApproved } }`;
  const PUT_MARK = `mutation($input: PutMarkInput!) { putMark(input: $input) { value } }`;
  const twoFor = (lessonId: string) => ({ input: { lessonId, studentId: id('petya'), value: '2', workTypeId: world.workType('У').id } });

  it("leak: a teacher made themself the substitute of another group's past lesson, and with it the keeper of its journal", async () => {
    const teacher = await as('ivanova');
    const yesterday = await lessonOf('9А', '2026-12-22');
    expect(
      errorOf(await teacher.execute(SUBSTITUTE_ASKED, { input: { lessonId: yesterday.id, substituteId: id('ivanova'), reason: 'замена' } })),
    ).toMatchObject({
      code: 'FORBIDDEN',
      message: 'A substitute asks on the day of the lesson; later, the administration records the substitution.',
    });
    expect(errorOf(await teacher.execute(PUT_MARK, twoFor(yesterday.id))).code).toBe('FORBIDDEN');
  });

  it("leak: on the lesson's day, naming themself substitute made a teacher keeper of another group's journal; now it is a request that gives no rights", async () => {
    const teacher = await as('ivanova');
    const today = await lessonOf('9А', '2026-12-23');
    const { recordSubstitution } = await teacher.data(SUBSTITUTE_ASKED, { input: { lessonId: today.id, substituteId: id('ivanova'), reason: 'замена' } });
    expect(recordSubstitution).toEqual({ substitute: { shortName: 'Иванова А. П.' }, substitutionApproved: false });
    expect(errorOf(await teacher.execute(PUT_MARK, twoFor(today.id))).code).toBe('FORBIDDEN');
    const topic = { input: { lessonId: today.id, topic: 'Чужая тема' } };
    expect(errorOf(await teacher.execute(`mutation($input: SetLessonContentInput!) { setLessonContent(input: $input) { topic } }`, topic)).code).toBe(
      'FORBIDDEN',
    );
    expect(await server.orm.em.fork().count(Mark, { lesson: today.id })).toBe(0);
    expect((await server.orm.em.fork().findOneOrFail(Lesson, today.id)).topic ?? null).toBeNull();
  });

  it("a substitute the administration approved keeps the lesson's journal", async () => {
    const today = await lessonOf('9А', '2026-12-23');
    const teacher = await as('ivanova');
    await teacher.data(SUBSTITUTE_ASKED, { input: { lessonId: today.id, substituteId: id('ivanova'), reason: 'болезнь учителя' } });
    const director = await as('director');
    const { substitutionRequests } = await director.data(`query($s: ID!) { substitutionRequests(schoolId: $s) { id } }`, { s: world.school('Школа № 1').id });
    expect(substitutionRequests.map((l: { id: string }) => l.id)).toContain(today.id);
    const { approveSubstitution } = await director.data(`mutation($l: ID!) { approveSubstitution(lessonId: $l) { substitutionApproved } }`, { l: today.id });
    expect(approveSubstitution).toEqual({ substitutionApproved: true });
    expect((await teacher.data(PUT_MARK, twoFor(today.id))).putMark).toEqual({ value: '2' });
  });
});
