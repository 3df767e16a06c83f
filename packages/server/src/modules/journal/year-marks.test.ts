/**
 * The family's view of a year's results (R-D2, R-D4, R-J7): period, annual and final marks in the
 * diary, and the teacher's warning of a period mark below the average, named by its subject. A
 * parent never sees another family's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { errorOf, type GraphQLClient } from '../../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { Role } from '../../policy/roles.js';
import { ReportingPeriod } from '../school/academic-year.entity.js';
import { Lesson } from '../timetable/timetable.entity.js';
import { FinalMark, FinalMarkKind } from './journal.entity.js';

/** Wednesday 25 November 2026: the 2nd quarter. */
const NOW = new Date('2026-11-25T09:00:00Z');
const EVERY_WEEKDAY: [number, number, string][] = [1, 2, 3, 4, 5].map((d) => [d, 1, '21']);

let server: TestServer;
let world: SeededWorld;
let teacher: GraphQLClient;
let petrova: GraphQLClient;
let sidorova: GraphQLClient;

const YEAR = `query($s: ID!, $y: ID!) { studentYearMarks(studentId: $s, yearId: $y) { kind value periodId subject { name } } }`;
const WARNINGS = `query($s: ID!) { intendedMarkNotices(studentId: $s) { subjectName periodId intendedMark average reason } }`;

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withClass('5А')
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withParent('sidorova', 'Сидорова Нина Павловна')
      .withStudent('petya', 'Петров Пётр', { inClass: '5А', parents: ['petrova'] })
      .withStudent('vanya', 'Сидоров Иван', { inClass: '5А', parents: ['sidorova'] })
      .withConsent('petya')
      .withConsent('vanya')
      .withGroup('Математика', '5А', { teacher: 'ivanova', slots: EVERY_WEEKDAY }),
    { lessons: true },
  );
  [teacher, petrova, sidorova] = await Promise.all([server.as('ivanova'), server.as('petrova'), server.as('sidorova')]);
  const group = world.group('Математика', '5А').id;
  const [q1, q2] = world.periodsOf();
  // Written as the journal writes them (period marks are given only in a period's last week, which
  // the clock of this story is not in); in an order other than the year's: the diary orders them.
  const em = server.orm.em.fork();
  const final = (student: string, kind: FinalMarkKind, value: string, period: ReportingPeriod | null = null) =>
    em.create(FinalMark, {
      school: world.school(),
      student: world.user(student),
      group: world.group('Математика', '5А'),
      subject: world.subject('Математика'),
      kind,
      period,
      value,
      points: Number(value),
      enteredBy: world.user('ivanova'),
      enteredAt: NOW,
    });
  final('petya', FinalMarkKind.ANNUAL, '4');
  final('petya', FinalMarkKind.PERIOD, '5', q2);
  final('petya', FinalMarkKind.PERIOD, '4', q1);
  final('vanya', FinalMarkKind.PERIOD, '3', q1);
  await em.flush();
  // Two marks make an average of 3.50; the teacher warns of a 3.
  const lessons = await server.orm.em.fork().find(Lesson, { group, date: { $in: ['2026-11-23', '2026-11-24'] } }, { orderBy: { date: 'asc' } });
  for (const [i, value] of ['3', '4'].entries()) {
    await teacher.data(`mutation($input: PutMarkInput!) { putMark(input: $input) { id } }`, {
      // Entered after the day of the lesson (issue 18's deadlines): with a reason.
      input: { lessonId: lessons[i].id, studentId: world.user('petya').id, value, workTypeId: world.workType('У').id, reason: 'ответ у доски' },
    });
  }
  await teacher.data(
    `mutation($g: ID!, $s: ID!, $p: ID!) { announceIntendedMark(groupId: $g, studentId: $s, periodId: $p, intendedMark: 3, reason: "не сдана контрольная") { id } }`,
    { g: group, s: world.user('petya').id, p: q2.id },
  );
});
afterAll(() => server.stop());

describe("a year's results in the diary", () => {
  it('shows the parent every period mark in period order, then the annual one', async () => {
    const [q1, q2] = world.periodsOf();
    const { studentYearMarks } = await petrova.data(YEAR, { s: world.user('petya').id, y: world.years.values().next().value!.id });
    expect(studentYearMarks).toEqual([
      { kind: 'PERIOD', value: '4', periodId: q1.id, subject: { name: 'Математика' } },
      { kind: 'PERIOD', value: '5', periodId: q2.id, subject: { name: 'Математика' } },
      { kind: 'ANNUAL', value: '4', periodId: null, subject: { name: 'Математика' } },
    ]);
  });

  it("never shows a parent another family's results", async () => {
    const year = world.years.values().next().value!.id;
    expect(errorOf(await petrova.execute(YEAR, { s: world.user('vanya').id, y: year })).code).toBe('NOT_FOUND');
    const { studentYearMarks } = await sidorova.data(YEAR, { s: world.user('vanya').id, y: year });
    expect(studentYearMarks.map((m: { value: string }) => m.value)).toEqual(['3']);
  });
});

describe('the warning of a period mark below the average (R-J7), for the family', () => {
  it('names the subject and the period, with the average and the reason', async () => {
    const { intendedMarkNotices } = await petrova.data(WARNINGS, { s: world.user('petya').id });
    expect(intendedMarkNotices).toEqual([
      { subjectName: 'Математика', periodId: world.periodsOf()[1].id, intendedMark: 3, average: '3.50', reason: 'не сдана контрольная' },
    ]);
  });

  it('is never shown to another family', async () => {
    expect(errorOf(await sidorova.execute(WARNINGS, { s: world.user('petya').id })).code).toBe('NOT_FOUND');
  });
});
