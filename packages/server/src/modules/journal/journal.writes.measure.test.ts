/**
 * A measurement, not a test (it asserts nothing and runs only with MEASURE_WRITES=1): marks per second and
 * process CPU per mark of `putMark` over HTTP with 8 clients, against a raw-pg floor that writes the same
 * rows (the mark, its history row, an audit row, an outbox row) in one transaction with 8 clients.
 *
 *   MEASURE_WRITES=1 nice npx vitest run --project server packages/server/src/modules/journal/journal.writes.measure.test.ts
 *
 * The CPU is this process's (the server, and the clients that call it over loopback); PostgreSQL's is not counted.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { Role } from '../../policy/roles.js';
import { Lesson } from '../timetable/timetable.entity.js';

const NOW = new Date('2026-12-24T09:00:00Z');
const CLIENTS = 8;
const SECONDS = Number(process.env.MEASURE_SECONDS ?? 5);
const STUDENTS = 30;

let server: TestServer;
let world: SeededWorld;

interface Target {
  lessonId: string;
  studentId: string;
}

/** Runs `write` from CLIENTS loops for `seconds`; marks per second and process CPU ms per mark. */
async function measure(seconds: number, write: (i: number) => Promise<void>) {
  let n = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until) await write(n++);
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { perSecond: Math.round(n / elapsed), cpuMsPerMark: Number(((used.user + used.system) / 1000 / n).toFixed(3)), marks: n };
}

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  const b = school('Школа № 1')
    .inYear(2026)
    .withSubjects('Математика')
    .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
    .withClass('5А')
    .withGroup('Математика', '5А', { teacher: 'ivanova', slots: [1, 2, 3, 4, 5].map((d) => [d, 1, '21'] as [number, number, string]) });
  for (let i = 1; i <= STUDENTS; i++) b.withStudent(`s${i}`, `Ученик ${i}`, { inClass: '5А' });
  world = await server.seed(b, { lessons: true });
});
afterAll(() => server.stop());

describe.runIf(process.env.MEASURE_WRITES)('putMark throughput', () => {
  it('against a raw-pg floor writing the same rows', async () => {
    const em = server.orm.em.fork();
    const group = world.group('Математика', '5А');
    const lessons = await em.find(Lesson, { group, date: { $gte: '2026-12-21', $lte: '2026-12-24' } }, { populate: ['period'] });
    const targets: Target[] = lessons.flatMap((l) => Array.from({ length: STUDENTS }, (_, i) => ({ lessonId: l.id, studentId: world.user(`s${i + 1}`).id })));
    const workType = world.workType('У');
    const teachers = await Promise.all(Array.from({ length: CLIENTS }, () => server.as('ivanova')));
    const PUT = `mutation($input: PutMarkInput!) { putMark(input: $input) { id value version } }`;
    const put = async (i: number) => {
      const t = targets[i % targets.length];
      await teachers[i % CLIENTS].data(PUT, { input: { ...t, workTypeId: workType.id, value: String(2 + (i % 4)) } });
    };
    await measure(2, put); // warm-up: JIT, pools
    // MEASURE_PROFILE=file.cpuprofile: a CPU profile of our side (open it in Chrome's DevTools).
    const profiler = process.env.MEASURE_PROFILE ? new Session() : null;
    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    const ours = await measure(SECONDS, put);
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(process.env.MEASURE_PROFILE!, JSON.stringify(profile));
      profiler.disconnect();
    }

    const lesson = lessons[0];
    const ids = { school: world.school().id, group: group.id, subject: group.subject.id, period: lesson.period.id, teacher: world.user('ivanova').id };
    const pool = new pg.Pool({ connectionString: server.databaseUrl, max: CLIENTS });
    const floorWrite = async (i: number) => {
      const t = targets[i % targets.length];
      const mark = randomUUID();
      const value = String(2 + (i % 4));
      const at = NOW.toISOString();
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query(
          `insert into mark (id, school_id, lesson_id, group_id, subject_id, period_id, student_id, work_type_id, value, points, weight, comment, entered_by_id, entered_at, backdated, version)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, null, $11, $12, false, 1)`,
          [mark, ids.school, t.lessonId, ids.group, ids.subject, ids.period, t.studentId, workType.id, value, Number(value), ids.teacher, at],
        );
        await client.query(
          `insert into mark_change (id, school_id, mark_id, version, kind, new_value, new_work_type, reason, backdated, author_id, at)
           values ($1, $2, $3, 1, 'CREATED', $4, 'У', null, false, $5, $6)`,
          [randomUUID(), ids.school, mark, value, ids.teacher, at],
        );
        await client.query(
          `insert into audit_event (school_id, actor_id, action, entity, entity_id, data, at, session_id, ip) values ($1, $2, 'mark.create', 'Mark', $3, $4, $5, null, null)`,
          [ids.school, ids.teacher, mark, { value, studentId: t.studentId }, at],
        );
        await client.query(`insert into domain_event (school_id, type, student_id, group_id, payload, at) values ($1, 'mark.created', $2, $3, $4, $5)`, [
          ids.school,
          t.studentId,
          ids.group,
          { markId: mark, lessonId: t.lessonId, value },
          at,
        ]);
        await client.query('commit');
      } finally {
        client.release();
      }
    };
    try {
      await measure(2, floorWrite);
      const floor = await measure(SECONDS, floorWrite);
      console.log(JSON.stringify({ ours, floor, ratio: Number((ours.perSecond / floor.perSecond).toFixed(3)) }));
    } finally {
      await pool.end();
    }
  });
});
