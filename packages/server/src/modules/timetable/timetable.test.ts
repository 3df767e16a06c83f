import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { type GraphQLClient, errorOf } from '../../testing/graphql-client.js';
import { Consent } from '../people/consent.entity.js';
import { Role } from '../../policy/roles.js';
import { Lesson } from './timetable.entity.js';

let server: TestServer;
let world: SeededWorld;
let director: GraphQLClient;
let mathGroupId: string;
let secondQuarterId: string;

const SET_SLOT = `mutation($input: SetTimetableSlotInput!) { setTimetableSlot(input: $input) { weekday lessonNumber room teacher { shortName } } }`;

beforeAll(async () => {
  // Monday 9 November 2026: a substitute records their substitution on the day of the lesson.
  server = await startTestServer({ clock: () => new Date('2026-11-09T09:00:00Z') });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика', 'Русский язык')
      .withStaff('director', 'Тихонов Виктор Павлович', [Role.DIRECTOR])
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withStaff('smirnov', 'Смирнов Олег Ильич', [Role.TEACHER])
      .withClass('5А', { classTeacher: 'ivanova' })
      .withClass('6А')
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withParent('sidorova', 'Сидорова Нина Павловна')
      .withStudent('vanya', 'Сидоров Иван', { inClass: '6А', parents: ['sidorova'] }),
  );
  director = await server.as('director');
  const yearId = world.years.get('Школа № 1')!.id;
  const createGroup = (classId: string, subjectId: string, teacherId: string) =>
    director.data(`mutation($input: CreateStudyGroupInput!) { createStudyGroup(input: $input) { id } }`, {
      input: { yearId, subjectId, kind: 'WHOLE_CLASS', classId, teacherId },
    });
  mathGroupId = (await createGroup(world.class('5А').id, world.subject('Математика').id, world.user('ivanova').id)).createStudyGroup.id;
  await createGroup(world.class('6А').id, world.subject('Русский язык').id, world.user('smirnov').id);
  const { school: s } = await director.data(`query($id: ID!) { school(id: $id) { currentYear { periods { id number } } } }`, {
    id: world.school().id,
  });
  secondQuarterId = s.currentYear.periods.find((p: { number: number }) => p.number === 2).id;
});
afterAll(() => server.stop());

describe('the weekly timetable', () => {
  it('puts 5А mathematics on Monday 1st and Wednesday 2nd lesson', async () => {
    for (const [weekday, lessonNumber] of [
      [1, 1],
      [3, 2],
    ]) {
      const { setTimetableSlot } = await director.data(SET_SLOT, {
        input: { periodId: secondQuarterId, groupId: mathGroupId, weekday, lessonNumber, teacherId: world.user('ivanova').id, room: '21' },
      });
      expect(setTimetableSlot).toEqual({ weekday, lessonNumber, room: '21', teacher: { shortName: 'Иванова А. П.' } });
    }
    const { timetable } = await director.data(`query($g: ID!, $p: ID!) { timetable(groupId: $g, periodId: $p) { weekday lessonNumber } }`, {
      g: mathGroupId,
      p: secondQuarterId,
    });
    expect(timetable).toEqual([
      { weekday: 1, lessonNumber: 1 },
      { weekday: 3, lessonNumber: 2 },
    ]);
  });

  it('refuses to put a teacher in two classes at once, or two classes in one room', async () => {
    const { school: s } = await director.data(`query($id: ID!) { school(id: $id) { currentYear { groups { id name subject { name } } } } }`, {
      id: world.school().id,
    });
    const sixA = s.currentYear.groups.find((g: { name: string }) => g.name === '6А').id;
    const busyTeacher = await director.execute(SET_SLOT, {
      input: { periodId: secondQuarterId, groupId: sixA, weekday: 1, lessonNumber: 1, teacherId: world.user('ivanova').id },
    });
    expect(errorOf(busyTeacher)).toMatchObject({ code: 'BAD_USER_INPUT', message: 'The teacher already teaches 5А on Monday, lesson 1.' });
    const busyRoom = await director.execute(SET_SLOT, {
      input: { periodId: secondQuarterId, groupId: sixA, weekday: 1, lessonNumber: 1, teacherId: world.user('smirnov').id, room: '21' },
    });
    expect(errorOf(busyRoom)).toMatchObject({ code: 'BAD_USER_INPUT', message: 'Room 21 is taken by 5А on Monday, lesson 1.' });
  });
});

describe('dated lessons', () => {
  it('generates the lessons of the quarter, skipping a holiday, and only once', async () => {
    await director.data(`mutation($input: AddHolidayInput!) { addHoliday(input: $input) { id } }`, {
      input: { yearId: world.years.get('Школа № 1')!.id, name: 'Карантин', startsOn: '2026-11-18', endsOn: '2026-11-18' },
    });
    // 2nd quarter 2026: 5 Nov – 28 Dec; 8 Mondays and 7 Wednesdays, one of which (18 Nov) is now a holiday.
    expect(await director.data(`mutation($p: ID!) { generateLessons(periodId: $p) }`, { p: secondQuarterId })).toEqual({ generateLessons: 14 });
    expect(await director.data(`mutation($p: ID!) { generateLessons(periodId: $p) }`, { p: secondQuarterId })).toEqual({ generateLessons: 0 });
    expect(await server.orm.em.fork().count(Lesson, { date: '2026-11-18' })).toBe(0);
  });

  it('refuses an extra lesson on a holiday, naming the holiday', async () => {
    const result = await director.execute(`mutation($input: AddLessonInput!) { addLesson(input: $input) { id } }`, {
      input: { groupId: mathGroupId, date: '2026-11-18', lessonNumber: 5 },
    });
    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', message: '2026-11-18 is a holiday (Карантин): no lessons on that day.' });
  });

  it('records a substitution asked for by the substitute themself, waiting for approval', async () => {
    const { lessons } = await director.data(`query($g: ID!) { lessons(groupId: $g, from: "2026-11-09", to: "2026-11-09") { id } }`, { g: mathGroupId });
    const substitute = await server.as('smirnov');
    const { recordSubstitution } = await substitute.data(
      `mutation($input: RecordSubstitutionInput!) { recordSubstitution(input: $input) { teacher { shortName } substitute { shortName } substitutionReason substitutionApproved } }`,
      { input: { lessonId: lessons[0].id, substituteId: world.user('smirnov').id, reason: 'болезнь учителя' } },
    );
    expect(recordSubstitution).toEqual({
      teacher: { shortName: 'Иванова А. П.' },
      substitute: { shortName: 'Смирнов О. И.' },
      substitutionReason: 'болезнь учителя',
      substitutionApproved: false,
    });
  });
});

describe("a student's week", () => {
  const WEEK = `query($s: ID!) { studentWeek(studentId: $s, weekOf: "2026-11-11") { date lessonNumber subject { name } room } }`;

  it('is closed to a parent until their consent is recorded', async () => {
    const parent = await server.as('petrova');
    expect(errorOf(await parent.execute(WEEK, { s: world.user('petya').id }))).toMatchObject({ code: 'FORBIDDEN', reason: 'CONSENT_REQUIRED' });
  });

  it("shows the parent their child's lessons once consent is on record", async () => {
    const em = server.orm.em.fork();
    em.create(Consent, { school: world.school().id, student: world.user('petya').id, givenBy: world.user('petrova').id, givenAt: server.clock() });
    await em.flush();
    const parent = await server.as('petrova');
    expect((await parent.data(WEEK, { s: world.user('petya').id })).studentWeek).toEqual([
      { date: '2026-11-09', lessonNumber: 1, subject: { name: 'Математика' }, room: '21' },
      { date: '2026-11-11', lessonNumber: 2, subject: { name: 'Математика' }, room: '21' },
    ]);
  });

  it("answers another family's child exactly as a child that does not exist", async () => {
    const stranger = await server.as('sidorova');
    const other = errorOf(await stranger.execute(WEEK, { s: world.user('petya').id }));
    const missing = errorOf(await stranger.execute(WEEK, { s: '00000000-0000-4000-8000-000000000000' }));
    expect(other).toEqual(missing);
    expect(other.code).toBe('NOT_FOUND');
  });
});
