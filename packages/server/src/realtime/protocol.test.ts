/**
 * graphql-transport-ws as our server speaks it (sockets.ts: graphql-ws's message parsing and close codes,
 * without its `makeServer`): a client written by hand, message by message, sees what graphql-ws's own
 * server would answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { school, type SeededWorld } from '../db/seeders/school-builder.js';
import { Lesson } from '../modules/timetable/timetable.entity.js';
import { Role } from '../policy/roles.js';
import type { GraphQLClient } from '../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';

/** Wednesday 25 November 2026, noon in Moscow. */
const NOW = new Date('2026-11-25T09:00:00Z');
const DIARY = `subscription($s: ID!) { diaryEvents(studentId: $s) { id type } }`;
/** WS_SUBSCRIPTION_LIMIT here: a socket runs at most twice as many operations at once. */
const SUBSCRIPTION_LIMIT = 5;

let server: TestServer;
let world: SeededWorld;
let teacher: GraphQLClient;
let parentToken: string;

/** A socket speaking the protocol by hand: what it received, in order, and the code it was closed with. */
class HandClient {
  readonly received: Record<string, unknown>[] = [];
  readonly closed: Promise<number>;
  private readonly ws: WebSocket;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data: Buffer) => this.received.push(JSON.parse(data.toString()) as Record<string, unknown>));
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve(code)));
  }

  static async open(protocols = ['graphql-transport-ws']): Promise<HandClient> {
    const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/graphql`, protocols);
    await new Promise((resolve, reject) => ws.on('open', resolve).on('error', reject));
    return new HandClient(ws);
  }

  /** An acknowledged socket of the parent. */
  static async acknowledged(): Promise<HandClient> {
    const client = await HandClient.open();
    client.send({ type: 'connection_init', payload: { token: parentToken } });
    await client.until((m) => m.type === 'connection_ack');
    return client;
  }

  send(message: object | string) {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  async until(found: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    for (let i = 0; i < 500; i++) {
      const message = this.received.find(found);
      if (message) return message;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`not received; got ${JSON.stringify(this.received)}`);
  }

  /** The close code, or 'open' if the socket is still open after `ms`. */
  state(ms = 300) {
    return Promise.race([this.closed, new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), ms))]);
  }

  close() {
    this.ws.terminate();
  }
}

const markChanged = async () => {
  const lesson = await server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date: '2026-11-25' });
  await teacher.data(`mutation($i: PutMarkInput!) { putMark(input: $i) { id } }`, {
    i: { lessonId: lesson.id, studentId: world.user('petya').id, value: '5', workTypeId: world.workType('У').id },
  });
};

const subscribed = async () => {
  const opened = server.app.realtime.opened;
  for (let i = 0; i < 500 && server.app.realtime.opened === opened; i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW, config: { wsSubscriptionLimit: SUBSCRIPTION_LIMIT } });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withClass('5А')
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withConsent('petya', 'petrova')
      .withGroup('Математика', '5А', { teacher: 'ivanova', slots: [[3, 1, '21']] }),
    { lessons: true },
  );
  teacher = await server.as('ivanova');
  parentToken = (await server.as('petrova')).token!;
});
afterAll(() => server.stop());

describe('the graphql-transport-ws protocol', () => {
  it('closes a socket that asked for no subprotocol with 4406', async () => {
    const client = await HandClient.open([]);
    expect(await client.state()).toBe(4406);
  });

  it('closes with 4400 on a message that is not one of the protocol', async () => {
    const client = await HandClient.open();
    client.send('{"type":"hello"}');
    expect(await client.state()).toBe(4400);
  });

  it('closes with 4401 without a token, and with 4403 with an unknown one', async () => {
    const without = await HandClient.open();
    without.send({ type: 'connection_init', payload: {} });
    const unknown = await HandClient.open();
    unknown.send({ type: 'connection_init', payload: { token: 'nobody' } });

    expect(await without.state()).toBe(4401);
    expect(await unknown.state()).toBe(4403);
  });

  it('closes with 4401 on a subscription before the acknowledgement, and with 4429 on a second connection_init', async () => {
    const early = await HandClient.open();
    early.send({ id: '1', type: 'subscribe', payload: { query: '{ __typename }' } });
    const twice = await HandClient.acknowledged();
    twice.send({ type: 'connection_init', payload: { token: parentToken } });

    expect(await early.state()).toBe(4401);
    expect(await twice.state()).toBe(4429);
  });

  it('answers a ping with a pong carrying its payload', async () => {
    const client = await HandClient.acknowledged();
    client.send({ type: 'ping', payload: { at: 1 } });

    expect(await client.until((m) => m.type === 'pong')).toEqual({ type: 'pong', payload: { at: 1 } });
    client.close();
  });

  it('answers a query with next then complete, and an invalid one with error', async () => {
    const client = await HandClient.acknowledged();
    client.send({ id: 'q', type: 'subscribe', payload: { query: '{ viewer { login } }' } });
    client.send({ id: 'bad', type: 'subscribe', payload: { query: '{ nothing }' } });

    await client.until((m) => m.id === 'q' && m.type === 'complete');
    const error = await client.until((m) => m.id === 'bad');
    expect(client.received.filter((m) => m.id === 'q')).toEqual([
      { id: 'q', type: 'next', payload: { data: { viewer: { login: 'petrova' } } } },
      { id: 'q', type: 'complete' },
    ]);
    expect(error).toMatchObject({ id: 'bad', type: 'error', payload: [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] });
    client.close();
  });

  it("answers a request graphql-js refuses before running it as the client's mistake, with the codes HTTP gives", async () => {
    const client = await HandClient.acknowledged();
    client.send({ id: 'vars', type: 'subscribe', payload: { query: DIARY, variables: { s: {} } } });
    client.send({
      id: 'qvars',
      type: 'subscribe',
      payload: { query: 'query($s: ID!) { diary(studentId: $s, weekOf: "2026-11-23") { weekStart } }', variables: { s: {} } },
    });
    client.send({ id: 'which', type: 'subscribe', payload: { query: 'query A { viewer { login } } query B { viewer { id } }' } });

    for (const id of ['vars', 'qvars']) {
      const answer = await client.until((m) => m.id === id && m.type !== 'complete');
      expect(JSON.stringify(answer.payload)).toContain('"code":"BAD_USER_INPUT"');
    }
    expect(await client.until((m) => m.id === 'which')).toMatchObject({ type: 'error', payload: [{ extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }] });
    client.close();
  });

  it('refuses operations beyond twice the subscription limit under way at once with TOO_MANY_REQUESTS, without running them', async () => {
    const client = await HandClient.acknowledged();
    const SENT = 100;
    // Sent at once: each is under way until its viewer is read (a statement), so most arrive while the first are.
    for (let i = 0; i < SENT; i++) client.send({ id: `q${i}`, type: 'subscribe', payload: { query: '{ viewer { login } }' } });
    for (let i = 0; i < SENT; i++) await client.until((m) => m.id === `q${i}` && (m.type === 'complete' || m.type === 'error'));

    const refused = client.received.filter((m) => m.type === 'error');
    const ran = client.received.filter((m) => m.type === 'next');
    expect(refused.length).toBeGreaterThan(0);
    // A refusal means that many were under way, and each of those ran.
    expect(ran.length).toBeGreaterThanOrEqual(2 * SUBSCRIPTION_LIMIT);
    expect(ran.length + refused.length).toBe(SENT);
    const ranIds = new Set(ran.map((m) => m.id));
    expect(refused.filter((m) => ranIds.has(m.id))).toEqual([]);
    expect(refused[0]).toMatchObject({
      type: 'error',
      payload: [{ extensions: { code: 'TOO_MANY_REQUESTS', reason: 'TOO_MANY_OPERATIONS', limit: 2 * SUBSCRIPTION_LIMIT } }],
    });

    // Once answered, the socket takes operations again.
    client.send({ id: 'after', type: 'subscribe', payload: { query: '{ viewer { login } }' } });
    expect(await client.until((m) => m.id === 'after')).toMatchObject({ type: 'next', payload: { data: { viewer: { login: 'petrova' } } } });
    client.close();
  });

  it('closes with 4400 on a message only a server sends', async () => {
    const client = await HandClient.acknowledged();
    client.send({ id: '1', type: 'next', payload: {} });
    expect(await client.state()).toBe(4400);
  });

  it('closes with 4409 when an id is used by an operation under way', async () => {
    const client = await HandClient.acknowledged();
    client.send({ id: 'live', type: 'subscribe', payload: { query: DIARY, variables: { s: world.user('petya').id } } });
    await subscribed();
    client.send({ id: 'live', type: 'subscribe', payload: { query: DIARY, variables: { s: world.user('petya').id } } });

    expect(await client.state()).toBe(4409);
  });

  it('delivers events until the client completes the subscription, then none', async () => {
    const client = await HandClient.acknowledged();
    client.send({ id: 'live', type: 'subscribe', payload: { query: DIARY, variables: { s: world.user('petya').id } } });
    await subscribed();
    await markChanged();
    expect(await client.until((m) => m.id === 'live' && m.type === 'next')).toMatchObject({ payload: { data: { diaryEvents: { type: 'MARK_CREATED' } } } });

    client.send({ id: 'live', type: 'complete' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = client.received.length;
    await markChanged();
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(client.received.length).toBe(before);
    expect(server.app.realtime.streamCount).toBe(0);
    client.close();
  });

  it('ends the streams of a socket that closes', async () => {
    const client = await HandClient.acknowledged();
    client.send({ id: 'live', type: 'subscribe', payload: { query: DIARY, variables: { s: world.user('petya').id } } });
    await subscribed();
    expect(server.app.realtime.streamCount).toBe(1);

    client.close();
    for (let i = 0; i < 100 && server.app.realtime.streamCount; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(server.app.realtime.streamCount).toBe(0);
  });
});
