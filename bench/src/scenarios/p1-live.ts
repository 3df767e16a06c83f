/**
 * P1: a mark reaching parents live. N parent connections (graphql-ws, each signed in, each subscribed
 * to `diaryEvents` of their child); teachers put marks for those children at a steady rate through
 * the `putMark` mutation; latency from the mutation's start to each parent's receipt. The floor: a
 * bare `ws` server sending payloads of the same shape to the same connections, latency from the
 * request that asks it to until receipt.
 */
import { bearer, type Bench, type ScenarioResult } from '../bench.js';
import { createSessions, TODAY } from '../database.js';
import { families, markTargets, type MarkTarget } from '../fixtures.js';
import { Fleet, hasDiaryEvents } from '../fleet.js';
import { percentile } from '../load.js';
import type { Row } from '../report.js';
import type { Connection } from '../servers/clients.js';
import { Child, now } from '../servers/ipc.js';
import { DIARY_EVENTS } from './p4-idle.js';

const PUT_MARK = `mutation Put($input: PutMarkInput!) { putMark(input: $input) { id } }`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls `send(i)` `count` times at `rate` per second, on schedule (open loop: a slow answer does not delay the next). */
async function steady(rate: number, count: number, send: (i: number) => Promise<void>) {
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(send(i));
  }
  await Promise.all(pending);
}

function latencies(starts: Map<string, number>, receipts: [string, number][], expected: number) {
  const times = receipts.filter(([id]) => starts.has(id)).map(([id, at]) => at - starts.get(id)!).sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), received: times.length, expected };
}

export async function liveMarks(bench: Bench, parents: number): Promise<ScenarioResult> {
  const scenario = `P1 mark → ${parents.toLocaleString('en-US')} parents`;
  if (!(await hasDiaryEvents())) {
    return { rows: [{ scenario, measure: 'latency', ours: null, other: null, against: 'raw ws', note: 'not available yet (no diaryEvents)' }], details: { available: false } };
  }
  // Half of what P5 measured the app to sustain (queueing is not delivery latency), at most 50/s (quick) or 100/s.
  const rate = Math.max(5, Math.min(bench.quick ? 50 : 100, Math.floor((bench.marksPerSecond ?? 40) / 2)));
  const marks = rate * bench.seconds;
  const fams = await families(bench.dbUrl, parents);
  const tokens = await createSessions(bench.dbUrl, fams.map((f) => f.parentId));
  const connections: Connection[] = fams.map((f, i) => ({ token: tokens[i]!, studentId: f.studentId }));
  const watchers = new Map<string, number>();
  for (const c of connections) watchers.set(c.studentId, (watchers.get(c.studentId) ?? 0) + 1);
  const targets = (await markTargets(bench.dbUrl, TODAY)).filter((t) => watchers.has(t.studentId));
  const byStudent = new Map<string, MarkTarget>(targets.map((t) => [t.studentId, t]));
  const plan = Array.from({ length: marks }, (_, i) => [...byStudent.values()][i % byStudent.size]!);
  const expected = plan.reduce((n, t) => n + watchers.get(t.studentId)!, 0);
  const teachers = [...new Set(plan.map((t) => t.teacherId))];
  const teacherTokens = new Map(teachers.map((id, i) => [id, i] as const));
  const sessions = await createSessions(bench.dbUrl, teachers);
  const appUrl = bench.app.info.url as string;

  const fleet = await Fleet.start(parents);
  try {
    // Ours.
    let failures = await fleet.open({ kind: 'graphql-ws', url: `${appUrl.replace(/^http/, 'ws')}/graphql`, subscription: DIARY_EVENTS }, connections);
    await sleep(500);
    const starts = new Map<string, number>();
    const answered: number[] = [];
    await steady(rate, marks, async (i) => {
      const t = plan[i]!;
      const started = now();
      const res = await fetch(`${appUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(sessions[teacherTokens.get(t.teacherId)!]!) },
        body: JSON.stringify({ query: PUT_MARK, variables: { input: { lessonId: t.lessonId, studentId: t.studentId, workTypeId: t.workTypeId, value: String(2 + (i % 4)) } } }),
      });
      const id = ((await res.json()) as { data?: { putMark: { id: string } } }).data?.putMark.id;
      answered.push(now() - started);
      if (id) starts.set(id, started);
      else failures++;
    });
    await sleep(1000);
    const got = await fleet.receipts();
    await fleet.close();
    answered.sort((a, b) => a - b);
    const ours = { ...latencies(starts, got.receipts, expected), failures: failures + got.failures, mutationP50: percentile(answered, 50), mutationP99: percentile(answered, 99) };

    // The floor: the same connections and targets, payloads shaped like the event ours delivered.
    const raw = await Child.start('servers/raw-ws.ts', {});
    const floorStarts = new Map<string, number>();
    let floor;
    try {
      const rawFailures = await fleet.open({ kind: 'raw', url: raw.info.wsUrl as string }, connections);
      await sleep(500);
      const sample = JSON.stringify(got.sample ?? { data: { diaryEvents: { mark: { id: '' } } } });
      await steady(rate, marks, async (i) => {
        const id = `floor-${i}`;
        const payload = sample.replace(/"mark":\{"id":"[^"]*"/, `"mark":{"id":"${id}"`);
        floorStarts.set(id, now());
        await fetch(`${raw.info.url}/publish`, { method: 'POST', body: JSON.stringify({ studentId: plan[i]!.studentId, payload }) });
      });
      await sleep(1000);
      const floorGot = await fleet.receipts();
      await fleet.close();
      floor = { ...latencies(floorStarts, floorGot.receipts, expected), failures: rawFailures + floorGot.failures };
    } finally {
      await raw.stop();
    }
    bench.log.info({ parents, rate, marks, ours, floor }, 'P1 live marks');
    const lost = ours.expected - ours.received;
    const rows: Row[] = [
      { scenario, measure: `p50 ms at ${rate} marks/s ↓`, ours: ours.p50, other: floor.p50, against: 'raw ws', note: `the mutation's own answer: p50 ${ours.mutationP50.toFixed(1)} ms` },
      { scenario, measure: `p99 ms at ${rate} marks/s ↓`, ours: ours.p99, other: floor.p99, against: 'raw ws', note: lost ? `${lost} of ${expected} not delivered` : undefined },
    ];
    return { rows, details: { parents, distinctParents: new Set(fams.map((f) => f.parentId)).size, rate, marks, ours, floor } };
  } finally {
    await fleet.stop();
  }
}
