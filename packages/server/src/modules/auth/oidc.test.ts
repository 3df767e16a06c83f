/**
 * Sign-in through an OpenID Connect provider, against a real one (`oidc-provider`) started here:
 * the browser's redirects are followed by hand, with the provider's cookies kept between them.
 */
import Provider from 'oidc-provider';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { AuditEvent } from '../audit/audit.entity.js';
import { Role } from '../../policy/roles.js';
import { OidcIdentity } from './oidc.entity.js';

let provider: InstanceType<typeof Provider>;
let providerServer: Server;
let issuer: string;
let server: TestServer;
let world: SeededWorld;
/** Who "signs in" at the provider in the next flow. */
let providerAccount = 'esia-1001';

async function startProvider(redirectUri: string) {
  providerServer = createServer();
  await new Promise<void>((resolve) => providerServer.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
  provider = new Provider(issuer, {
    clients: [{ client_id: 'dnevnik', client_secret: 'provider-secret', redirect_uris: [redirectUri], token_endpoint_auth_method: 'client_secret_post' }],
    cookies: { keys: ['test-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, email: `${sub}@gosuslugi.test`, email_verified: true }) }),
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  });
  // The provider's login page: the person "signs in" as `providerAccount` and consents.
  const callback = provider.callback();
  const answerProvider = async (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith('/interaction/')) return callback(req, res);
    const details = await provider.interactionDetails(req, res);
    const grant = new provider.Grant({ accountId: providerAccount, clientId: String(details.params.client_id) });
    grant.addOIDCScope('openid email');
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: providerAccount }, consent: { grantId: await grant.save() } },
      { mergeWithLastSubmission: false },
    );
  };
  providerServer.on('request', (req, res) => void answerProvider(req, res));
}

/** Follows redirects like a browser, keeping cookies per host, until a URL on the app that is not an OIDC route. */
async function browserSignIn(start: string, tamper?: (url: URL) => URL): Promise<URL> {
  const jar = new Map<string, Map<string, string>>();
  let url = new URL(start);
  for (let hop = 0; hop < 15; hop++) {
    const cookies = jar.get(url.host) ?? new Map();
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...value] = pair.split('=');
      cookies.set(name.trim(), value.join('='));
    }
    jar.set(url.host, cookies);
    const location = res.headers.get('location');
    if (!location) throw new Error(`no redirect from ${url} (${res.status})`);
    url = new URL(location, url);
    if (url.pathname === '/auth/oidc/callback' && tamper) url = tamper(url);
    if (url.origin === new URL(server.url).origin && !url.pathname.startsWith('/auth/oidc/')) return url;
  }
  throw new Error('too many redirects');
}

beforeAll(async () => {
  // The app must know its public URL before the provider can whitelist the callback: reserve both ports first.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  await startProvider(`http://127.0.0.1:${port}/auth/oidc/callback`);
  server = await startTestServer({
    config: { port, oidc: { issuer, clientId: 'dnevnik', clientSecret: 'provider-secret', publicUrl: `http://127.0.0.1:${port}`, linkByVerifiedEmail: false } },
  });
  world = await server.seed(
    school('Школа № 1')
      .withStaff('admin', 'Белова Ирина Сергеевна', [Role.SCHOOL_ADMIN])
      .withStaff('director', 'Тихонов Виктор Павлович', [Role.DIRECTOR])
      .withStaff('hr', 'Ситникова Галина Петровна', [Role.HR])
      .withStaff('secretary', 'Зуева Наталья Олеговна', [Role.SECRETARY])
      .withClass('5А')
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр', { inClass: '5А', parents: ['petrova'] }),
  );
});
afterAll(async () => {
  await server.stop();
  await new Promise<void>((resolve) => providerServer.close(() => resolve()));
});

describe('sign-in through the identity provider', () => {
  it('tells the web app where to start', async () => {
    expect(await server.client().data(`{ oidcSignInUrl }`)).toEqual({ oidcSignInUrl: '/auth/oidc/start' });
  });

  it('refuses an account that is linked to nobody, with a clear reason', async () => {
    providerAccount = 'esia-unknown';
    const landing = await browserSignIn(`${server.url}/auth/oidc/start`);
    expect(landing.searchParams.get('login_error')).toBe('OIDC_NOT_LINKED');
  });

  it('signs a parent in once an administrator links their provider account', async () => {
    const admin = await server.as('admin');
    await admin.data(`mutation($u: ID!) { linkOidcIdentity(userId: $u, subject: "esia-1001", reason: "заявление № 12") }`, { u: world.user('petrova').id });
    providerAccount = 'esia-1001';

    const landing = await browserSignIn(`${server.url}/auth/oidc/start`);
    const code = landing.searchParams.get('login_code');
    expect(code).toBeTruthy();

    const parent = server.client();
    const { redeemLoginCode } = await parent.data(`mutation($c: String!) { redeemLoginCode(code: $c) { token viewer { fullName primaryRole } } }`, { c: code });
    expect(redeemLoginCode.viewer).toEqual({ fullName: 'Петрова Мария Ивановна', primaryRole: 'PARENT' });
    parent.token = redeemLoginCode.token;
    expect((await parent.data(`{ viewer { login } }`)).viewer.login).toBe('petrova');

    // The code is good for one sign-in only.
    const again = await server.client().execute(`mutation($c: String!) { redeemLoginCode(code: $c) { token } }`, { c: code });
    expect(again.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a callback whose state it did not issue', async () => {
    const landing = await browserSignIn(`${server.url}/auth/oidc/start`, (url) => {
      url.searchParams.set('state', 'forged-state');
      return url;
    });
    expect(landing.searchParams.get('login_error')).toBe('OIDC_BAD_STATE');
  });

  it('does not let a parent link provider accounts', async () => {
    const parent = await server.as('petrova');
    const result = await parent.execute(`mutation($u: ID!) { linkOidcIdentity(userId: $u, subject: "esia-666", reason: "x") }`, { u: world.user('petya').id });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('who may link provider accounts (issue 14: nobody signs in as someone above them)', () => {
  const LINK = `mutation($u: ID!, $s: String!) { linkOidcIdentity(userId: $u, subject: $s, reason: "приказ № 7") }`;
  const UNLINK = `mutation($u: ID!) { unlinkOidcIdentity(userId: $u, reason: "ошибочная привязка") }`;
  const identities = () => server.orm.em.fork().count(OidcIdentity);

  it.each(['hr', 'secretary', 'admin'])("refuses %s linking the director's account to a provider subject they control, writing nothing", async (login) => {
    const staff = await server.as(login);
    const before = await identities();
    const result = await staff.execute(LINK, { u: world.user('director').id, s: `esia-${login}` });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await identities()).toBe(before);
  });

  it('refuses the journal administrator linking their own account', async () => {
    const admin = await server.as('admin');
    expect((await admin.execute(LINK, { u: world.user('admin').id, s: 'esia-self' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses to move a provider account already linked to someone else', async () => {
    const admin = await server.as('admin');
    const result = await admin.execute(LINK, { u: world.user('hr').id, s: 'esia-1001' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'subject' });
  });

  it('ends a link: the provider account no longer signs in, and the audit log says who and why', async () => {
    const admin = await server.as('admin');
    expect(await admin.data(UNLINK, { u: world.user('petrova').id })).toEqual({ unlinkOidcIdentity: 1 });

    providerAccount = 'esia-1001';
    const landing = await browserSignIn(`${server.url}/auth/oidc/start`);
    expect(landing.searchParams.get('login_error')).toBe('OIDC_NOT_LINKED');
    const events = await server.orm.em.fork().find(AuditEvent, { action: { $in: ['identity.link', 'identity.unlink'] } }, { orderBy: { at: 'asc' } });
    expect(events.map((e) => [e.action, e.data?.reason])).toEqual([
      ['identity.link', 'заявление № 12'],
      ['identity.unlink', 'ошибочная привязка'],
    ]);
  });
});
