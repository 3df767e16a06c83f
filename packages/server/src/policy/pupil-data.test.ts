/**
 * Issue 14, class 6 (seed 004 §3.1): of the staff, pupils' data is for those taking part in their
 * teaching — their teachers, their class teacher — the administration and the secretary; never HR.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../db/seeders/school-builder.js';
import { Role } from './roles.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';

let server: TestServer;
let world: SeededWorld;

beforeAll(async () => {
  server = await startTestServer({ clock: () => new Date('2026-11-16T09:00:00Z') });
  world = await server.seed(
    school('Школа')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('director', 'Тихонов Виктор Павлович', [Role.DIRECTOR])
      .withStaff('secretary', 'Зуева Наталья Олеговна', [Role.SECRETARY])
      .withStaff('hr', 'Ситникова Галина Петровна', [Role.HR])
      .withStaff('klass5', 'Соболева Ирина Павловна', [Role.TEACHER])
      .withStaff('math5', 'Иванова Анна Петровна', [Role.TEACHER])
      .withStaff('math6', 'Смирнов Олег Ильич', [Role.TEACHER])
      .withClass('5А', { classTeacher: 'klass5' })
      .withClass('6Б')
      .withGroup('Математика', '5А', { teacher: 'math5' })
      .withGroup('Математика', '6Б', { teacher: 'math6' })
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] }),
  );
});
afterAll(() => server.stop());

const CLASS_LIST = `query($s: ID!) { school(id: $s) { currentYear { classes { name students { fullName } } } } }`;
const CONTACTS = `query($s: ID!, $q: String!) { contacts(schoolId: $s, search: $q) { fullName } }`;

describe("a pupil's name among the staff", () => {
  it.each([
    ['director', ['Петров Пётр Ильич']],
    ['secretary', ['Петров Пётр Ильич']],
    ['klass5', ['Петров Пётр Ильич']],
    ['math5', ['Петров Пётр Ильич']],
    ['math6', []],
    ['hr', []],
  ])('%s reads the list of 5А as %j', async (login, expected) => {
    const { school: s } = await (await server.as(login)).data(CLASS_LIST, { s: world.school().id });
    const fifth = s.currentYear.classes.find((c: { name: string }) => c.name === '5А');
    expect(fifth.students.map((p: { fullName: string }) => p.fullName)).toEqual(expected);
  });

  it('does not reach HR through the contacts either (a parent is listed with the child and class)', async () => {
    const hr = await server.as('hr');
    for (const q of ['Пётр', 'Петрова Мария']) expect((await hr.data(CONTACTS, { s: world.school().id, q })).contacts).toEqual([]);
    const director = await server.as('director');
    expect((await director.data(CONTACTS, { s: world.school().id, q: 'Петрова Мария' })).contacts).toEqual([{ fullName: 'Петрова Мария Ивановна' }]);
  });
});

describe("a substitute's pupils", () => {
  it('are theirs on the lesson day only once the administration approved the substitution, not on their own request', async () => {
    const director = await server.as('director');
    const { addLesson } = await director.data(`mutation($g: ID!) { addLesson(input: { groupId: $g, date: "2026-11-16", lessonNumber: 7 }) { id } }`, {
      g: world.group('Математика', '5А').id,
    });
    const math6 = await server.as('math6');
    await math6.data(`mutation($l: ID!, $t: ID!) { recordSubstitution(input: { lessonId: $l, substituteId: $t, reason: "болезнь учителя" }) { id } }`, {
      l: addLesson.id,
      t: world.user('math6').id,
    });
    const fifthOf = async () => {
      const { school: s } = await math6.data(CLASS_LIST, { s: world.school().id });
      return s.currentYear.classes.find((c: { name: string }) => c.name === '5А').students.map((p: { fullName: string }) => p.fullName);
    };
    expect(await fifthOf()).toEqual([]);

    await director.data(`mutation($l: ID!) { approveSubstitution(lessonId: $l) { id } }`, { l: addLesson.id });
    expect(await fifthOf()).toEqual(['Петров Пётр Ильич']);
  });
});
