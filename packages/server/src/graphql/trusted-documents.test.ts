import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { school } from '../db/seeders/school-builder.js';
import { Role } from '../policy/roles.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { TrustedDocuments } from './trusted-documents.js';

/** The web app's documents as codegen listed them: SHA-256 → text. */
const MANIFEST = loadConfig().trustedDocumentsManifest;
const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, string>;
/** The hash of the web app's document that declares `operation` (e.g. "query Shell"), without its prefix. */
const hashOf = (operation: string) => {
  const entry = Object.entries(manifest).find(([, text]) => new RegExp(`(^|\\s)${operation}\\b`).test(text));
  if (!entry) throw new Error(`no ${operation} in the manifest`);
  return entry[0].replace(/^sha256:/, '');
};
const byHash = (operation: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hashOf(operation) } } });

/** A raw GraphQL-over-HTTP POST: the status and the JSON answer. */
async function post(server: TestServer, body: Record<string, unknown>, token?: string) {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };
}
const codeOf = (answer: { body: { errors?: { extensions?: { code?: string } }[] } }) => answer.body.errors?.[0]?.extensions?.code;

/** A document over graphql-ws, to its end: the messages, or the error. */
function overWebSocket(
  server: TestServer,
  token: string,
  payload: { query: string; variables?: Record<string, unknown>; extensions?: Record<string, unknown> },
) {
  const client = server.client();
  client.token = token;
  const ws = client.ws();
  return new Promise<{ data?: unknown; errors?: { extensions?: { code?: string } }[] }>((resolve) => {
    let last: { data?: unknown; errors?: { extensions?: { code?: string } }[] } = {};
    ws.subscribe(payload, {
      next: (message) => (last = message as typeof last),
      error: (errors) => resolve({ errors: errors as typeof last.errors }),
      complete: () => resolve(last),
    });
  }).finally(() => ws.dispose());
}

const seedSchool = () =>
  school('Школа № 1')
    .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
    .withClass('5А', { classTeacher: 'ivanova' })
    .withParent('petrova', 'Петрова Мария Ивановна')
    .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] });

const LOGIN_VARIABLES = (login: string) => ({ login, password: 'secret' });

describe('trusted documents on (production)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: { trustedDocuments: true } });
    await server.seed(seedSchool());
  });
  afterAll(() => server.stop());

  const signIn = async (login: string, operation = 'mutation Login') => {
    const answer = await post(server, { ...byHash(operation), variables: LOGIN_VARIABLES(login) });
    return answer.body.data?.login?.token as string | undefined;
  };

  it("runs the web app's documents named by their hash, in Apollo's form and in GraphQL over HTTP's", async () => {
    const token = await signIn('petrova');
    expect(token).toEqual(expect.any(String));
    const shell = await post(server, { documentId: `sha256:${hashOf('query Shell')}` }, token);
    expect(shell.status).toBe(200);
    expect(shell.body.data.viewer).toMatchObject({ fullName: 'Петрова Мария Ивановна', children: [{ fullName: 'Петров Пётр Ильич' }] });
  });

  it('names a document in the URL of a GET request too', async () => {
    const token = await signIn('petrova');
    const extensions = encodeURIComponent(JSON.stringify(byHash('query Shell').extensions));
    const res = await fetch(`${server.url}/graphql?extensions=${extensions}`, {
      headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: any }).data.viewer.fullName).toBe('Петрова Мария Ивановна');
  });

  it("refuses the text of any document, the web app's own included, with TRUSTED_DOCUMENT_REQUIRED (400)", async () => {
    const token = await signIn('petrova');
    for (const [who, bearer] of [
      ['anonymous', undefined],
      ['a web session', token],
    ] as const) {
      const answer = await post(server, { query: manifest[`sha256:${hashOf('query Shell')}`] }, bearer);
      expect({ who, status: answer.status, code: codeOf(answer), data: answer.body.data }).toEqual({
        who,
        status: 400,
        code: 'TRUSTED_DOCUMENT_REQUIRED',
        data: undefined,
      });
    }
  });

  it('refuses a hash that is not in the manifest with PERSISTED_QUERY_NOT_FOUND (400)', async () => {
    const answer = await post(server, { extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } });
    expect([answer.status, codeOf(answer)]).toEqual([400, 'PERSISTED_QUERY_NOT_FOUND']);
  });

  it('signs a member of staff in as an API client (ApiSignIn, by its hash), whose session then sends documents of its own', async () => {
    const token = await signIn('ivanova', 'mutation ApiSignIn');
    expect(token).toEqual(expect.any(String));
    const own = await post(server, { query: '{ viewer { login roles } }' }, token);
    expect(own.body).toEqual({ data: { viewer: { login: 'ivanova', roles: expect.arrayContaining(['TEACHER']) } } });
  });

  it('refuses the API scope to a parent', async () => {
    const answer = await post(server, { ...byHash('mutation ApiSignIn'), variables: LOGIN_VARIABLES('petrova') });
    expect(answer.body.errors?.[0]).toMatchObject({
      message: 'API access is for staff, inspectors and system administrators.',
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('applies the same rule over WebSocket: a hash runs, a text needs the API scope', async () => {
    const web = (await signIn('petrova'))!;
    const api = (await signIn('ivanova', 'mutation ApiSignIn'))!;
    const shell = await overWebSocket(server, web, { query: '', ...byHash('query Shell') });
    expect(shell).toMatchObject({ data: { viewer: { fullName: 'Петрова Мария Ивановна' } } });
    const text = await overWebSocket(server, web, { query: '{ viewer { login } }' });
    expect(text.errors?.[0]?.extensions?.code).toBe('TRUSTED_DOCUMENT_REQUIRED');
    expect(await overWebSocket(server, api, { query: '{ viewer { login } }' })).toEqual({ data: { viewer: { login: 'ivanova' } } });
  });
});

describe('trusted documents off (development, tests)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await server.seed(seedSchool());
  });
  afterAll(() => server.stop());

  it("runs any text and still the web app's hashes; an unknown hash sent with its text runs the text (Apollo's retry)", async () => {
    const text = await post(server, {
      query: 'mutation($login: String!, $password: String!) { login(login: $login, password: $password) { token } }',
      variables: LOGIN_VARIABLES('petrova'),
    });
    const token = text.body.data.login.token as string;
    expect((await post(server, byHash('query Shell'), token)).body.data.viewer.fullName).toBe('Петрова Мария Ивановна');
    const retried = await post(server, { query: '{ viewer { login } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'cd'.repeat(32) } } }, token);
    expect(retried.body).toEqual({ data: { viewer: { login: 'petrova' } } });
  });
});

describe('the manifest and the setting', () => {
  it('refuses to start on a manifest whose hash does not match its document', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'trusted-')), 'persisted-documents.json');
    writeFileSync(path, JSON.stringify({ [`sha256:${'0'.repeat(64)}`]: '{ viewer { id } }' }));
    expect(() => TrustedDocuments.load(path, { required: true, log: pino({ level: 'silent' }) })).toThrow(/another hash/);
    expect(() => TrustedDocuments.load(`${path}.missing`, { required: true, log: pino({ level: 'silent' }) })).toThrow(/pnpm codegen/);
  });

  it('is on by default in production, with or without the demo school; TRUSTED_DOCUMENTS=on or off decides otherwise', () => {
    const env = { NODE_ENV: process.env.NODE_ENV, TRUSTED_DOCUMENTS: process.env.TRUSTED_DOCUMENTS, SEED_DEMO: process.env.SEED_DEMO };
    try {
      const with_ = (nodeEnv: string, setting?: string, seedDemo = 'false') => {
        process.env.NODE_ENV = nodeEnv;
        process.env.SEED_DEMO = seedDemo;
        if (setting === undefined) delete process.env.TRUSTED_DOCUMENTS;
        else process.env.TRUSTED_DOCUMENTS = setting;
        return loadConfig().trustedDocuments;
      };
      expect([with_('production'), with_('development'), with_('test'), with_('development', 'on'), with_('production', 'off')]).toEqual([
        true,
        false,
        false,
        true,
        false,
      ]);
      // `pnpm start` runs the demo school (SEED_DEMO defaults to true): still on, only an explicit off opens it.
      expect([with_('production', undefined, 'true'), with_('production', 'off', 'true')]).toEqual([true, false]);
    } finally {
      for (const [k, v] of Object.entries(env)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
