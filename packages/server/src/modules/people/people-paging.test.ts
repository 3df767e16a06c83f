/**
 * The people list of a big school comes a page at a time and can be searched on the server (issue 17:
 * 600 rows on one page before): by name, with `search` matching name or login in any case.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { school } from '../../db/seeders/school-builder.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { Role } from '../../policy/roles.js';

let server: TestServer;
let schoolId: string;

beforeAll(async () => {
  server = await startTestServer({ clock: () => new Date('2026-11-25T09:00:00Z') });
  const world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withStaff('hr', 'Кадрова Клара Олеговна', [Role.HR])
      .withStaff('abramova', 'Абрамова Алла Андреевна', [Role.TEACHER])
      .withStaff('borisov', 'Борисов Борис Борисович', [Role.TEACHER])
      .withStaff('vasilieva', 'Васильева Вера Викторовна', [Role.TEACHER])
      .withStaff('grigoriev', 'Григорьев Глеб Геннадьевич', [Role.TEACHER]),
  );
  schoolId = world.school('Школа № 1').id;
}, 60_000);
afterAll(() => server?.stop());

const PEOPLE = `query($s: ID!, $search: String, $offset: Int, $first: Int) {
  people(schoolId: $s, role: TEACHER, search: $search, offset: $offset, first: $first) { login } }`;

it('gives the teachers a page at a time, by name', async () => {
  const hr = await server.as('hr');
  const page = async (offset: number) => (await hr.data(PEOPLE, { s: schoolId, offset, first: 2 })).people.map((p: { login: string }) => p.login);
  expect(await page(0)).toEqual(['abramova', 'borisov']);
  expect(await page(2)).toEqual(['vasilieva', 'grigoriev']);
  expect(await page(4)).toEqual([]);
});

it('finds people by part of the name or the login, in any case', async () => {
  const hr = await server.as('hr');
  expect((await hr.data(PEOPLE, { s: schoolId, search: 'ВЕРА' })).people).toEqual([{ login: 'vasilieva' }]);
  expect((await hr.data(PEOPLE, { s: schoolId, search: 'grig' })).people).toEqual([{ login: 'grigoriev' }]);
});

it('refuses a page size out of range with BAD_USER_INPUT', async () => {
  const hr = await server.as('hr');
  const result = await hr.execute(PEOPLE, { s: schoolId, first: 0 });
  expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
});

it("lists the contracts ending within a window from the clock's today (R-A7), for HR's reminders", async () => {
  const hr = await server.as('hr');
  const grants = (await hr.data(`query($s: ID!) { people(schoolId: $s, role: TEACHER) { login grants { id role } } }`, { s: schoolId })).people as {
    login: string;
    grants: { id: string; role: string }[];
  }[];
  const grantOf = (login: string) => grants.find((p) => p.login === login)!.grants.find((g) => g.role === 'TEACHER')!.id;
  // Today is 25 November 2026: 25 December is the 30th day ahead, 20 November is past, May is far.
  const ends: [string, string][] = [
    ['abramova', '2026-12-10'],
    ['borisov', '2027-05-31'],
    ['vasilieva', '2026-11-20'],
    ['grigoriev', '2026-12-25'],
  ];
  for (const [login, endsOn] of ends) {
    await hr.data(`mutation($g: ID!, $e: LocalDate) { setContractEnd(grantId: $g, endsOn: $e) { id } }`, { g: grantOf(login), e: endsOn });
  }
  const ending = async (days: number) =>
    (await hr.data(`query($s: ID!, $d: Int) { people(schoolId: $s, contractEndsWithinDays: $d) { login } }`, { s: schoolId, d: days })).people.map(
      (p: { login: string }) => p.login,
    );
  expect(await ending(30)).toEqual(['abramova', 'grigoriev']);
  expect(await ending(29)).toEqual(['abramova']);
  expect(
    (await hr.execute(`query($s: ID!) { people(schoolId: $s, contractEndsWithinDays: -1) { login } }`, { s: schoolId })).errors?.[0]?.extensions,
  ).toMatchObject({
    code: 'BAD_USER_INPUT',
    field: 'contractEndsWithinDays',
  });
});
