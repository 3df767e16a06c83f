/**
 * The class teacher's day (R-A4): the monitor shows every mark and absence of the class today, the
 * absence register shows them over a range; a class teacher sees only their class.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { errorOf, type GraphQLClient } from '../../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { Role } from '../../policy/roles.js';
import { Lesson } from '../timetable/timetable.entity.js';

/** Wednesday 25 November 2026, noon in Moscow. */
const NOW = new Date('2026-11-25T09:00:00Z');
const EVERY_WEEKDAY: [number, number, string][] = [1, 2, 3, 4, 5].map((d) => [d, 1, '21']);

let server: TestServer;
let world: SeededWorld;
let ivanova: GraphQLClient;
let smirnov: GraphQLClient;

const lessonOn = (date: string, className: string) => server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', className), date });

const PUT_MARK = `mutation($input: PutMarkInput!) { putMark(input: $input) { id } }`;
const SET_ATTENDANCE = `mutation($input: SetAttendanceInput!) { setAttendance(input: $input) { id } }`;
const CLASS_DAY = `query($c: ID!, $d: LocalDate) {
  classDay(classId: $c, date: $d) { from to lessons { date lessonNumber } marks { value studentId date } absences { status studentId date minutesLate } }
}`;
const REGISTER = `query($c: ID!, $from: LocalDate!, $to: LocalDate!) {
  absenceRegister(classId: $c, from: $from, to: $to) { from to marks { id } absences { status studentId date } }
}`;

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withStaff('smirnov', 'Смирнов Олег Ильич', [Role.TEACHER])
      .withStaff('orlova', 'Орлова Вера Павловна', [Role.TEACHER])
      .withStaff('director', 'Тихонов Виктор Павлович', [Role.DIRECTOR])
      .withClass('5А', { classTeacher: 'smirnov' })
      .withClass('6А', { classTeacher: 'orlova' })
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр', { inClass: '5А', parents: ['petrova'] })
      .withStudent('vanya', 'Сидоров Иван', { inClass: '5А' })
      .withStudent('katya', 'Котова Екатерина', { inClass: '6А' })
      .withConsent('petya')
      .withGroup('Математика', '5А', { teacher: 'ivanova', slots: EVERY_WEEKDAY })
      .withGroup('Математика', '6А', { teacher: 'ivanova', slots: EVERY_WEEKDAY }),
    { lessons: true },
  );
  ivanova = await server.as('ivanova');
  smirnov = await server.as('smirnov');
  const [today5, yesterday5, today6] = await Promise.all([lessonOn('2026-11-25', '5А'), lessonOn('2026-11-24', '5А'), lessonOn('2026-11-25', '6А')]);
  // Yesterday's entries are late (issue 18's deadlines): they carry a reason.
  const mark = (lessonId: string, student: string, value: string, reason?: string) =>
    ivanova.data(PUT_MARK, { input: { lessonId, studentId: world.user(student).id, value, workTypeId: world.workType('У').id, reason } });
  const attendance = (lessonId: string, student: string, status: string, minutesLate?: number, reason?: string) =>
    ivanova.data(SET_ATTENDANCE, { input: { lessonId, studentId: world.user(student).id, status, minutesLate, reason } });
  // Today: a 5 and a 4 (not only 2s), and yesterday's lesson marked today; an absence and a lateness.
  await mark(today5.id, 'petya', '5');
  await mark(today5.id, 'vanya', '4');
  await mark(yesterday5.id, 'vanya', '2', 'отвечал в конце дня');
  await attendance(today5.id, 'vanya', 'UNEXCUSED');
  await attendance(yesterday5.id, 'petya', 'LATE', 10, 'отмечено на следующий день');
  // The other class, same teacher, same day.
  await mark(today6.id, 'katya', '3');
  await attendance(today6.id, 'katya', 'ILL');
});
afterAll(() => server.stop());

describe("the class teacher's monitor (R-A4)", () => {
  it("shows every mark entered today, whatever its value or lesson, and every absence at today's lessons", async () => {
    const { classDay } = await smirnov.data(CLASS_DAY, { c: world.class('5А').id });
    expect(classDay.from).toBe('2026-11-25'); // the school's today by the server's clock
    expect(classDay.lessons).toEqual([{ date: '2026-11-25', lessonNumber: 1 }]);
    // Entered at the same (pinned) moment: their order among themselves is the rows' own (by id).
    expect(classDay.marks).toHaveLength(3);
    expect(classDay.marks).toEqual(
      expect.arrayContaining([
        { value: '5', studentId: world.user('petya').id, date: '2026-11-25' },
        { value: '4', studentId: world.user('vanya').id, date: '2026-11-25' },
        { value: '2', studentId: world.user('vanya').id, date: '2026-11-24' },
      ]),
    );
    expect(classDay.absences).toEqual([{ status: 'UNEXCUSED', studentId: world.user('vanya').id, date: '2026-11-25', minutesLate: null }]);
  });

  it('another day shows that day: no mark was entered yesterday, the lateness was', async () => {
    const { classDay } = await smirnov.data(CLASS_DAY, { c: world.class('5А').id, d: '2026-11-24' });
    expect(classDay.marks).toEqual([]);
    expect(classDay.absences).toEqual([{ status: 'LATE', studentId: world.user('petya').id, date: '2026-11-24', minutesLate: 10 }]);
  });

  it("never shows another class: its class teacher, a teacher, a parent and another class's teacher are refused", async () => {
    const other = world.class('6А').id;
    expect(errorOf(await smirnov.execute(CLASS_DAY, { c: other })).code).toBe('FORBIDDEN');
    expect(errorOf(await smirnov.execute(REGISTER, { c: other, from: '2026-11-01', to: '2026-11-30' })).code).toBe('FORBIDDEN');
    expect(errorOf(await ivanova.execute(CLASS_DAY, { c: world.class('5А').id })).code).toBe('FORBIDDEN');
    expect(errorOf(await (await server.as('petrova')).execute(CLASS_DAY, { c: world.class('5А').id })).code).toBe('FORBIDDEN');
    const { classDay } = await (await server.as('orlova')).data(CLASS_DAY, { c: other });
    expect(classDay.marks.map((m: { studentId: string }) => m.studentId)).toEqual([world.user('katya').id]);
    expect(classDay.absences.map((a: { studentId: string }) => a.studentId)).toEqual([world.user('katya').id]);
  });

  it('reads a day in the same number of statements whatever the number of marks (one per collection); a repeated read only the class', async () => {
    const WITH_SUBJECTS = `query($c: ID!) { classDay(classId: $c) { lessons { id } marks { value subject { name } } absences { status } } }`;
    const orlova = await server.as('orlova');
    const busy = () =>
      server.countStatements(async () => expect((await smirnov.data(WITH_SUBJECTS, { c: world.class('5А').id })).classDay.marks).toHaveLength(3));
    const quiet = () =>
      server.countStatements(async () => expect((await orlova.data(WITH_SUBJECTS, { c: world.class('6А').id })).classDay.marks).toHaveLength(1));
    server.app.screens.invalidateAll();
    const first = [await busy(), await quiet()];
    expect(first[0]).toBe(first[1]);
    // The session, the class (the access check decides on it), its groups, lessons, absences, marks; the subjects.
    expect(first[0]).toBe(7);
    // Kept by the process (graphql/screen-cache.ts): the session, the class, the subjects.
    expect([await busy(), await quiet()]).toEqual([3, 3]);
  });

  it('the administration sees any class of its school', async () => {
    const { classDay } = await (await server.as('director')).data(CLASS_DAY, { c: world.class('6А').id });
    expect(classDay.marks).toHaveLength(1);
  });
});

describe('the absence register a class teacher keeps', () => {
  it('lists every absence and lateness of the class in the range, in date order, without marks', async () => {
    const { absenceRegister } = await smirnov.data(REGISTER, { c: world.class('5А').id, from: '2026-11-01', to: '2026-11-30' });
    expect(absenceRegister).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      marks: [],
      absences: [
        { status: 'LATE', studentId: world.user('petya').id, date: '2026-11-24' },
        { status: 'UNEXCUSED', studentId: world.user('vanya').id, date: '2026-11-25' },
      ],
    });
  });

  it('refuses a range that ends before it starts or is longer than a quarter, with the field named', async () => {
    const c = world.class('5А').id;
    const refusal = async (from: string, to: string) => (await smirnov.execute(REGISTER, { c, from, to })).errors?.[0]?.extensions;
    expect(await refusal('2026-11-30', '2026-11-01')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    expect(await refusal('2026-09-01', '2027-05-31')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });
});
