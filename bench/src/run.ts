/**
 * The benchmark runner: a fresh copy of the data set, the app in a child process, the load generator
 * in another, WebSocket client fleets in more; each scenario against its peer or floor in the same run,
 * then the table (stdout) and results/<mode>.json. Progress goes to stderr.
 *
 * Options: --quick (shorter windows, 1,000 sockets), --only P2,P3, --parents N (P1's connections),
 * --watchers N (P6's), --profile (a V8 CPU profile of the shared app process per scenario,
 * results/profiles/P2.cpuprofile…), --print-readme (rewrite the README's table from results/full.json).
 * A full run with the default sizes writes results/full.json, a quick one results/quick.json; runs with
 * --only or other sizes write a file of their own name, so neither ever overwrites the full run.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { repoRoot } from '../../packages/server/src/config.js';
import type { Bench, ScenarioResult } from './bench.js';
import { openBenchDatabase, sql } from './database.js';
import { printReadme, ratio, summary, table, type Row, type RunResult } from './report.js';
import { liveMarks } from './scenarios/p1-live.js';
import { diaryWeek } from './scenarios/p2-diary.js';
import { journalGrid } from './scenarios/p3-journal.js';
import { idleSockets } from './scenarios/p4-idle.js';
import { markWrites } from './scenarios/p5-writes.js';
import { classFanOut } from './scenarios/p6-fan-out.js';
import { Child } from './servers/ipc.js';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    parents: { type: 'string' },
    watchers: { type: 'string' },
    profile: { type: 'boolean', default: false },
    'print-readme': { type: 'boolean', default: false },
  },
});
const results = fileURLToPath(new URL('../results', import.meta.url));
if (args['print-readme']) {
  printReadme(join(repoRoot, 'README.md'), join(results, 'full.json'));
  process.stdout.write('README.md: the benchmark table now shows bench/results/full.json\n');
  process.exit(0);
}
const quick = args.quick;
const mode = quick ? 'quick' : 'full';
/** The targets are at 10k parents and 10k watchers: the full run's default. */
const defaultSockets = quick ? 1000 : 10000;
const parents = Number(args.parents ?? defaultSockets);
const watchers = Number(args.watchers ?? defaultSockets);
const only = args.only ? new Set(args.only.toUpperCase().split(',')) : null;
const file = [
  mode,
  only && `only-${[...only].sort().join('-')}`,
  parents !== defaultSockets && `parents-${parents}`,
  watchers !== defaultSockets && `watchers-${watchers}`,
]
  .filter(Boolean)
  .join('-');
const log = pino({ level: process.env.BENCH_LOG_LEVEL ?? 'warn' }, pino.destination(2));
const say = (msg: string) => process.stderr.write(`${msg}\n`);
const loadAverage = () => loadavg().map((x) => Math.round(x * 10) / 10);

function commit(): { sha: string; dirty: boolean } {
  try {
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', '.', ':!bench/results'], { cwd: repoRoot, encoding: 'utf8' }).trim() !== '';
    return { sha, dirty };
  } catch {
    return { sha: 'unknown', dirty: true };
  }
}

// Run order: P1 and P6 last (the subscriptions they need may arrive last); printed in P1…P6 order.
const scenarios: [string, string, (bench: Bench) => Promise<ScenarioResult>][] = [
  ['P2', 'diary week vs PostGraphile 5', diaryWeek],
  ['P3', 'journal grid', journalGrid],
  ['P5', 'mark writes', markWrites],
  ['P4', 'idle WebSocket sessions', idleSockets],
  ['P1', `live marks to ${parents} parents`, (bench) => liveMarks(bench, parents)],
  ['P6', `one class event to ${watchers} watchers`, (bench) => classFanOut(bench, watchers)],
];
/** A scenario that has not finished in this time is reported as failed and its processes are stopped. */
const scenarioLimitMs = (quick ? 10 : 20) * 60_000 + (Math.max(parents, watchers) / 1000) * 60_000;

const started = Date.now();
const startLoad = loadAverage();
const db = await openBenchDatabase(log);
let app: Child | undefined;
let loader: Child | undefined;
const stop = async () => {
  await Promise.all([...Child.living].map((c) => c.stop()));
  await db.stop();
};
process.once('SIGINT', () => void stop().finally(() => process.exit(130)));

const startApp = () => Child.start('servers/app.ts', { BENCH_DB_URL: db.url });
const rows: Row[] = [];
const details: Record<string, unknown> = {};
try {
  const profiles = join(results, 'profiles');
  if (args.profile) mkdirSync(profiles, { recursive: true });
  app = await startApp();
  loader = await Child.start('servers/loader.ts', {});
  const bench: Bench = {
    dbUrl: db.url,
    quick,
    log,
    app,
    loader,
    postmaster: db.postmaster,
    commitTimestamps: db.commitTimestamps,
    seconds: quick ? 5 : 12,
    warmup: quick ? 2 : 3,
  };
  for (const [id, what, run] of scenarios) {
    if (only && !only.has(id)) continue;
    const t = Date.now();
    say(`${id} ${what}…`);
    const before = new Set(Child.living);
    let timer: NodeJS.Timeout | undefined;
    try {
      if (args.profile) await app.request({ type: 'profile' }, 'profile');
      const result = await Promise.race([
        run(bench),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`did not finish within ${scenarioLimitMs / 1000} s`)), scenarioLimitMs);
        }),
      ]);
      if (args.profile) await app.request({ type: 'profile', file: join(profiles, `${id}.cpuprofile`) }, 'profile');
      rows.push(...result.rows);
      details[id] = result.details;
      say(`${id} done in ${((Date.now() - t) / 1000).toFixed(0)} s`);
    } catch (err) {
      // fetch and pg errors keep their reason in `cause`.
      const cause = err instanceof Error && err.cause ? `: ${err.cause instanceof Error ? err.cause.message : JSON.stringify(err.cause)}` : '';
      const message = (err instanceof Error ? err.message : String(err)) + cause;
      say(`${id} FAILED: ${message}`);
      rows.push({ scenario: id, measure: 'FAILED', ours: null, other: null, against: '—', note: message.slice(0, 200) });
      details[id] = { failed: message };
      // Whatever the scenario started is stopped; a dead app or loader is replaced for the next one.
      await Promise.all([...Child.living].filter((c) => !before.has(c)).map((c) => c.stop()));
      if (!Child.living.has(bench.app)) bench.app = app = await startApp();
      if (!Child.living.has(bench.loader)) bench.loader = loader = await Child.start('servers/loader.ts', {});
    } finally {
      clearTimeout(timer);
    }
  }
  const [{ server_version }] = (await sql<{ server_version: string }>(db.url, 'show server_version')) as [{ server_version: string }];
  rows.sort((a, b) => a.scenario.slice(0, 2).localeCompare(b.scenario.slice(0, 2)));
  const result: RunResult = {
    date: new Date().toISOString(),
    mode,
    commit: commit(),
    options: { quick, only: only && [...only], parents, watchers, seconds: bench.seconds, warmupSeconds: bench.warmup },
    seconds: Math.round((Date.now() - started) / 1000),
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      postgres: server_version,
      loadAverage: { start: startLoad, end: loadAverage() },
    },
    rows: rows.map((r) => ({ ...r, ratio: ratio(r) })),
    details,
  };
  mkdirSync(results, { recursive: true });
  writeFileSync(join(results, `${file}.json`), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`\n${table(rows)}\n\n${summary(result)}\nWritten to bench/results/${file}.json.\n`);
} finally {
  await stop();
}
// Idle keep-alive sockets and the like would hold the process open for a while longer.
process.exit(0);
