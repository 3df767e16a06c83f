/**
 * P5: teachers putting marks. Ours: the `putMark` mutation over HTTP (session, policy, checks, the
 * mark, its history row, an audit row and an outbox row in one transaction, then the live fan-out);
 * the floor: a plain INSERT of the same mark row through `pg`. Eight clients each, marks per second.
 */
import pg from 'pg';
import { bearer, graphql, type Bench, type ScenarioResult } from '../bench.js';
import { createSessions, sql, TODAY } from '../database.js';
import { markTargets, type MarkTarget } from '../fixtures.js';
import { cycle, load } from '../load.js';
import type { Row } from '../report.js';

const PUT_MARK = `mutation Put($input: PutMarkInput!) { putMark(input: $input) { id value version } }`;
const CLIENTS = 8;

const INSERT = `insert into mark (id, school_id, lesson_id, group_id, subject_id, period_id, student_id, work_type_id, value, points, weight,
                                  entered_by_id, entered_at, backdated, version)
                values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now(), false, 1)`;

async function rawInserts(url: string, targets: MarkTarget[], seconds: number, warmup: number) {
  const pool = new pg.Pool({ connectionString: url, max: CLIENTS });
  const next = cycle(targets);
  let value = 0;
  const loop = async (until: number, count: { n: number }) => {
    while (performance.now() < until) {
      const t = next();
      const points = 2 + (value++ % 4);
      await pool.query(INSERT, [t.schoolId, t.lessonId, t.groupId, t.subjectId, t.periodId, t.studentId, t.workTypeId, String(points), points, t.weight, t.teacherId]);
      count.n++;
    }
  };
  try {
    await Promise.all(Array.from({ length: CLIENTS }, () => loop(performance.now() + warmup * 1000, { n: 0 })));
    const count = { n: 0 };
    const started = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, () => loop(started + seconds * 1000, count)));
    return count.n / ((performance.now() - started) / 1000);
  } finally {
    await pool.end();
  }
}

export async function markWrites(bench: Bench): Promise<ScenarioResult> {
  const targets = await markTargets(bench.dbUrl, TODAY);
  const teachers = [...new Set(targets.map((t) => t.teacherId))];
  const tokens = new Map(teachers.map((id, i) => [id, i]));
  const sessionTokens = await createSessions(bench.dbUrl, teachers);
  const appUrl = bench.app.info.url as string;
  let value = 0;
  const bodies = targets.map((t) => ({
    body: JSON.stringify({ query: PUT_MARK, variables: { input: { lessonId: t.lessonId, studentId: t.studentId, workTypeId: t.workTypeId, value: String(2 + (value++ % 4)) } } }),
    headers: bearer(sessionTokens[tokens.get(t.teacherId)!]!),
  }));
  await graphql(appUrl, PUT_MARK, JSON.parse(bodies[0]!.body).variables, bodies[0]!.headers);

  const [before] = await sql<{ n: number }>(bench.dbUrl, `select count(*)::int as n from mark_change`);
  const ours = await load({ url: `${appUrl}/graphql`, connections: CLIENTS, seconds: bench.seconds, warmupSeconds: bench.warmup, next: cycle(bodies), server: bench.app });
  const [after] = await sql<{ n: number }>(bench.dbUrl, `select count(*)::int as n from mark_change`);
  const floor = await rawInserts(bench.dbUrl, targets, bench.seconds, bench.warmup);
  bench.log.info({ ours, floor }, 'P5 mark writes');
  bench.marksPerSecond = ours.rps;
  const rows: Row[] = [
    { scenario: 'P5 mark writes', measure: `marks/s, ${CLIENTS} clients ↑`, ours: ours.rps, other: floor, against: 'plain INSERT (pg)' },
    { scenario: 'P5 mark writes', measure: `p99 ms, ${CLIENTS} clients ↓`, ours: ours.p99, other: null, against: '—' },
    { scenario: 'P5 mark writes', measure: 'app CPU ms / mark ↓', ours: ours.cpuMsPerRequest!, other: null, against: '—' },
  ];
  if (ours.failures) rows[0]!.note = `${ours.failures} failed`;
  return { rows, details: { targets: targets.length, teachers: teachers.length, ours, floorPerSecond: floor, historyRowsWritten: after!.n - before!.n } };
}
