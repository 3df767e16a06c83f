import { simpleParser, type ParsedMail } from 'mailparser';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { errorOf } from '../../testing/graphql-client.js';
import { scrapeMetrics } from '../../testing/metrics.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { Role } from '../../policy/roles.js';
import { Lesson } from '../timetable/timetable.entity.js';
import { Channel, NotificationDelivery } from './notifications.entity.js';
import { NotificationWorker } from './worker.js';

let server: TestServer;
let world: SeededWorld;
let worker: NotificationWorker;
/** The school's clock, which the worker shares. Moscow is UTC+3. */
let now = new Date('2026-11-25T09:00:00Z'); // Wednesday, 12:00 in Moscow

/** A local SMTP server: what it accepts lands in `inbox`; it refuses the next `refuse` mails (451, try later). */
const inbox: ParsedMail[] = [];
let refuse = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, _session, callback) {
    simpleParser(stream).then((mail) => {
      if (refuse > 0) {
        refuse--;
        return callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 }));
      }
      inbox.push(mail);
      callback();
    }, callback);
  },
});
/** A local SMS provider: it records each request. */
const sms: { headers: Record<string, unknown>; body: { to: string; text: string; id: string } }[] = [];
const smsProvider: Server = createServer((req, res) => {
  let raw = '';
  req.on('data', (chunk) => (raw += chunk));
  req.on('end', () => {
    sms.push({ headers: req.headers, body: JSON.parse(raw) });
    res.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"queued"}');
  });
});

const mailsTo = (address: string) => inbox.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === address);
/** "Must not arrive": a round, then a moment for anything in flight. */
const quietly = async () => {
  await worker.round();
  await new Promise((r) => setTimeout(r, 300));
};

const SETTINGS = `mutation($input: NotificationSettingsInput!) { setNotificationSettings(input: $input) { emailMode smsKinds quietFrom quietTo } }`;
const PUT_MARK = `mutation($input: PutMarkInput!) { putMark(input: $input) { id } }`;

async function putMark(student: string, date: string, value: string) {
  const lesson = await server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date });
  await (
    await server.as('math')
  ).data(PUT_MARK, {
    input: { lessonId: lesson.id, studentId: world.user(student).id, value, workTypeId: world.workType('КР').id },
  });
}

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => smsProvider.listen(0, '127.0.0.1', resolve));
  server = await startTestServer({ clock: () => now });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('zavuch', 'Громова Людмила Андреевна', [Role.DEPUTY_DIRECTOR])
      .withStaff('klass5', 'Соболева Ирина Павловна', [Role.TEACHER])
      .withStaff('math', 'Иванова Анна Петровна', [Role.TEACHER], { email: 'ivanova@school.test' })
      .withClass('5А', { classTeacher: 'klass5' })
      .withParent('petrova', 'Петрова Мария Ивановна', { email: 'petrova@mail.test', phone: '+79990000001' })
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withParent('sidorova', 'Сидорова Анна Львовна', { email: 'sidorova@mail.test', phone: '+79990000002' })
      .withStudent('masha', 'Сидорова Мария Олеговна', { inClass: '5А', parents: ['sidorova'] })
      .withConsent('petya')
      .withConsent('masha')
      .withGroup('Математика', '5А', {
        teacher: 'math',
        slots: [
          [1, 1],
          [3, 2],
        ],
      }),
    { lessons: true },
  );
  worker = new NotificationWorker(
    server.orm,
    pino({ level: 'silent' }),
    {
      smtpUrl: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      mailFrom: 'Дневник <noreply@school.test>',
      smsUrl: `http://127.0.0.1:${(smsProvider.address() as AddressInfo).port}/sms`,
      metrics: server.app.metrics,
    },
    () => now,
  );
  // Whatever the seed wrote to the outbox is behind us.
  await worker.round();
});
afterAll(async () => {
  worker.close();
  await server.stop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await new Promise((resolve) => smsProvider.close(resolve));
});

describe('e-mail notices (R-C4)', () => {
  it("e-mails a parent who chose instant e-mail about their child's mark, once, even after a refused first try", async () => {
    await (await server.as('petrova')).data(SETTINGS, { input: { emailMode: 'INSTANT', smsKinds: [] } });
    await (await server.as('sidorova')).data(SETTINGS, { input: { emailMode: 'INSTANT', smsKinds: [] } });
    refuse = 1;
    await putMark('petya', '2026-11-23', '5');

    const first = await worker.round();
    expect(first).toMatchObject({ sent: 0, retrying: 1 });
    expect(mailsTo('petrova@mail.test')).toHaveLength(0);
    // The refusal shows on /metrics: one failed send, one e-mail waiting for its retry.
    const metrics = await scrapeMetrics(server.url);
    expect(metrics.value('dnevnik_notification_send_failures_total', { channel: 'EMAIL', final: 'false' })).toBe(1);
    expect(metrics.value('dnevnik_notification_deliveries', { channel: 'EMAIL', status: 'PENDING' })).toBe(1);
    await quietly(); // the retry waits a minute
    expect(mailsTo('petrova@mail.test')).toHaveLength(0);

    now = new Date(now.getTime() + 60_000);
    expect(await worker.round()).toMatchObject({ sent: 1 });
    now = new Date(now.getTime() + 3600_000);
    await quietly();

    const mails = mailsTo('petrova@mail.test');
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Петров П. И.: оценка 5 по предмету «Математика»');
    expect(mails[0].text).toContain('Новая оценка 5: Математика, Контрольная работа, урок 23.11.2026.');
    expect(mails[0].from?.value).toEqual([{ name: 'Дневник', address: 'noreply@school.test' }]);
    // Another child's parent, who also chose e-mail, is told nothing about Petya.
    expect(mailsTo('sidorova@mail.test')).toHaveLength(0);

    const delivery = await server.orm.em.fork().findOneOrFail(NotificationDelivery, { recipient: world.user('petrova'), channel: Channel.EMAIL });
    expect(delivery).toMatchObject({ status: 'SENT', attempts: 2 });
  });

  it('keeps the notice in the app as well, for the parent only', async () => {
    const NOTICES = `{ notices { kind title readAt } unreadNoticeCount }`;
    const parent = await server.as('petrova');
    expect(await parent.data(NOTICES)).toEqual({
      notices: [{ kind: 'MARK', title: 'Петров П. И.: оценка 5 по предмету «Математика»', readAt: null }],
      unreadNoticeCount: 1,
    });
    expect((await parent.data(`mutation { markNoticesRead }`)).markNoticesRead).toBe(1);
    expect((await (await server.as('sidorova')).data(NOTICES)).notices).toEqual([]);
  });

  it('holds a notice made in quiet hours until 08:00 school time', async () => {
    now = new Date('2026-11-25T19:30:00Z'); // 22:30 in Moscow
    await putMark('petya', '2026-11-25', '4');
    await quietly();
    expect(mailsTo('petrova@mail.test')).toHaveLength(1);

    now = new Date('2026-11-26T04:59:00Z'); // 07:59
    await quietly();
    expect(mailsTo('petrova@mail.test')).toHaveLength(1);

    now = new Date('2026-11-26T05:00:00Z'); // 08:00
    await worker.round();
    expect(mailsTo('petrova@mail.test').map((m) => m.subject)).toEqual([
      'Петров П. И.: оценка 5 по предмету «Математика»',
      'Петров П. И.: оценка 4 по предмету «Математика»',
    ]);
  });

  it('sends the daily digest at 18:00 as one e-mail', async () => {
    await (await server.as('sidorova')).data(SETTINGS, { input: { emailMode: 'DAILY_DIGEST', smsKinds: [] } });
    now = new Date('2026-11-26T07:00:00Z'); // Thursday 10:00
    await putMark('masha', '2026-11-23', '3');
    await putMark('masha', '2026-11-25', '5');
    now = new Date('2026-11-26T14:59:00Z'); // 17:59
    await quietly();
    expect(mailsTo('sidorova@mail.test')).toHaveLength(0);

    now = new Date('2026-11-26T15:00:00Z'); // 18:00
    await worker.round();
    const [digest, ...more] = mailsTo('sidorova@mail.test');
    expect(more).toHaveLength(0);
    expect(digest.subject).toBe('Дневник: сводка за день (2)');
    expect(digest.text).toContain('• Сидорова М. О.: оценка 3 по предмету «Математика»');
    expect(digest.text).toContain('• Сидорова М. О.: оценка 5 по предмету «Математика»');
  });
});

describe('SMS notices (R-C4)', () => {
  it('sends the kinds a parent chose by SMS to the provider, with the delivery key', async () => {
    await (await server.as('petrova')).data(SETTINGS, { input: { emailMode: 'OFF', smsKinds: ['MARK'] } });
    now = new Date('2026-11-30T09:00:00Z'); // Monday 12:00
    await putMark('petya', '2026-11-30', '5');
    await worker.round();
    expect(sms.map((s) => s.body.to)).toEqual(['+79990000001']);
    expect(sms[0].body.text).toBe('Петров П. И.: оценка 5 по предмету «Математика»');
    expect(sms[0].headers['idempotency-key']).toBe(sms[0].body.id);
    expect(mailsTo('petrova@mail.test')).toHaveLength(2); // e-mail is off now
  });

  it('refuses SMS for a person without a phone number', async () => {
    const result = await (await server.as('math')).execute(SETTINGS, { input: { emailMode: 'OFF', smsKinds: ['MESSAGE'] } });
    expect(errorOf(result)).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'There is no phone number in your personal data: add one first.',
      reason: 'NO_PHONE_ON_RECORD',
    });
  });
});

describe('letters and their deadline (R-C2)', () => {
  it('tells the teacher of a new letter, and the staff in it once the answer is overdue', async () => {
    const TITLES = `{ notices { kind title } }`;
    now = new Date('2026-12-03T07:00:00Z'); // Thursday 10:00
    const { startConversation } = await (
      await server.as('petrova')
    ).data(`mutation($input: StartConversationInput!) { startConversation(input: $input) { id } }`, {
      input: { schoolId: world.school().id, to: world.user('math').id, subject: 'Контрольная', body: 'Можно переписать?' },
    });
    expect(startConversation.id).toBeTruthy();
    await worker.round();
    expect((await (await server.as('math')).data(TITLES)).notices[0]).toEqual({ kind: 'MESSAGE', title: 'Новое сообщение от Петрова М. И.: «Контрольная»' });

    now = new Date('2026-12-07T21:00:00Z'); // Monday 24:00: the answer is overdue
    expect(await worker.round()).toMatchObject({ overdueFlagged: 1 });
    expect(await worker.round()).toMatchObject({ overdueFlagged: 0 });
    for (const login of ['math', 'klass5', 'zavuch']) {
      expect((await (await server.as(login)).data(TITLES)).notices[0]).toEqual({ kind: 'OVERDUE_LETTER', title: 'Письмо без ответа: «Контрольная»' });
    }
    const parentKinds = ((await (await server.as('petrova')).data(TITLES)).notices as { kind: string }[]).map((n) => n.kind);
    expect(parentKinds).not.toContain('OVERDUE_LETTER');
  });
});

describe('the progress report (R-C4, R-C5)', () => {
  const REPORT = `query($s: ID!, $from: LocalDate!, $to: LocalDate!) {
    progressReport(studentId: $s, from: $from, to: $to) {
      student { shortName } period { name }
      subjects { group { name } marks { value date } average { weighted markCount } prognosis { weighted predicted } }
      attendance { lessons ill excused unexcused late }
    }
  }`;

  it("gives a parent the week's marks by subject, the averages, attendance and the period prognosis", async () => {
    const lesson = await server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date: '2026-11-25' });
    await (
      await server.as('math')
    ).data(`mutation($input: SetAttendanceInput!) { setAttendance(input: $input) { id } }`, {
      // The clock has moved past the lesson's day: a late entry says why (issue 18).
      input: { lessonId: lesson.id, studentId: world.user('petya').id, status: 'LATE', minutesLate: 10, reason: 'внесено по бумажному списку' },
    });
    const { progressReport } = await (await server.as('petrova')).data(REPORT, { s: world.user('petya').id, from: '2026-11-23', to: '2026-11-29' });
    expect(progressReport).toEqual({
      student: { shortName: 'Петров П. И.' },
      period: { name: '2 четверть' },
      subjects: [
        {
          group: { name: '5А' },
          marks: [
            { value: '5', date: '2026-11-23' },
            { value: '4', date: '2026-11-25' },
          ],
          average: { weighted: '4.50', markCount: 2 },
          prognosis: { weighted: '4.50', predicted: 5 },
        },
      ],
      attendance: { lessons: 2, ill: 0, excused: 0, unexcused: 0, late: 1 },
    });
  });

  it("keeps another family's child out, and refuses a range longer than a month", async () => {
    const other = await (await server.as('sidorova')).execute(REPORT, { s: world.user('petya').id, from: '2026-11-23', to: '2026-11-29' });
    expect(errorOf(other).code).toBe('NOT_FOUND');
    const long = await (await server.as('petrova')).execute(REPORT, { s: world.user('petya').id, from: '2026-09-01', to: '2026-11-29' });
    expect(errorOf(long)).toEqual({ code: 'BAD_USER_INPUT', message: 'A progress report covers at most 31 days.', reason: 'RANGE_TOO_LONG' });
  });
});
