/**
 * The diary gate (R-A6) over the whole API: every root field and download about one student's
 * records answers FORBIDDEN / CONSENT_REQUIRED to a parent without a recorded consent and to the
 * student before any consent is in force, and answers normally once consent is on record.
 *
 * The fields are found in the schema (every Query and Subscription field taking a `studentId`) and
 * the downloads in the exports router (every route with `:studentId`): a new one fails here until it
 * is listed as gated or, with the reason, as exempt.
 */
import { buildClientSchema, getIntrospectionQuery, getNamedType, isLeafType, isNonNullType, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import type { Client } from 'graphql-ws';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../db/seeders/school-builder.js';
import { exportsRouter } from '../modules/reports/exports.router.js';
import { Role } from './roles.js';
import type { GraphQLClient } from '../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';

/** Wednesday 25 November 2026: inside the 2nd quarter. */
const NOW = new Date('2026-11-25T09:00:00Z');
const EVERY_WEEKDAY: [number, number, string][] = [1, 2, 3, 4, 5].map((d) => [d, 1, '21']);

/** Root fields that show a student's diary data: behind the gate. */
const GATED = [
  'diary',
  'diaryEvents',
  'exams',
  'intendedMarkNotices',
  'marksNeeded',
  'progressReport',
  'studentPeriodReport',
  'studentProfile',
  'studentTerm',
  'studentWeek',
  'studentYearMarks',
];
/** Root fields taking a studentId that are not the diary, and why. */
const EXEMPT: Record<string, string> = {
  homeSchooling: 'the school office keeps it (secretary, administration, class teacher): no family reads it',
  movements: "the school office's register of orders (secretary and administration): no family reads it, consent or not",
};
/** Downloads about one student (paths as the exports router names them): behind the gate. */
const GATED_DOWNLOADS = ['/student-report/:studentId/:periodId.pdf'];

let server: TestServer;
let world: SeededWorld;
let schema: GraphQLSchema;

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  const { data } = await server.client().execute<IntrospectionQuery>(getIntrospectionQuery());
  schema = buildClientSchema(data!);
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withClass('5А')
      // Petya's family has recorded no consent; Vanya's mother has.
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withParent('sidorova', 'Сидорова Нина Павловна')
      .withStudent('vanya', 'Сидоров Иван', { inClass: '5А', parents: ['sidorova'] })
      .withConsent('vanya', 'sidorova')
      .withGroup('Математика', '5А', { teacher: 'ivanova', slots: EVERY_WEEKDAY }),
    { lessons: true },
  );
});
afterAll(() => server?.stop());

const rootFields = () =>
  [schema.getQueryType()!, schema.getSubscriptionType()!].flatMap((type) =>
    Object.values(type.getFields()).map((field) => ({ field, operation: type === schema.getQueryType() ? 'query' : 'subscription' })),
  );

/** The field asked with every required argument, from one set of values by argument name. */
function operationFor(name: string, studentId: string): { text: string; operation: string } {
  const found = rootFields().find((f) => f.field.name === name);
  if (!found) throw new Error(`${name} is not a root field`);
  const values: Record<string, string> = {
    studentId: JSON.stringify(studentId),
    weekOf: '"2026-11-23"',
    periodId: JSON.stringify(world.periodsOf()[1].id),
    yearId: JSON.stringify(world.years.values().next().value!.id),
    groupId: JSON.stringify(world.group('Математика', '5А').id),
    from: '"2026-11-16"',
    to: '"2026-11-25"',
    target: '5',
  };
  const args = found.field.args
    .filter((a) => isNonNullType(a.type) && a.defaultValue === undefined)
    .map((a) => {
      if (!(a.name in values)) throw new Error(`no value for ${name}(${a.name}:)`);
      return `${a.name}: ${values[a.name]}`;
    });
  const selection = isLeafType(getNamedType(found.field.type)) ? '' : ' { __typename }';
  return { text: `${found.operation} { ${name}(${args.join(', ')})${selection} }`, operation: found.operation };
}

/** The first answer of a subscription, or null when it stays open and quiet for half a second (a timed wait). */
function firstAnswer(ws: Client, query: string): Promise<{ errors?: readonly { extensions?: Record<string, unknown> }[] } | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), 500);
    ws.subscribe(
      { query },
      {
        next: (result) => (clearTimeout(timer), resolve(result)),
        error: (errors) => (clearTimeout(timer), resolve({ errors: Array.isArray(errors) ? errors : [errors] })),
        complete: () => undefined,
      },
    );
  });
}

async function ask(client: GraphQLClient, field: string, student: string) {
  const { text, operation } = operationFor(field, world.user(student).id);
  if (operation === 'query') return client.execute(text);
  const ws = client.ws();
  try {
    return await firstAnswer(ws, text);
  } finally {
    await ws.dispose();
  }
}

describe('the diary gate, field by field (R-A6)', () => {
  it('lists every root field taking a studentId as gated or exempt', () => {
    const taking = rootFields()
      .filter(({ field }) => field.args.some((a) => a.name === 'studentId'))
      .map(({ field }) => field.name)
      .sort();
    expect(taking).toEqual([...GATED, ...Object.keys(EXEMPT)].sort());
  });

  it.each(GATED)('%s: CONSENT_REQUIRED for the parent and the student without consent, open with it', async (field) => {
    for (const login of ['petrova', 'petya']) {
      const refused = await ask(await server.as(login), field, 'petya');
      expect(refused?.errors?.[0]?.extensions, `${field} as ${login}`).toMatchObject({ code: 'FORBIDDEN', reason: 'CONSENT_REQUIRED' });
    }
    const open = await ask(await server.as('sidorova'), field, 'vanya');
    expect(open?.errors, `${field} with consent`).toBeUndefined();
  });
});

describe('the diary gate, download by download', () => {
  it('lists every export route about one student', () => {
    const router = exportsRouter({ orm: server.orm, viewerOf: async () => null, log: pino({ level: 'silent' }), clock: server.clock });
    const paths = router.stack.flatMap((layer) => (layer.route?.path ? [String(layer.route.path)] : [])).filter((p) => p.includes(':studentId'));
    expect(paths).toEqual(GATED_DOWNLOADS);
  });

  it.each(GATED_DOWNLOADS)('%s: 403 CONSENT_REQUIRED without consent, the file with it', async (route) => {
    const download = async (login: string, student: string) => {
      const path = route.replace(':studentId', world.user(student).id).replace(':periodId', world.periodsOf()[1].id);
      return fetch(`${server.url}/exports${path}`, { headers: { authorization: `Bearer ${(await server.as(login)).token}` } });
    };
    for (const login of ['petrova', 'petya']) {
      const refused = await download(login, 'petya');
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN', reason: 'CONSENT_REQUIRED' } }] });
    }
    const open = await download('sidorova', 'vanya');
    expect(open.status).toBe(200);
    await open.arrayBuffer();
  });
});
