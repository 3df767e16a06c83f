/**
 * Sign-in limits an attacker cannot turn against the owner (issue 14): back-off per login and address,
 * known devices unaffected by failures elsewhere, windows per login and per address for unknown
 * devices. Time is a pinned clock moved by hand, never a sleep.
 */
import type { FormattedExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SchoolBuilder } from '../../db/seeders/school-builder.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { Role } from '../../policy/roles.js';
import { FREE_FAILURES } from './login-throttle.js';

const LOGIN = `mutation($login: String!, $password: String!, $device: String) {
  login(login: $login, password: $password, deviceToken: $device) { token deviceToken } }`;

const ATTACKER = '203.0.113.66';
const OWNER = '198.51.100.10';

let now = new Date('2026-11-25T09:00:00Z');
const advance = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));

const staff = (): SchoolBuilder =>
  school('Школа № 1')
    .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
    .withStaff('smirnov', 'Смирнов Олег Ильич', [Role.TEACHER])
    .withStaff('kozlova', 'Козлова Вера Андреевна', [Role.TEACHER])
    .withStaff('orlova', 'Орлова Дарья Сергеевна', [Role.TEACHER])
    .withStaff('lebedev', 'Лебедев Игорь Павлович', [Role.TEACHER]);

type Result = FormattedExecutionResult<{ login: { token: string; deviceToken: string } }>;

let server: TestServer;
beforeAll(async () => {
  // Behind a trusted proxy on loopback, so each request names its client address in X-Forwarded-For.
  server = await startTestServer({ clock: () => now, config: { trustProxy: 'loopback', loginFailuresPerIp: 30 } });
  await server.seed(staff());
});
afterAll(() => server.stop());

async function signIn(login: string, password: string, from: string, device?: string): Promise<Result> {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ query: LOGIN, variables: { login, password, device } }),
  });
  return (await res.json()) as Result;
}

const outcome = (result: Result) => (result.data ? 'signed in' : result.errors?.[0]?.extensions?.code);
const retryAfter = (result: Result) => result.errors?.[0]?.extensions?.retryAfterSeconds;

async function failTimes(n: number, login: string, from: string, device?: string) {
  for (let i = 0; i < n; i++) expect(outcome(await signIn(login, 'guess', from, device))).toBe('UNAUTHENTICATED');
}

describe('one login from one address: exponential back-off', () => {
  it(`gives ${FREE_FAILURES} free tries, then waits 1 s, 2 s, 4 s … before each next one, even with the right password`, async () => {
    await failTimes(FREE_FAILURES, 'ivanova', ATTACKER);

    const held = await signIn('ivanova', 'secret', ATTACKER);
    expect(outcome(held)).toBe('TOO_MANY_REQUESTS');
    expect(retryAfter(held)).toBe(1);

    advance(1);
    await failTimes(1, 'ivanova', ATTACKER);
    expect(retryAfter(await signIn('ivanova', 'guess', ATTACKER))).toBe(2);
    advance(2);
    await failTimes(1, 'ivanova', ATTACKER);
    expect(retryAfter(await signIn('ivanova', 'guess', ATTACKER))).toBe(4);
    advance(4);
    expect(outcome(await signIn('ivanova', 'secret', ATTACKER))).toBe('signed in');
  });

  it('holds up only that address: the owner elsewhere signs in meanwhile', async () => {
    await failTimes(FREE_FAILURES, 'smirnov', ATTACKER);
    expect(outcome(await signIn('smirnov', 'guess', ATTACKER))).toBe('TOO_MANY_REQUESTS');

    expect(outcome(await signIn('smirnov', 'secret', OWNER))).toBe('signed in');
  });
});

describe('a device that signed in before', () => {
  it('still signs in while failures from everywhere else lock the login for unknown devices', async () => {
    const first = await signIn('kozlova', 'secret', OWNER);
    const device = first.data!.login.deviceToken;

    // The attacker spreads guesses over addresses: the login's window (10 in 15 min) closes for unknown devices.
    for (let i = 0; i < 10; i++) await failTimes(1, 'kozlova', `203.0.113.${100 + i}`);
    expect(outcome(await signIn('kozlova', 'secret', '203.0.113.200'))).toBe('TOO_MANY_REQUESTS');
    expect(outcome(await signIn('kozlova', 'secret', OWNER))).toBe('TOO_MANY_REQUESTS');

    // The owner's device is not held up, from its usual address or from the attacker's own.
    expect(outcome(await signIn('kozlova', 'secret', OWNER, device))).toBe('signed in');
    expect(outcome(await signIn('kozlova', 'secret', ATTACKER, device))).toBe('signed in');
  });

  it('is limited by its own back-off, and a token of another login or a forged one counts for nothing', async () => {
    const device = (await signIn('orlova', 'secret', OWNER)).data!.login.deviceToken;
    await failTimes(FREE_FAILURES, 'orlova', OWNER, device);
    expect(outcome(await signIn('orlova', 'secret', OWNER, device))).toBe('TOO_MANY_REQUESTS');

    const other = (await signIn('lebedev', 'secret', OWNER)).data!.login.deviceToken;
    for (let i = 0; i < 10; i++) await failTimes(1, 'lebedev', `192.0.2.${i + 1}`);
    expect(outcome(await signIn('lebedev', 'secret', '192.0.2.50', device))).toBe('TOO_MANY_REQUESTS');
    expect(outcome(await signIn('lebedev', 'secret', '192.0.2.50', `${other.split('.')[0]}.forged`))).toBe('TOO_MANY_REQUESTS');
    expect(outcome(await signIn('lebedev', 'secret', '192.0.2.50', other))).toBe('signed in');
  });

  it('is forgotten once the password changes (a compromise report replaces it)', async () => {
    advance(3600);
    const device = (await signIn('ivanova', 'secret', OWNER)).data!.login.deviceToken;
    const teacher = await server.as('ivanova');
    await teacher.data(`mutation($i: ReportCompromiseInput!) { reportCompromise(input: $i) { sessionsRevoked } }`, {
      i: { since: new Date(now.getTime() - 3600_000).toISOString(), newPassword: 'a-brand-new-secret-42' },
    });

    for (let i = 0; i < 10; i++) await failTimes(1, 'ivanova', `192.0.2.${100 + i}`);
    expect(outcome(await signIn('ivanova', 'a-brand-new-secret-42', OWNER, device))).toBe('TOO_MANY_REQUESTS');
  });
});

describe('the windows of unknown devices', () => {
  it('opens the login again when the window has passed', async () => {
    advance(15 * 60);
    expect(outcome(await signIn('kozlova', 'secret', '203.0.113.200'))).toBe('signed in');
  });

  it('refuses an address that failed too often, for every login, while other addresses sign in', async () => {
    advance(24 * 3600);
    const logins = ['ivanova', 'smirnov', 'kozlova', 'orlova', 'lebedev', 'nobody'];
    for (let i = 0; i < 30; i++) expect(outcome(await signIn(logins[i % logins.length], 'guess', '198.51.100.77'))).toBe('UNAUTHENTICATED');

    expect(outcome(await signIn('smirnov', 'secret', '198.51.100.77'))).toBe('TOO_MANY_REQUESTS');
    expect(outcome(await signIn('smirnov', 'secret', '198.51.100.78'))).toBe('signed in');
  });

  it('does not hold successful sign-ins against a shared address', async () => {
    for (let i = 0; i < 40; i++) expect(outcome(await signIn('lebedev', 'secret', '198.51.100.1'))).toBe('signed in');
  });
});
