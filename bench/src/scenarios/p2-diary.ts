/**
 * P2: a parent's diary week over HTTP, ours (signed in, consent checked, the visit recorded) against
 * PostGraphile 5 answering an equivalent query over the same tables. One client for latency, eight
 * for throughput; requests rotate over 200 families so no single row is hot.
 */
import { addDays } from '../../../packages/server/src/shared/dates.js';
import { bearer, countStatements, graphql, type Bench, type ScenarioResult } from '../bench.js';
import { createSessions, DIARY_WEEK } from '../database.js';
import { families } from '../fixtures.js';
import { cycle, load, type LoadResult } from '../load.js';
import type { Row } from '../report.js';
import { Child } from '../servers/ipc.js';

export const OUR_DIARY = `query Diary($s: ID!, $w: LocalDate!) { diary(studentId: $s, weekOf: $w) {
  student { fullName schoolClass { name } }
  lessons { id date lessonNumber topic homework room subject { name } teacher { shortName } }
  marks { id value date workType { code name } history { kind at author { shortName } } }
  attendance { status date }
  remarks { kind text author { shortName } } } }`;

/** The same screen from PostGraphile's generated schema: the week's lessons, each with this student's marks, absences and remarks. */
export const PEER_DIARY = `query Diary($s: UUID!, $from: Date!, $to: Date!) {
  student: appUserByRowId(rowId: $s) { lastName firstName middleName
    enrolmentsByStudentId { nodes { schoolClassBySchoolClassId { grade letter } } } }
  lessons: benchPeerDiaryLessons(studentId: $s, fromDate: $from, toDate: $to) { nodes {
    rowId date lessonNumber topic homework room
    studyGroupByGroupId { subjectBySubjectId { name } }
    appUserByTeacherId { lastName firstName middleName }
    marksByLessonId(condition: { studentId: $s, retractedAt: null }, orderBy: ENTERED_AT_ASC) { nodes { rowId value
      workTypeByWorkTypeId { code name }
      markChangesByMarkId { nodes { kind at appUserByAuthorId { lastName firstName middleName } } } } }
    attendancesByLessonId(condition: { studentId: $s }) { nodes { status } }
    remarksByLessonId(condition: { studentId: $s }) { nodes { kind text appUserByAuthorId { lastName firstName middleName } } } } } }`;

const FAMILIES = 200;

export async function diaryWeek(bench: Bench): Promise<ScenarioResult> {
  const fams = await families(bench.dbUrl, FAMILIES);
  const tokens = await createSessions(bench.dbUrl, fams.map((f) => f.parentId));
  const to = addDays(DIARY_WEEK, 5);
  const ours = fams.map((f, i) => ({ body: JSON.stringify({ query: OUR_DIARY, variables: { s: f.studentId, w: DIARY_WEEK } }), headers: bearer(tokens[i]!) }));
  const theirs = fams.map((f) => ({ body: JSON.stringify({ query: PEER_DIARY, variables: { s: f.studentId, from: DIARY_WEEK, to } }), headers: {} }));

  const peer = await Child.start('servers/peer.ts', { BENCH_DB_URL: bench.dbUrl, GRAPHILE_ENV: 'production' });
  try {
    const appUrl = bench.app.info.url as string;
    const peerUrl = peer.info.url as string;
    // Both answer the same thing: the same lessons and marks for every sampled family.
    const sample = await Promise.all(
      fams.slice(0, 20).map(async (f, i) => {
        const a = (await graphql(appUrl, OUR_DIARY, { s: f.studentId, w: DIARY_WEEK }, bearer(tokens[i]!))).diary;
        const b = (await graphql(peerUrl, PEER_DIARY, { s: f.studentId, from: DIARY_WEEK, to })).lessons.nodes as { marksByLessonId: { nodes: unknown[] } }[];
        return { lessons: [a.lessons.length, b.length], marks: [a.marks.length, b.reduce((n, l) => n + l.marksByLessonId.nodes.length, 0)] };
      }),
    );
    const mismatch = sample.find((s) => s.lessons[0] !== s.lessons[1] || s.marks[0] !== s.marks[1]);
    if (mismatch) throw new Error(`P2: ours and the peer disagree: ${JSON.stringify(mismatch)}`);
    const bytes = (await fetch(`${appUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...ours[0]!.headers }, body: ours[0]!.body }).then((r) => r.text())).length;
    const statements = (await countStatements(bench.app, () => graphql(appUrl, OUR_DIARY, { s: fams[1]!.studentId, w: DIARY_WEEK }, bearer(tokens[1]!)))) ;

    const results: Record<string, { ours: LoadResult; peer: LoadResult }> = {};
    for (const connections of [1, 8]) {
      const spec = { connections, seconds: bench.seconds, warmupSeconds: bench.warmup };
      const o = await load({ ...spec, url: `${appUrl}/graphql`, next: cycle(ours), server: bench.app });
      const p = await load({ ...spec, url: `${peerUrl}/graphql`, next: cycle(theirs), server: peer });
      results[connections] = { ours: o, peer: p };
      bench.log.info({ connections, ours: o, peer: p }, 'P2 diary week');
    }
    const against = 'PostGraphile 5';
    const rows: Row[] = [
      { scenario: 'P2 diary week', measure: 'req/s, 8 clients ↑', ours: results[8]!.ours.rps, other: results[8]!.peer.rps, against },
      { scenario: 'P2 diary week', measure: 'p99 ms, 8 clients ↓', ours: results[8]!.ours.p99, other: results[8]!.peer.p99, against },
      { scenario: 'P2 diary week', measure: 'p50 ms, 1 client ↓', ours: results[1]!.ours.p50, other: results[1]!.peer.p50, against },
      { scenario: 'P2 diary week', measure: 'server CPU ms / request ↓', ours: results[8]!.ours.cpuMsPerRequest!, other: results[8]!.peer.cpuMsPerRequest!, against },
    ];
    const failures = Object.values(results).reduce((n, r) => n + r.ours.failures + r.peer.failures, 0);
    if (failures) rows[0]!.note = `${failures} failed responses`;
    return { rows, details: { families: FAMILIES, week: DIARY_WEEK, responseBytes: bytes, statementsPerRequest: statements, sample: sample[0], results } };
  } finally {
    await peer.stop();
  }
}
