/**
 * P4: memory of idle WebSocket sessions. Ours: graphql-ws connections, each signed in with its own
 * session and holding one `diaryEvents` subscription; the floor: bare `ws` connections that each sent
 * one line. One fresh server process each, warmed up; RSS after a full GC before the connections and
 * once they are all open (1k, then more up to 5k, …), divided by their number.
 */
import type { Bench, ScenarioResult } from '../bench.js';
import { createSessions } from '../database.js';
import { families } from '../fixtures.js';
import { Fleet, hasSubscription } from '../fleet.js';
import type { Row } from '../report.js';
import type { Connection } from '../servers/clients.js';
import { Child, type MemoryBreakdown } from '../servers/ipc.js';

export const DIARY_EVENTS = `subscription Live($studentId: ID!) { diaryEvents(studentId: $studentId) {
  id type at mark { id value weight date workType { code name } subject { name } } } }`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Opened and closed before the baseline: the first connections load code and fill caches once per process. */
const WARM_UP = 100;

/** Waits until the server's RSS stops growing (the last subscriptions are being set up), then reads its memory after a GC. */
async function settled(server: Child): Promise<MemoryBreakdown> {
  let last = server.rss();
  for (let i = 0; i < 20; i++) {
    await sleep(250);
    const now = server.rss();
    if (Math.abs(now - last) < last * 0.002) break;
    last = now;
  }
  return server.settledMemory();
}

/** One server process: warm-up, baseline, then connections added up to each size in turn. */
async function measure(server: Child, fleet: Fleet, sizes: number[], open: (from: number, to: number) => Promise<number>) {
  await open(0, WARM_UP);
  await settled(server);
  await fleet.close();
  await sleep(300);
  const baseline = await server.settledMemory();
  const before = baseline.rss;
  const bySize: Record<number, { rss: number; failures: number; openSeconds: number; bytesPerConnection: number; memory: MemoryBreakdown }> = {};
  let failures = 0;
  let opened = 0;
  for (const size of sizes) {
    const t = performance.now();
    failures += await open(opened, size);
    const openSeconds = (performance.now() - t) / 1000;
    opened = size;
    const memory = await settled(server);
    const rss = memory.rss;
    bySize[size] = { rss, failures, openSeconds, bytesPerConnection: (rss - before) / (size - failures), memory };
  }
  await fleet.close();
  return { before, baseline, bySize };
}

export async function idleSockets(bench: Bench): Promise<ScenarioResult> {
  const sizes = bench.quick ? [1000, 5000] : [1000, 5000, 10000];
  const subscribed = await hasSubscription('diaryEvents');
  const fams = await families(bench.dbUrl, Math.max(...sizes));
  const tokens = await createSessions(
    bench.dbUrl,
    fams.map((f) => f.parentId),
  );
  const connections: Connection[] = fams.map((f, i) => ({ token: tokens[i], variables: { studentId: f.studentId }, key: f.studentId }));
  const fleet = await Fleet.start(Math.max(...sizes));
  try {
    const app = await Child.start('servers/app.ts', { BENCH_DB_URL: bench.dbUrl }, { execArgv: ['--expose-gc'] });
    const url = `${(app.info.url as string).replace(/^http/, 'ws')}/graphql`;
    const subscription = subscribed ? DIARY_EVENTS : undefined;
    const ours = await measure(app, fleet, sizes, (from, to) => fleet.open({ kind: 'graphql-ws', url, subscription }, connections, from, to)).finally(() =>
      app.stop(),
    );
    const raw = await Child.start('servers/raw-ws.ts', { BENCH_DB_URL: bench.dbUrl }, { execArgv: ['--expose-gc'] });
    const floor = await measure(raw, fleet, sizes, (from, to) => fleet.open({ kind: 'raw', url: raw.info.wsUrl as string }, connections, from, to)).finally(
      () => raw.stop(),
    );
    bench.log.info({ ours, floor }, 'P4 idle sockets');
    const rows: Row[] = sizes.map((size) => {
      const o = ours.bySize[size];
      const f = floor.bySize[size];
      return {
        scenario: `P4 idle sockets ×${size.toLocaleString('en-US')}`,
        measure: subscribed ? 'KB RSS / subscribed connection ↓' : 'KB RSS / connection (no subscription yet) ↓',
        ours: o.bytesPerConnection / 1024,
        other: f.bytesPerConnection / 1024,
        against: 'raw ws',
        target: '≤ 1.5×',
        note: o.failures || f.failures ? `${o.failures + f.failures} failed connections` : undefined,
      };
    });
    return { rows, details: { subscribed, warmUp: WARM_UP, ours, floor } };
  } finally {
    await fleet.stop();
  }
}
