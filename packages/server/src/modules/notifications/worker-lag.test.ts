/**
 * Issue 15: a worker that stops telling people must show on /metrics. The backlog of each school
 * (outbox events after the worker's cursor) is read at each scrape: it grows while no worker runs,
 * the worker flags (and logs) a backlog that grows round after round, and it is back to 0 once the
 * worker has caught up.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { scrapeMetrics } from '../../testing/metrics.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { Role } from '../../policy/roles.js';
import { Lesson } from '../timetable/timetable.entity.js';
import { LAG_GROWTH_ROUNDS, NotificationWorker } from './worker.js';

const NOW = new Date('2026-11-25T09:00:00Z');
const PUT_MARK = `mutation($input: PutMarkInput!) { putMark(input: $input) { id } }`;

let server: TestServer;
let world: SeededWorld;
let worker: NotificationWorker;
const warnings: string[] = [];

async function putMarks(count: number) {
  const teacher = await server.as('ivanova');
  const lesson = await server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date: '2026-11-25' });
  for (let i = 0; i < count; i++) {
    await teacher.data(PUT_MARK, { input: { lessonId: lesson.id, studentId: world.user('petya').id, value: '5', workTypeId: world.workType('У').id } });
  }
}

const scrape = async () => {
  const metrics = await scrapeMetrics(server.url);
  const school = { school: world.school().id };
  return {
    events: metrics.value('dnevnik_notification_lag_events', school),
    oldestSeconds: metrics.value('dnevnik_notification_lag_seconds', school)!,
    fallingBehind: metrics.value('dnevnik_notification_falling_behind', school),
  };
};

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withClass('5А')
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withConsent('petya')
      .withGroup('Математика', '5А', { teacher: 'ivanova', slots: [[3, 1]] }),
    { lessons: true },
  );
  const log = pino({ level: 'warn' }, { write: (line: string) => warnings.push((JSON.parse(line) as { msg: string }).msg) });
  // Two events a round: a backlog builds up quickly.
  worker = new NotificationWorker(server.orm, log, { mailFrom: 'Дневник <noreply@school.test>', batchSize: 2, metrics: server.app.metrics }, () => NOW);
  await worker.round();
});
afterAll(async () => {
  worker.close();
  await server.stop();
});

describe('/metrics and the notification backlog', () => {
  it('shows the backlog growing while the worker is stopped, flags a worker falling behind, and is back to 0 after rounds', async () => {
    // Whatever the seed wrote is read: nothing behind.
    while ((await worker.round()).backlog.size) continue; // until the backlog is drained
    expect((await scrape()).events).toBe(0);

    // The worker is stopped: the backlog grows with every mark, and so does the age of its oldest event.
    await putMarks(3);
    const first = await scrape();
    expect(first.events).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await putMarks(2);
    const second = await scrape();
    expect(second.events).toBe(5);
    expect(second.oldestSeconds).toBeGreaterThan(first.oldestSeconds);
    expect(second.oldestSeconds).toBeGreaterThanOrEqual(1);

    // Running, but reading 2 a round while 3 are written: the backlog grows round after round.
    for (let round = 1; round <= LAG_GROWTH_ROUNDS; round++) {
      await worker.round();
      expect((await scrape()).fallingBehind).toBe(round < LAG_GROWTH_ROUNDS ? 0 : 1);
      await putMarks(3);
    }
    expect(warnings).toEqual(['the notification worker is falling behind: the outbox backlog keeps growing']);

    // Nothing more written: the worker catches up, the backlog is 0 and the flag is down.
    let rounds = 0;
    while ((await worker.round()).backlog.size) rounds++;
    expect(rounds).toBeGreaterThan(1);
    expect(await scrape()).toEqual({ events: 0, oldestSeconds: 0, fallingBehind: 0 });
  });
});
