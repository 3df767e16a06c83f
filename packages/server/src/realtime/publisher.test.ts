/**
 * The outbox feed's dedicated connection stops whatever it is doing: connected, reconnecting after an
 * outage, or waiting out its back-off. A stop that waits on a connection that nobody ends again holds
 * the app's shutdown for good (CI: the `afterAll` of db/embedded-postgres.test.ts timed out once).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../testing/eventually.js';
import { REDIS_URL, redisAnswers } from '../testing/redis.js';
import { TcpGate } from '../testing/tcp-gate.js';
import { createTestDatabase, startTestServer } from '../testing/test-server.js';
import { OUTBOX_CHANNEL, PgNotifyFeed, RedisRelayFeed, type FeedHandlers } from './publisher.js';

const log = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const until = (check: () => boolean | Promise<boolean>, what: string) => eventually(check, what, 10_000);

let databaseUrl: string;
/** Straight to the database, never through a gate: what the test itself asks. */
let admin: pg.Client;

/** The backends of the feed's LISTEN connections on the test's database. */
async function listeners(): Promise<number> {
  const { rows } = await admin.query<{ n: number }>(
    `select count(*)::int as n from pg_stat_activity where application_name = 'dnevnik-realtime' and datname = current_database()`,
  );
  return rows[0].n;
}

/** Ends the listeners' backends, as a restart of PostgreSQL would end every connection. */
const terminateListeners = () =>
  admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'dnevnik-realtime' and datname = current_database()`);

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
});
afterAll(async () => {
  await admin?.end();
});

describe('an app stopping after its database went away', () => {
  it('stops while its LISTEN connection is reconnecting: the reconnection under way is given up, no listener stays', async () => {
    const target = new URL(databaseUrl);
    const gate = await TcpGate.open({ host: target.hostname, port: Number(target.port) });
    const server = await startTestServer({ databaseUrl: TcpGate.via(databaseUrl, gate) });
    try {
      expect(await listeners()).toBe(1);
      // The database restarts: the listener's connection ends, and its reconnection reaches a server still starting.
      gate.hold();
      await terminateListeners();
      await until(() => gate.held > 0, 'the listener to reconnect');

      const stopped = server.stop();
      // The server answers now: the reconnection started before the stop completes after it.
      gate.release();
      await stopped;
      expect(server.app.realtime.feed.connected).toBe(false);
      await until(async () => (await listeners()) === 0, 'the listener to be gone');
    } finally {
      await gate.close();
    }
  });
});

const handlers: FeedHandlers = { announced: () => {}, resync: () => {}, viewersChanged: () => {} };

describe('the LISTEN feed', () => {
  it('stops at once while it waits out its back-off, not after it', async () => {
    // An hour between attempts: a stop that waited for the next one would outlast the test.
    const feed = new PgNotifyFeed(databaseUrl, log, { minBackoffMs: 3_600_000, maxBackoffMs: 3_600_000 });
    await feed.start(handlers);
    await terminateListeners();
    await until(() => !feed.connected, 'the connection to be lost');

    await feed.stop();
    expect(feed.connected).toBe(false);
    expect(await listeners()).toBe(0);
  });
});

describe.runIf(await redisAnswers())('the Redis relay', () => {
  it('stops while Redis is out of reach, an announcement still waiting to be published', async () => {
    const redis = new URL(REDIS_URL);
    const gate = await TcpGate.open({ host: redis.hostname, port: Number(redis.port || 6379) });
    const feed = new RedisRelayFeed(databaseUrl, TcpGate.via(REDIS_URL, gate), log, { channel: `dnevnik:relay-stop:${randomUUID()}` });
    try {
      await feed.start(handlers);
      await until(() => feed.relaying, 'the feed to relay');
      // Redis goes away (its connections cut, new ones unanswered), then a row is committed: its announcement waits for Redis.
      gate.hold();
      gate.cut();
      await until(() => !feed.connected, 'the Redis subscriber to notice');
      const heard = new Promise((resolve) => admin.once('notification', resolve));
      await admin.query(`LISTEN ${OUTBOX_CHANNEL}`);
      await admin.query(`select pg_notify($1, '{"id":"1"}')`, [OUTBOX_CHANNEL]);
      await heard;
      await admin.query(`UNLISTEN ${OUTBOX_CHANNEL}`);
      await sleep(200); // the relay heard it too, at the same commit

      await feed.stop();
      expect(feed.relaying).toBe(false);
      expect(await listeners()).toBe(0);
    } finally {
      await gate.close();
    }
  });
});
