import type { FormattedExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school } from '../db/seeders/school-builder.js';
import { Role } from '../policy/roles.js';
import type { GraphQLClient } from '../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { QUERY_LIMITS } from './limits.js';

const times = (n: number, item: (i: number) => string) => Array.from({ length: n }, (_, i) => item(i)).join(' ');
/** `__type` nests `ofType` without end: valid documents of any depth, whatever the app's schema is. */
const ofTypes = (levels: number, leaf = 'name'): string => (levels === 0 ? leaf : `ofType { ${ofTypes(levels - 1, leaf)} }`);
/** Depth = `__type` + the `ofType` levels + the leaf. */
const deep = (depth: number) => `{ __type(name: "Query") { ${ofTypes(depth - 2)} } }`;
const aliased = (n: number) => `{ ${times(n, (i) => `v${i}: viewer { id }`)} }`;
const directed = (n: number) => `{ ${times(n, () => '__typename @include(if: true)')} }`;
/** `n` tokens (a multiple of 5) as operations `query Qi { __typename }`: no rule has more work with them than reading. */
const tokens = (n: number) => times(n / 5, (i) => `query Q${i} { __typename }`);
/** Within every other limit, but graphql-armor estimates it at about 6900: 15 copies of an 11-level selection. */
const costly = `{ ${times(15, (i) => `t${i}: __type(name: "Query") { fields { type { ${ofTypes(7, 'name kind description specifiedByURL')} } } }`)} }`;

const HOSTILE = [
  { limit: 'depth', code: 'QUERY_TOO_DEEP', query: deep(QUERY_LIMITS.maxDepth + 1) },
  { limit: 'aliases', code: 'TOO_MANY_ALIASES', query: aliased(QUERY_LIMITS.maxAliases + 1) },
  { limit: 'directives', code: 'TOO_MANY_DIRECTIVES', query: directed(QUERY_LIMITS.maxDirectives + 1) },
  { limit: 'tokens', code: 'TOO_MANY_TOKENS', query: tokens(QUERY_LIMITS.maxTokens + 5) },
  { limit: 'cost', code: 'QUERY_TOO_COSTLY', query: costly },
];

const AT_THE_LIMIT = [
  { limit: 'depth', query: deep(QUERY_LIMITS.maxDepth) },
  { limit: 'aliases', query: aliased(QUERY_LIMITS.maxAliases) },
  { limit: 'directives', query: directed(QUERY_LIMITS.maxDirectives) },
  { limit: 'tokens', query: tokens(QUERY_LIMITS.maxTokens), operationName: 'Q0' },
];

/** One operation over HTTP, as `client` (GraphQLClient.execute sends no operation name). */
async function overHttp(client: GraphQLClient, query: string, operationName?: string): Promise<FormattedExecutionResult> {
  const res = await fetch(`${client.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${client.token}` },
    body: JSON.stringify({ query, operationName }),
  });
  return (await res.json()) as FormattedExecutionResult;
}

/** One operation over graphql-ws: its result, or the errors the server answered with. */
async function overWebSocket(client: GraphQLClient, query: string, operationName?: string): Promise<FormattedExecutionResult> {
  const ws = client.ws();
  try {
    return await new Promise((resolve, reject) => {
      ws.subscribe(
        { query, operationName },
        {
          next: resolve,
          error: (e) => (Array.isArray(e) ? resolve({ errors: e }) : reject(e instanceof Error ? e : new Error(String(e as CloseEvent)))),
          complete: () => {},
        },
      );
    });
  } finally {
    await ws.dispose();
  }
}

const codes = (result: FormattedExecutionResult) => result.errors?.map((e) => e.extensions?.code);

let server: TestServer;
let teacher: GraphQLClient;

beforeAll(async () => {
  server = await startTestServer();
  await server.seed(school('Школа № 1').withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER]));
  teacher = await server.as('ivanova');
});
afterAll(() => server.stop());

describe('a hostile document is refused before anything runs, with a code per limit', () => {
  it.each(HOSTILE)('over HTTP: $limit past the limit → $code', async ({ query, code }) => {
    const result = await overHttp(teacher, query);
    expect(result.data).toBeUndefined();
    expect(codes(result)).toEqual([code]);
  });

  it.each(HOSTILE)('over WebSocket: $limit past the limit → $code', async ({ query, code }) => {
    const result = await overWebSocket(teacher, query);
    expect(result.data).toBeUndefined();
    expect(codes(result)).toEqual([code]);
  });

  it.each(AT_THE_LIMIT)('answers a document right at the $limit limit, on both transports', async ({ query, operationName }) => {
    expect((await overHttp(teacher, query, operationName)).errors).toBeUndefined();
    expect((await overWebSocket(teacher, query, operationName)).errors).toBeUndefined();
  });

  it('says which limit and by how much, without a "Syntax Error" prefix', async () => {
    const result = await overHttp(teacher, deep(QUERY_LIMITS.maxDepth + 1));
    expect(result.errors?.[0]?.message).toBe(`Query depth limit of ${QUERY_LIMITS.maxDepth} exceeded, found ${QUERY_LIMITS.maxDepth + 1}.`);
  });
});

describe('mistakes reveal nothing of the schema', () => {
  const MISSPELLED = [
    { what: 'a field', query: `{ viewer { fulName } }`, hint: 'fullName' },
    { what: 'a type', query: `query($login: Strin) { viewer { id } }`, hint: 'String' },
  ];

  it.each(MISSPELLED)('names no suggestion for a misspelled $what, over HTTP and WebSocket', async ({ query, hint }) => {
    for (const result of [await overHttp(teacher, query), await overWebSocket(teacher, query)]) {
      expect(codes(result)).toContain('GRAPHQL_VALIDATION_FAILED');
      const messages = result.errors!.map((e) => e.message).join('\n');
      expect(messages).not.toMatch(/did you mean/i);
      expect(messages).not.toContain(hint);
    }
  });

  it('answers a syntax error over WebSocket as an error of that operation, keeping the socket', async () => {
    const ws = teacher.ws();
    const failed = await new Promise<unknown>((resolve) => ws.subscribe({ query: '{ viewer { ' }, { next: () => {}, error: resolve, complete: () => {} }));
    const answered = await new Promise((resolve, reject) =>
      ws.subscribe({ query: '{ viewer { login } }' }, { next: resolve, error: reject, complete: () => {} }),
    );
    await ws.dispose();
    expect(failed).toEqual([expect.objectContaining({ extensions: { code: 'GRAPHQL_PARSE_FAILED' } })]);
    expect(answered).toEqual({ data: { viewer: { login: 'ivanova' } } });
  });
});

describe('HTTP requests', () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('refuses a batch of operations in one request', async () => {
    const res = await post(JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]));
    expect(res.status).toBe(400);
    const body = (await res.json()) as FormattedExecutionResult;
    expect(body.errors).toEqual([expect.objectContaining({ message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } })]);
  });

  it('refuses a body over the size limit with a clear 413 JSON error', async () => {
    const res = await post(JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(200 * 1024) } }));
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({
      errors: [{ message: 'The request body is larger than 100kb.', extensions: { code: 'PAYLOAD_TOO_LARGE', reason: 'REQUEST_TOO_LARGE' } }],
    });
  });

  it('answers malformed JSON with a JSON error, not an HTML page', async () => {
    const res = await post('{"query": ');
    expect(res.status).toBe(400);
    const body = (await res.json()) as FormattedExecutionResult;
    expect(codes(body)).toEqual(['BAD_REQUEST']);
  });
});

describe('introspection', () => {
  const INTROSPECT = `{ __schema { queryType { name } } }`;

  it('is answered where it is on (development and test by default)', async () => {
    expect(await teacher.data(INTROSPECT)).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('is refused with INTROSPECTION_DISABLED over HTTP and WebSocket when switched off', async () => {
    const closed = await startTestServer({ config: { introspection: false } });
    try {
      await closed.seed(school('Школа № 1').withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER]));
      const client = await closed.as('ivanova');
      for (const query of [INTROSPECT, `{ __type(name: "Query") { name } }`]) {
        expect(codes(await overHttp(client, query))).toEqual(['INTROSPECTION_DISABLED']);
        expect(codes(await overWebSocket(client, query))).toEqual(['INTROSPECTION_DISABLED']);
      }
      expect(await client.data(`{ __typename }`)).toEqual({ __typename: 'Query' });
    } finally {
      await closed.stop();
    }
  });
});
