/**
 * P6: one class event to many watchers. N graphql-ws connections of the class's teacher and the
 * school's administrators (each its own session) hold the class monitor's subscription (`classEvents`,
 * the web app's document); a teacher puts a few marks for pupils of the class, one after another.
 * Measured: deliveries per second (all received over first commit → last receipt), commit→receipt
 * latency and CPU per delivered message of the server and PostgreSQL together. The floor: the same
 * sockets on a bare `ws` server, the same number of events committed as NOTIFYs, the same payload shape.
 */
import { bearer, type Bench, type ScenarioResult } from '../bench.js';
import { cpuPer, sampleCpu } from '../cpu.js';
import { benchSchool, createSessions, TODAY } from '../database.js';
import { classWatch, markTargets } from '../fixtures.js';
import { Fleet, hasSubscription } from '../fleet.js';
import { commitTimes, floorPayload, floorWriter, latencies, sleep } from '../live.js';
import type { Row } from '../report.js';
import type { Connection } from '../servers/clients.js';
import { Child } from '../servers/ipc.js';

/** The class monitor's subscription (packages/web/src/live/ClassMonitor.tsx), without the resume cursor. */
export const CLASS_EVENTS = `subscription ClassLive($classId: ID!) { classEvents(classId: $classId) {
  id type student { id shortName }
  mark { id lessonId studentId value retracted enteredAt subject { id name } }
  attendance { id lessonId studentId date status }
  lesson { id date lessonNumber topic homework group { id } } } }`;

/** Deliveries not made this long after the last commit count as lost (today's app needs ~2.4 ms CPU per delivery). */
const SETTLE_MS = 300_000;
/** A busy server may compute a whole event's deliveries before sending any: a silence this long ends the wait. */
const QUIET_MS = 30_000;

const PUT_MARK = `mutation Put($input: PutMarkInput!) { putMark(input: $input) { id } }`;

export async function classFanOut(bench: Bench, watchers: number): Promise<ScenarioResult> {
  const scenario = `P6 class event → ${watchers.toLocaleString('en-US')} watchers`;
  if (!(await hasSubscription('classEvents'))) {
    return {
      rows: [{ scenario, measure: 'messages/s', ours: null, other: null, against: 'raw ws', note: 'not available (no classEvents)' }],
      details: { available: false },
    };
  }
  if (!bench.commitTimestamps) throw new Error('PostgreSQL does not stamp commits: set track_commit_timestamp = on');
  // Enough deliveries to measure (about 20k full, 5k quick) in a bounded time.
  const events = Math.max(1, Math.min(20, Math.round((bench.quick ? 5_000 : 20_000) / watchers)));
  const { journalClass } = benchSchool();
  const watch = await classWatch(bench.dbUrl, journalClass);
  const users = Array.from({ length: watchers }, (_, i) => watch.watcherIds[i % watch.watcherIds.length]);
  const tokens = await createSessions(bench.dbUrl, users);
  const connections: Connection[] = tokens.map((token) => ({ token, variables: { classId: watch.classId }, key: watch.classId }));
  const targets = (await markTargets(bench.dbUrl, TODAY)).filter((t) => watch.studentIds.has(t.studentId));
  if (!targets.length) throw new Error(`P6: no lesson of ${journalClass} on the data set's last day`);
  const plan = Array.from({ length: events }, (_, i) => targets[i % targets.length]);
  const teachers = [...new Set(plan.map((t) => t.teacherId))];
  const teacherTokens = new Map((await createSessions(bench.dbUrl, teachers)).map((token, i) => [teachers[i], token]));
  const appUrl = bench.app.info.url as string;

  const fleet = await Fleet.start(watchers);
  try {
    // Ours: the marks one after another, as fast as putMark answers.
    const openFailures = await fleet.open({ kind: 'graphql-ws', url: `${appUrl.replace(/^http/, 'ws')}/graphql`, subscription: CLASS_EVENTS }, connections);
    await sleep(1000);
    const cpu = { server: bench.app.pid, postmaster: bench.postmaster };
    const before = sampleCpu(cpu);
    const written: string[] = [];
    for (const [i, t] of plan.entries()) {
      // A mark the app does not answer (an HTTP timeout when it is saturated) is counted as refused; its deliveries are not counted.
      const id = await fetch(`${appUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(teacherTokens.get(t.teacherId)!) },
        body: JSON.stringify({
          query: PUT_MARK,
          variables: { input: { lessonId: t.lessonId, studentId: t.studentId, workTypeId: t.workTypeId, value: String(2 + (i % 4)) } },
        }),
      })
        .then(async (res) => ((await res.json()) as { data?: { putMark: { id: string } } }).data?.putMark.id)
        .catch(() => undefined);
      if (id) written.push(id);
    }
    const expectedOurs = written.length * watchers;
    await fleet.settle(expectedOurs, QUIET_MS, SETTLE_MS);
    const used = cpuPer(cpu, before, sampleCpu(cpu), 1);
    const got = await fleet.receipts();
    await fleet.close();
    const ours = {
      ...latencies(await commitTimes(bench.dbUrl, 'mark', written), got.receipts, expectedOurs),
      events: written.length,
      openFailures,
      errors: got.failures,
      cpuMs: used,
    };

    // The floor.
    const raw = await Child.start('servers/raw-ws.ts', { BENCH_DB_URL: bench.dbUrl });
    const writer = await floorWriter(bench.dbUrl);
    let floor: typeof ours;
    try {
      const rawFailures = await fleet.open({ kind: 'raw', url: raw.info.wsUrl as string }, connections);
      await sleep(1000);
      const rawCpu = { server: raw.pid, postmaster: bench.postmaster };
      const rawBefore = sampleCpu(rawCpu);
      const ids = Array.from({ length: written.length }, (_, i) => `p6-${i}`);
      for (const id of ids) await writer.send(id, watch.classId, floorPayload(got.sample, id));
      await fleet.settle(expectedOurs, QUIET_MS, SETTLE_MS);
      const rawUsed = cpuPer(rawCpu, rawBefore, sampleCpu(rawCpu), 1);
      const floorGot = await fleet.receipts();
      await fleet.close();
      floor = {
        ...latencies(await commitTimes(bench.dbUrl, 'bench_floor_event', ids), floorGot.receipts, expectedOurs),
        events: ids.length,
        openFailures: rawFailures,
        errors: floorGot.failures,
        cpuMs: rawUsed,
      };
    } finally {
      await writer.close();
      await raw.stop();
    }
    bench.log.info({ watchers, events, ours, floor }, 'P6 class fan-out');
    const perMessage = (r: { cpuMs: { serverMs: number | null; postgresMs: number | null }; received: number }) =>
      r.cpuMs.serverMs === null || r.cpuMs.postgresMs === null || !r.received ? null : (r.cpuMs.serverMs + r.cpuMs.postgresMs) / r.received;
    const against = 'raw ws, NOTIFY-fed';
    const rows: Row[] = [
      {
        scenario,
        measure: `deliveries/s, ${written.length} events ↑`,
        ours: ours.messagesPerSecond,
        other: floor.messagesPerSecond,
        against,
        target: '≥ 0.5×',
      },
      { scenario, measure: 'commit→receipt p99 ms ↓', ours: ours.p99, other: floor.p99, against },
      { scenario, measure: 'CPU ms / delivery, server + PostgreSQL ↓', ours: perMessage(ours), other: perMessage(floor), against },
      {
        scenario,
        measure: `deliveries not made (waited until ${QUIET_MS / 1000} s without one, at most ${SETTLE_MS / 1000} s; of ${expectedOurs.toLocaleString('en-US')}) ↓`,
        ours: ours.expected - ours.received,
        other: floor.expected - floor.received,
        against,
        target: 'ours 0',
        note:
          ours.openFailures || ours.errors || written.length < events
            ? `${ours.openFailures} connections failed, ${ours.errors} errors, ${events - written.length} marks refused`
            : undefined,
      },
    ];
    return { rows, details: { watchers, distinctWatchers: watch.watcherIds.length, events, ours, floor } };
  } finally {
    await fleet.stop();
  }
}
