/**
 * P1: a mark reaching parents live. N parent connections (graphql-ws, each signed in, each subscribed
 * to `diaryEvents` of their child); teachers put marks for those children at a steady rate through
 * the `putMark` mutation; latency from each mark's COMMIT to each parent's receipt (live.ts). The
 * floor: the same connections on a bare `ws` server, fed by NOTIFYs committed at the same rate, with
 * payloads of the same shape. Every expected delivery is accounted for: what did not arrive is lost.
 */
import { bearer, type Bench, type ScenarioResult } from '../bench.js';
import { createSessions, TODAY } from '../database.js';
import { families, markTargets, type MarkTarget } from '../fixtures.js';
import { Fleet, hasSubscription } from '../fleet.js';
import { commitTimes, floorPayload, floorWriter, latencies, sleep, steady } from '../live.js';
import { percentile } from '../load.js';
import type { Row } from '../report.js';
import type { Connection } from '../servers/clients.js';
import { Child, now } from '../servers/ipc.js';
import { DIARY_EVENTS } from './p4-idle.js';

/** A silence this long after the last mark ends the wait for deliveries (the rest are lost). */
const QUIET_MS = 15_000;

const PUT_MARK = `mutation Put($input: PutMarkInput!) { putMark(input: $input) { id } }`;

export async function liveMarks(bench: Bench, parents: number): Promise<ScenarioResult> {
  const scenario = `P1 mark → ${parents.toLocaleString('en-US')} parents`;
  if (!(await hasSubscription('diaryEvents'))) {
    return {
      rows: [{ scenario, measure: 'latency', ours: null, other: null, against: 'raw ws', note: 'not available yet (no diaryEvents)' }],
      details: { available: false },
    };
  }
  if (!bench.commitTimestamps) throw new Error('PostgreSQL does not stamp commits: set track_commit_timestamp = on (the embedded server does it itself)');
  // Half of what P5 measured the app to sustain (queueing is not delivery latency), at most 50/s (quick) or 100/s;
  // at least 100 marks, so that the p99 is not the slowest of a handful.
  const rate = Math.max(5, Math.min(bench.quick ? 50 : 100, Math.floor((bench.marksPerSecond ?? 40) / 2)));
  const marks = Math.max(100, rate * bench.seconds);
  const fams = await families(bench.dbUrl, parents);
  const tokens = await createSessions(
    bench.dbUrl,
    fams.map((f) => f.parentId),
  );
  const connections: Connection[] = fams.map((f, i) => ({ token: tokens[i], variables: { studentId: f.studentId }, key: f.studentId }));
  const watchers = new Map<string, number>();
  for (const f of fams) watchers.set(f.studentId, (watchers.get(f.studentId) ?? 0) + 1);
  const targets = (await markTargets(bench.dbUrl, TODAY)).filter((t) => watchers.has(t.studentId));
  const byStudent = [...new Map<string, MarkTarget>(targets.map((t) => [t.studentId, t])).values()];
  const plan = Array.from({ length: marks }, (_, i) => byStudent[i % byStudent.length]);
  const expected = plan.reduce((n, t) => n + watchers.get(t.studentId)!, 0);
  const teachers = [...new Set(plan.map((t) => t.teacherId))];
  const sessions = new Map((await createSessions(bench.dbUrl, teachers)).map((token, i) => [teachers[i], token]));
  const appUrl = bench.app.info.url as string;

  const fleet = await Fleet.start(parents);
  try {
    // Ours.
    const openFailures = await fleet.open({ kind: 'graphql-ws', url: `${appUrl.replace(/^http/, 'ws')}/graphql`, subscription: DIARY_EVENTS }, connections);
    await sleep(500);
    // What holds deliveries back, if anything: the server's and the clients' event-loop delay and GC pauses.
    await Promise.all([bench.app.watchStalls(), fleet.watchStalls()]);
    const written: string[] = [];
    const answered: number[] = [];
    let refused = 0;
    await steady(rate, marks, async (i) => {
      const t = plan[i];
      const started = now();
      // A mark the app does not answer (an HTTP timeout when it is saturated) is counted as refused.
      const id = await fetch(`${appUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(sessions.get(t.teacherId)!) },
        body: JSON.stringify({
          query: PUT_MARK,
          variables: { input: { lessonId: t.lessonId, studentId: t.studentId, workTypeId: t.workTypeId, value: String(2 + (i % 4)) } },
        }),
      })
        .then(async (res) => ((await res.json()) as { data?: { putMark: { id: string } } }).data?.putMark.id)
        .catch(() => undefined);
      answered.push(now() - started);
      if (id) written.push(id);
      else refused++;
    });
    await fleet.settle(expected, QUIET_MS);
    const stalls = { server: await bench.app.stalls(), clients: await fleet.stalls() };
    const got = await fleet.receipts();
    await fleet.close();
    answered.sort((a, b) => a - b);
    const ours = {
      ...latencies(await commitTimes(bench.dbUrl, 'mark', written), got.receipts, expected),
      openFailures,
      refusedMarks: refused,
      errors: got.failures,
      mutationP50: percentile(answered, 50),
      mutationP99: percentile(answered, 99),
      stalls,
    };

    // The floor: the same connections and targets, payloads shaped like the event ours delivered.
    const raw = await Child.start('servers/raw-ws.ts', { BENCH_DB_URL: bench.dbUrl });
    const writer = await floorWriter(bench.dbUrl);
    let floor;
    try {
      const rawFailures = await fleet.open({ kind: 'raw', url: raw.info.wsUrl as string }, connections);
      await sleep(500);
      await Promise.all([raw.watchStalls(), fleet.watchStalls()]);
      const ids: string[] = [];
      await steady(rate, marks, async (i) => {
        const id = `p1-${i}`;
        ids.push(id);
        await writer.send(id, plan[i].studentId, floorPayload(got.sample, id));
      });
      await fleet.settle(expected, QUIET_MS);
      const floorStalls = { server: await raw.stalls(), clients: await fleet.stalls() };
      const floorGot = await fleet.receipts();
      await fleet.close();
      floor = {
        ...latencies(await commitTimes(bench.dbUrl, 'bench_floor_event', ids), floorGot.receipts, expected),
        openFailures: rawFailures,
        errors: floorGot.failures,
        stalls: floorStalls,
      };
    } finally {
      await writer.close();
      await raw.stop();
    }
    bench.log.info({ parents, rate, marks, ours, floor }, 'P1 live marks');
    const against = 'raw ws, NOTIFY-fed';
    const rows: Row[] = [
      {
        scenario,
        measure: `commit→receipt p50 ms at ${rate} marks/s ↓`,
        ours: ours.p50,
        other: floor.p50,
        against,
        note: `putMark's own answer: p50 ${ours.mutationP50.toFixed(1)} ms`,
      },
      { scenario, measure: `commit→receipt p99 ms at ${rate} marks/s ↓`, ours: ours.p99, other: floor.p99, against, target: '≤ 2×, and ≤ 10 ms at 10k' },
      {
        scenario,
        measure: `deliveries lost (none for ${QUIET_MS / 1000} s; of ${expected.toLocaleString('en-US')}) ↓`,
        ours: ours.expected - ours.received,
        other: floor.expected - floor.received,
        against,
        target: 'ours 0',
        note:
          ours.openFailures || ours.refusedMarks || ours.errors
            ? `${ours.openFailures} connections failed, ${ours.refusedMarks} marks refused, ${ours.errors} errors`
            : undefined,
      },
    ];
    return { rows, details: { parents, distinctParents: new Set(fams.map((f) => f.parentId)).size, rate, marks, ours, floor } };
  } finally {
    await fleet.stop();
  }
}
