import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../db/seeders/school-builder.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import type { GraphQLClient } from '../testing/graphql-client.js';
import { Session } from '../modules/auth/session.entity.js';
import { Role } from '../policy/roles.js';
import { RoleGrant } from '../modules/school/role-grant.entity.js';
import { User } from '../modules/school/user.entity.js';
import { runAccountLifecycle, type LifecycleReport } from './account-lifecycle.js';

/** The school year 2025/2026; the job is run at chosen moments of it (a controllable clock). */
let server: TestServer;
let world: SeededWorld;
const sessions: Record<string, GraphQLClient> = {};
const at = (iso: string) => new Date(iso);
const run = (now: Date) => runAccountLifecycle(server.orm.em, now, { studentGraceDays: 3, staffGraceDays: 2 });
const NOTHING: LifecycleReport = { studentsDeactivated: [], parentGrantsRevoked: 0, parentsDeactivated: [], staffGrantsRevoked: 0, staffDeactivated: [] };

beforeAll(async () => {
  // Requests are served as of 1 March 2026, before every departure and contract end of the story.
  server = await startTestServer({ clock: () => at('2026-03-01T09:00:00Z') });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2025)
      .withStaff('secretary', 'Зуева Наталья Олеговна', [Role.SECRETARY])
      .withStaff('hr', 'Ситникова Галина Петровна', [Role.HR])
      .withStaff('leaving', 'Уходящий Олег Ильич', [Role.TEACHER])
      .withStaff('twohats', 'Двуролева Анна Петровна', [Role.TEACHER, Role.SECRETARY])
      .withStaff('teachermom', 'Учителева Мария Олеговна', [Role.TEACHER])
      .withClass('5А')
      .withClass('11А')
      .withParent('gradmom', 'Выпускникова Ирина Павловна')
      .withParent('twokids', 'Многодетная Ольга Игоревна')
      .withStudent('grad', 'Выпускников Илья', { inClass: '11А', parents: ['gradmom'] })
      .withStudent('dep', 'Уезжающий Денис', { inClass: '5А', parents: ['twokids'] })
      .withStudent('stay', 'Остающаяся Вера', { inClass: '5А', parents: ['twokids'] })
      .withStudent('exp', 'Отчисленный Егор', { inClass: '5А', parents: ['teachermom'] }),
  );

  const secretary = await server.as('secretary');
  const move = (login: string, kind: string, effectiveOn: string) =>
    secretary.data(`mutation($input: RecordMovementInput!) { recordMovement(input: $input) { id } }`, {
      input: { schoolId: world.school().id, studentId: world.user(login).id, kind, effectiveOn, orderNumber: `${kind}-1`, orderDate: effectiveOn },
    });
  await move('dep', 'DEPARTURE', '2026-03-10');
  await move('exp', 'EXPULSION', '2026-03-10');
  await move('grad', 'GRADUATION', '2026-06-25');

  const hr = await server.as('hr');
  const grantOf = async (login: string, role: Role) => (await server.orm.em.fork().findOneOrFail(RoleGrant, { user: world.user(login).id, role })).id;
  for (const [login, role] of [
    ['leaving', Role.TEACHER],
    ['twohats', Role.TEACHER],
  ] as const) {
    await hr.data(`mutation($id: ID!) { setContractEnd(grantId: $id, endsOn: "2026-03-31") { endsOn } }`, { id: await grantOf(login, role) });
  }
  for (const login of ['dep', 'grad', 'gradmom', 'leaving', 'twokids', 'teachermom']) sessions[login] = await server.as(login);
});
afterAll(() => server.stop());

const user = (login: string) => server.orm.em.fork().findOneOrFail(User, { login });
const activeRoles = async (login: string) =>
  (await server.orm.em.fork().find(RoleGrant, { user: world.user(login).id, revokedAt: null })).map((g) => g.role).sort();
const signedIn = async (login: string) => (await sessions[login].data(`{ viewer { login } }`)).viewer !== null;
/** Everything the job may change, to compare before and after a run. */
const snapshot = async () => {
  const em = server.orm.em.fork();
  return JSON.stringify([
    (await em.find(User, {}, { orderBy: { login: 'asc' } })).map((u) => [u.login, u.active, u.deactivatedAt, u.deactivationReason]),
    (await em.find(RoleGrant, {}, { orderBy: { id: 'asc' } })).map((g) => [g.id, g.revokedAt]),
    (await em.find(Session, {}, { orderBy: { id: 'asc' } })).map((s) => [s.id, s.revokedAt]),
  ]);
};

describe('the account lifecycle job (R-A7), on a controllable clock', () => {
  it('leaves everyone alone within the grace days', async () => {
    expect(await run(at('2026-03-12T09:00:00Z'))).toEqual(NOTHING);
    expect((await user('dep')).active).toBe(true);
    expect(await signedIn('dep')).toBe(true);
  });

  it('deactivates departed and expelled students 3 days after they left and ends their sessions', async () => {
    const report = await run(at('2026-03-13T09:00:00Z'));

    expect(report.studentsDeactivated.sort()).toEqual([world.user('dep').id, world.user('exp').id].sort());
    expect(await user('dep')).toMatchObject({ active: false, deactivationReason: 'Left the school: DEPARTURE on 2026-03-10' });
    expect((await user('dep')).deactivatedAt).toEqual(at('2026-03-13T09:00:00Z'));
    expect(await signedIn('dep')).toBe(false);
  });

  it('keeps a parent whose other child is still in the school', async () => {
    expect((await user('twokids')).active).toBe(true);
    expect(await activeRoles('twokids')).toEqual(['PARENT']);
    expect(await signedIn('twokids')).toBe(true);
  });

  it('ends the PARENT role of a parent with no child left, but keeps the account of one who also teaches', async () => {
    expect(await activeRoles('teachermom')).toEqual(['TEACHER']);
    expect((await user('teachermom')).active).toBe(true);
    expect((await sessions.teachermom.data(`{ viewer { roles } }`)).viewer.roles).toEqual(['TEACHER']);
  });

  it('changes nothing more when run again (idempotent)', async () => {
    const before = await snapshot();
    expect(await run(at('2026-03-13T10:00:00Z'))).toEqual(NOTHING);
    expect(await snapshot()).toBe(before);
  });

  it('ends staff grants 2 days after the contract ended; deactivates those left with no role', async () => {
    expect(await run(at('2026-04-01T20:00:00Z'))).toEqual(NOTHING); // 1 April in Moscow: one day after

    const report = await run(at('2026-04-02T06:00:00Z'));

    expect(report).toMatchObject({ staffGrantsRevoked: 2, staffDeactivated: [world.user('leaving').id] });
    expect(await user('leaving')).toMatchObject({ active: false, deactivationReason: 'Contract ended on 2026-03-31' });
    expect(await signedIn('leaving')).toBe(false);
    // The teacher who is also the secretary keeps the account, as secretary.
    expect(await activeRoles('twohats')).toEqual(['SECRETARY']);
    expect((await user('twohats')).active).toBe(true);
  });

  it('deactivates a graduate and their parent (who has no other child in the school) 3 days after graduation', async () => {
    expect((await run(at('2026-06-27T12:00:00Z'))).studentsDeactivated).toEqual([]);

    const report = await run(at('2026-06-28T12:00:00Z'));

    expect(report).toEqual({
      ...NOTHING,
      studentsDeactivated: [world.user('grad').id],
      parentGrantsRevoked: 1,
      parentsDeactivated: [world.user('gradmom').id],
    });
    expect(await user('gradmom')).toMatchObject({ active: false, deactivationReason: 'No child of theirs is in the school any more' });
    expect(await signedIn('gradmom')).toBe(false);
    const login = await server.client().execute(`mutation { login(login: "grad", password: "secret") { token } }`);
    expect(login.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('still changes nothing on a later run', async () => {
    const before = await snapshot();
    expect(await run(at('2026-08-01T12:00:00Z'))).toEqual(NOTHING);
    expect(await snapshot()).toBe(before);
  });
});
