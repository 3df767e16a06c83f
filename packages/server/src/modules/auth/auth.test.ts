import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school } from '../../db/seeders/school-builder.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { Role } from '../../policy/roles.js';
import { User } from '../school/user.entity.js';
import { Session } from './session.entity.js';

const VIEWER = `{ viewer { fullName shortName login primaryRole roles school { name } children { fullName schoolClass { name } } } }`;

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await server.seed(
    school('Школа № 1')
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withClass('5А', { classTeacher: 'ivanova' })
      .withClass('7Б')
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withStudent('olya', 'Петрова Ольга Ильинична', { inClass: '7Б', parents: ['petrova'] })
      .withParent('sidorova', 'Сидорова Нина Павловна')
      .withStudent('vanya', 'Сидоров Иван', { inClass: '5А', parents: ['sidorova'] }),
  );
});
afterAll(() => server.stop());

describe('signing in', () => {
  it('gives a parent a session in which they see themselves and only their own children', async () => {
    const parent = await server.as('petrova');

    const { viewer } = await parent.data(VIEWER);

    expect(viewer).toEqual({
      fullName: 'Петрова Мария Ивановна',
      shortName: 'Петрова М. И.',
      login: 'petrova',
      primaryRole: 'PARENT',
      roles: ['PARENT'],
      school: { name: 'Школа № 1' },
      children: expect.arrayContaining([
        { fullName: 'Петров Пётр Ильич', schoolClass: { name: '5А' } },
        { fullName: 'Петрова Ольга Ильинична', schoolClass: { name: '7Б' } },
      ]),
    });
    expect(viewer.children).toHaveLength(2);
  });

  it('shows a teacher who leads a class as class teacher first, with both roles', async () => {
    const teacher = await server.as('ivanova');
    const { viewer } = await teacher.data(VIEWER);
    expect(viewer.primaryRole).toBe('CLASS_TEACHER');
    expect(viewer.roles.sort()).toEqual(['CLASS_TEACHER', 'TEACHER']);
  });

  it('accepts the login in any case and with stray spaces', async () => {
    const parent = server.client();
    await parent.login('  PetrovA ', 'secret');
    expect((await parent.data(VIEWER)).viewer.login).toBe('petrova');
  });

  it('refuses a wrong password and an unknown login with the same clear UNAUTHENTICATED error', async () => {
    const wrongPassword = await server.client().execute(`mutation { login(login: "petrova", password: "nope") { token } }`);
    const unknownLogin = await server.client().execute(`mutation { login(login: "nobody", password: "secret") { token } }`);

    for (const result of [wrongPassword, unknownLogin]) {
      expect(result.data).toBeNull();
      expect(result.errors).toEqual([
        expect.objectContaining({ message: 'Wrong login or password.', extensions: { code: 'UNAUTHENTICATED', reason: 'WRONG_CREDENTIALS' } }),
      ]);
    }
  });

  it('refuses a deactivated account', async () => {
    await server.orm.em.fork().nativeUpdate(User, { login: 'sidorova' }, { active: false });
    const result = await server.client().execute(`mutation { login(login: "sidorova", password: "secret") { token } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers viewer = null to an anonymous caller and to a made-up token', async () => {
    expect(await server.client().data(`{ viewer { id } }`)).toEqual({ viewer: null });
    const forged = server.client();
    forged.token = 'not-a-real-token';
    expect(await forged.data(`{ viewer { id } }`)).toEqual({ viewer: null });
  });

  it('stores only a hash of the session token', async () => {
    const parent = await server.as('petrova');
    const sessions = await server.orm.em.fork().find(Session, { user: { login: 'petrova' } });
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.map((s) => s.tokenHash)).not.toContain(parent.token);
  });
});

describe('signing out and session end', () => {
  it('ends the session on logout: the token no longer identifies anyone', async () => {
    const parent = await server.as('petrova');
    expect(await parent.data(`mutation { logout }`)).toEqual({ logout: true });
    expect(await parent.data(`{ viewer { id } }`)).toEqual({ viewer: null });
  });

  it('requires a session to log out', async () => {
    const result = await server.client().execute(`mutation { logout }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('treats an expired session as no session', async () => {
    const parent = await server.as('petrova');
    await server.orm.em.fork().nativeUpdate(Session, { user: { login: 'petrova' } }, { expiresAt: new Date(Date.now() - 1000) });
    expect(await parent.data(`{ viewer { id } }`)).toEqual({ viewer: null });
  });
});

describe('WebSocket', () => {
  const closedWith = (connect: (onClose: (code: number) => void) => void) => new Promise<number>((resolve) => connect(resolve));

  it('refuses a connection without a token (4401)', async () => {
    const code = await closedWith((onClose) => server.client().ws({ token: null, onClose }));
    expect(code).toBe(4401);
  });

  it('refuses a connection with an invalid token (4403)', async () => {
    const code = await closedWith((onClose) => server.client().ws({ token: 'forged', onClose }));
    expect(code).toBe(4403);
  });

  it('answers a signed-in client over the socket as that person', async () => {
    const teacher = await server.as('ivanova');
    const ws = teacher.ws();
    const result = await new Promise((resolve, reject) => {
      ws.subscribe({ query: `{ viewer { login primaryRole } }` }, { next: resolve, error: reject, complete: () => {} });
    });
    await ws.dispose();
    expect(result).toEqual({ data: { viewer: { login: 'ivanova', primaryRole: 'CLASS_TEACHER' } } });
  });
});
