/**
 * A real server for one test file: its own database (cloned from the migrated template), the real
 * HTTP + WebSocket stack on a free port, and clients that sign in through the public API.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { inject } from 'vitest';
import { startApp, type App } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { openOrm } from '../db/orm.js';
import { systemClock, type Clock } from '../kernel/clock.js';
import { seedDemoSchoolIfEmpty } from '../db/seeders/demo-school.js';
import { seed, type SchoolBuilder, type SeededWorld } from '../db/seeders/school-builder.js';
import { GraphQLClient } from './graphql-client.js';
import { atRequestTime, honourRequestTime } from './request-time.js';
import { TEMPLATE_DB } from './global-setup.js';

export interface TestServer {
  url: string;
  orm: MikroORM;
  /** Counts the SQL statements `action` causes (the server's, over HTTP included). */
  countStatements(action: () => Promise<unknown>): Promise<number>;
  /** The SQL statements `action` causes, as logged (transaction control included: begin, commit). */
  recordStatements(action: () => Promise<unknown>): Promise<string[]>;
  databaseUrl: string;
  /** The running app (its realtime layer, its HTTP server). */
  app: App;
  /** The server's clock: what the test pinned, else the system clock (a request sent with `GraphQLClient.at` reads its own moment). */
  clock: Clock;
  /** Seeds at the server's "now" (so a seeded school year is the one the server is in). */
  seed(builders: SchoolBuilder | SchoolBuilder[], opts?: Omit<Parameters<typeof seed>[2], 'now'>): Promise<SeededWorld>;
  /** An anonymous client. */
  client(): GraphQLClient;
  /** A client signed in through the `login` mutation. */
  as(login: string, password?: string): Promise<GraphQLClient>;
  stop(): Promise<void>;
}

export async function createTestDatabase(): Promise<string> {
  const adminUrl = inject('pgAdminUrl');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  return adminUrl.replace(/\/[^/]*$/, `/${name}`);
}

/** `demo: true` starts with the demo school that `pnpm start` creates; `config` overrides settings. */
export async function startTestServer(
  opts: {
    demo?: boolean;
    config?: Partial<Config>;
    /** Pins "now" for domain rules (kernel/clock.ts); default: the system clock. */
    clock?: Clock;
    /** A second instance on the database of another test server (multi-instance tests); not cloned anew. */
    databaseUrl?: string;
    /**
     * Hears nothing from the outbox feed (its LISTEN is stopped): its kept screens change only by its own commit
     * fence (graphql/screen-fence.ts), so a read right after a write shows the fence's work, never a notification
     * that won the race. Live streams get nothing.
     */
    withoutFeed?: boolean;
  } = {},
): Promise<TestServer> {
  const databaseUrl = opts.databaseUrl ?? (await createTestDatabase());
  let statements = 0;
  let recording: string[] | null = null;
  const orm = await openOrm(databaseUrl, {
    poolMax: 5,
    onQuery: (m) => {
      if (!m.includes('[query]')) return;
      statements++;
      recording?.push(m);
    },
  });
  const config = loadConfig({ env: 'test', port: 0, host: '127.0.0.1', seedDemo: false, logLevel: 'error', ...opts.config });
  const log = pino({ level: config.logLevel });
  const clock = opts.clock ?? systemClock;
  if (opts.demo) await seedDemoSchoolIfEmpty(orm, log, clock);
  const app = await startApp({ config, orm, log, clock: atRequestTime(clock) });
  honourRequestTime(app.server);
  if (opts.withoutFeed) await app.realtime.feed.stop();
  const client = () => new GraphQLClient(app.url);
  return {
    url: app.url,
    orm,
    databaseUrl,
    app,
    clock,
    async countStatements(action) {
      const before = statements;
      await action();
      return statements - before;
    },
    async recordStatements(action) {
      const recorded: string[] = [];
      recording = recorded;
      try {
        await action();
      } finally {
        recording = null;
      }
      return recorded;
    },
    seed: (builders, opts) => seed(orm.em, builders, { ...opts, now: clock() }),
    client,
    async as(login, password = 'secret') {
      const c = client();
      await c.login(login, password);
      return c;
    },
    async stop() {
      await app.stop();
      await orm.close();
    },
  };
}
