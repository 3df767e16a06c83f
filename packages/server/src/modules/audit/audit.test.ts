import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { Role } from '../../policy/roles.js';
import { AuditEvent } from './audit.entity.js';

let server: TestServer;
let world: SeededWorld;

beforeAll(async () => {
  server = await startTestServer();
  world = await server.seed([
    school('Школа № 1')
      .withStaff('director', 'Тихонов Виктор Павлович', [Role.DIRECTOR])
      .withStaff('secretary', 'Зуева Наталья Олеговна', [Role.SECRETARY])
      .withStaff('teacher', 'Ковалёва Елена Викторовна', [Role.TEACHER])
      .withClass('5А'),
    school('Школа № 2').withStaff('director2', 'Громов Игорь Сергеевич', [Role.DIRECTOR]),
  ]);
});
afterAll(() => server.stop());

const REPORT = `mutation($input: ReportCompromiseInput!) {
  reportCompromise(input: $input) { userId since sessionsRevoked flaggedChanges newPassword }
}`;
const FLAGGED = `query($s: ID!) { flaggedChanges(schoolId: $s) { action entity actorLogin actorName at invalidatedAt invalidReason data } }`;
const pause = () => new Promise((resolve) => setTimeout(resolve, 20));
const addStudent = (client: Awaited<ReturnType<TestServer['as']>>, lastName: string) =>
  client.data(`mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`, {
    input: { schoolId: world.school('Школа № 1').id, roles: ['STUDENT'], lastName, firstName: 'Тест', birthDate: '2014-01-01' },
  });

describe('a compromised account (R-A2)', () => {
  let since: Date;

  it("ends every session, replaces the password and flags the account's changes since the reported moment", async () => {
    const secretary = await server.as('secretary');
    const otherDevice = await server.as('secretary');
    await addStudent(secretary, 'Доверенный'); // before the moment: stays valid
    await pause();
    since = new Date();
    await pause();
    await addStudent(otherDevice, 'Подозрительный');
    await addStudent(otherDevice, 'Сомнительный');

    const { reportCompromise } = await secretary.data(REPORT, { input: { since: since.toISOString(), newPassword: 'a-new-long-secret' } });

    expect(reportCompromise).toEqual({
      userId: world.user('secretary').id,
      since: since.toISOString(),
      sessionsRevoked: 2,
      flaggedChanges: 2,
      newPassword: null,
    });
    for (const device of [secretary, otherDevice]) expect(await device.data(`{ viewer { id } }`)).toEqual({ viewer: null });
    const oldPassword = await server.client().execute(`mutation { login(login: "secretary", password: "secret") { token } }`);
    expect(oldPassword.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await server.as('secretary', 'a-new-long-secret');
  });

  it('shows the administration exactly the flagged changes, with who made them and why they are invalid', async () => {
    const director = await server.as('director');

    const { flaggedChanges } = await director.data(FLAGGED, { s: world.school('Школа № 1').id });

    expect(flaggedChanges.map((c: any) => [c.action, c.actorLogin, c.data.name])).toEqual([
      ['person.create', 'secretary', 'Сомнительный Тест'],
      ['person.create', 'secretary', 'Подозрительный Тест'],
    ]);
    expect(flaggedChanges[0].invalidReason).toBe(`Made from the account secretary after it was reported compromised (since ${since.toISOString()})`);
    const trusted = await server.orm.em.fork().findOneOrFail(AuditEvent, { action: 'person.create', data: { name: 'Доверенный Тест' } });
    expect(trusted.invalidatedAt ?? null).toBeNull();
  });

  it('lets an administrator report a person of their school: a one-time password is issued', async () => {
    const teacher = await server.as('teacher');
    const director = await server.as('director');

    const { reportCompromise } = await director.data(REPORT, {
      input: { userId: world.user('teacher').id, since: new Date(Date.now() - 3600_000).toISOString() },
    });

    expect(reportCompromise).toMatchObject({ sessionsRevoked: 1, flaggedChanges: 0 });
    expect(reportCompromise.newPassword).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(await teacher.data(`{ viewer { id } }`)).toEqual({ viewer: null });
    await server.as('teacher', reportCompromise.newPassword);
  });

  it.each([
    // Someone else's account is known only to the administration of their school.
    ['a colleague reporting someone else', 'secretary', () => ({ userId: world.user('teacher').id, since: new Date().toISOString() }), 'NOT_FOUND'],
    ["another school's director", 'director2', () => ({ userId: world.user('teacher').id, since: new Date().toISOString() }), 'NOT_FOUND'],
    [
      'a moment in the future',
      'director',
      () => ({ userId: world.user('teacher').id, since: new Date(Date.now() + 3600_000).toISOString() }),
      'BAD_USER_INPUT',
    ],
    ['a self-report without a new password', 'director', () => ({ since: new Date().toISOString() }), 'BAD_USER_INPUT'],
  ])('refuses %s, changing nothing', async (_what, login, input, code) => {
    const client = await server.as(login, login === 'secretary' ? 'a-new-long-secret' : 'secret');
    const before = await server.orm.em.fork().count(AuditEvent, { invalidatedAt: { $ne: null } });
    expect((await client.execute(REPORT, { input: input() })).errors?.[0]?.extensions?.code).toBe(code);
    expect(await client.data(`{ viewer { id } }`)).not.toEqual({ viewer: null });
    expect(await server.orm.em.fork().count(AuditEvent, { invalidatedAt: { $ne: null } })).toBe(before);
  });

  it('shows flagged changes to the administration only', async () => {
    const secretary = await server.as('secretary', 'a-new-long-secret');
    expect((await secretary.execute(FLAGGED, { s: world.school('Школа № 1').id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const director2 = await server.as('director2');
    expect((await director2.execute(FLAGGED, { s: world.school('Школа № 1').id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
