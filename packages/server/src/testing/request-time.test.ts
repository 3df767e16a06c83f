import { afterAll, beforeAll, expect, it } from 'vitest';
import { school, type SeededWorld } from '../db/seeders/school-builder.js';
import { Lesson } from '../modules/timetable/timetable.entity.js';
import { Role } from '../policy/roles.js';
import { errorOf, morningOf, type GraphQLClient } from './graphql-client.js';
import { startTestServer, type TestServer } from './test-server.js';

/**
 * A test request made "on Monday" (`GraphQLClient.at`) is judged on Monday, and only it: a parent's requests
 * running at the same moment keep the test's "now" (Wednesday), so what they read (a consent given on
 * Wednesday) is what is true on Wednesday. Flipping the pinned clock for the teacher's write leaked Monday
 * into the browser's requests of e2e/live-diary, which then showed the diary as closed for want of consent.
 */
const NOW = new Date('2026-11-25T09:00:00Z');
const MONDAY = '2026-11-23';

let server: TestServer;
let world: SeededWorld;
let teacher: GraphQLClient;
let parent: GraphQLClient;

const PUT = `mutation($i: PutMarkInput!) { putMark(input: $i) { id } }`;
const ACCESS = `{ viewer { children { diaryAccess } } }`;

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withClass('5А')
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      // Given on Wednesday, the seed's "now": on Monday the diary was still closed.
      .withConsent('petya')
      .withGroup('Математика', '5А', { teacher: 'ivanova', slots: [1, 2, 3, 4, 5].map((d) => [d, 1, '21'] as [number, number, string]) }),
    { lessons: true },
  );
  teacher = await server.as('ivanova');
  parent = await server.as('petrova');
});

afterAll(() => server?.stop());

it("judges a request sent at a moment at that moment, and every other request, at the same time, at the server's now", async () => {
  const monday = await server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date: MONDAY });
  const mark = (value: string) => ({ i: { lessonId: monday.id, studentId: world.user('petya').id, value, workTypeId: world.workType('У').id } });
  // On Wednesday, Monday's oral answer is a late entry.
  expect(errorOf(await teacher.execute(PUT, mark('4')))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LATE_ENTRY' });

  const [writes, reads] = await Promise.all([
    Promise.all(['5', '4', '3', '5', '4', '3', '5', '4'].map((v) => teacher.at(morningOf(MONDAY)).execute(PUT, mark(v)))),
    Promise.all(Array.from({ length: 16 }, () => parent.data<{ viewer: { children: { diaryAccess: string }[] } }>(ACCESS))),
  ]);
  expect(writes.map((w) => w.errors ?? [])).toEqual(writes.map(() => []));
  expect(new Set(reads.map((r) => r.viewer.children[0].diaryAccess))).toEqual(new Set(['ALLOWED']));
});
