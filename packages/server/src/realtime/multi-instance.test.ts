/**
 * Several server instances on one PostgreSQL (issue 6, "must show"): a parent subscribed on one instance
 * receives what a teacher writes through another; an instance killed with SIGKILL and started again
 * costs the parent nothing: the client resumes with its cursor and ends with every mark exactly once.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { school, type SeededWorld } from '../db/seeders/school-builder.js';
import { Role } from '../policy/roles.js';
import { Lesson } from '../modules/timetable/timetable.entity.js';
import { freePort } from '../testing/free-port.js';
import type { GraphQLClient } from '../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { startAppChild } from './testing/app-child.js';
import { LiveSubscription, wsClient } from './testing/live-client.js';

const NOW = new Date('2026-11-25T09:00:00Z');
const EVERY_WEEKDAY: [number, number, string][] = [1, 2, 3, 4, 5].map((d) => [d, 1, '21']);
const DIARY = `subscription($s: ID!, $after: ID) { diaryEvents(studentId: $s, after: $after) { id type mark { id value workType { code } } } }`;
const PUT_MARK = `mutation($input: PutMarkInput!) { putMark(input: $input) { id } }`;
type DiaryData = { diaryEvents: { id: string; type: string; mark: { id: string; value: string } } };

let a: TestServer;
let b: TestServer;
let world: SeededWorld;
let teacherOnB: GraphQLClient;
let parentToken: string;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function putMarkThrough(client: GraphQLClient, value: string): Promise<string> {
  const lesson = await a.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date: '2026-11-25' });
  const { putMark } = await client.data<{ putMark: { id: string } }>(PUT_MARK, {
    input: { lessonId: lesson.id, studentId: world.user('petya').id, value, workTypeId: world.workType('У').id },
  });
  return putMark.id;
}

beforeAll(async () => {
  a = await startTestServer({ clock: () => NOW });
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
  // A second instance on the same database: its own LISTEN connection, its own sockets.
  b = await startTestServer({ clock: () => NOW, databaseUrl: a.databaseUrl });
  teacherOnB = await b.as('ivanova');
  parentToken = (await a.as('petrova')).token!;
});
afterAll(async () => {
  await b?.stop();
  await a?.stop();
});

describe('two instances on one database', () => {
  it('delivers to a parent subscribed on A the marks posted through B, in order', async () => {
    const sub = new LiveSubscription<DiaryData>(wsClient(a.url, parentToken), DIARY, { s: world.user('petya').id });
    const opened = a.app.realtime.opened;
    await sub.until(() => a.app.realtime.opened > opened, 5000, 'the subscription');
    const posted = [];
    for (const value of ['5', '4', '3', '5']) posted.push(await putMarkThrough(teacherOnB, value));
    await sub.count(4);
    expect(sub.events.map((e) => e.data.diaryEvents.mark.id)).toEqual(posted);
    expect(await sub.nothingFor(300)).toBe(0);
    sub.stop();
  });
});

// ── an instance in a child process, killed with SIGKILL ─────────────────────

/**
 * What a web client does: keeps the last cursor (at first the newest event when the page loaded); when the
 * socket drops, reconnects (retrying while the server is down) and resubscribes with `after`.
 */
class ResumingSubscriber {
  readonly marks: string[] = [];
  readonly ids: string[] = [];
  resubscriptions = 0;
  private current: LiveSubscription<DiaryData> | null = null;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly firstCursor: string,
  ) {}

  start() {
    const sub = new LiveSubscription<DiaryData>(wsClient(this.url, parentToken), DIARY, {
      s: world.user('petya').id,
      after: this.ids.at(-1) ?? this.firstCursor,
    });
    this.current = sub;
    let taken = 0;
    void (async () => {
      for (;;) {
        await sub.until((s) => s.events.length > taken || s.closeCode !== null || s.refused !== null || s.completed, 60_000);
        for (const e of sub.events.slice(taken)) {
          this.ids.push(e.data.diaryEvents.id);
          this.marks.push(e.data.diaryEvents.mark.id);
        }
        taken = sub.events.length;
        if (sub.closeCode !== null || sub.refused !== null || sub.completed) break;
      }
      if (this.stopped) return;
      sub.stop();
      await sleep(100);
      this.resubscriptions++;
      this.start();
    })().catch(() => {});
  }

  stop() {
    this.stopped = true;
    this.current?.stop();
  }
}

describe('an instance killed with SIGKILL and started again', () => {
  let child: ChildProcess | undefined;
  afterAll(() => child?.kill('SIGKILL'));
  /**
   * Most of this test is two cold starts of a server process (node, tsx, the app's imports): the first took
   * 35 s at a load average of 25 on this 2-core machine, so the default 30 s cannot hold. Every wait inside is
   * on a condition, each bounded by 20 s.
   */
  const TWO_PROCESS_STARTS_MS = 180_000;

  it(
    'costs the parent nothing: every mark posted through B arrives exactly once, in order',
    async () => {
      const port = await freePort();
      const first = await startAppChild(a.databaseUrl, port, { CLOCK: NOW.toISOString() });
      child = first.child;
      // Subscribed from the newest event: whenever the stream opens, nothing posted from now on is missed.
      const [{ head }] = await a.orm.em.getConnection().execute<{ head: string }[]>(`select coalesce(max(id), 0)::text as head from domain_event`);
      const parent = new ResumingSubscriber(first.url, head);
      parent.start();
      const until = (check: () => boolean, what: string) => vi.waitFor(() => expect(check(), what).toBe(true), { timeout: 20_000, interval: 20 });

      const posted: string[] = [];
      let writing = true;
      const writer = (async () => {
        for (let i = 0; writing; i++) {
          posted.push(await putMarkThrough(teacherOnB, String((i % 5) + 1)));
          await sleep(15);
        }
      })();

      // Killed while marks are flowing: after the first few arrived.
      await until(() => parent.marks.length >= 5, 'five marks before the kill');
      child.kill('SIGKILL');
      await new Promise((resolve) => child!.once('exit', resolve));
      const receivedBeforeKill = parent.marks.length;
      const postedAtKill = posted.length;
      // Marks keep being posted through B while A is down.
      await until(() => posted.length >= postedAtKill + 3, 'three marks posted while A is down');
      child = (await startAppChild(a.databaseUrl, port, { CLOCK: NOW.toISOString() })).child;
      // …and after it is back, until the parent has one of those too.
      const postedWhenBack = posted.length;
      await until(() => parent.marks.length > postedWhenBack, 'a mark posted after the restart');
      writing = false;
      await writer;

      await until(() => parent.marks.length >= posted.length, `all ${posted.length} marks`);
      await sleep(300); // nothing more arrives
      parent.stop();

      console.log(
        `crash test: ${posted.length} marks posted through B; ${receivedBeforeKill} received before the kill, ` +
          `${parent.resubscriptions} resubscriptions, ${parent.marks.length} received in all`,
      );
      expect(receivedBeforeKill).toBeGreaterThan(0);
      expect(receivedBeforeKill).toBeLessThan(posted.length);
      expect(parent.resubscriptions).toBeGreaterThanOrEqual(1);
      expect(parent.marks).toEqual(posted); // every mark, once, in order
      expect(new Set(parent.ids).size).toBe(parent.ids.length);
    },
    TWO_PROCESS_STARTS_MS,
  );
});
