/**
 * `pnpm --filter @dnevnik/bench queue [N]`: the notification worker's own delivery queue against
 * graphile-worker on the same PostgreSQL, sending N (2 000) SMS to a local provider (issue 15: use a
 * maintained job queue unless ours wins on a measured criterion). Prints deliveries per second and SQL
 * statements per delivery for ours, for graphile-worker as configured by default, and for
 * graphile-worker with its local queue and batched completion. Each job is one delivery, keyed by the
 * delivery's id; the task reads the row, sends and marks it SENT, as ours does.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger, makeWorkerUtils, run, runMigrations, type Task } from 'graphile-worker';
import pg from 'pg';
import pino from 'pino';
import { ensureDatabase } from '../../packages/server/src/db/database.js';
import { startEmbeddedPostgres } from '../../packages/server/src/db/embedded-postgres.js';
import { migrate, openOrm } from '../../packages/server/src/db/orm.js';
import { school, seed } from '../../packages/server/src/db/seeders/school-builder.js';
import { Role } from '../../packages/server/src/policy/roles.js';
import { NotificationWorker } from '../../packages/server/src/modules/notifications/worker.js';

const N = Number(process.argv[2] ?? 2000);
const log = pino({ level: 'error' });
const dir = mkdtempSync(join(tmpdir(), 'dnevnik-queue-bench-'));
const postgres = await startEmbeddedPostgres({ dir, port: 54000 + Math.floor(Math.random() * 1000), log });
await ensureDatabase(postgres.adminUrl, 'bench');
const url = postgres.urlFor('bench');
let statements = 0;
const orm = await openOrm(url, { poolMax: 10, onQuery: (m) => (m.includes('[query]') ? statements++ : 0) });
await migrate(orm);
// The bench's own fixed moment: the queue's due times and quiet hours follow it, not the wall clock.
const now = new Date('2026-11-16T09:00:00Z');
const world = await seed(
  orm.em,
  school('Школа').inYear(2026).withStaff('t', 'Иванова Анна Петровна', [Role.TEACHER]).withParent('p', 'Петрова Мария Ивановна', { phone: '+79990000001' }),
  { now },
);
const parent = world.user('p').id;
const sms = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(202).end('{}'));
});
await new Promise<void>((resolve) => sms.listen(0, '127.0.0.1', resolve));
const smsUrl = `http://127.0.0.1:${(sms.address() as AddressInfo).port}/sms`;
const admin = new pg.Client({ connectionString: url });
await admin.connect();
// No quiet hours: every delivery is due at once.
await admin.query(
  `insert into notification_preference (user_id, quiet_from, quiet_to, sms_kinds, email_mode, updated_at) values ($1, '00:00', '00:00', '{}', 'OFF', now())`,
  [parent],
);
let firstEvent = 0;
/** N due SMS deliveries, as the outbox reader writes them. */
async function deliveries(): Promise<string[]> {
  const ids = Array.from({ length: N }, () => randomUUID());
  await admin.query(
    `insert into notification_delivery (id, event_id, school_id, channel, recipient_id, kind, title, body, digest, status, attempts, due_at, created_at)
     select id, row_number() over () + $4, $1, 'SMS', $2, 'MARK', 'Оценка 5', 'Новая оценка 5', false, 'PENDING', 0, $3, $3 from unnest($5::uuid[]) id`,
    [world.school().id, parent, now, firstEvent, ids],
  );
  firstEvent += N;
  return ids;
}
const result = (ms: number, count: number) => ({ perSecond: Math.round((N / ms) * 1000), statementsPerDelivery: +(count / N).toFixed(2) });

// Ours: rounds of the worker (claim 100 rows in one statement, record the sends in one).
await deliveries();
const worker = new NotificationWorker(orm, log, { mailFrom: 'bench <bench@bench>', smsUrl }, () => now);
statements = 0;
let started = performance.now();
for (let sent = 0; sent < N;) sent += (await worker.round()).sent;
const ours = result(performance.now() - started, statements);
worker.close();

// graphile-worker: its statements are counted on every client of its pool.
let libraryStatements = 0;
const pool = new pg.Pool({ connectionString: url, max: 10 });
pool.on('error', (err) => log.error({ err }, 'graphile-worker pool'));
pool.on('connect', (client) => {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  Object.assign(client, {
    query: (...args: unknown[]) => {
      libraryStatements++;
      return query(...args);
    },
  });
});
await runMigrations({ pgPool: pool });
const send: Task = async (payload, helpers) => {
  const { id } = payload as { id: string };
  const { rows } = await helpers.query<{ phone: string; title: string }>(
    `select u.phone, d.title from notification_delivery d join app_user u on u.id = d.recipient_id where d.id = $1`,
    [id],
  );
  const res = await fetch(smsUrl, { method: 'POST', body: JSON.stringify({ to: rows[0].phone, text: rows[0].title, id }) });
  if (!res.ok) throw new Error(`the SMS provider answered ${res.status}`);
  await helpers.query(`update notification_delivery set status = 'SENT', sent_at = now() where id = $1`, [id]);
};

async function library(preset: Parameters<typeof run>[0]['preset']) {
  const ids = await deliveries();
  libraryStatements = 0;
  started = performance.now();
  const utils = await makeWorkerUtils({ pgPool: pool });
  await utils.addJobs(ids.map((id) => ({ identifier: 'send', payload: { id }, jobKey: id, maxAttempts: 5 })));
  await utils.release();
  let done = 0;
  const runner = await run({
    pgPool: pool,
    concurrency: 10,
    noHandleSignals: true,
    pollInterval: 100,
    logger: new Logger(() => () => {}),
    preset,
    taskList: { send: async (payload, helpers) => void (await send(payload, helpers), done++) },
  });
  while (done < N) await new Promise((resolve) => setTimeout(resolve, 10));
  const measured = result(performance.now() - started, libraryStatements);
  await runner.stop();
  return measured;
}
const graphileDefault = await library(undefined);
const graphileBatched = await library({ worker: { localQueue: { size: 100 }, completeJobBatchDelay: 0, failJobBatchDelay: 0 } });

console.log(JSON.stringify({ deliveries: N, ours, graphileWorker: graphileDefault, graphileWorkerBatched: graphileBatched }, null, 2));
await pool.end();
await admin.end();
await orm.close();
sms.close();
await postgres.stop();
rmSync(dir, { recursive: true, force: true });
