/**
 * A server instance in its own process, for tests that kill it (SIGKILL) and start it again:
 *
 *   node --import tsx src/realtime/testing/app-process.ts
 *
 * with DATABASE_URL (an already migrated database), PORT, and optionally CLOCK (an ISO instant that
 * "now" is pinned to for journal rules and notices), REDIS_URL, and the notification worker's settings
 * (NOTIFICATION_INTERVAL_SECONDS, SMTP_URL…; it runs only when the interval is set). Prints one JSON
 * line `{"url": ...}` when it listens. No embedded PostgreSQL, no migrations, no demo school: the test prepared the database.
 */
import 'reflect-metadata';
import pino from 'pino';
import { startApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { openOrm } from '../../db/orm.js';
import { systemClock } from '../../kernel/clock.js';
import { scheduleNotifications } from '../../modules/notifications/worker.js';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');
const clockAt = process.env.CLOCK ? new Date(process.env.CLOCK) : null;

const config = loadConfig({
  env: 'test',
  host: '127.0.0.1',
  seedDemo: false,
  logLevel: process.env.LOG_LEVEL || 'error',
  notificationIntervalSeconds: Number(process.env.NOTIFICATION_INTERVAL_SECONDS || 0),
});
const log = pino({ level: config.logLevel });
const orm = await openOrm(databaseUrl, { poolMax: 5 });
const clock = clockAt ? () => clockAt : systemClock;
const app = await startApp({ config, orm, log, clock });
// The notification worker as main.ts runs it, when NOTIFICATION_INTERVAL_SECONDS asks for it (off by default here).
const notifications = scheduleNotifications(orm, log, config, app, clock);
process.stdout.write(`${JSON.stringify({ url: app.url, pid: process.pid })}\n`);

const stop = async () => {
  await notifications.stop();
  await app.stop();
  await orm.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
// Not left running when the test runner that started it goes away.
process.on('disconnect', () => void stop());
