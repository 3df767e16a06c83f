/**
 * A server instance in its own process, for tests that kill it (SIGKILL) and start it again:
 *
 *   node --import tsx src/realtime/testing/app-process.ts
 *
 * with DATABASE_URL (an already migrated database), PORT, and optionally CLOCK (an ISO instant that
 * "now" is pinned to for journal rules) and REDIS_URL. Prints one JSON line `{"url": ...}` when it
 * listens. No embedded PostgreSQL, no migrations, no demo school: the test prepared the database.
 */
import 'reflect-metadata';
import pino from 'pino';
import { startApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { openOrm } from '../../db/orm.js';
import { systemClock } from '../../kernel/clock.js';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');
const clockAt = process.env.CLOCK ? new Date(process.env.CLOCK) : null;

const config = loadConfig({ env: 'test', host: '127.0.0.1', seedDemo: false, logLevel: process.env.LOG_LEVEL || 'error' });
const log = pino({ level: config.logLevel });
const orm = await openOrm(databaseUrl, { poolMax: 5 });
const app = await startApp({ config, orm, log, clock: clockAt ? () => clockAt : systemClock });
process.stdout.write(`${JSON.stringify({ url: app.url, pid: process.pid })}\n`);

const stop = async () => {
  await app.stop();
  await orm.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
// Not left running when the test runner that started it goes away.
process.on('disconnect', () => void stop());
