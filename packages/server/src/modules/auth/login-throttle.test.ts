import type { FormattedExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SchoolBuilder } from '../../db/seeders/school-builder.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { Role } from '../people/role-grant.entity.js';

const LOGIN = `mutation($login: String!, $password: String!) { login(login: $login, password: $password) { token } }`;

const staff = (): SchoolBuilder =>
  school('Школа № 1')
    .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
    .withStaff('smirnov', 'Смирнов Олег Ильич', [Role.TEACHER])
    .withStaff('kozlova', 'Козлова Вера Андреевна', [Role.TEACHER]);

/** A sign-in attempt over HTTP, optionally through a proxy that names the client in X-Forwarded-For. */
async function signIn(server: TestServer, login: string, password: string, forwardedFor?: string) {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: JSON.stringify({ query: LOGIN, variables: { login, password } }),
  });
  return (await res.json()) as FormattedExecutionResult<{ login: { token: string } }>;
}

const outcome = (result: FormattedExecutionResult) => (result.data ? 'signed in' : result.errors?.[0]?.extensions?.code);

async function failTimes(n: number, attempt: () => Promise<FormattedExecutionResult>) {
  for (let i = 0; i < n; i++) expect(outcome(await attempt())).toBe('UNAUTHENTICATED');
}

describe('sign-in attempts per login (10 failures in 15 minutes)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await server.seed(staff());
  });
  afterAll(() => server.stop());

  it('refuses the 11th attempt after 10 wrong passwords, even with the right one, and says when to retry', async () => {
    await failTimes(10, () => signIn(server, 'ivanova', 'guess'));

    const result = await signIn(server, 'ivanova', 'secret');

    expect(result.data).toBeNull();
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: 'Too many sign-in attempts. Try again in 15 min.',
        extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: expect.any(Number) },
      }),
    ]);
    const retryAfter = result.errors![0]!.extensions!.retryAfterSeconds as number;
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  });

  it('counts the login however it is typed', async () => {
    expect(outcome(await signIn(server, ' IVANOVA ', 'secret'))).toBe('TOO_MANY_REQUESTS');
  });

  it('leaves another login from the same address unaffected', async () => {
    expect(outcome(await signIn(server, 'smirnov', 'secret'))).toBe('signed in');
  });

  it('starts the count over after the right password', async () => {
    await failTimes(9, () => signIn(server, 'kozlova', 'guess'));
    expect(outcome(await signIn(server, 'kozlova', 'secret'))).toBe('signed in');
    await failTimes(9, () => signIn(server, 'kozlova', 'guess'));
    expect(outcome(await signIn(server, 'kozlova', 'secret'))).toBe('signed in');
  });
});

describe('sign-in attempts per client address behind a trusted proxy', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: { loginFailuresPerIp: 5, trustProxy: 'loopback' } });
    await server.seed(staff());
  });
  afterAll(() => server.stop());

  it('refuses an address that failed too often, for every login, while other addresses sign in', async () => {
    const logins = ['ivanova', 'smirnov', 'kozlova', 'nobody', 'ivanova'];
    for (const login of logins) expect(outcome(await signIn(server, login, 'guess', '203.0.113.7'))).toBe('UNAUTHENTICATED');

    expect(outcome(await signIn(server, 'smirnov', 'secret', '203.0.113.7'))).toBe('TOO_MANY_REQUESTS');
    expect(outcome(await signIn(server, 'smirnov', 'secret', '203.0.113.8'))).toBe('signed in');
  });

  it('does not hold successful sign-ins against a shared address', async () => {
    for (let i = 0; i < 8; i++) expect(outcome(await signIn(server, 'kozlova', 'secret', '198.51.100.1'))).toBe('signed in');
  });
});
