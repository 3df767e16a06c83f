/**
 * Live connections keep their viewer per process (policy/viewer.ts, `ViewerCache`); every change of a
 * right, by whatever writer, invalidates it on the same ordered feed as the events (triggers in
 * Migration20261202110000_live_viewer_changed). So the next event after a change is decided with the new
 * right, with no wait in between: rights are changed here by plain SQL, as any writer could.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../db/seeders/school-builder.js';
import { Role } from '../policy/roles.js';
import { Lesson } from '../modules/timetable/timetable.entity.js';
import type { GraphQLClient } from '../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { LiveSubscription, wsClient } from './testing/live-client.js';

/** Wednesday 25 November 2026, noon in Moscow. */
const NOW = new Date('2026-11-25T09:00:00Z');
const EVERY_WEEKDAY: [number, number, string][] = [1, 2, 3, 4, 5].map((d) => [d, 1, '21']);
const DIARY = `subscription($s: ID!) { diaryEvents(studentId: $s) { id mark { id } } }`;
type DiaryData = { diaryEvents: { id: string; mark: { id: string } | null } };

let server: TestServer;
let world: SeededWorld;
let db: pg.Client;

async function putMark(by: GraphQLClient, subject: string): Promise<string> {
  const lesson = await server.orm.em.fork().findOneOrFail(Lesson, { group: world.group(subject, '5А'), date: '2026-11-25' });
  const { putMark: mark } = await by.data<{ putMark: { id: string } }>(`mutation($i: PutMarkInput!) { putMark(input: $i) { id } }`, {
    i: { lessonId: lesson.id, studentId: world.user('petya').id, value: '4', workTypeId: world.workType('У').id },
  });
  return mark.id;
}

async function subscribe(client: GraphQLClient) {
  const opened = server.app.realtime.opened;
  const sub = new LiveSubscription<DiaryData>(wsClient(server.url, client.token), DIARY, { s: world.user('petya').id });
  await sub.until(() => server.app.realtime.opened > opened || sub.refused !== null, 5000, 'the subscription');
  return sub;
}

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика', 'Русский язык')
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withStaff('smirnov', 'Смирнов Олег Ильич', [Role.TEACHER])
      .withClass('5А')
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withConsent('petya', 'petrova')
      .withGroup('Математика', '5А', { teacher: 'ivanova', slots: EVERY_WEEKDAY })
      .withGroup('Русский язык', '5А', { teacher: 'smirnov', slots: EVERY_WEEKDAY }),
    { lessons: true },
  );
  db = new pg.Client({ connectionString: server.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await server?.stop();
});

describe("a teacher watching a pupil's diary live", () => {
  it('sees the marks of a group from the first event after she is given it, and nothing once the pupil has left', async () => {
    const ivanova = await server.as('ivanova');
    const smirnov = await server.as('smirnov');
    const sub = await subscribe(ivanova);

    // Not her group: skipped. Her own mark comes after it in commit order, so it was decided by then.
    await putMark(smirnov, 'Русский язык');
    const own = await putMark(ivanova, 'Математика');
    await sub.count(1);
    expect(sub.events.map((e) => e.data.diaryEvents.mark?.id)).toEqual([own]);

    // She is given the Russian group (one person's viewer changes): the very next mark there reaches her.
    await db.query(`insert into teaching_assignment (id, school_id, group_id, teacher_id, starts_on) values (gen_random_uuid(), $1, $2, $3, '2026-09-01')`, [
      world.school().id,
      world.group('Русский язык', '5А').id,
      world.user('ivanova').id,
    ]);
    const russian = await putMark(smirnov, 'Русский язык');
    await sub.count(2);
    expect(sub.events.map((e) => e.data.diaryEvents.mark?.id)).toEqual([own, russian]);

    // The pupil leaves the class (an enrolment: anyone's viewer may change): the next event ends her stream.
    await db.query(`update enrolment set ends_on = '2026-11-24' where student_id = $1`, [world.user('petya').id]);
    await db.query(`insert into domain_event (school_id, type, student_id, group_id, payload, at) values ($1, 'mark.changed', $2, $3, $4, now())`, [
      world.school().id,
      world.user('petya').id,
      world.group('Математика', '5А').id,
      { markId: own },
    ]);
    await sub.ended();
    expect(sub.events).toHaveLength(2);
    expect(sub.failures[0]?.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
