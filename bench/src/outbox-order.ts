/**
 * `pnpm --filter @dnevnik/bench outbox-order [seconds] [clients]`: how fast writers commit outbox rows
 * under each way of ordering and announcing them (issue 16: "event ordering per school without
 * serialising every commit"). pgbench (installed with PostgreSQL's client tools) drives `clients`
 * writers for `seconds` per option against an embedded PostgreSQL (fsync on, like the app's); every
 * writer's transaction inserts one work row and one outbox row shaped like `domain_event`, and a
 * listener drains the notifications, as the app's does. Options, all in the same run:
 *
 * - `plain`: no ordering, no announcement (the ceiling).
 * - `today`: the app's trigger (Migration20261202145000_outbox_announce_rows): at commit, a per-school
 *   advisory lock, the final id, `pg_notify` of the row inside the writing transaction.
 * - `lock, notify after`: the same lock and final id, no NOTIFY in the transaction; the writer sends an
 *   autocommit NOTIFY (no transaction id, so no commit record to flush) after its COMMIT.
 * - `counter row, notify after`: the per-school order from `update … set last = last + 1` on a counter
 *   row at commit instead of the advisory lock; NOTIFY after COMMIT.
 * - `sequencer`: rows are inserted with a provisional (negative) id, no lock, no NOTIFY in the
 *   transaction; the writer's autocommit NOTIFY after COMMIT wakes one sequencer, which gives the
 *   committed rows their final ids and announces them in its own transaction (`outbox_number`, one
 *   numbering at a time, one commit per batch). Readers by cursor never skip: a row is numbered only once
 *   committed, after every row numbered before it. Its lag (a row's insert to its numbering) is reported.
 * - `writer numbers after COMMIT`: no sequencer; each writer calls `outbox_number` after its COMMIT
 *   (whoever gets the lock first numbers everyone's committed rows; the others find nothing, which writes
 *   nothing and flushes nothing).
 *
 * The per-school options run with the writers in one school (the bench's data set) and spread over eight.
 *
 * Measured 2026-12-02 (2 cores, 8 s per option, 8 clients, load average 17–19 from other work; two rounds),
 * commits/s, one school / eight: plain 1381, 1346; today 265, 312 / 310, 376; lock + NOTIFY after COMMIT
 * 310, 349 / 1668, 1406; counter row + NOTIFY after COMMIT 736, 927 / 1641, 1377; sequencer 1063, 1017
 * (insert → numbered p50 6 ms, p99 27–36 ms); writer numbers after COMMIT 329, 289. Only the sequencer
 * keeps one school's writers near plain inserts; a writer that waits for its own numbering, uncoalesced, is
 * back to today's rate (each numbering flushes its commit while holding the numbering lock).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { ensureDatabase } from '../../packages/server/src/db/database.js';
import { startEmbeddedPostgres } from '../../packages/server/src/db/embedded-postgres.js';

const SECONDS = Number(process.argv[2] ?? 10);
const CLIENTS = Number(process.argv[3] ?? 8);
const log = pino({ level: 'error' });
const dir = mkdtempSync(join(tmpdir(), 'dnevnik-outbox-order-'));
const port = 54000 + Math.floor(Math.random() * 1000);
const postgres = await startEmbeddedPostgres({ dir, port, log });
await ensureDatabase(postgres.adminUrl, 'bench');
const url = postgres.urlFor('bench');
const admin = new pg.Client({ connectionString: url });
await admin.connect();

const SCHEMA = `
drop table if exists outbox, work, outbox_counter cascade;
drop sequence if exists outbox_provisional;
drop function if exists outbox_number();
create table work (id bigserial primary key, school_id int not null, value int not null);
create table outbox (id bigserial primary key, school_id int not null, type text not null, student_id uuid, group_id uuid,
                     payload jsonb not null, at timestamptz not null);
create index on outbox (school_id, id);
create sequence outbox_provisional;
create table outbox_counter (school_id int primary key, last bigint not null);
insert into outbox_counter select s, 0 from generate_series(1, 8) s;
-- Numbers the committed rows that have a provisional id, one numbering at a time, and announces them in the
-- same transaction; returns each row's lag from its insert. A call that finds nothing writes nothing (no
-- transaction id, no commit record to flush).
create function outbox_number() returns setof double precision language plpgsql as $$
declare
  r outbox;
  final_id bigint;
begin
  perform pg_advisory_xact_lock(1684956532, 0);
  for r in select * from outbox where id < 0 order by id desc loop
    final_id := nextval('outbox_id_seq'::regclass);
    update outbox set id = final_id where id = r.id;
    perform pg_notify('domain_event', json_build_object('id', final_id::text, 'schoolId', r.school_id, 'type', r.type,
      'studentId', r.student_id, 'groupId', r.group_id, 'at', r.at, 'payload', r.payload)::text);
    return next extract(epoch from clock_timestamp() - r.at) * 1000;
  end loop;
end $$;`;

/** The app's trigger body, minus what an option leaves out. */
const trigger = (order: 'lock' | 'counter', notify: boolean) => `
create or replace function outbox_announce() returns trigger language plpgsql as $$
declare
  final_id bigint;
  message text;
begin
  ${order === 'lock' ? 'perform pg_advisory_xact_lock(1684956532, new.school_id);' : 'update outbox_counter set last = last + 1 where school_id = new.school_id;'}
  final_id := nextval('outbox_id_seq'::regclass);
  update outbox set id = final_id where id = new.id;
  ${
    notify
      ? `message := json_build_object('id', final_id::text, 'schoolId', new.school_id, 'type', new.type, 'studentId', new.student_id,
    'groupId', new.group_id, 'at', new.at, 'payload', new.payload)::text;
  perform pg_notify('domain_event', message);`
      : ''
  }
  return null;
end $$;
create constraint trigger outbox_announce after insert on outbox deferrable initially deferred for each row execute function outbox_announce();`;

const WRITE = `\\set school random(1, :schools)
\\set value random(1, 5)
BEGIN;
insert into work (school_id, value) values (:school, :value);
insert into outbox (id, school_id, type, student_id, group_id, payload, at)
  values (:id, :school, 'mark.created', gen_random_uuid(), gen_random_uuid(),
          jsonb_build_object('markId', gen_random_uuid(), 'lessonId', gen_random_uuid(), 'value', :value::text), clock_timestamp());
COMMIT;
`;

interface Option {
  name: string;
  setup: string;
  /** The outbox id the writer inserts. */
  id: string;
  /** What the writer sends after its COMMIT, in its own (autocommit) statement. */
  after: string;
  schools: number[];
  sequencer?: boolean;
}

const FINAL = `nextval('outbox_id_seq')`;
const PROVISIONAL = `-nextval('outbox_provisional')`;
const HINT = `select pg_notify('domain_event_hint', ':school');`;
const OPTIONS: Option[] = [
  { name: 'plain', setup: '', id: FINAL, after: '', schools: [1] },
  { name: 'today: lock + NOTIFY in the transaction', setup: trigger('lock', true), id: FINAL, after: '', schools: [1, 8] },
  { name: 'lock, NOTIFY after COMMIT', setup: trigger('lock', false), id: FINAL, after: HINT, schools: [1, 8] },
  { name: 'counter row, NOTIFY after COMMIT', setup: trigger('counter', false), id: FINAL, after: HINT, schools: [1, 8] },
  { name: 'sequencer woken by NOTIFY after COMMIT', setup: '', id: PROVISIONAL, after: HINT, schools: [1], sequencer: true },
  { name: 'writer numbers after COMMIT', setup: '', id: PROVISIONAL, after: `select count(*) from outbox_number();`, schools: [1] },
];

function pgbench(script: string, schools: number): Promise<number> {
  const file = join(dir, 'write.sql');
  writeFileSync(file, script);
  return new Promise((resolve, reject) => {
    const child = spawn(
      'pgbench',
      [
        '-n',
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'postgres',
        '-c',
        String(CLIENTS),
        '-j',
        '2',
        '-T',
        String(SECONDS),
        '-D',
        `schools=${schools}`,
        '-f',
        file,
        'bench',
      ],
      { env: { ...process.env, PGPASSWORD: 'postgres' } },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += String(d)));
    child.stderr.on('data', (d: Buffer) => (out += String(d)));
    child.on('error', reject);
    child.on('exit', (code) => {
      const tps = /tps = ([\d.]+)/.exec(out);
      if (code !== 0 || !tps) reject(new Error(`pgbench failed (${code}):\n${out}`));
      else resolve(Number(tps[1]));
    });
  });
}

/** Drains the notifications of a run (as the app's listener does): rows announced, and writers' hints. */
async function listener() {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const heard = { announced: 0, hints: 0 };
  client.on('notification', (msg) => (msg.channel === 'domain_event' ? heard.announced++ : heard.hints++));
  await client.query('listen domain_event; listen domain_event_hint');
  return { heard: () => ({ ...heard }), stop: () => client.end() };
}

/** One sequencer: woken by the writers' hints (or every 50 ms), numbers the committed rows (`outbox_number`). */
async function sequencer() {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('listen domain_event_hint');
  const lags: number[] = [];
  let batches = 0;
  let stopped = false;
  let wake: (() => void) | null = null;
  client.on('notification', () => wake?.());
  const loop = (async () => {
    while (!stopped) {
      const { rows } = await client.query<{ lag: number }>('select outbox_number() as lag');
      if (rows.length) {
        batches++;
        for (const r of rows) lags.push(Number(r.lag));
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        wake = () => {
          clearTimeout(timer);
          wake = null;
          resolve();
        };
      });
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      await client.end();
      lags.sort((a, b) => a - b);
      const at = (p: number) => (lags.length ? +lags[Math.min(lags.length - 1, Math.floor((lags.length * p) / 100))].toFixed(1) : null);
      return { batches, numbered: lags.length, lagP50Ms: at(50), lagP99Ms: at(99) };
    },
  };
}

const results: Record<string, unknown>[] = [];
for (let round = 1; round <= 2; round++) {
  for (const option of OPTIONS) {
    for (const schools of option.schools) {
      await admin.query(SCHEMA);
      if (option.setup) await admin.query(option.setup);
      await admin.query('checkpoint');
      const ear = await listener();
      const seq = option.sequencer ? await sequencer() : null;
      const tps = await pgbench(`${WRITE.replace(':id', option.id)}${option.after}\n`, schools);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const sequenced = seq ? await seq.stop() : undefined;
      const [{ n, left }] = (
        await admin.query<{ n: number; left: number }>(`select count(*)::int as n, count(*) filter (where id < 0)::int as left from outbox`)
      ).rows;
      const row = { round, option: option.name, schools, commitsPerSecond: Math.round(tps), outboxRows: n, ...ear.heard(), unnumbered: left, ...sequenced };
      await ear.stop();
      results.push(row);
      console.error(JSON.stringify(row));
    }
  }
}
console.log(JSON.stringify({ seconds: SECONDS, clients: CLIENTS, load: (await import('node:os')).loadavg().map((l) => +l.toFixed(2)), results }, null, 2));
await admin.end();
await postgres.stop();
rmSync(dir, { recursive: true, force: true });
