/**
 * The Redis variant (REDIS_URL): one instance relays PostgreSQL's notifications to Redis, every instance
 * subscribes there. Runs only when a Redis server answers (REDIS_URL, else 127.0.0.1:6379); CI starts one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../db/seeders/school-builder.js';
import { Role } from '../policy/roles.js';
import { Lesson } from '../modules/timetable/timetable.entity.js';
import type { GraphQLClient } from '../testing/graphql-client.js';
import { REDIS_URL, redisAnswers } from '../testing/redis.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { RedisRelayFeed } from './publisher.js';
import { LiveSubscription, wsClient } from './testing/live-client.js';

const available = await redisAnswers();
if (!available) console.warn(`Redis tests skipped: no Redis server at ${REDIS_URL}`);

const NOW = new Date('2026-11-25T09:00:00Z');
const EVERY_WEEKDAY: [number, number, string][] = [1, 2, 3, 4, 5].map((d) => [d, 1, '21']);
const DIARY = `subscription($s: ID!, $after: ID) { diaryEvents(studentId: $s, after: $after) { id mark { id value } } }`;
type DiaryData = { diaryEvents: { id: string; mark: { id: string } } };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!available)('instances fanned out through Redis', () => {
  let a: TestServer;
  let b: TestServer;
  let c: TestServer | undefined;
  let world: SeededWorld;
  let parentToken: string;
  const redis = { redisUrl: REDIS_URL };

  const relayOf = (s: TestServer) => s.app.realtime.feed as RedisRelayFeed;

  async function putMark(client: GraphQLClient): Promise<string> {
    const lesson = await a.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date: '2026-11-25' });
    const { putMark: mark } = await client.data<{ putMark: { id: string } }>(`mutation($i: PutMarkInput!) { putMark(input: $i) { id } }`, {
      i: { lessonId: lesson.id, studentId: world.user('petya').id, value: '5', workTypeId: world.workType('У').id },
    });
    return mark.id;
  }

  async function subscribeOn(s: TestServer) {
    const sub = new LiveSubscription<DiaryData>(wsClient(s.url, parentToken), DIARY, { s: world.user('petya').id });
    const opened = s.app.realtime.opened;
    await sub.until(() => s.app.realtime.opened > opened, 5000, 'the subscription');
    return sub;
  }

  beforeAll(async () => {
    a = await startTestServer({ clock: () => NOW, config: redis });
    world = await a.seed(
      school('Школа № 1')
        .inYear(2026)
        .withSubjects('Математика')
        .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
        .withClass('5А')
        .withParent('petrova', 'Петрова Мария Ивановна')
        .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
        .withConsent('petya', 'petrova')
        .withGroup('Математика', '5А', { teacher: 'ivanova', slots: EVERY_WEEKDAY }),
      { lessons: true },
    );
    b = await startTestServer({ clock: () => NOW, config: redis, databaseUrl: a.databaseUrl });
    parentToken = (await a.as('petrova')).token!;
  });
  afterAll(async () => {
    await c?.stop();
    await b?.stop();
    await a?.stop().catch(() => {});
  });

  it('delivers to a parent on B a mark posted through A, one instance relaying', async () => {
    expect(relayOf(a).relaying).toBe(true);
    expect(relayOf(b).relaying).toBe(false);
    const sub = await subscribeOn(b);
    const teacher = await a.as('ivanova');
    const posted = [await putMark(teacher), await putMark(teacher), await putMark(teacher)];
    await sub.count(3);
    expect(sub.events.map((e) => e.data.diaryEvents.mark.id)).toEqual(posted);
    sub.stop();
  });

  it('survives the relay going away: another instance takes over and the streams re-read what was missed', async () => {
    c = await startTestServer({ clock: () => NOW, config: redis, databaseUrl: a.databaseUrl });
    const sub = await subscribeOn(c);
    const teacher = await b.as('ivanova');
    const posted: string[] = [];
    let writing = true;
    const writer = (async () => {
      while (writing) {
        posted.push(await putMark(teacher));
        await sleep(20);
      }
    })();
    await sleep(200);
    await a.stop(); // the relay: its session lock goes with its connection
    const deadline = Date.now() + 10_000;
    while (!relayOf(b).relaying && !relayOf(c).relaying) {
      if (Date.now() > deadline) throw new Error('no instance took over the relay');
      await sleep(50);
    }
    await sleep(300);
    writing = false;
    await writer;
    await sub.count(posted.length, 10_000);
    expect(await sub.nothingFor(300)).toBe(0);
    expect(sub.events.map((e) => e.data.diaryEvents.mark.id)).toEqual(posted);
    sub.stop();
  });
});

it.runIf(!available)('needs a Redis server for the Redis variant (skipped here)', () => {
  expect(available).toBe(false);
});
