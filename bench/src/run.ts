/**
 * The benchmark runner: a fresh copy of the data set, the app in a child process, each scenario
 * against its peer or floor in the same run, then the table (stdout) and results/latest.json.
 * Progress goes to stderr. Options: --quick (shorter runs, fewer sockets), --only P2,P3,
 * --parents N (P1's connections), --profile (a V8 CPU profile of the shared app process per scenario,
 * results/profiles/P2.cpuprofile…, for Chrome DevTools or speedscope).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pino from 'pino';
import type { Bench, ScenarioResult } from './bench.js';
import { openBenchDatabase, sql } from './database.js';
import { ratio, table, type Row } from './report.js';
import { liveMarks } from './scenarios/p1-live.js';
import { diaryWeek } from './scenarios/p2-diary.js';
import { journalGrid } from './scenarios/p3-journal.js';
import { idleSockets } from './scenarios/p4-idle.js';
import { markWrites } from './scenarios/p5-writes.js';
import { Child } from './servers/ipc.js';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    parents: { type: 'string' },
    profile: { type: 'boolean', default: false },
  },
});
const quick = args.quick!;
const only = args.only ? new Set(args.only.toUpperCase().split(',')) : null;
const parents = Number(args.parents ?? (quick ? 1000 : 2000));
const results = fileURLToPath(new URL('../results', import.meta.url));
const log = pino({ level: process.env.BENCH_LOG_LEVEL ?? 'warn' }, pino.destination(2));
const say = (msg: string) => process.stderr.write(`${msg}\n`);

// Run order: P1 last (the subscription it needs may arrive last); printed in P1…P5 order.
const scenarios: [string, string, (bench: Bench) => Promise<ScenarioResult>][] = [
  ['P2', 'diary week vs PostGraphile 5', diaryWeek],
  ['P3', 'journal grid', journalGrid],
  ['P5', 'mark writes', markWrites],
  ['P4', 'idle WebSocket sessions', idleSockets],
  ['P1', `live marks to ${parents} parents`, (bench) => liveMarks(bench, parents)],
];

const started = Date.now();
const db = await openBenchDatabase(log);
let app: Child | undefined;
const stop = async () => {
  await app?.stop();
  await db.stop();
};
process.once('SIGINT', () => void stop().finally(() => process.exit(130)));

const rows: Row[] = [];
const details: Record<string, unknown> = {};
try {
  const profiles = join(results, 'profiles');
  if (args.profile) mkdirSync(profiles, { recursive: true });
  app = await Child.start('servers/app.ts', { BENCH_DB_URL: db.url });
  const bench: Bench = { dbUrl: db.url, quick, log, app, seconds: quick ? 2 : 10, warmup: quick ? 0.5 : 2 };
  for (const [id, what, run] of scenarios) {
    if (only && !only.has(id)) continue;
    const t = Date.now();
    say(`${id} ${what}…`);
    if (args.profile) await app.request({ type: 'profile' }, 'profile');
    const result = await run(bench);
    if (args.profile) await app.request({ type: 'profile', file: join(profiles, `${id}.cpuprofile`) }, 'profile');
    rows.push(...result.rows);
    details[id] = result.details;
    say(`${id} done in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }
  const [{ server_version }] = (await sql<{ server_version: string }>(db.url, 'show server_version')) as [{ server_version: string }];
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres: server_version,
    /** Other work on the machine during the run (1, 5 and 15 minutes): absolute figures move with it, ratios less. */
    loadAverage: loadavg().map((x) => Math.round(x * 10) / 10),
  };
  rows.sort((a, b) => a.scenario.slice(0, 2).localeCompare(b.scenario.slice(0, 2)));
  const seconds = Math.round((Date.now() - started) / 1000);
  mkdirSync(results, { recursive: true });
  writeFileSync(
    join(results, 'latest.json'),
    `${JSON.stringify({ date: new Date().toISOString(), mode: quick ? 'quick' : 'full', seconds, machine, rows: rows.map((r) => ({ ...r, ratio: ratio(r) })), details }, null, 2)}\n`,
  );
  process.stdout.write(`\n${table(rows)}\n\n${machine.cores} × ${machine.cpu}, ${machine.memoryGB} GB, Node ${machine.node}, PostgreSQL ${machine.postgres}, load average ${machine.loadAverage.join(' ')}; ${quick ? 'quick' : 'full'} run, ${seconds} s.\n`);
} finally {
  await stop();
}
// Idle keep-alive sockets and the like would hold the process open for a while longer.
process.exit(0);
