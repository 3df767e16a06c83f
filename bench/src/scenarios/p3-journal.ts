/**
 * P3: the teacher's journal grid of the biggest class (30 pupils) for the first quarter, about 40
 * lessons, and the same class's "×10" group with ten times the lessons. The request is the web app's own:
 * its persisted `Journal` document (the grid with the mark dialog's fields and each mark's history), sent by
 * its hash as the production web app sends it, so the app runs it as it runs the web's (compiled, graphql-jit).
 * The floor is the same fields (`__typename`s included) as ONE SQL statement producing JSON through `pg`, with
 * the same number of clients. Latency with one client and with eight, SQL statements per request (the ORM's
 * query log), and CPU per request of the app and PostgreSQL together (the floor: PostgreSQL alone, as it does
 * all of its work).
 */
import { bearer, countStatements, cpuOf, graphql, requestBody, webDocument, type Bench, type ScenarioResult } from '../bench.js';
import { benchSchool, createSessions, JOURNAL_SUBJECT, sql } from '../database.js';
import { journalPage } from '../fixtures.js';
import { failureNote, load, totalCpu, type LoadResult } from '../load.js';
import type { Row } from '../report.js';

/** The web app's journal page (packages/web/src/journal/JournalQuery.ts with its fragments). */
const JOURNAL = webDocument('Journal');

/** "Иванова А. П." */
const SHORT_NAME = (u: string) =>
  `${u}.last_name || ' ' || left(${u}.first_name, 1) || '.' || coalesce(' ' || left(nullif(${u}.middle_name, ''), 1) || '.', '')`;

/** The same fields in one statement: what a hand-written SQL endpoint would send. */
const FLOOR_SQL = `
with g as (select * from study_group where id = $1), p as (select * from reporting_period where id = $2),
pupils as (select u.* from g join enrolment e on e.school_class_id = g.school_class_id join app_user u on u.id = e.student_id),
marks as (select m.*, l.date, w.code, w.name as work_type_name, w.weight as work_type_weight
            from mark m join lesson l on l.id = m.lesson_id join work_type w on w.id = m.work_type_id
           where m.group_id = $1 and m.period_id = $2 and m.retracted_at is null),
history as (select c.mark_id, json_agg(json_build_object('__typename', 'MarkChange', 'at', c.at,
              'author', case when a.id is null then null else json_build_object('__typename', 'StaffMember', 'id', a.id, 'shortName', ${SHORT_NAME('a')}) end,
              'backdated', c.backdated, 'kind', c.kind, 'newValue', c.new_value, 'newWorkType', c.new_work_type, 'oldValue', c.old_value,
              'oldWorkType', c.old_work_type, 'reason', c.reason, 'version', c.version) order by c.version) as changes
              from marks m join mark_change c on c.mark_id = m.id left join app_user a on a.id = c.author_id group by c.mark_id)
select json_build_object(
  '__typename', 'JournalPage',
  'scale', (select scale from g),
  'group', (select json_build_object('__typename', 'StudyGroup', 'id', g.id, 'name', g.name, 'subject', json_build_object('__typename', 'Subject', 'id', s.id, 'name', s.name))
              from g join subject s on s.id = g.subject_id),
  'period', (select json_build_object('__typename', 'ReportingPeriod', 'id', p.id, 'name', p.number || ' четверть', 'startsOn', p.starts_on, 'endsOn', p.ends_on) from p),
  'lessons', (select json_agg(json_build_object('__typename', 'Lesson', 'id', l.id, 'date', l.date, 'lessonNumber', l.lesson_number, 'topic', l.topic, 'homework', l.homework)
                order by l.date, l.lesson_number) from lesson l where l.group_id = $1 and l.period_id = $2),
  'students', (select json_agg(json_build_object('__typename', 'Student', 'id', u.id, 'fullName', concat_ws(' ', u.last_name, u.first_name, u.middle_name),
                 'shortName', ${SHORT_NAME('u')}) order by u.last_name, u.first_name) from pupils u),
  'marks', (select json_agg(json_build_object('__typename', 'Mark', 'id', m.id, 'lessonId', m.lesson_id, 'studentId', m.student_id, 'value', m.value,
              'weight', m.weight, 'version', m.version, 'backdated', m.backdated, 'comment', m.comment, 'date', m.date, 'enteredAt', m.entered_at,
              'workType', json_build_object('__typename', 'WorkType', 'id', m.work_type_id, 'code', m.code, 'name', m.work_type_name, 'weight', m.work_type_weight),
              'history', coalesce(h.changes, '[]')) order by m.entered_at) from marks m left join history h on h.mark_id = m.id),
  'attendance', (select json_agg(json_build_object('__typename', 'AttendanceMark', 'id', a.id, 'lessonId', a.lesson_id, 'studentId', a.student_id, 'status', a.status,
                   'minutesLate', a.minutes_late, 'version', a.version)) from attendance a join lesson l on l.id = a.lesson_id where l.group_id = $1 and l.period_id = $2),
  'averages', (select json_agg(a) from (
                 select 'SubjectAverage' as "__typename", u.id as "studentId", round(avg(m.points), 2) as plain,
                        round(sum(m.points * m.weight)::numeric / nullif(sum(m.weight), 0), 2) as weighted,
                        round(sum(m.points * m.weight)::numeric / nullif(sum(m.weight), 0)) as predicted, count(m.id) as "markCount"
                   from pupils u left join marks m on m.student_id = u.id group by u.id) a),
  'finalMarks', (select json_agg(json_build_object('__typename', 'FinalMark', 'id', f.id, 'kind', f.kind, 'value', f.value, 'studentId', f.student_id,
                   'postponedUntil', f.postponed_until, 'version', f.version))
                 from final_mark f where f.group_id = $1 and (f.period_id = $2 or f.period_id is null)),
  'workTypes', (select json_agg(json_build_object('__typename', 'WorkType', 'id', w.id, 'code', w.code, 'name', w.name, 'weight', w.weight) order by w.code)
                from work_type w where w.school_id = (select school_id from g))
)::text as page`;

/** Every field path of an answer (lists' items merged): two answers with the same paths carry the same fields. */
function fieldsOf(value: unknown, path = '', into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) fieldsOf(item, `${path}[]`, into);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      into.add(`${path}.${key}`);
      fieldsOf(inner, `${path}.${key}`, into);
    }
  }
  return into;
}

/** graphql-jit executions the app has counted so far (/metrics). */
async function compiledSoFar(appUrl: string): Promise<number> {
  const text = await (await fetch(`${appUrl}/metrics`)).text();
  return Number(/^dnevnik_graphql_operations_total\{executor="graphql-jit"\} (\S+)$/m.exec(text)?.[1] ?? 0);
}

export async function journalGrid(bench: Bench): Promise<ScenarioResult> {
  const { journalClass, tenfoldGroup } = benchSchool();
  const pages = { '×1': await journalPage(bench.dbUrl, journalClass, JOURNAL_SUBJECT), '×10': await journalPage(bench.dbUrl, tenfoldGroup, JOURNAL_SUBJECT) };
  // The ×10 page takes long enough that a short timed run would end with requests in flight: counted runs instead.
  const perConnection = { '×1': undefined, '×10': bench.quick ? 5 : 15 };
  const [token] = await createSessions(bench.dbUrl, [pages['×1'].teacherId]);
  const appUrl = bench.app.info.url as string;
  const rows: Row[] = [];
  const details: Record<string, unknown> = {};
  for (const [label, page] of Object.entries(pages)) {
    const variables = { groupId: page.groupId, periodId: page.periodId };
    const data = (await graphql(appUrl, JOURNAL, variables, bearer(token))).journal;
    const size = `${data.students.length} × ${data.lessons.length}`;
    // The floor answers the same page: the same pupils, lessons and marks, with the same fields.
    const [{ page: floorText }] = (await sql<{ page: string }>(bench.dbUrl, FLOOR_SQL, [page.groupId, page.periodId])) as [{ page: string }];
    const floorPage = JSON.parse(floorText) as Record<string, unknown[] | null>;
    const counts = (p: Record<string, unknown>) =>
      ['students', 'lessons', 'marks', 'attendance', 'averages'].map((k) => (p[k] as unknown[] | null)?.length ?? 0).join(' ');
    if (counts(floorPage) !== counts(data))
      throw new Error(`P3 ${label}: the floor's page differs from ours (students lessons marks attendance averages: ${counts(floorPage)} vs ${counts(data)})`);
    const [ourFields, floorFields] = [fieldsOf(data), fieldsOf(floorPage)];
    const unlike = [...ourFields].filter((f) => !floorFields.has(f)).concat([...floorFields].filter((f) => !ourFields.has(f)).map((f) => `${f} (floor only)`));
    if (unlike.length) throw new Error(`P3 ${label}: the floor's fields differ from the web document's: ${unlike.join(', ')}`);
    const compiledBefore = await compiledSoFar(appUrl);
    const statements = await countStatements(bench.app, async () => {
      for (let i = 0; i < 5; i++) await graphql(appUrl, JOURNAL, variables, bearer(token));
    });
    if ((await compiledSoFar(appUrl)) - compiledBefore !== 5) throw new Error(`P3 ${label}: the web's journal document did not run compiled (graphql-jit)`);
    const body = requestBody(JOURNAL, variables);
    const results: Record<number, { ours: LoadResult; floor: LoadResult }> = {};
    const counted = perConnection[label as keyof typeof perConnection];
    for (const connections of [1, 8]) {
      const spec = { connections, seconds: bench.seconds, perConnection: counted, warmupSeconds: bench.warmup };
      const ours = await load(bench.loader, {
        ...spec,
        kind: 'http',
        url: `${appUrl}/graphql`,
        requests: [{ body, headers: bearer(token) }],
        cpu: cpuOf(bench, bench.app),
      });
      const floor = await load(bench.loader, {
        ...spec,
        kind: 'sql',
        url: bench.dbUrl,
        statements: [{ text: FLOOR_SQL, values: [page.groupId, page.periodId] }],
        cpu: cpuOf(bench),
      });
      results[connections] = { ours, floor };
      bench.log.info({ page: label, connections, ours, floor }, 'P3 journal grid');
    }
    const scenario = `P3 journal ${size}`;
    const against = 'one SQL → JSON (pg)';
    rows.push(
      {
        scenario,
        measure: 'p50 ms, 1 client ↓',
        ours: results[1].ours.p50,
        other: results[1].floor.p50,
        against,
        target: label === '×1' ? '≤ 1.5×' : undefined,
      },
      { scenario, measure: 'p99 ms, 8 clients ↓', ours: results[8].ours.p99, other: results[8].floor.p99, against },
      {
        scenario,
        measure: 'req/s, 8 clients ↑',
        ours: results[8].ours.rps,
        other: results[8].floor.rps,
        against,
        note: failureNote(Object.values(results).flatMap((r) => [r.ours, r.floor])),
      },
      { scenario, measure: 'CPU ms / request, app + PostgreSQL, 8 clients ↓', ours: totalCpu(results[8].ours), other: totalCpu(results[8].floor), against },
      { scenario, measure: 'SQL statements / request ↓', ours: statements / 5, other: 1, against, target: label === '×1' ? '≤ 3' : undefined },
    );
    details[label] = {
      size,
      marks: data.marks.length,
      responseBytes: JSON.stringify({ data: { journal: data } }).length,
      statementsPerRequest: statements / 5,
      results,
    };
  }
  return { rows, details };
}
