/**
 * CPU per request of the big screens, in process (issue 16): the web app's own documents (P3 `Journal`
 * of 30 students × ~40 lessons, P2 `DiaryWeek`) executed against the app's schema with a fresh request
 * context each time, as Apollo would, on graphql-js and compiled (graphql-jit), and serialised, with the screen's rows read
 * by its statement (no cache) and kept (the process's ScreenCache: a repeated read); beside them the one-SQL floor of the journal page (the
 * page's statement returning its JSON as text). A measurement, not a check: it runs only with MEASURE=1
 * and prints; `MEASURE_OUT=dir` also writes each answer, so two versions of the code can be diffed.
 *
 *   MEASURE=1 MEASURE_N=300 npx vitest run --project server packages/server/src/modules/journal/screens.cpu.test.ts
 */
import { writeFileSync } from 'node:fs';
import { execute, parse, type DocumentNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import persisted from '../../../../web/src/gql/persisted-documents.json' with { type: 'json' };
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { createExecutor } from '../../graphql/compiled-execution.js';
import { createContext } from '../../graphql/context.js';
import { ScreenCache } from '../../graphql/screen-cache.js';
import { markRow } from '../../testing/journal-rows.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import type { Viewer } from '../../policy/viewer.js';
import { Consent } from '../people/consent.entity.js';
import { Role } from '../../policy/roles.js';
import { Lesson } from '../timetable/timetable.entity.js';
import { Attendance, AttendanceStatus } from './journal.entity.js';
import { JOURNAL_PAGE_SQL } from './journal.queries.js';

const NOW = new Date('2026-12-28T09:00:00Z');
const N = Number(process.env.MEASURE_N ?? 200);
let server: TestServer;
let world: SeededWorld;

/** The web app's document of an operation, as the client sends it (by its persisted hash). */
function webDocument(operation: string): { text: string; document: DocumentNode } {
  const text = Object.values(persisted as Record<string, string>).find((d) => d.includes(`query ${operation}(`));
  if (!text) throw new Error(`no persisted document ${operation}`);
  return { text, document: parse(text) };
}

const students = Array.from({ length: 30 }, (_, i) => `pupil${i + 1}`);

beforeAll(async () => {
  if (!process.env.MEASURE) return;
  server = await startTestServer({ clock: () => NOW });
  const b = school('Школа № 1')
    .inYear(2026)
    .withSubjects('Математика')
    .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
    .withClass('6А')
    .withParent('mama', 'Петрова Мария Ивановна')
    // Five lessons a week: about 40 columns in the second quarter.
    .withGroup('Математика', '6А', { teacher: 'ivanova', slots: [1, 2, 3, 4, 5].map((d) => [d, 2, '21'] as [number, number, string]) });
  for (const login of students) b.withStudent(login, `Ученик ${login}`, { inClass: '6А', parents: login === 'pupil1' ? ['mama'] : [] });
  world = await server.seed(b, { lessons: true });
  const em = server.orm.em.fork();
  const group = world.group('Математика', '6А');
  const lessons = await em.find(Lesson, { group, period: world.periodsOf()[1] }, { populate: ['period'] });
  let tick = 0;
  for (const lesson of lessons) {
    lesson.topic = `Тема ${lesson.date}`;
    lesson.homework = `№ ${lesson.lessonNumber * 10}`;
    for (const [i, login] of students.entries()) {
      const student = world.user(login);
      const enteredAt = new Date(NOW.getTime() - ++tick * 1000);
      markRow(em, { lesson, group, student, workType: world.workType(i % 2 ? 'У' : 'КР'), value: String(3 + (i % 3)), at: enteredAt });
      if (i % 5 === 0) em.create(Attendance, { school: lesson.school, lesson, student, status: AttendanceStatus.ILL, updatedAt: enteredAt });
    }
  }
  em.create(Consent, { school: world.school(), student: world.user('pupil1'), givenBy: world.user('mama'), givenAt: NOW });
  await em.flush();
});
afterAll(() => server?.stop());

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** CPU and wall time per call of `run`, after a warm-up. */
async function measure(name: string, run: () => Promise<string>) {
  for (let i = 0; i < Math.min(50, N); i++) await run();
  const walls: number[] = [];
  let bytes = 0;
  const cpu = process.cpuUsage();
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    bytes = (await run()).length;
    walls.push(performance.now() - t);
  }
  const used = process.cpuUsage(cpu);
  const perRequest = (used.user + used.system) / 1000 / N;
  console.log(`${name}: ${perRequest.toFixed(2)} ms CPU/request, p50 ${p50(walls).toFixed(2)} ms, ${bytes} bytes (N=${N})`);
  return { cpu: perRequest, p50: p50(walls) };
}

describe.skipIf(!process.env.MEASURE)('CPU per request of the big screens (MEASURE=1)', () => {
  it('P3 journal page, P2 diary week, and the journal page as one SQL statement', async () => {
    const viewerOf = async (login: string) => (await server.app.viewerFor((await server.as(login)).token)) as Viewer;
    const screens = [
      {
        name: 'P3 Journal',
        viewer: await viewerOf('ivanova'),
        document: webDocument('Journal'),
        variables: { groupId: world.group('Математика', '6А').id, periodId: world.periodsOf()[1].id },
      },
      {
        name: 'P2 DiaryWeek',
        viewer: await viewerOf('mama'),
        document: webDocument('DiaryWeek'),
        variables: { studentId: world.user('pupil1').id, weekOf: '2026-11-23' },
      },
    ];
    const results: Record<string, { cpu: number; p50: number }> = {};
    const compiled = createExecutor(server.app.schema, new Set(screens.map((s) => s.document.text)));
    // Each screen read by its statement every time, then from the rows the process keeps (a repeated read).
    const uncached = new ScreenCache({ maxBytes: 0, maxAgeMs: 0 });
    const runs = screens.flatMap((s) => [
      { ...s, cache: uncached },
      { ...s, name: `${s.name} cached`, cache: server.app.screens },
    ]);
    for (const screen of runs) {
      const context = () => createContext(server.orm.em, screen.viewer, null, null, server.clock, screen.cache);
      const { document, text } = screen.document;
      const graphqlJs = async () => {
        const result = await execute({ schema: server.app.schema, document, variableValues: screen.variables, contextValue: context() });
        expect(result.errors).toBeUndefined();
        return JSON.stringify(result);
      };
      const jit = async () => {
        const result = await compiled({ document, text, operationName: undefined, variables: screen.variables, contextValue: context() });
        expect(result.errors).toBeUndefined();
        return JSON.stringify(result);
      };
      if (process.env.MEASURE_OUT) writeFileSync(`${process.env.MEASURE_OUT}/${screen.name.replaceAll(' ', '-')}.json`, await graphqlJs());
      results[screen.name] = await measure(`${screen.name} (graphql-js)`, graphqlJs);
      results[`${screen.name} jit`] = await measure(`${screen.name} (graphql-jit)`, jit);
    }
    const floorSql = `select row_to_json(page)::text as json from (${JOURNAL_PAGE_SQL}) page`;
    const floorArgs = [screens[0].variables.groupId, screens[0].variables.periodId, '2026-12-28'];
    const floor = await measure('P3 floor (one SQL → JSON text)', async () => {
      const [row] = await server.orm.em.fork().getConnection().execute<{ json: string }[]>(floorSql, floorArgs);
      return row.json;
    });
    for (const name of ['P3 Journal', 'P3 Journal jit', 'P3 Journal cached', 'P3 Journal cached jit']) {
      console.log(`${name} ÷ floor: CPU ${(results[name].cpu / floor.cpu).toFixed(2)}×, p50 ${(results[name].p50 / floor.p50).toFixed(2)}×`);
    }
  }, 600_000);
});
