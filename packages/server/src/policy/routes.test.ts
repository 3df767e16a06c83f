/**
 * HTTP routes beside GraphQL answer to the same policy (issue 14): every route has a rule, a route
 * without one stops the server from starting, and each export answers every role exactly as the
 * GraphQL field it prints does (refused ⇔ refused).
 */
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../db/seeders/school-builder.js';
import { buildAppSchema } from '../graphql/schema.js';
import { systemClock } from '../kernel/clock.js';
import { AuthService } from '../modules/auth/auth.service.js';
import { Role } from './roles.js';
import type { GraphQLClient } from '../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { peopleRules } from '../modules/people/people.policy.js';
import { reportsRules } from '../modules/reports/reports.policy.js';
import { checkRoutes, declare, mirrors, open, type RouteRule } from './routes.js';

const METRICS_TOKEN = 'scrape-me-7f3a';

let server: TestServer;
let world: SeededWorld;

/** Every kind of viewer, and what each is to the students and classes below. */
const VIEWERS = [
  'director', // administration of Школа № 1
  'deputy',
  'admin',
  'secretary',
  'hr',
  'smirnov', // class teacher of 5А
  'orlova', // class teacher of 5Б
  'ivanova', // teaches Математика in 5А only: not the whole record of a student
  'kuznetsov', // a teacher of the school without a class or group
  'petrova', // petya's mother, consent given
  'sidorova', // vanya's mother, no consent
  'petya', // a student with consent
  'inspector',
  'director2', // administration of another school
] as const;

beforeAll(async () => {
  server = await startTestServer({ config: { metricsToken: METRICS_TOKEN } });
  world = await server.seed(
    [
      school('Школа № 1')
        .inYear(2026)
        .withSubjects('Математика')
        .withStaff('director', 'Тихонов Виктор Павлович', [Role.DIRECTOR])
        .withStaff('deputy', 'Белова Ольга Юрьевна', [Role.DEPUTY_DIRECTOR])
        .withStaff('admin', 'Гусев Игорь Олегович', [Role.SCHOOL_ADMIN])
        .withStaff('secretary', 'Новикова Ирина Львовна', [Role.SECRETARY])
        .withStaff('hr', 'Лебедева Анна Максимовна', [Role.HR])
        .withStaff('smirnov', 'Смирнов Олег Ильич', [Role.TEACHER])
        .withStaff('orlova', 'Орлова Вера Андреевна', [Role.TEACHER])
        .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
        .withStaff('kuznetsov', 'Кузнецов Павел Андреевич', [Role.TEACHER])
        .withClass('5А', { classTeacher: 'smirnov' })
        .withClass('5Б', { classTeacher: 'orlova' })
        .withParent('petrova', 'Петрова Мария Ивановна')
        .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
        .withParent('sidorova', 'Сидорова Нина Павловна')
        .withStudent('vanya', 'Сидоров Иван Петрович', { inClass: '5А', parents: ['sidorova'] })
        .withStudent('kolya', 'Колесов Николай Ильич', { inClass: '5Б' })
        .withConsent('petya', 'petrova')
        .withConsent('kolya')
        .withGroup('Математика', '5А', { teacher: 'ivanova', slots: [[1, 1, '21']] })
        .withInspector('inspector', 'Орехов Павел Ильич'),
      school('Школа № 2').inYear(2026).withStaff('director2', 'Зайцева Алла Петровна', [Role.DIRECTOR]),
    ],
    { lessons: true },
  );
});
afterAll(() => server?.stop());

describe('every HTTP route is declared with a rule', () => {
  it('lists each route of the running app with the policy it answers to', () => {
    const table = server.app.routes.map(({ methods, path, rule }) => `${methods.join(',')} ${path} → ${describeRule(rule)}`);
    expect(table).toEqual(
      expect.arrayContaining([
        'GET /healthz → open',
        'GET /readyz → open',
        'GET /metrics → operator',
        '* /graphql → graphql',
        'GET /exports/class-summary/:classId/:periodId.:format → Query.classSummary: ClassSummary',
        'GET /exports/student-report/:studentId/:periodId.pdf → Query.studentPeriodReport: StudentPeriodReport',
        'GET /exports/printed-journal/:classId/:periodId.pdf → Query.classSummary: ClassSummary',
        '* /exports → open',
        'POST /attachments → Mutation.sendMessage',
        'GET /attachments/:id → Message.attachments: [Attachment]',
      ]),
    );
    // One `/exports` mount, not two.
    expect(table.filter((r) => r.startsWith('* /exports'))).toHaveLength(1);
  });

  it('refuses to start with a route, a router or a middleware that has none', async () => {
    const schema = await buildAppSchema({ auth: new AuthService(1, systemClock), clock: systemClock });
    const declared = open('a test route');
    const app = (build: (app: express.Express) => void) => {
      const a = express();
      a.get(
        '/fine',
        declare(declared, (_req: express.Request, res: express.Response) => res.end()),
      );
      build(a);
      return () => checkRoutes(a, schema);
    };

    expect(app(() => {})()).toHaveLength(1);
    expect(app((a) => a.get('/report.pdf', (_req, res) => res.end()))).toThrow('GET /report.pdf has no rule');
    expect(
      app((a) =>
        a.use(
          '/files',
          express.Router().get('/:id', (_req, res) => res.end()),
        ),
      ),
    ).toThrow('GET /files/:id has no rule');
    expect(app((a) => a.use((_req, _res, next) => next()))).toThrow('has no rule');
    expect(
      app((a) =>
        a.get(
          '/x',
          declare(mirrors(peopleRules, 'Query.nothingLikeThis', 'Student'), (_req: express.Request, res: express.Response) => res.end()),
        ),
      ),
    ).toThrow('mirrors Query.nothingLikeThis, which the schema does not have');
    // Mirroring a query without asking its type's rule is the very leak this guards against.
    expect(
      app((a) =>
        a.get(
          '/y',
          declare(mirrors(reportsRules, 'Query.studentPeriodReport'), (_req: express.Request, res: express.Response) => res.end()),
        ),
      ),
    ).toThrow('whose type rule the route must ask');
    // The rules a mirror asks are the ones guarding the field: another module's rules do not hold them.
    expect(
      app((a) =>
        a.get(
          '/z',
          declare(mirrors(peopleRules, 'Query.classSummary', 'ClassSummary'), (_req: express.Request, res: express.Response) => res.end()),
        ),
      ),
    ).toThrow("Query.classSummary's rule is not in the rules the route was given");
  });
});

describe('each export answers every role as the GraphQL field it prints', () => {
  const clients = new Map<string, Promise<GraphQLClient>>();
  const signedIn = (login: string) => clients.get(login) ?? clients.set(login, server.as(login)).get(login)!;
  const period = () => world.periodsOf()[0].id;
  const refusedHttp = async (client: GraphQLClient | null, path: string) => {
    const res = await fetch(`${server.url}/exports/${path}`, { headers: client?.token ? { authorization: `Bearer ${client.token}` } : {} });
    await res.arrayBuffer();
    return res.status >= 400;
  };
  const refusedGraphql = async (client: GraphQLClient | null, query: string, variables: Record<string, unknown>) => {
    const result = await (client ?? server.client()).execute(query, variables);
    return !!result.errors?.length || !result.data || Object.values(result.data).includes(null);
  };

  async function compare(
    check: (client: GraphQLClient | null) => Promise<{ graphql: boolean; http: boolean[] }>,
  ): Promise<{ table: Record<string, string>; mismatches: string[] }> {
    const table: Record<string, string> = {};
    const mismatches: string[] = [];
    for (const login of ['anonymous', ...VIEWERS]) {
      const client = login === 'anonymous' ? null : await signedIn(login);
      const { graphql, http } = await check(client);
      table[login] = graphql ? 'refused' : 'allowed';
      if (http.some((h) => h !== graphql)) mismatches.push(`${login}: GraphQL ${table[login]}, HTTP ${http.map((h) => (h ? 'refused' : 'allowed')).join('/')}`);
    }
    return { table, mismatches };
  }

  it.each(['petya', 'vanya', 'kolya'])('the period report of %s: /exports/student-report ⇔ studentPeriodReport', async (student) => {
    const id = world.user(student).id;
    const { table, mismatches } = await compare(async (client) => ({
      graphql: await refusedGraphql(client, `query($s: ID!, $p: ID!) { studentPeriodReport(studentId: $s, periodId: $p) { student { id } } }`, {
        s: id,
        p: period(),
      }),
      http: [await refusedHttp(client, `student-report/${id}/${period()}.pdf`)],
    }));

    expect(mismatches).toEqual([]);
    // The attack: the teacher of one subject, and any other staff member, may not read a student's whole record.
    expect(table.ivanova).toBe('refused');
    expect(table.kuznetsov).toBe('refused');
    expect(table.director).toBe('allowed');
  });

  it.each(['5А', '5Б'])(
    'the summary sheet and the printed journal of %s: /exports/class-summary, /exports/printed-journal ⇔ classSummary',
    async (className) => {
      const id = world.class(className).id;
      const { table, mismatches } = await compare(async (client) => ({
        graphql: await refusedGraphql(client, `query($c: ID!, $p: ID!) { classSummary(classId: $c, periodId: $p) { schoolClass { id } } }`, {
          c: id,
          p: period(),
        }),
        http: await Promise.all([
          ...['xlsx', 'csv', 'pdf'].map((format) => refusedHttp(client, `class-summary/${id}/${period()}.${format}`)),
          refusedHttp(client, `printed-journal/${id}/${period()}.pdf`),
          refusedHttp(client, `printed-journal/${id}/year.pdf`),
        ]),
      }));

      expect(mismatches).toEqual([]);
      expect(table.director).toBe('allowed');
      expect(table.ivanova).toBe('refused');
      expect(table.director2).toBe('refused');
    },
  );
});

describe('a route mirroring a mutation', () => {
  it('refuses a request without a session before it reads the upload, as the mutation refuses it', async () => {
    const res = await fetch(`${server.url}/attachments`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(1000) });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('/metrics is for the operator', () => {
  const scrape = (headers: Record<string, string> = {}) => fetch(`${server.url}/metrics`, { headers }).then((res) => res.status);

  it('answers a request from this machine that came through no proxy', async () => {
    expect(await scrape()).toBe(200);
  });

  it('refuses a request that came through a proxy, unless it carries the metrics token', async () => {
    expect(await scrape({ 'x-forwarded-for': '203.0.113.9' })).toBe(403);
    expect(await scrape({ forwarded: 'for=203.0.113.9' })).toBe(403);
    expect(await scrape({ 'x-forwarded-for': '203.0.113.9', authorization: 'Bearer wrong-token' })).toBe(403);
    expect(await scrape({ 'x-forwarded-for': '203.0.113.9', authorization: `Bearer ${METRICS_TOKEN}` })).toBe(200);
  });
});

function describeRule(rule: RouteRule): string {
  if (rule.kind !== 'mirror') return rule.kind;
  return rule.type ? `${rule.field}: ${rule.list ? `[${rule.type}]` : rule.type}` : rule.field;
}
