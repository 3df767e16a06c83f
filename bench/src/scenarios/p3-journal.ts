/**
 * P3: the teacher's journal grid of the biggest class (30 pupils) for the first quarter, about 40
 * lessons, and the same class's "×10" group with ten times the lessons. Latency with one client and
 * with eight, and SQL statements per request from the ORM's query log. The floor is the whole page
 * as ONE SQL statement producing JSON, through `pg` with the same number of clients.
 */
import pg from 'pg';
import { bearer, countStatements, graphql, type Bench, type ScenarioResult } from '../bench.js';
import { benchSchool, createSessions, JOURNAL_SUBJECT } from '../database.js';
import { journalPage, type JournalPage } from '../fixtures.js';
import { load, percentile, type LoadResult } from '../load.js';
import type { Row } from '../report.js';

export const JOURNAL = `query Journal($g: ID!, $p: ID!) { journal(groupId: $g, periodId: $p) {
  scale group { name subject { name } teachers { shortName } } period { name }
  lessons { id date lessonNumber topic homework teacher { shortName } substitute { shortName } }
  students { id fullName }
  marks { id value weight date workType { code } }
  attendance { status date }
  finalMarks { value } averages { weighted predicted markCount } workTypes { code weight } } }`;

/** The page in one statement: what a hand-written SQL endpoint would send. */
const FLOOR_SQL = `
select json_build_object(
  'lessons', (select json_agg(json_build_object('id', l.id, 'date', l.date, 'lessonNumber', l.lesson_number, 'topic', l.topic,
                'homework', l.homework, 'teacher', t.last_name || ' ' || left(t.first_name, 1) || '.') order by l.date, l.lesson_number)
              from lesson l join app_user t on t.id = l.teacher_id where l.group_id = $1 and l.period_id = $2),
  'students', (select json_agg(json_build_object('id', u.id, 'fullName', concat_ws(' ', u.last_name, u.first_name, u.middle_name)) order by u.last_name, u.first_name)
              from study_group g join enrolment e on e.school_class_id = g.school_class_id join app_user u on u.id = e.student_id where g.id = $1),
  'marks', (select json_agg(json_build_object('id', m.id, 'value', m.value, 'weight', m.weight, 'studentId', m.student_id, 'lessonId', m.lesson_id, 'workType', w.code) order by m.entered_at)
              from mark m join work_type w on w.id = m.work_type_id where m.group_id = $1 and m.period_id = $2 and m.retracted_at is null),
  'attendance', (select json_agg(json_build_object('status', a.status, 'studentId', a.student_id, 'lessonId', a.lesson_id))
              from attendance a join lesson l on l.id = a.lesson_id where l.group_id = $1 and l.period_id = $2),
  'finalMarks', (select json_agg(json_build_object('value', f.value, 'studentId', f.student_id))
              from final_mark f where f.group_id = $1 and (f.period_id = $2 or f.period_id is null))
)::text as page`;

/** Closed-loop clients on a pg pool: each runs the statement again as soon as it is answered. */
async function floor(url: string, page: JournalPage, clients: number, seconds: number, warmup: number, perClient?: number): Promise<LoadResult> {
  const pool = new pg.Pool({ connectionString: url, max: clients });
  const loop = async (until: number, times: number[], count = Number.POSITIVE_INFINITY) => {
    for (let i = 0; i < count && performance.now() < until; i++) {
      const t = performance.now();
      await pool.query(FLOOR_SQL, [page.groupId, page.periodId]);
      times.push(performance.now() - t);
    }
  };
  try {
    const warm: number[] = [];
    await Promise.all(Array.from({ length: clients }, () => loop(performance.now() + warmup * 1000, warm)));
    const times: number[] = [];
    const started = performance.now();
    await Promise.all(Array.from({ length: clients }, () => loop(perClient ? Number.POSITIVE_INFINITY : started + seconds * 1000, times, perClient)));
    const elapsed = (performance.now() - started) / 1000;
    times.sort((a, b) => a - b);
    return { rps: times.length / elapsed, p50: percentile(times, 50), p99: percentile(times, 99), requests: times.length, failures: 0 };
  } finally {
    await pool.end();
  }
}

export async function journalGrid(bench: Bench): Promise<ScenarioResult> {
  const { journalClass, tenfoldGroup } = benchSchool();
  const pages = { '×1': await journalPage(bench.dbUrl, journalClass, JOURNAL_SUBJECT), '×10': await journalPage(bench.dbUrl, tenfoldGroup, JOURNAL_SUBJECT) };
  // The ×10 page takes long enough that a short timed run would end with requests in flight: counted runs instead.
  const perConnection = { '×1': undefined, '×10': bench.quick ? 3 : 10 };
  const [token] = await createSessions(bench.dbUrl, [pages['×1'].teacherId]);
  const appUrl = bench.app.info.url as string;
  const rows: Row[] = [];
  const details: Record<string, unknown> = {};
  for (const [label, page] of Object.entries(pages)) {
    const variables = { g: page.groupId, p: page.periodId };
    const data = (await graphql(appUrl, JOURNAL, variables, bearer(token!))).journal;
    const size = `${data.students.length} × ${data.lessons.length}`;
    const statements = await countStatements(bench.app, async () => {
      for (let i = 0; i < 5; i++) await graphql(appUrl, JOURNAL, variables, bearer(token!));
    });
    const body = JSON.stringify({ query: JOURNAL, variables });
    const results: Record<number, { ours: LoadResult; floor: LoadResult }> = {};
    const counted = perConnection[label as keyof typeof perConnection];
    for (const connections of [1, 8]) {
      const ours = await load({
        url: `${appUrl}/graphql`,
        connections,
        seconds: bench.seconds,
        perConnection: counted,
        warmupSeconds: bench.warmup,
        next: () => ({ body, headers: bearer(token!) }),
        server: bench.app,
      });
      results[connections] = { ours, floor: await floor(bench.dbUrl, page, connections, bench.seconds, bench.warmup, counted) };
      bench.log.info({ page: label, connections, ...results[connections] }, 'P3 journal grid');
    }
    const scenario = `P3 journal ${size}`;
    const against = 'one SQL → JSON (pg)';
    rows.push(
      { scenario, measure: 'p50 ms, 1 client ↓', ours: results[1]!.ours.p50, other: results[1]!.floor.p50, against },
      { scenario, measure: 'p99 ms, 8 clients ↓', ours: results[8]!.ours.p99, other: results[8]!.floor.p99, against },
      { scenario, measure: 'req/s, 8 clients ↑', ours: results[8]!.ours.rps, other: results[8]!.floor.rps, against },
      { scenario, measure: 'SQL statements / request ↓', ours: statements / 5, other: 1, against },
      { scenario, measure: 'app CPU ms / request, 8 clients ↓', ours: results[8]!.ours.cpuMsPerRequest!, other: null, against: '—' },
    );
    details[label] = { size, marks: data.marks.length, statementsPerRequest: statements / 5, results };
  }
  return { rows, details };
}
