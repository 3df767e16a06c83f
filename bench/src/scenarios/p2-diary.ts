/**
 * P2: a parent's diary week over HTTP, ours (session, consent checked, the visit recorded) against
 * PostGraphile 5 answering an equivalent query over the same tables with the same rule (a JWT per
 * parent, row-level security: own child, consent in force; see servers/peer.ts). One client for
 * latency, eight for throughput; requests rotate over 200 families so no single row is hot. CPU per
 * request counts each server and PostgreSQL.
 */
import { addDays } from '../../../packages/server/src/kernel/dates.js';
import { bearer, countStatements, cpuOf, graphql, type Bench, type ScenarioResult } from '../bench.js';
import { createSessions, DIARY_WEEK } from '../database.js';
import { families } from '../fixtures.js';
import { sign } from '../jwt.js';
import { failureNote, load, totalCpu, type LoadResult } from '../load.js';
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
  const tokens = await createSessions(
    bench.dbUrl,
    fams.map((f) => f.parentId),
  );
  const to = addDays(DIARY_WEEK, 5);
  const ours = fams.map((f, i) => ({ body: JSON.stringify({ query: OUR_DIARY, variables: { s: f.studentId, w: DIARY_WEEK } }), headers: bearer(tokens[i]) }));
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const jwts = fams.map((f) => sign({ sub: f.parentId, exp }));
  const theirs = fams.map((f, i) => ({
    body: JSON.stringify({ query: PEER_DIARY, variables: { s: f.studentId, from: DIARY_WEEK, to } }),
    headers: bearer(jwts[i]),
  }));

  const peer = await Child.start('servers/peer.ts', { BENCH_DB_URL: bench.dbUrl, GRAPHILE_ENV: 'production' });
  try {
    const appUrl = bench.app.info.url as string;
    const peerUrl = peer.info.url as string;
    // Both answer the same thing: the same lessons and marks for every sampled family.
    const sample = await Promise.all(
      fams.slice(0, 20).map(async (f, i) => {
        const a = (await graphql(appUrl, OUR_DIARY, { s: f.studentId, w: DIARY_WEEK }, bearer(tokens[i]))).diary;
        const b = (await graphql(peerUrl, PEER_DIARY, { s: f.studentId, from: DIARY_WEEK, to }, bearer(jwts[i]))).lessons.nodes as {
          marksByLessonId: { nodes: unknown[] };
        }[];
        return { lessons: [a.lessons.length, b.length], marks: [a.marks.length, b.reduce((n, l) => n + l.marksByLessonId.nodes.length, 0)] };
      }),
    );
    const mismatch = sample.find((s) => s.lessons[0] !== s.lessons[1] || s.marks[0] !== s.marks[1]);
    if (mismatch) throw new Error(`P2: ours and the peer disagree: ${JSON.stringify(mismatch)}`);
    // The peer's rule holds: another family's child shows nothing.
    const stranger = fams.find((f) => f.parentId !== fams[0].parentId && f.studentId !== fams[0].studentId)!;
    const leak = (await graphql(peerUrl, PEER_DIARY, { s: stranger.studentId, from: DIARY_WEEK, to }, bearer(jwts[0]))).lessons.nodes as unknown[];
    if (leak.length) throw new Error(`P2: the peer shows another family's child ${leak.length} lessons: its row-level security is not in force`);
    const bytes = (
      await fetch(`${appUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...ours[0].headers }, body: ours[0].body }).then((r) =>
        r.text(),
      )
    ).length;
    const statements = await countStatements(bench.app, () => graphql(appUrl, OUR_DIARY, { s: fams[1].studentId, w: DIARY_WEEK }, bearer(tokens[1])));

    const results: Record<string, { ours: LoadResult; peer: LoadResult }> = {};
    for (const connections of [1, 8]) {
      const spec = { kind: 'http' as const, connections, seconds: bench.seconds, warmupSeconds: bench.warmup };
      const o = await load(bench.loader, { ...spec, url: `${appUrl}/graphql`, requests: ours, cpu: cpuOf(bench, bench.app) });
      const p = await load(bench.loader, { ...spec, url: `${peerUrl}/graphql`, requests: theirs, cpu: cpuOf(bench, peer) });
      results[connections] = { ours: o, peer: p };
      bench.log.info({ connections, ours: o, peer: p }, 'P2 diary week');
    }
    const against = 'PostGraphile 5, JWT + RLS';
    const scenario = 'P2 diary week';
    const o8 = results[8].ours;
    const p8 = results[8].peer;
    const rows: Row[] = [
      { scenario, measure: 'req/s, 8 clients ↑', ours: o8.rps, other: p8.rps, against, target: '≥ 1.5×' },
      { scenario, measure: 'p99 ms, 8 clients ↓', ours: o8.p99, other: p8.p99, against, target: '≤ 1×' },
      { scenario, measure: 'p50 ms, 1 client ↓', ours: results[1].ours.p50, other: results[1].peer.p50, against },
      {
        scenario,
        measure: 'CPU ms / request, server + PostgreSQL ↓',
        ours: totalCpu(o8),
        other: totalCpu(p8),
        against,
        note: `PostgreSQL's part: ${o8.cpu.postgresMs?.toFixed(2)} ms ours, ${p8.cpu.postgresMs?.toFixed(2)} ms peer`,
      },
    ];
    rows[0].note = failureNote(Object.values(results).flatMap((r) => [r.ours, r.peer]));
    return { rows, details: { families: FAMILIES, week: DIARY_WEEK, responseBytes: bytes, statementsPerRequest: statements, sample: sample[0], results } };
  } finally {
    await peer.stop();
  }
}
