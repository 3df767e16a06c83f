/**
 * The objects a notification carries (Migration20261203071001_announce_objects) are the objects a read gives:
 * for each kind carried, the event delivered live (made of the notification, nothing read) and the same
 * event replayed from the outbox (its objects read after the commit, affected.ts) are the same JSON, for the
 * diary and the class stream alike.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../db/seeders/school-builder.js';
import { Role } from '../policy/roles.js';
import { Lesson } from '../modules/timetable/timetable.entity.js';
import type { GraphQLClient } from '../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { LiveSubscription, wsClient } from './testing/live-client.js';
import { OUTBOX_CHANNEL } from './publisher.js';

/** Wednesday 25 November 2026, noon in Moscow. */
const NOW = new Date('2026-11-25T09:00:00Z');
const EVERY_WEEKDAY: [number, number, string][] = [1, 2, 3, 4, 5].map((d) => [d, 1, '21']);

/** Every field of the carried objects, and what execution loads beside them (work type, subject, student). */
const EVENT = `id type at
  mark { id value weight comment enteredAt backdated retracted retractedAt flagged version date lessonId studentId
    workType { id code name weight } subject { id name shortName } }
  attendance { id status minutesLate version date lessonId studentId }
  remark { id kind text at lessonId studentId }`;
const DIARY = `subscription($s: ID!, $after: ID) { diaryEvents(studentId: $s, after: $after) { ${EVENT} } }`;
const CLASS = `subscription($c: ID!, $after: ID) { classEvents(classId: $c, after: $after) { ${EVENT} student { id shortName } } }`;

type Event = { id: string; type: string } & Record<string, unknown>;

let server: TestServer;
let world: SeededWorld;
let teacher: GraphQLClient;
let parent: GraphQLClient;
let classTeacher: GraphQLClient;
let listener: pg.Client;
/** The notifications of the outbox, as sent. */
const announced: { id: string; type?: string; objects?: unknown }[] = [];

const lessonOn = (date: string) => server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date });

async function subscribe(client: GraphQLClient, query: string, variables: Record<string, unknown>) {
  const sub = new LiveSubscription<Record<string, Event>>(wsClient(server.url, client.token), query, variables);
  const opened = server.app.realtime.opened;
  while (server.app.realtime.opened <= opened && sub.refused === null) await new Promise((resolve) => setTimeout(resolve, 10));
  return sub;
}

/** The next event of `sub` after it has `seen` events. */
async function nextEvent(sub: LiveSubscription<Record<string, Event>>, field: string, seen: number): Promise<Event> {
  await sub.count(seen + 1);
  return sub.events[seen].data[field];
}

/** The notification of event `id` (the listener may hear it after the server delivered the event). */
async function notification(id: string) {
  for (const until = Date.now() + 5000; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 10))) {
    const found = announced.find((a) => a.id === id);
    if (found) return found;
  }
  throw new Error(`no notification of event ${id}`);
}

/** The event `id` once `sub` has replayed it. */
async function replayed(sub: LiveSubscription<Record<string, Event>>, field: string, id: string): Promise<Event> {
  const find = () => sub.events.find((e) => e.data[field].id === id)?.data[field];
  await sub.until(() => !!find(), 10_000, `event ${id}`);
  return find()!;
}

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withStaff('smirnov', 'Смирнов Олег Ильич', [Role.TEACHER])
      .withClass('5А', { classTeacher: 'smirnov' })
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withConsent('petya', 'petrova')
      .withGroup('Математика', '5А', { teacher: 'ivanova', slots: EVERY_WEEKDAY }),
    { lessons: true },
  );
  teacher = await server.as('ivanova');
  parent = await server.as('petrova');
  classTeacher = await server.as('smirnov');
  listener = new pg.Client({ connectionString: server.databaseUrl });
  await listener.connect();
  listener.on('notification', (msg) => {
    if (msg.channel === OUTBOX_CHANNEL && msg.payload) announced.push(JSON.parse(msg.payload) as { id: string; objects?: unknown });
  });
  await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
});
afterAll(async () => {
  await listener?.end();
  await server?.stop();
});

describe('an event announced with its objects', () => {
  it('is the same JSON live as replayed from the outbox, for every kind carried', async () => {
    const petya = world.user('petya').id;
    const diary = await subscribe(parent, DIARY, { s: petya });
    const monitor = await subscribe(classTeacher, CLASS, { c: world.class('5А').id });
    const today = await lessonOn('2026-11-25');
    const monday = await lessonOn('2026-11-23');
    // A mark to change, then retract.
    const { putMark: changed } = await teacher.data<{ putMark: { id: string } }>(`mutation($i: PutMarkInput!) { putMark(input: $i) { id } }`, {
      i: { lessonId: today.id, studentId: petya, value: '2', workTypeId: world.workType('У').id },
    });
    await diary.count(1);
    await monitor.count(1);
    // One event per write; each object is left as its event made it until it is compared, so a read after the commit finds the same.
    const writes: [kind: string, write: () => Promise<unknown>][] = [
      [
        'MARK_CREATED',
        () =>
          teacher.data(`mutation($i: PutMarkInput!) { putMark(input: $i) { id } }`, {
            i: { lessonId: monday.id, studentId: petya, value: '4', workTypeId: world.workType('КР').id, comment: 'Без ошибок в решении' },
          }),
      ],
      [
        'MARK_CHANGED',
        () =>
          teacher.data(`mutation($i: ChangeMarkInput!) { changeMark(input: $i) { version } }`, {
            i: { markId: changed.id, version: 1, value: '3', reason: 'пересчёт баллов' },
          }),
      ],
      ['MARK_RETRACTED', () => teacher.data(`mutation($m: ID!) { retractMark(markId: $m, version: 2, reason: "не тому ученику") { id } }`, { m: changed.id })],
      [
        'ATTENDANCE_CHANGED',
        () =>
          teacher.data(`mutation($i: SetAttendanceInput!) { setAttendance(input: $i) { status } }`, {
            i: { lessonId: today.id, studentId: petya, status: 'LATE', minutesLate: 7 },
          }),
      ],
      [
        'REMARK_ADDED',
        () =>
          teacher.data(`mutation($i: AddRemarkInput!) { addRemark(input: $i) { id } }`, {
            i: { lessonId: today.id, studentId: petya, kind: 'PRAISE', text: 'Отлично решил задачу у доски' },
          }),
      ],
    ];
    for (const [kind, write] of writes) {
      const seen = { diary: diary.events.length, monitor: monitor.events.length };
      await write();
      const live = { diary: await nextEvent(diary, 'diaryEvents', seen.diary), monitor: await nextEvent(monitor, 'classEvents', seen.monitor) };
      expect(live.diary.type).toBe(kind);
      // It came with its objects: delivered without reading them.
      expect((await notification(live.diary.id)).objects).toBeTruthy();
      // The same event replayed from the outbox, its objects read now.
      const replayDiary = await subscribe(parent, DIARY, { s: petya, after: '0' });
      const replayMonitor = await subscribe(classTeacher, CLASS, { c: world.class('5А').id, after: '0' });
      expect(JSON.stringify(await replayed(replayDiary, 'diaryEvents', live.diary.id))).toBe(JSON.stringify(live.diary));
      expect(JSON.stringify(await replayed(replayMonitor, 'classEvents', live.monitor.id))).toBe(JSON.stringify(live.monitor));
      replayDiary.stop();
      replayMonitor.stop();
    }
    diary.stop();
    monitor.stop();
  });

  it('is announced with its row only when its objects do not fit in a notification, and still delivered', async () => {
    const petya = world.user('petya').id;
    const diary = await subscribe(parent, DIARY, { s: petya });
    const { putMark } = await teacher.data<{ putMark: { id: string } }>(`mutation($i: PutMarkInput!) { putMark(input: $i) { id } }`, {
      i: { lessonId: (await lessonOn('2026-11-25')).id, studentId: petya, value: '5', workTypeId: world.workType('ДЗ').id },
    });
    await diary.count(1);
    // A row that fits in a notification (~7.9 KB) only without the mark: the mark is read after the commit.
    await listener.query(`insert into domain_event (school_id, type, student_id, group_id, payload, at) values ($1, 'mark.changed', $2, $3, $4, now())`, [
      world.school().id,
      petya,
      world.group('Математика', '5А').id,
      { markId: putMark.id, padding: 'x'.repeat(7200) },
    ]);
    const event = await nextEvent(diary, 'diaryEvents', 1);
    expect(event).toMatchObject({ type: 'MARK_CHANGED', mark: { id: putMark.id, value: '5', workType: { code: 'ДЗ' } } });
    expect(JSON.stringify(event.mark)).toBe(JSON.stringify(diary.events[0].data.diaryEvents.mark));
    const announcement = await notification(event.id);
    expect(announcement).toMatchObject({ type: 'mark.changed' });
    expect(announcement.objects).toBeUndefined();
    diary.stop();
  });
});
