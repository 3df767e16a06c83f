import { serverAudits, type AuditResult } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';

/**
 * The GraphQL-over-HTTP conformance audits of `graphql-http` against the real server: every MUST
 * passes; SHOULD and MAY results are reported, not required.
 */
let server: TestServer;
const audits = serverAudits({ url: () => `${server.url}/graphql` });

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const explain = async (result: AuditResult) => (result.status === 'ok' ? 'ok' : `${result.reason}\n${result.response.status} ${await result.response.text()}`);

describe('GraphQL over HTTP conformance (graphql-http serverAudits)', () => {
  it.each(audits.filter((a) => a.name.startsWith('MUST')).map((a) => ({ ...a, label: a.name })))('$label', async ({ fn }) => {
    const result = await fn();
    expect(await explain(result)).toBe('ok');
  });

  it('reports the recommendations it does not follow', async () => {
    const notFollowed: string[] = [];
    for (const audit of audits.filter((a) => !a.name.startsWith('MUST'))) {
      const result = await audit.fn();
      if (result.status !== 'ok') notFollowed.push(`${audit.name}: ${result.reason}`);
    }
    console.info(`SHOULD/MAY audits not followed (${notFollowed.length}):\n${notFollowed.join('\n')}`);
  });
});
