import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school } from '../db/seeders/school-builder.js';
import { Session } from '../modules/auth/session.entity.js';
import { Role } from '../policy/roles.js';
import type { GraphQLClient } from '../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';

let server: TestServer;

beforeAll(async () => {
  // Sessions are re-checked every 200 ms instead of every minute.
  server = await startTestServer({ config: { wsSessionCheckSeconds: 0.2 } });
  await server.seed(school('Школа № 1').withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER]));
});
afterAll(() => server.stop());

/** An acknowledged socket of `client`, and the close code it ends with. */
async function openSocket(client: GraphQLClient): Promise<{ ws: Client; closed: Promise<number> }> {
  let closedWith!: (code: number) => void;
  const closed = new Promise<number>((resolve) => (closedWith = resolve));
  const ws = client.ws({ onClose: (code) => closedWith(code) });
  await new Promise<void>((resolve) => ws.on('connected', () => resolve()));
  return { ws, closed };
}

const viewerLogin = (ws: Client) =>
  new Promise((resolve, reject) => ws.subscribe({ query: '{ viewer { login } }' }, { next: resolve, error: reject, complete: () => {} }));

describe('a WebSocket lives no longer than its session', () => {
  it('stays open and answers while the session is valid', async () => {
    const teacher = await server.as('ivanova');
    const { ws } = await openSocket(teacher);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await viewerLogin(ws)).toEqual({ data: { viewer: { login: 'ivanova' } } });
    await ws.dispose();
  });

  it('is closed with 4403 after the session is ended by logout', async () => {
    const teacher = await server.as('ivanova');
    const { closed } = await openSocket(teacher);

    await teacher.data(`mutation { logout }`);

    expect(await closed).toBe(4403);
  });

  it('is closed with 4403 when the session expires', async () => {
    const teacher = await server.as('ivanova');
    const em = server.orm.em.fork();
    const expiresAt = new Date(Date.now() + 1000);
    await em.nativeUpdate(Session, { user: { login: 'ivanova' }, revokedAt: null }, { expiresAt });
    const { closed } = await openSocket(teacher);

    expect(await closed).toBe(4403);
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt.getTime());
  });
});
