/**
 * P5: teachers putting marks. Ours: the `putMark` mutation over HTTP (session, policy, checks, the
 * mark, its history row, an audit row and an outbox row in one transaction, then the live fan-out).
 * The floor: raw `pg` writing the same four rows (mark, mark_change, audit_event, domain_event, whose
 * trigger orders and announces the event as it does for ours) in one statement, one round trip, prepared
 * once per connection as ours are (kernel/prepared.ts).
 * Eight clients each; marks per second, latency, and CPU per mark of the app and PostgreSQL together.
 */
import { bearer, countStatements, cpuOf, graphql, type Bench, type ScenarioResult } from '../bench.js';
import { createSessions, sql, TODAY } from '../database.js';
import { markTargets } from '../fixtures.js';
import { failureNote, load, totalCpu } from '../load.js';
import type { Row } from '../report.js';

const PUT_MARK = `mutation Put($input: PutMarkInput!) { putMark(input: $input) { id value version } }`;
const CLIENTS = 8;

/** What putMark writes for a new mark, as one statement (its domain time is the app's pinned clock; here now()). */
const WRITE_MARK = `
with m as (
  insert into mark (id, school_id, lesson_id, group_id, subject_id, period_id, student_id, work_type_id, value, points, weight,
                    comment, entered_by_id, entered_at, backdated, version)
  values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, null, $11, now(), false, 1)
  returning id, school_id, lesson_id, group_id, student_id, value, entered_by_id, entered_at
), history as (
  insert into mark_change (id, school_id, mark_id, version, kind, new_value, new_work_type, reason, backdated, author_id, at)
  select gen_random_uuid(), school_id, id, 1, 'CREATED', value, $12, null, false, entered_by_id, entered_at from m
), audit as (
  insert into audit_event (school_id, actor_id, action, entity, entity_id, data, at, session_id, ip)
  select school_id, entered_by_id, 'mark.create', 'Mark', id, jsonb_build_object('value', value, 'studentId', student_id), entered_at, null, '127.0.0.1' from m
)
insert into domain_event (school_id, type, student_id, group_id, payload, at)
select school_id, 'mark.created', student_id, group_id, jsonb_build_object('markId', id, 'lessonId', lesson_id, 'value', value), entered_at from m`;

export async function markWrites(bench: Bench): Promise<ScenarioResult> {
  const targets = await markTargets(bench.dbUrl, TODAY);
  const teachers = [...new Set(targets.map((t) => t.teacherId))];
  const tokens = new Map(teachers.map((id, i) => [id, i]));
  const sessionTokens = await createSessions(bench.dbUrl, teachers);
  const appUrl = bench.app.info.url as string;
  let value = 0;
  const requests = targets.map((t) => ({
    body: JSON.stringify({
      query: PUT_MARK,
      variables: { input: { lessonId: t.lessonId, studentId: t.studentId, workTypeId: t.workTypeId, value: String(2 + (value++ % 4)) } },
    }),
    headers: bearer(sessionTokens[tokens.get(t.teacherId)!]),
  }));
  const first = JSON.parse(requests[0].body).variables;
  const statements = await countStatements(bench.app, () => graphql(appUrl, PUT_MARK, first, requests[0].headers));
  const floorStatements = targets.map((t, i) => {
    const points = 2 + (i % 4);
    return {
      name: 'p5_floor_write_mark',
      text: WRITE_MARK,
      values: [
        t.schoolId,
        t.lessonId,
        t.groupId,
        t.subjectId,
        t.periodId,
        t.studentId,
        t.workTypeId,
        String(points),
        points,
        t.weight,
        t.teacherId,
        t.workTypeCode,
      ],
    };
  });
  // The floor's statement fits today's schema (a clear failure here, not a run of failed writes).
  await sql(bench.dbUrl, WRITE_MARK, floorStatements[0].values);

  const count = async (table: string) => (await sql<{ n: number }>(bench.dbUrl, `select count(*)::int as n from ${table}`))[0].n;
  const before = await count('mark_change');
  const spec = { connections: CLIENTS, seconds: bench.seconds, warmupSeconds: bench.warmup };
  const ours = await load(bench.loader, { ...spec, kind: 'http', url: `${appUrl}/graphql`, requests, cpu: cpuOf(bench, bench.app) });
  const historyRows = (await count('mark_change')) - before;
  const floor = await load(bench.loader, { ...spec, kind: 'sql', url: bench.dbUrl, statements: floorStatements, cpu: cpuOf(bench) });
  bench.log.info({ ours, floor }, 'P5 mark writes');
  bench.marksPerSecond = ours.rps;
  const scenario = 'P5 putMark';
  const against = 'raw pg, same 4 rows';
  const rows: Row[] = [
    { scenario, measure: `marks/s, ${CLIENTS} clients ↑`, ours: ours.rps, other: floor.rps, against, target: '≥ 0.5×' },
    { scenario, measure: `p99 ms, ${CLIENTS} clients ↓`, ours: ours.p99, other: floor.p99, against },
    {
      scenario,
      measure: 'CPU ms / mark, app + PostgreSQL ↓',
      ours: totalCpu(ours),
      other: totalCpu(floor),
      against,
      note: `PostgreSQL's part: ${ours.cpu.postgresMs?.toFixed(2)} ms ours, ${floor.cpu.postgresMs?.toFixed(2)} ms floor`,
    },
    { scenario, measure: 'SQL statements / mark ↓', ours: statements, other: 1, against },
  ];
  rows[0].note = failureNote([ours, floor]);
  return { rows, details: { targets: targets.length, teachers: teachers.length, statementsPerMark: statements, ours, floor, historyRowsWritten: historyRows } };
}
