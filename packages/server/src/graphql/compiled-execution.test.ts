/**
 * graphql-jit runs only what it answers exactly as graphql-js does (issue 16): every query of the web
 * app's persisted documents, run against the demo school as each demo account, gives byte-identical JSON
 * (data and errors) through both; and over HTTP those (and only those) run compiled.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { execute, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import persisted from '../../../web/src/gql/persisted-documents.json' with { type: 'json' };
import { DEMO_PASSWORD } from '../db/seeders/demo-school.js';
import { scrapeMetrics } from '../testing/metrics.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { compiledDocumentTexts, createExecutor } from './compiled-execution.js';
import { createContext } from './context.js';

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');
const executed = async (executor: string) => (await scrapeMetrics(server.url)).value('dnevnik_graphql_operations_total', { executor }) ?? 0;

const NOW = new Date('2026-11-25T09:00:00Z');
const accounts = JSON.parse(readFileSync(new URL('../../../../docs/demo-accounts.json', import.meta.url), 'utf8')) as { login: string }[];
const queries = [...compiledDocumentTexts(Object.values(persisted as Record<string, string>))];

let server: TestServer;
let variables: Record<string, unknown>;
/** Variables the web's documents may leave out. */
const OPTIONAL = ['role', 'filter', 'after', 'contractEndsWithinDays'];

/** The values of one document's variables: the shared ones, as a day where it declares a LocalDate. */
const variablesOf = (text: string) =>
  Object.fromEntries(
    [...text.matchAll(/\$(\w+):\s*(\w+)/g)]
      .filter(([, name]) => name in variables)
      .map(([, name, type]) => [name, type === 'LocalDate' ? String(variables[name]).slice(0, 10) : variables[name]]),
  );

beforeAll(async () => {
  server = await startTestServer({ demo: true, clock: () => NOW });
  // One value per variable name of the web's documents, from the demo school: the pupil «student», their class,
  // a group of it with lessons this quarter, a conversation of «parent».
  const [row] = await server.orm.em.getConnection().execute<Record<string, string>[]>(
    `
    select u.id as "studentId", e.school_class_id as "classId", e.school_id as "schoolId", p.id as "periodId", p.year_id as "yearId",
           (select l.group_id from lesson l join study_group g on g.id = l.group_id
             where g.school_class_id = e.school_class_id and l.period_id = p.id group by l.group_id order by count(*) desc limit 1) as "groupId",
           (select l.id from lesson l join study_group g on g.id = l.group_id
             where g.school_class_id = e.school_class_id and l.date <= ? order by l.date desc, l.lesson_number limit 1) as "lessonId",
           (select c.conversation_id from conversation_participant c join app_user pu on pu.id = c.user_id where pu.login = 'parent' limit 1) as id
      from app_user u join enrolment e on e.student_id = u.id and e.ends_on is null
      join reporting_period p on p.school_id = e.school_id and ? between p.starts_on and p.ends_on
     where u.login = 'student'`,
    ['2026-11-25', '2026-11-25'],
  );
  variables = {
    ...row,
    parentsOf: row.studentId,
    on: '2026-11-25',
    first: 50,
    offset: 0,
    periodNumber: 1,
    weekOf: '2026-11-23',
    from: '2026-11-01T00:00:00.000Z',
    to: '2026-12-31T00:00:00.000Z',
    search: 'а',
    input: { yearId: row.yearId },
  };
});
afterAll(() => server.stop());

describe('compiled execution', () => {
  it('covers every query of the web app', () => {
    expect(queries.length).toBeGreaterThanOrEqual(30);
    const missing = queries.flatMap((text) =>
      [...text.matchAll(/\$(\w+):/g)]
        .map((m) => m[1])
        .filter((n) => !(n in variables) && !OPTIONAL.includes(n))
        .map((n) => `${text.match(/query (\w+)/)![1]}: $${n}`),
    );
    expect(missing).toEqual([]);
  });

  it('runs a web query sent by its hash on graphql-jit over HTTP, and a document of its own on graphql-js', async () => {
    const client = server.client();
    await client.login('parent', DEMO_PASSWORD);
    const text = queries.find((q) => q.includes('query Shell'))!;
    const [jitBefore, jsBefore] = [await executed('graphql-jit'), await executed('graphql-js')];
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${client.token}` },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hashOf(text) } } }),
    });
    expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
    expect(await executed('graphql-jit')).toBe(jitBefore + 1);
    expect(await executed('graphql-js')).toBe(jsBefore);
    await client.data('{ viewer { login } }');
    expect(await executed('graphql-js')).toBe(jsBefore + 1);
  });

  it('answers a refusal on graphql-jit with its code, as on graphql-js (not as an error the server could not format)', async () => {
    const client = server.client();
    await client.login('parent', DEMO_PASSWORD);
    const text = queries.find((q) => q.includes('query SchoolSettingsScreen'))!;
    const jitBefore = await executed('graphql-jit');
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${client.token}` },
      body: JSON.stringify({ variables: variablesOf(text), extensions: { persistedQuery: { version: 1, sha256Hash: hashOf(text) } } }),
    });
    const body = (await res.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(await executed('graphql-jit')).toBe(jitBefore + 1);
    expect(body.errors.map((e) => e.extensions)).toEqual([{ code: 'FORBIDDEN', reason: 'NOT_ALLOWED' }]);
  });

  it.each(accounts.map((a) => a.login))('answers every web query as graphql-js does, byte for byte, for %s', async (login) => {
    const client = server.client();
    await client.login(login, DEMO_PASSWORD);
    const viewer = await server.app.viewerFor(client.token);
    const compiled = createExecutor(server.app.schema, new Set(queries));
    const differing: string[] = [];
    let answered = 0;
    for (const text of queries) {
      const document = parse(text);
      const context = () => createContext(server.orm.em, viewer, null, null, server.clock, server.app.screens);
      const own = variablesOf(text);
      const plain = await execute({ schema: server.app.schema, document, variableValues: own, contextValue: context() });
      const jit = await compiled({ document, text, operationName: undefined, variables: own, contextValue: context() });
      if (!plain.errors) answered++;
      if (JSON.stringify(jit) !== JSON.stringify(plain))
        differing.push(`${text.match(/query (\w+)/)![1]}:\n  js  ${JSON.stringify(plain).slice(0, 400)}\n  jit ${JSON.stringify(jit).slice(0, 400)}`);
    }
    expect(differing).toEqual([]);
    // Not only refusals: each account opens some of its screens.
    expect(answered).toBeGreaterThanOrEqual(5);
  });
});
