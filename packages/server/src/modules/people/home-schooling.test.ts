/**
 * Issue 18 (seed 003 §1.1): pupils with special needs taught at home (обучение на дому, ОВЗ) are kept in the
 * paper journal. The secretary records it from a day on; while it is in force the teacher's journal grid has
 * no row for the pupil (the grid the process keeps included), marks and attendance for them are refused,
 * and the family's diary says the progress is in the paper journal. Ending it brings the pupil back. When
 * several secretaries record it at once, the open period's unique index lets exactly one through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { errorOf, type GraphQLClient } from '../../testing/graphql-client.js';
import { scrapeMetrics } from '../../testing/metrics.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { Lesson } from '../timetable/timetable.entity.js';
import { Consent } from './consent.entity.js';
import { Role } from '../../policy/roles.js';

/** Wednesday 25 November 2026, noon in Moscow. */
const NOW = new Date('2026-11-25T09:00:00Z');
const TODAY = '2026-11-25';

const JOURNAL = `query($g: ID!, $p: ID!) { journal(groupId: $g, periodId: $p) { students { id } } }`;
const DIARY = `query($s: ID!, $w: LocalDate!) { diary(studentId: $s, weekOf: $w) { keptOnPaper } }`;
const START = `mutation($i: StartHomeSchoolingInput!) { startHomeSchooling(input: $i) { id startsOn endsOn } }`;
const END = `mutation($i: EndHomeSchoolingInput!) { endHomeSchooling(input: $i) { id startsOn endsOn } }`;
const PUT_MARK = `mutation($i: PutMarkInput!) { putMark(input: $i) { id } }`;
const SET_ATTENDANCE = `mutation($i: SetAttendanceInput!) { setAttendance(input: $i) { status } }`;

let server: TestServer;
let world: SeededWorld;
let teacher: GraphQLClient;
let secretary: GraphQLClient;
let mama: GraphQLClient;
let todaysLesson: string;

beforeAll(async () => {
  // The kept journal grid shows a change at once by the commit fence alone.
  server = await startTestServer({ clock: () => NOW, withoutFeed: true });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withStaff('secretary', 'Зуева Наталья Олеговна', [Role.SECRETARY])
      .withClass('5А')
      .withClass('5Б')
      .withParent('mama', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['mama'] })
      .withStudent('vanya', 'Сидоров Иван Олегович', { inClass: '5А' })
      .withStudent('kolya', 'Козлов Николай Андреевич', { inClass: '5Б' })
      .withGroup('Математика', '5А', { teacher: 'ivanova', slots: [1, 2, 3].map((d) => [d, 2, '21'] as [number, number, string]) }),
    { lessons: true },
  );
  const em = server.orm.em.fork();
  todaysLesson = (await em.findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date: TODAY })).id;
  em.create(Consent, { school: world.school(), student: world.user('petya'), givenBy: world.user('mama'), givenAt: NOW });
  await em.flush();
  [teacher, secretary, mama] = await Promise.all(['ivanova', 'secretary', 'mama'].map((login) => server.as(login)));
});
afterAll(() => server.stop());

const petya = () => world.user('petya').id;
const vanya = () => world.user('vanya').id;
const page = () => ({ g: world.group('Математика', '5А').id, p: world.periodsOf()[1].id });
const roster = async () => ((await teacher.data(JOURNAL, page())).journal.students as { id: string }[]).map((s) => s.id).sort();
const keptOnPaper = async (weekOf: string) => (await mama.data(DIARY, { s: petya(), w: weekOf })).diary.keptOnPaper as boolean;
const hits = async () => (await scrapeMetrics(server.url)).value('dnevnik_screen_cache_total', { screen: 'journal', outcome: 'hit' }) ?? 0;
const count = async (table: string) => Number((await server.orm.em.getConnection().execute<{ n: string }[]>(`select count(*) as n from ${table}`))[0].n);
const mark = () => ({ i: { lessonId: todaysLesson, studentId: petya(), value: '5', workTypeId: world.workType('У').id } });

describe('обучение на дому (ОВЗ)', () => {
  let periodId: string;

  it('a teacher cannot record it: refused, nothing written', async () => {
    const result = await teacher.execute(START, { i: { studentId: petya(), startsOn: '2026-11-23' } });
    expect(errorOf(result)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await count('home_schooling')).toBe(0);
  });

  it('the secretary records it, with its audit row; the journal grid the process keeps loses the pupil on the next read', async () => {
    const everyone = [petya(), vanya()].sort();
    await roster();
    const before = await hits();
    expect(await roster()).toEqual(everyone);
    expect(await hits()).toBe(before + 1); // kept

    const { startHomeSchooling } = await secretary.data(START, { i: { studentId: petya(), startsOn: '2026-11-23' } });
    expect(startHomeSchooling).toMatchObject({ startsOn: '2026-11-23', endsOn: null });
    periodId = startHomeSchooling.id;
    const audits = await server.orm.em.getConnection().execute<{ action: string }[]>(`select action from audit_event where entity_id = ?`, [periodId]);
    expect(audits.map((a) => a.action)).toEqual(['homeSchooling.start']);

    // At once: the answer came after the process dropped what the commit touched (graphql/screen-fence.ts).
    expect(await roster()).toEqual([vanya()]);
  });

  it('a mark or an absence for the pupil is refused with HOME_SCHOOLED and writes nothing', async () => {
    const [marks, attendance] = [await count('mark'), await count('attendance')];
    expect(errorOf(await teacher.execute(PUT_MARK, mark()))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'HOME_SCHOOLED' });
    expect(errorOf(await teacher.execute(SET_ATTENDANCE, { i: { lessonId: todaysLesson, studentId: petya(), status: 'ILL' } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'HOME_SCHOOLED',
    });
    expect([await count('mark'), await count('attendance')]).toEqual([marks, attendance]);
  });

  it("the family's diary says the progress is kept in the paper journal (the week before it began does not)", async () => {
    expect(await keptOnPaper(TODAY)).toBe(true);
    expect(await keptOnPaper('2026-11-16')).toBe(false);
  });

  it('a second period while one is open is refused by the constraint', async () => {
    const result = await secretary.execute(START, { i: { studentId: petya(), startsOn: '2026-12-01' } });
    expect(errorOf(result)).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_HOME_SCHOOLED' });
    expect(await count('home_schooling')).toBe(1);
  });

  it('ended, the pupil is back in the journal from the next day; marks go in again', async () => {
    const { endHomeSchooling } = await secretary.data(END, { i: { homeSchoolingId: periodId, endsOn: '2026-11-24' } });
    expect(endHomeSchooling).toMatchObject({ startsOn: '2026-11-23', endsOn: '2026-11-24' });
    expect(await roster()).toEqual([petya(), vanya()].sort());
    expect((await teacher.data(PUT_MARK, mark())).putMark.id).toBeTruthy();
    expect(await keptOnPaper('2026-11-30')).toBe(false);
    expect(errorOf(await secretary.execute(END, { i: { homeSchoolingId: periodId, endsOn: '2026-11-27' } }))).toMatchObject({ reason: 'HOME_SCHOOLING_ENDED' });
  });
});

describe('обучение на дому recorded for one pupil from 20 sessions at once', () => {
  const WRITERS = 20;

  it('is one open period with one audit row; every other request is refused with ALREADY_HOME_SCHOOLED and writes nothing', async () => {
    const kolya = world.user('kolya').id;
    const sessions = await Promise.all(Array.from({ length: 4 }, () => server.as('secretary')));
    const events = await count('domain_event');

    // Each secretary picks one of five first days: whichever commits first, the others find a period open.
    const answers = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) => sessions[i % sessions.length].execute(START, { i: { studentId: kolya, startsOn: `2026-11-${16 + (i % 5)}` } })),
    );

    const refused = answers.filter((a) => a.errors);
    expect(answers.length - refused.length).toBe(1);
    expect(new Set(refused.map((a) => `${String(errorOf(a).code)}/${String(errorOf(a).reason)}`))).toEqual(new Set(['CONFLICT/ALREADY_HOME_SCHOOLED']));
    expect(await count(`home_schooling where student_id = '${kolya}'`)).toBe(1);
    expect(await count(`audit_event where action = 'homeSchooling.start' and data->>'studentId' = '${kolya}'`)).toBe(1);
    expect(await count('domain_event')).toBe(events);
  });
});
