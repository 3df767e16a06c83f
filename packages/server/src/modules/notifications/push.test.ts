import { decrypt } from 'http_ece';
import { createECDH, createPublicKey, randomBytes, verify, type ECDH } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { errorOf, type GraphQLClient } from '../../testing/graphql-client.js';
import { scrapeMetrics } from '../../testing/metrics.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { Role } from '../../policy/roles.js';
import { Lesson } from '../timetable/timetable.entity.js';
import { Channel, NotificationDelivery } from './notifications.entity.js';
import { NotificationWorker } from './worker.js';

/**
 * The web app's hash router (packages/web/src/routing/route.ts), loaded at run time: it is the web's
 * source (DOM types, bundler imports), outside what the server's type check covers.
 */
const WEB_ROUTER = fileURLToPath(new URL('../../../../web/src/routing/route.ts', import.meta.url));
const webRouter = () => import(WEB_ROUTER) as Promise<{ parseRoute(hash: string): unknown }>;

let server: TestServer;
let world: SeededWorld;
let worker: NotificationWorker;
/** The school's clock, which the worker shares. Moscow is UTC+3. */
let now = new Date('2026-11-25T09:00:00Z'); // Wednesday, 12:00 in Moscow

/**
 * A local HTTPS server stands in for the browsers' push service (web-push speaks only HTTPS): every
 * request lands in `requests`; a device's path answers the statuses queued in `answers`, then 201.
 */
const requests: { device: string; status: number; headers: IncomingHttpHeaders; body: Buffer }[] = [];
const answers = new Map<string, number[]>();
let pushService: Server;
let pushServiceUrl: string;
const trustedBefore = tls.getCACertificates('default');

interface Browser {
  endpoint: string;
  p256dh: string;
  auth: string;
  /** The notices this device received, decrypted with its own private key. */
  inbox(): { title: string; body: string; url: string; eventId: string }[];
}

/** A browser's push subscription: a real P-256 key pair and auth secret, the endpoint at the stand-in. */
function browser(device: string): Browser {
  const keys: ECDH = createECDH('prime256v1');
  keys.generateKeys();
  const auth = randomBytes(16).toString('base64url');
  return {
    endpoint: `${pushServiceUrl}/push/${device}`,
    p256dh: keys.getPublicKey('base64url'),
    auth,
    inbox: () =>
      requests
        .filter((r) => r.device === device && r.status === 201)
        .map((r) => JSON.parse(decrypt(r.body, { version: 'aes128gcm', privateKey: keys, authSecret: auth }).toString('utf8'))),
  };
}

/** The claims of a VAPID `Authorization` header, after checking its ES256 signature with the server's public key. */
function vapidClaims(header: string, publicKey: string): Record<string, unknown> {
  const [, jwt, k] = /^vapid t=([^,]+), k=(.+)$/.exec(header)!;
  expect(k).toBe(publicKey);
  const [head, claims, signature] = jwt.split('.') as [string, string, string];
  const point = Buffer.from(publicKey, 'base64url');
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') },
    format: 'jwk',
  });
  expect(verify('sha256', Buffer.from(`${head}.${claims}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'))).toBe(true);
  return JSON.parse(Buffer.from(claims, 'base64url').toString('utf8'));
}

const REGISTER = `mutation($input: RegisterPushSubscriptionInput!) { registerPushSubscription(input: $input) { id device endpoint userAgent lastSuccessAt } }`;
const DEVICES = `{ pushSubscriptions { device endpoint } }`;
const SETTINGS = `mutation($input: NotificationSettingsInput!) { setNotificationSettings(input: $input) { pushKinds } }`;
const PUT_MARK = `mutation($input: PutMarkInput!) { putMark(input: $input) { id } }`;

const register = (client: GraphQLClient, device: string, b: Browser) =>
  client.data(REGISTER, { input: { endpoint: b.endpoint, p256dh: b.p256dh, auth: b.auth, device } });

async function putMark(student: string, date: string, value: string): Promise<string> {
  const lesson = await server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date });
  const { putMark } = await (
    await server.as('math')
  ).data(PUT_MARK, {
    input: { lessonId: lesson.id, studentId: world.user(student).id, value, workTypeId: world.workType('КР').id },
  });
  return putMark.id;
}

/** "Must not arrive": a round, then a moment for anything in flight. */
const quietly = async () => {
  await worker.round();
  await new Promise((r) => setTimeout(r, 300));
};

let phone: Browser;
let laptop: Browser;
let sidorovaPhone: Browser;

beforeAll(async () => {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  // The stand-in's certificate is trusted like a real push service's, for this test process only.
  tls.setDefaultCACertificates([...trustedBefore, pems.cert]);
  pushService = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const device = req.url!.split('/').pop()!;
      const status = answers.get(device)?.shift() ?? 201;
      requests.push({ device, status, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => pushService.listen(0, '127.0.0.1', resolve));
  pushServiceUrl = `https://127.0.0.1:${(pushService.address() as AddressInfo).port}`;
  [phone, laptop, sidorovaPhone] = [browser('phone'), browser('laptop'), browser('sidorova-phone')];

  server = await startTestServer({ clock: () => now, config: { pushServices: [pushServiceUrl] } });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('klass5', 'Соболева Ирина Павловна', [Role.TEACHER])
      .withStaff('math', 'Иванова Анна Петровна', [Role.TEACHER])
      .withClass('5А', { classTeacher: 'klass5' })
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withParent('sidorova', 'Сидорова Анна Львовна')
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
    { mailFrom: 'Дневник <noreply@school.test>', push: server.app.vapid, metrics: server.app.metrics },
    () => now,
  );
  // Whatever the seed wrote to the outbox is behind us.
  await worker.round();
});
afterAll(async () => {
  worker.close();
  await server.stop();
  await new Promise((resolve) => pushService.close(resolve));
  tls.setDefaultCACertificates(trustedBefore);
});

describe('turning push on (issue 10)', () => {
  it("gives the browser the server's VAPID key, the same on every instance, kept across restarts", async () => {
    const { pushPublicKey } = await (await server.as('petrova')).data(`{ pushPublicKey }`);
    expect(Buffer.from(pushPublicKey, 'base64url')).toHaveLength(65);
    expect(pushPublicKey).toBe(server.app.vapid.publicKey);
    // A second instance on the same database reads the pair the first one made.
    const second = await startTestServer({ databaseUrl: server.databaseUrl, config: { pushServices: [pushServiceUrl] } });
    try {
      expect((await (await second.as('petrova')).data(`{ pushPublicKey }`)).pushPublicKey).toBe(pushPublicKey);
      expect(second.app.vapid.privateKey).toBe(server.app.vapid.privateKey);
    } finally {
      await second.stop();
    }
  });

  it("keeps a parent's devices for the parent only", async () => {
    const petrova = await server.as('petrova');
    const { registerPushSubscription } = await register(petrova, 'Телефон', phone);
    expect(registerPushSubscription).toMatchObject({ device: 'Телефон', endpoint: phone.endpoint, userAgent: expect.any(String), lastSuccessAt: null });
    // Registering the same browser again updates it rather than adding a second device.
    await register(petrova, 'Мой телефон', phone);
    expect((await petrova.data(DEVICES)).pushSubscriptions).toEqual([{ device: 'Мой телефон', endpoint: phone.endpoint }]);

    const sidorova = await server.as('sidorova');
    await register(sidorova, 'Телефон', sidorovaPhone);
    expect((await sidorova.data(DEVICES)).pushSubscriptions).toEqual([{ device: 'Телефон', endpoint: sidorovaPhone.endpoint }]);
    // Another person cannot turn push off for Petrova's phone.
    expect((await sidorova.data(`mutation($e: String!) { unregisterPushSubscription(endpoint: $e) }`, { e: phone.endpoint })).unregisterPushSubscription).toBe(
      false,
    );
    expect((await petrova.data(DEVICES)).pushSubscriptions).toHaveLength(1);
  });

  it("refuses an endpoint outside the push services, and keys that are not a browser's, writing nothing", async () => {
    const petrova = await server.as('petrova');
    const attempt = (input: Partial<Browser>) =>
      petrova.execute(REGISTER, { input: { endpoint: laptop.endpoint, p256dh: laptop.p256dh, auth: laptop.auth, device: 'Ноутбук', ...input } });
    expect(errorOf(await attempt({ endpoint: 'http://169.254.169.254/latest/meta-data' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'endpoint is not at a push service this server sends to.',
    });
    expect(errorOf(await attempt({ p256dh: randomBytes(65).toString('base64url') }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'p256dh is not a P-256 public key (65 bytes, base64url).',
    });
    expect(errorOf(await attempt({ auth: 'short' }))).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'auth is not a 16-byte secret (base64url).',
      reason: 'BAD_FORMAT',
    });
    expect((await petrova.data(DEVICES)).pushSubscriptions).toHaveLength(1);
  });
});

describe('push notices (issue 10)', () => {
  it("pushes a new mark to the parent's phone, encrypted to its keys, and nothing to another family", async () => {
    const markId = await putMark('petya', '2026-11-23', '5');
    await worker.round();

    const [push, ...more] = phone.inbox();
    expect(more).toEqual([]);
    expect(push).toEqual({
      title: 'Петров П. И.: оценка 5 по предмету «Математика»',
      body: 'Новая оценка 5: Математика, Контрольная работа, урок 23.11.2026.',
      url: `#/diary/${world.user('petya').id}?week=2026-11-23&highlight=${markId}`,
      eventId: expect.stringMatching(/^\d+$/),
    });
    // The web app's own router takes it to the diary week of the lesson with the mark highlighted.
    expect((await webRouter()).parseRoute(push.url)).toEqual({ name: 'diary', studentId: world.user('petya').id, week: '2026-11-23', highlight: markId });
    const request = requests.find((r) => r.device === 'phone')!;
    expect(request.headers).toMatchObject({ 'content-encoding': 'aes128gcm', ttl: '86400', topic: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(vapidClaims(request.headers.authorization!, server.app.vapid.publicKey)).toMatchObject({ aud: pushServiceUrl, sub: server.app.vapid.subject });

    const { pushSubscriptions } = await (await server.as('petrova')).data(`{ pushSubscriptions { lastSuccessAt } }`);
    expect(pushSubscriptions).toEqual([{ lastSuccessAt: now.toISOString() }]);
    await quietly();
    expect(sidorovaPhone.inbox()).toEqual([]);
  });

  it('sends one notice per event and device, also when one device fails and the delivery is retried', async () => {
    await register(await server.as('petrova'), 'Ноутбук', laptop);
    answers.set('laptop', [500]);
    await putMark('petya', '2026-11-25', '4');
    expect(await worker.round()).toMatchObject({ sent: 0, retrying: 1 });
    await quietly(); // the retry waits a minute; the outbox read again makes no second notice
    now = new Date(now.getTime() + 60_000);
    expect(await worker.round()).toMatchObject({ sent: 1 });
    now = new Date(now.getTime() + 3600_000);
    await quietly();

    const fours = (inbox: ReturnType<Browser['inbox']>) => inbox.filter((p) => p.title.includes('оценка 4'));
    expect(fours(phone.inbox())).toHaveLength(1);
    expect(fours(laptop.inbox())).toHaveLength(1);
    expect(requests.filter((r) => r.device === 'laptop').map((r) => r.status)).toEqual([500, 201]);
    const delivery = await server.orm.em
      .fork()
      .findOneOrFail(NotificationDelivery, { recipient: world.user('petrova'), channel: Channel.PUSH }, { orderBy: { createdAt: 'desc' } });
    expect(delivery).toMatchObject({ status: 'SENT', attempts: 2 });
  });

  it('forgets a device the push service answers 410 for, and keeps sending to the others', async () => {
    answers.set('laptop', [410]);
    await putMark('petya', '2026-11-25', '3');
    expect(await worker.round()).toMatchObject({ sent: 1 });
    expect(phone.inbox().filter((p) => p.title.includes('оценка 3'))).toHaveLength(1);
    expect((await (await server.as('petrova')).data(DEVICES)).pushSubscriptions).toEqual([{ device: 'Мой телефон', endpoint: phone.endpoint }]);

    // A delivery whose every device is gone fails at once: no retry can reach anyone.
    answers.set('phone', [404]);
    await putMark('petya', '2026-11-25', '2');
    expect(await worker.round()).toMatchObject({ sent: 0, failed: 1 });
    expect((await (await server.as('petrova')).data(DEVICES)).pushSubscriptions).toEqual([]);
    const metrics = await scrapeMetrics(server.url);
    expect(metrics.value('dnevnik_notification_send_failures_total', { channel: 'PUSH', final: 'true' })).toBe(1);
    expect(metrics.value('dnevnik_notification_deliveries', { channel: 'PUSH', status: 'FAILED' })).toBe(1);
    await register(await server.as('petrova'), 'Телефон', phone);
  });

  it('holds a notice made in quiet hours until 08:00 school time', async () => {
    now = new Date('2026-11-25T19:30:00Z'); // 22:30 in Moscow
    const count = () => phone.inbox().length;
    const before = count();
    await putMark('petya', '2026-11-25', '5');
    await quietly();
    expect(count()).toBe(before);

    now = new Date('2026-11-26T04:59:00Z'); // 07:59
    await quietly();
    expect(count()).toBe(before);

    now = new Date('2026-11-26T05:00:00Z'); // 08:00
    await worker.round();
    expect(
      phone
        .inbox()
        .slice(before)
        .map((p) => p.title),
    ).toEqual(['Петров П. И.: оценка 5 по предмету «Математика»']);
  });

  it('pushes only the kinds the parent chose, and nothing once push is off', async () => {
    const petrova = await server.as('petrova');
    expect((await petrova.data(SETTINGS, { input: { emailMode: 'OFF', smsKinds: [], pushKinds: ['ATTENDANCE'] } })).setNotificationSettings).toEqual({
      pushKinds: ['ATTENDANCE'],
    });
    now = new Date('2026-11-30T09:00:00Z'); // Monday 12:00
    const before = phone.inbox().length;
    await putMark('petya', '2026-11-30', '4');
    await quietly();
    expect(phone.inbox()).toHaveLength(before);

    await petrova.data(SETTINGS, { input: { emailMode: 'OFF', smsKinds: [], pushKinds: ['MARK'] } });
    expect((await petrova.data(`mutation($e: String!) { unregisterPushSubscription(endpoint: $e) }`, { e: phone.endpoint })).unregisterPushSubscription).toBe(
      true,
    );
    await putMark('petya', '2026-11-30', '5');
    await quietly();
    expect(phone.inbox()).toHaveLength(before);
  });

  it('forgets the devices of an account reported compromised', async () => {
    const petrova = await server.as('petrova');
    await register(petrova, 'Телефон', phone);
    await petrova.data(`mutation($input: ReportCompromiseInput!) { reportCompromise(input: $input) { sessionsRevoked } }`, {
      input: { since: new Date(now.getTime() - 60_000).toISOString(), newPassword: 'a-new-long-secret' },
    });
    expect((await (await server.as('petrova', 'a-new-long-secret')).data(DEVICES)).pushSubscriptions).toEqual([]);
  });
});
