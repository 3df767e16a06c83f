/**
 * `pnpm start`: config → database (embedded PostgreSQL unless DATABASE_URL is set) → migrations →
 * demo school on first start → HTTP + WebSocket. SIGINT/SIGTERM stop everything, postgres included.
 */
import 'reflect-metadata';
import pino from 'pino';
import { startApp, type App } from './app.js';
import { loadConfig } from './config.js';
import { ensureDatabase } from './db/database.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded-postgres.js';
import { migrate, openOrm } from './db/orm.js';
import { seedDemoSchoolIfEmpty } from './db/seeders/demo-school.js';
import { scheduleAccountLifecycle } from './jobs/account-lifecycle.js';
import type { Schedule } from './kernel/schedule.js';
import { systemClock } from './kernel/clock.js';
import { scheduleNotifications } from './modules/notifications/index.js';
import { join } from 'node:path';

const config = loadConfig();
const log = pino({ level: config.logLevel });

let embedded: EmbeddedDatabase | undefined;
let app: App | undefined;
let orm: Awaited<ReturnType<typeof openOrm>> | undefined;
let stopping = false;
let lifecycle: Schedule | undefined;
let notifications: Schedule | undefined;

async function shutdown(signal: string, code = 0) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  try {
    await lifecycle?.stop();
    await notifications?.stop();
    await app?.stop();
    await orm?.close();
  } catch (err) {
    log.error({ err }, 'error while stopping the server');
  }
  try {
    await embedded?.stop();
  } catch (err) {
    log.error({ err }, 'error while stopping the embedded PostgreSQL');
  }
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));
// If whatever started us dies without a signal (pnpm killed hard), do not leave postgres orphaned.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && void shutdown('parent exited'), 1000).unref();

try {
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({ dir: join(config.dataDir, 'postgres'), port: config.embeddedPgPort, log });
    await ensureDatabase(embedded.adminUrl, 'dnevnik');
    databaseUrl = embedded.urlFor('dnevnik');
    log.info({ port: config.embeddedPgPort, dir: config.dataDir }, 'embedded PostgreSQL is running');
  }
  orm = await openOrm(databaseUrl);
  const applied = await migrate(orm);
  if (applied.length) log.info({ migrations: applied }, 'migrations applied');
  if (config.seedDemo) await seedDemoSchoolIfEmpty(orm, log, systemClock);
  app = await startApp({ config, orm, log, clock: systemClock });
  // Outbox retention (OUTBOX_RETENTION_DAYS): a minute after start, then hourly.
  app.realtime.scheduleRetention();
  // R-A7: deactivates accounts of people who left; at start, then every hour.
  lifecycle = scheduleAccountLifecycle(
    orm,
    log,
    {
      studentGraceDays: config.studentDeactivationDays,
      staffGraceDays: config.staffDeactivationDays,
      intervalMinutes: config.accountLifecycleIntervalMinutes,
    },
    systemClock,
  );
  // R-C4: e-mail, SMS and Web Push notices from the outbox, and messaging's overdue letters (R-C2).
  notifications = scheduleNotifications(orm, log, config, app, systemClock);
} catch (err) {
  log.fatal({ err }, 'could not start');
  await shutdown('startup failure', 1);
}
