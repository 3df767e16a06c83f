/**
 * Issue 15: the notification worker stopped for good after its first batch under `pnpm start` (tsx) while
 * every test passed under vitest, whose decorator metadata made the cursor a string instead of a BigInt.
 * Here the server runs as `pnpm start` runs it (node --import tsx, the worker on its timer) over more
 * events than one batch holds, and every event must be told and the cursor must reach the last one.
 */
import type { ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { startAppChild } from '../../realtime/testing/app-child.js';
import { freePort } from '../../testing/free-port.js';
import { GraphQLClient } from '../../testing/graphql-client.js';
import { scrapeMetrics } from '../../testing/metrics.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { Role } from '../../policy/roles.js';
import { Lesson } from '../timetable/timetable.entity.js';

const NOW = new Date('2026-11-25T09:00:00Z'); // Wednesday, 12:00 in Moscow: outside quiet hours
const BATCH = 10;
const MARKS = 35; // four batches of the outbox, four rounds of sends
const PUT_MARK = `mutation($input: PutMarkInput!) { putMark(input: $input) { id } }`;
const SETTINGS = `mutation($input: NotificationSettingsInput!) { setNotificationSettings(input: $input) { emailMode } }`;

let db: TestServer;
let world: SeededWorld;
let child: ChildProcess | undefined;
let url: string;
const mails: string[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    stream.resume();
    stream.on('end', () => {
      mails.push(session.envelope.rcptTo.map((r) => r.address).join(','));
      callback();
    });
  },
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  // In this process only to prepare the database; nothing here runs the worker.
  db = await startTestServer({ clock: () => NOW });
  world = await db.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withClass('5А')
      .withParent('petrova', 'Петрова Мария Ивановна', { email: 'petrova@mail.test' })
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withConsent('petya')
      .withGroup('Математика', '5А', { teacher: 'ivanova', slots: [1, 2, 3, 4, 5].map((d): [number, number] => [d, 1]) }),
    { lessons: true },
  );
  const started = await startAppChild(db.databaseUrl, await freePort(), {
    CLOCK: NOW.toISOString(),
    NOTIFICATION_INTERVAL_SECONDS: '1',
    NOTIFICATION_BATCH_SIZE: String(BATCH),
    SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
  });
  child = started.child;
  url = started.url;
});
afterAll(async () => {
  child?.kill('SIGTERM');
  if (child && child.exitCode === null) await new Promise((resolve) => child!.once('exit', resolve));
  await db?.stop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('the notification worker as `pnpm start` runs it (node --import tsx)', () => {
  it(
    `tells every one of ${MARKS} marks (more than ${BATCH} a round) in the app and by e-mail, and its cursor reaches the last event`,
    { timeout: 60_000 },
    async () => {
      const parent = new GraphQLClient(url);
      await parent.login('petrova', 'secret');
      await parent.data(SETTINGS, { input: { emailMode: 'INSTANT', smsKinds: [] } });
      const teacher = new GraphQLClient(url);
      await teacher.login('ivanova', 'secret');
      const lesson = await db.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date: '2026-11-25' });
      for (let i = 0; i < MARKS; i++) {
        await teacher.data(PUT_MARK, {
          input: { lessonId: lesson.id, studentId: world.user('petya').id, value: String((i % 4) + 2), workTypeId: world.workType('У').id },
        });
      }

      const em = db.orm.em.fork();
      const [{ last }] = await em.execute<{ last: string }[]>(`select max(id)::text as last from domain_event where school_id = ?`, [world.school().id]);
      const cursor = async () =>
        (await em.execute<{ at: string }[]>(`select last_event_id::text as at from notification_cursor where school_id = ?`, [world.school().id]))[0]?.at;
      for (const deadline = Date.now() + 20_000; Date.now() < deadline && (mails.length < MARKS || (await cursor()) !== last);) await sleep(200);

      expect(await cursor()).toBe(last);
      // Every mark event: a notice in the app for the pupil and the parent, and one e-mail to the parent, sent.
      const told = await em.execute<{ channel: string; login: string; status: string; events: number }[]>(
        `select d.channel, u.login, d.status, count(distinct d.event_id)::int as events
       from notification_delivery d join app_user u on u.id = d.recipient_id join domain_event e on e.id = d.event_id
       where e.type = 'mark.created' group by d.channel, u.login, d.status order by d.channel::text, u.login`,
      );
      expect(told).toEqual([
        { channel: 'EMAIL', login: 'petrova', status: 'SENT', events: MARKS },
        { channel: 'IN_APP', login: 'petrova', status: 'SENT', events: MARKS },
        { channel: 'IN_APP', login: 'petya', status: 'SENT', events: MARKS },
      ]);
      expect(mails).toHaveLength(MARKS);
      expect(new Set(mails)).toEqual(new Set(['petrova@mail.test']));
      // What the production process itself reports: nothing behind, nothing waiting.
      const metrics = await scrapeMetrics(url);
      expect(metrics.value('dnevnik_notification_lag_events', { school: world.school().id })).toBe(0);
      expect(metrics.value('dnevnik_notification_deliveries', { channel: 'EMAIL', status: 'PENDING' })).toBeUndefined();
    },
  );
});
