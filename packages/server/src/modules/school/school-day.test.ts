/**
 * "Today" is the school's own local date (School.timezone), not Moscow's: near local midnight the server judges
 * rights, lessons, the journal's rows and live streams on the calendar of the school they are about.
 *
 * At 2026-11-24 15:30 UTC it is already Wednesday 25 November, 01:30, in Vladivostok (UTC+10) while Moscow is still
 * on Tuesday the 24th; at 21:30 UTC Moscow has turned to the 25th while Kaliningrad (UTC+2) is still on the 24th, 23:30.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { Role } from '../../policy/roles.js';
import { Lesson } from '../timetable/timetable.entity.js';
import { errorOf, type GraphQLClient } from '../../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { LiveSubscription, wsClient } from '../../realtime/testing/live-client.js';

/** 25 November 01:30 in Vladivostok; 24 November 18:30 in Moscow. */
const VLADIVOSTOK_NIGHT = new Date('2026-11-24T15:30:00Z');
/** 24 November 23:30 in Kaliningrad; 25 November 00:30 in Moscow. */
const KALININGRAD_NIGHT = new Date('2026-11-24T21:30:00Z');
const EVERY_WEEKDAY: [number, number, string][] = [1, 2, 3, 4, 5].map((d) => [d, 1, '21']);
const VLAD = 'Школа № 7 (Владивосток)';
const KGD = 'Школа № 3 (Калининград)';

/** The seed (its grants and consents) is recorded earlier that day; each story then sets its own moment. */
let now = new Date('2026-11-24T06:00:00Z');
let server: TestServer;
let world: SeededWorld;
let db: pg.Client;

/** A school of the zone: 5А with its mathematics and Russian, three pupils and their parents. */
const schoolIn = (name: string, zone: string, p: string) =>
  school(name, { authority: name })
    .inZone(zone)
    .inYear(2026)
    .withSubjects('Математика', 'Русский язык')
    .withStaff(`${p}-math`, 'Лебедева Анна Петровна', [Role.TEACHER])
    .withStaff(`${p}-russian`, 'Новиков Олег Ильич', [Role.TEACHER])
    .withStaff(`${p}-director`, 'Тихонов Виктор Павлович', [Role.DIRECTOR])
    .withClass('5А')
    .withParent(`${p}-mother`, 'Петрова Мария Ивановна')
    .withParent(`${p}-father`, 'Петров Илья Сергеевич')
    .withStudent(`${p}-petya`, 'Петров Пётр', { inClass: '5А', parents: [`${p}-mother`, `${p}-father`] })
    .withStudent(`${p}-kolya`, 'Колесов Николай', { inClass: '5А' })
    .withStudent(`${p}-misha`, 'Михайлов Михаил', { inClass: '5А' })
    .withConsent(`${p}-petya`)
    .withGroup('Математика', '5А', { teacher: `${p}-math`, slots: EVERY_WEEKDAY })
    .withGroup('Русский язык', '5А', { teacher: `${p}-math`, slots: EVERY_WEEKDAY });

/** Links that begin on the 25th and links whose last day is the 24th, as the school recorded them. */
async function datedLinks(schoolName: string, p: string) {
  const id = (login: string) => world.user(login).id;
  const starting = '2026-11-25';
  const lastDay = '2026-11-24';
  await db.query(`update guardianship set starts_on = $1 where parent_id = $2`, [starting, id(`${p}-mother`)]);
  await db.query(`update guardianship set ends_on = $1 where parent_id = $2`, [lastDay, id(`${p}-father`)]);
  await db.query(`update enrolment set starts_on = $1 where student_id = $2`, [starting, id(`${p}-kolya`)]);
  await db.query(`update enrolment set ends_on = $1 where student_id = $2`, [lastDay, id(`${p}-misha`)]);
  await db.query(`insert into teaching_assignment (id, school_id, group_id, teacher_id, starts_on) values (gen_random_uuid(), $1, $2, $3, $4)`, [
    world.school(schoolName).id,
    world.group('Русский язык', '5А', schoolName).id,
    id(`${p}-russian`),
    starting,
  ]);
}

beforeAll(async () => {
  server = await startTestServer({ clock: () => now });
  world = await server.seed([schoolIn(VLAD, 'Asia/Vladivostok', 'v'), schoolIn(KGD, 'Europe/Kaliningrad', 'k')], { lessons: true });
  db = new pg.Client({ connectionString: server.databaseUrl });
  await db.connect();
  await datedLinks(VLAD, 'v');
  await datedLinks(KGD, 'k');
});
afterAll(async () => {
  await db?.end();
  await server?.stop();
});

const DIARY = `query($s: ID!) { diary(studentId: $s, weekOf: "2026-11-23") { marks { value date } } }`;
const JOURNAL = `query($g: ID!, $p: ID!) { journal(groupId: $g, periodId: $p) { students { fullName } } }`;
const TODAY = `query($id: ID!) { school(id: $id) { today currentYear { name } } }`;

async function lessonOn(schoolName: string, subject: string, date: string) {
  return server.orm.em.fork().findOneOrFail(Lesson, { group: world.group(subject, '5А', schoolName), date });
}

/** A pupil's mark (Petya's unless named) for a lesson: an oral answer ('У', due the same day) unless another work type is named. */
async function putMark(by: GraphQLClient, schoolName: string, p: string, subject: string, date: string, workType = 'У', pupil = 'petya') {
  const lesson = await lessonOn(schoolName, subject, date);
  return by.execute<{ putMark: { id: string } }>(`mutation($i: PutMarkInput!) { putMark(input: $i) { id } }`, {
    i: { lessonId: lesson.id, studentId: world.user(`${p}-${pupil}`).id, value: '5', workTypeId: world.workType(workType, schoolName).id },
  });
}

async function journalRows(schoolName: string, p: string) {
  const teacher = await server.as(`${p}-math`);
  const page = await teacher.data<{ journal: { students: { fullName: string }[] } }>(JOURNAL, {
    g: world.group('Математика', '5А', schoolName).id,
    p: world.periodsOf(schoolName)[1].id,
  });
  return page.journal.students.map((s) => s.fullName);
}

async function diarySubscription(client: GraphQLClient, p: string) {
  const opened = server.app.realtime.opened;
  const sub = new LiveSubscription<{ diaryEvents: { id: string; mark: { id: string } | null } }>(
    wsClient(server.url, client.token),
    `subscription($s: ID!) { diaryEvents(studentId: $s) { id mark { id } } }`,
    { s: world.user(`${p}-petya`).id },
  );
  await sub.until(() => server.app.realtime.opened > opened || sub.refused !== null, 5000, 'the subscription');
  return sub;
}

describe('a school in Vladivostok, at 01:30 on its 25 November (Moscow is still on the 24th)', () => {
  beforeAll(() => {
    now = VLADIVOSTOK_NIGHT;
  });

  it("gives the parent linked from the 25th the child's diary, and the one whose link ended on the 24th nothing", async () => {
    const petya = world.user('v-petya').id;
    expect((await (await server.as('v-mother')).execute(DIARY, { s: petya })).errors).toBeUndefined();
    expect(errorOf(await (await server.as('v-father')).execute(DIARY, { s: petya })).code).toBe('NOT_FOUND');
  });

  it("lets the teacher assigned from the 25th mark that day's lesson, which has begun (not LESSON_NOT_STARTED)", async () => {
    const russian = await putMark(await server.as('v-russian'), VLAD, 'v', 'Русский язык', '2026-11-25');
    expect(russian.errors).toBeUndefined();
    const math = await putMark(await server.as('v-math'), VLAD, 'v', 'Математика', '2026-11-25');
    expect(math.errors).toBeUndefined();
  });

  it("shows the journal's rows as of the 25th, and the school's today is the 25th", async () => {
    expect(await journalRows(VLAD, 'v')).toEqual(['Колесов Николай', 'Петров Пётр']);
    const { school: s } = await (await server.as('v-director')).data(TODAY, { id: world.school(VLAD).id });
    expect(s.today).toBe('2026-11-25');
  });

  it("brings the parent linked from the 25th a live mark of the 25th (the realtime viewer's day)", async () => {
    const sub = await diarySubscription(await server.as('v-mother'), 'v');
    expect(sub.refused).toBeNull();
    const mark = await putMark(await server.as('v-math'), VLAD, 'v', 'Математика', '2026-11-25', 'КР');
    expect(mark.errors).toBeUndefined();
    await sub.count(1);
    expect(sub.events.map((e) => e.data.diaryEvents.mark?.id)).toEqual([mark.data!.putMark.id]);
    sub.stop();
  });
  it("routes a live mark of the pupil enrolled from the 25th to the class stream (routes on the school's day)", async () => {
    const opened = server.app.realtime.opened;
    const sub = new LiveSubscription<{ classEvents: { id: string; student: { shortName: string } | null } }>(
      wsClient(server.url, (await server.as('v-director')).token),
      `subscription($c: ID!) { classEvents(classId: $c) { id student { shortName } } }`,
      { c: world.class('5А', VLAD).id },
    );
    await sub.until(() => server.app.realtime.opened > opened || sub.refused !== null, 5000, 'the subscription');
    expect(sub.refused).toBeNull();
    expect((await putMark(await server.as('v-math'), VLAD, 'v', 'Математика', '2026-11-25', 'КР', 'kolya')).errors).toBeUndefined();
    await sub.count(1);
    expect(sub.events.map((e) => e.data.classEvents.student?.shortName)).toEqual(['Колесов Н.']);
    sub.stop();
  });

  it("ends a live diary at the school's midnight, not Moscow's, for the parent whose link ended on the 24th (the kept viewer's day)", async () => {
    // 23:30 on the 24th in Vladivostok: the father's link is still in force, and his stream opens.
    now = new Date('2026-11-24T13:30:00Z');
    const sub = await diarySubscription(await server.as('v-father'), 'v');
    expect(sub.refused).toBeNull();
    const before = await putMark(await server.as('v-math'), VLAD, 'v', 'Математика', '2026-11-24');
    expect(before.errors).toBeUndefined();
    await sub.count(1);

    // 01:30 on the 25th there (18:30 in Moscow, still the 24th): the next event finds him no longer a parent.
    now = VLADIVOSTOK_NIGHT;
    expect((await putMark(await server.as('v-math'), VLAD, 'v', 'Математика', '2026-11-25', 'СР')).errors).toBeUndefined();
    await sub.ended();
    expect(sub.events.map((e) => e.data.diaryEvents.mark?.id)).toEqual([before.data!.putMark.id]);
    expect(sub.failures[0]?.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('a school in Kaliningrad, at 23:30 on its 24 November (Moscow is already on the 25th)', () => {
  beforeAll(() => {
    now = KALININGRAD_NIGHT;
  });

  it('keeps the diary open to the parent whose link ends on the 24th, and not yet to the one linked from the 25th', async () => {
    const petya = world.user('k-petya').id;
    expect((await (await server.as('k-father')).execute(DIARY, { s: petya })).errors).toBeUndefined();
    expect(errorOf(await (await server.as('k-mother')).execute(DIARY, { s: petya })).code).toBe('NOT_FOUND');
  });

  it("refuses a mark for the 25th's lesson (LESSON_NOT_STARTED) and the teacher assigned from the 25th", async () => {
    expect(errorOf(await putMark(await server.as('k-math'), KGD, 'k', 'Математика', '2026-11-25')).reason).toBe('LESSON_NOT_STARTED');
    expect(errorOf(await putMark(await server.as('k-russian'), KGD, 'k', 'Русский язык', '2026-11-24')).code).toBe('FORBIDDEN');
    expect((await putMark(await server.as('k-math'), KGD, 'k', 'Математика', '2026-11-24')).errors).toBeUndefined();
  });

  it("shows the journal's rows as of the 24th, and the school's today is the 24th", async () => {
    expect(await journalRows(KGD, 'k')).toEqual(['Михайлов Михаил', 'Петров Пётр']);
    const { school: s } = await (await server.as('k-director')).data(TODAY, { id: world.school(KGD).id });
    expect(s.today).toBe('2026-11-24');
  });

  it("brings the parent whose link ends on the 24th a live mark that evening (the realtime viewer's day)", async () => {
    const sub = await diarySubscription(await server.as('k-father'), 'k');
    expect(sub.refused).toBeNull();
    const mark = await putMark(await server.as('k-math'), KGD, 'k', 'Математика', '2026-11-24', 'КР');
    expect(mark.errors).toBeUndefined();
    await sub.count(1);
    expect(sub.events.map((e) => e.data.diaryEvents.mark?.id)).toEqual([mark.data!.putMark.id]);
    sub.stop();
  });
});
