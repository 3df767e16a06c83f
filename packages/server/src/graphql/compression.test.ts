/** GraphQL answers travel compressed (a journal page is tens of KB of JSON); a tiny one as it is. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const post = (query: string, encoding: string) =>
  fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-encoding': encoding },
    body: JSON.stringify({ query }),
  });

// Every type's name: a few KB of JSON.
const LARGE = '{ __schema { types { name description } } }';

describe('compression', () => {
  it('sends a large answer as brotli or gzip, whichever the client accepts, with the same content', async () => {
    const plain = await post(LARGE, 'identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const text = await plain.text();
    expect(text.length).toBeGreaterThan(4096);

    const br = await post(LARGE, 'br, gzip');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(br.headers.get('cache-control')).toBe('no-store');
    expect(await br.text()).toBe(text);

    const gzip = await post(LARGE, 'gzip');
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(await gzip.text()).toBe(text);
  });

  it('sends a small answer uncompressed', async () => {
    const res = await post('{ __typename }', 'br, gzip');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
