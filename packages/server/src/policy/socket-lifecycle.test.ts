/**
 * An open WebSocket has the rights of each moment, not those it connected with (issue 14). Every case
 * opens ONE socket, shows that it may, changes the rights through the public API over HTTP, and asks
 * again on the same socket at once: no waiting, no session re-check in between (it runs every minute).
 */
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../db/seeders/school-builder.js';
import { Consent } from '../modules/people/consent.entity.js';
import { Role } from './roles.js';
import { RoleGrant } from '../modules/school/role-grant.entity.js';
import { Guardianship } from '../modules/people/student.entity.js';
import { User } from '../modules/school/user.entity.js';
import { Lesson } from '../modules/timetable/timetable.entity.js';
import type { GraphQLClient } from '../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';

/** Wednesday 25 November 2026, noon in Moscow. */
const NOW = new Date('2026-11-25T09:00:00Z');
const TODAY = '2026-11-25';
const EVERY_WEEKDAY: [number, number, string][] = [1, 2, 3, 4, 5].map((d) => [d, 1, '21']);
const SUBSCRIPTION_LIMIT = 3;

let server: TestServer;
let world: SeededWorld;
let director: GraphQLClient;

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW, config: { wsSubscriptionLimit: SUBSCRIPTION_LIMIT } });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('director', 'Тихонов Виктор Павлович', [Role.DIRECTOR])
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withStaff('orlova', 'Орлова Вера Андреевна', [Role.TEACHER])
      .withStaff('smirnov', 'Смирнов Олег Ильич', [Role.TEACHER])
      .withStaff('deputy', 'Белова Ольга Юрьевна', [Role.DEPUTY_DIRECTOR, Role.TEACHER])
      .withStaff('secretary', 'Новикова Ирина Львовна', [Role.SECRETARY, Role.TEACHER])
      .withStaff('kuznetsov', 'Кузнецов Павел Андреевич', [Role.TEACHER])
      .withClass('5А', { classTeacher: 'smirnov' })
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withParent('sidorova', 'Сидорова Нина Павловна')
      .withStudent('vanya', 'Сидоров Иван', { inClass: '5А', parents: ['sidorova'] })
      .withConsent('petya', 'petrova')
      .withConsent('vanya', 'sidorova')
      .withGroup('Математика', '5А', { teacher: 'ivanova', slots: EVERY_WEEKDAY }),
    { lessons: true },
  );
  director = await server.as('director');
});
afterAll(() => server?.stop());

type Answer = FormattedExecutionResult | { closed: number };

/** One operation on an open socket: its result, or the close code if the socket closes instead. */
function ask(ws: Client, query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  return new Promise((resolve) => {
    let result: FormattedExecutionResult | null = null;
    ws.subscribe(
      { query, variables },
      {
        next: (r) => (result = r as FormattedExecutionResult),
        error: (err) => {
          if (Array.isArray(err)) resolve({ errors: err });
          else resolve({ closed: (err as CloseEvent).code });
        },
        complete: () => resolve(result ?? { errors: [{ message: 'completed without a result' }] }),
      },
    );
  });
}

/** How an answer reads in a story: allowed, refused with a code (and reason), or the socket closed. */
function outcome(answer: Answer): string {
  if ('closed' in answer) return `closed ${answer.closed}`;
  const error = answer.errors?.[0];
  if (!error) return 'allowed';
  const reason = error.extensions?.reason;
  return `refused ${String(error.extensions?.code)}${reason ? ` ${String(reason)}` : ''}`;
}

/** An acknowledged socket of `client`. */
async function openSocket(client: GraphQLClient): Promise<Client> {
  const ws = client.ws();
  await new Promise<void>((resolve) => ws.on('connected', () => resolve()));
  return ws;
}

const period = () => world.periodsOf().find((p) => p.startsOn <= TODAY && TODAY <= p.endsOn)!;
const DIARY = `query($s: ID!, $w: LocalDate!) { diary(studentId: $s, weekOf: $w) { marks { id } } }`;
const JOURNAL = `query($g: ID!, $p: ID!) { journal(groupId: $g, periodId: $p) { group { id } } }`;
const PUT_MARK = `mutation($i: PutMarkInput!) { putMark(input: $i) { id } }`;
const CLASS_SUMMARY = `query($c: ID!, $p: ID!) { classSummary(classId: $c, periodId: $p) { rows { student { id } } } }`;
const AUDIT_LOG = `query($s: ID!) { auditLog(schoolId: $s) { edges { cursor } } }`;
const UPDATE_PERSON = `mutation($i: UpdatePersonInput!) { updatePerson(input: $i) { id } }`;

async function putMarkInput() {
  const lesson = await server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date: TODAY });
  return { lessonId: lesson.id, studentId: world.user('petya').id, value: '4', workTypeId: world.workType('У').id };
}

const grantOf = (login: string, role: Role) => server.orm.em.fork().findOneOrFail(RoleGrant, { user: world.user(login), role, revokedAt: null });

describe('every operation on an open socket uses the rights of that moment', () => {
  it('costs one statement to load the viewer for each operation', async () => {
    const ws = await openSocket(await server.as('kuznetsov'));
    expect(outcome(await ask(ws, '{ __typename }'))).toBe('allowed');

    expect(await server.countStatements(() => ask(ws, '{ __typename }'))).toBe(1);
    await ws.dispose();
  });

  it('refuses the diary with CONSENT_REQUIRED once the parent withdraws consent', async () => {
    const parent = await server.as('petrova');
    const ws = await openSocket(parent);
    const diary = { s: world.user('petya').id, w: TODAY };
    expect(outcome(await ask(ws, DIARY, diary))).toBe('allowed');

    const consent = await server.orm.em.fork().findOneOrFail(Consent, { student: world.user('petya'), givenBy: world.user('petrova') });
    await parent.data(`mutation($id: ID!) { withdrawConsent(consentId: $id) { id } }`, { id: consent.id });

    expect(outcome(await ask(ws, DIARY, diary))).toBe('refused FORBIDDEN CONSENT_REQUIRED');
    await ws.dispose();
  });

  it('refuses the journal and putMark once the group is handed to another teacher', async () => {
    const ws = await openSocket(await server.as('ivanova'));
    const journal = { g: world.group('Математика', '5А').id, p: period().id };
    expect(outcome(await ask(ws, JOURNAL, journal))).toBe('allowed');

    await director.data(`mutation($g: ID!, $t: ID!, $d: LocalDate!) { assignTeacher(groupId: $g, teacherId: $t, startsOn: $d) { id } }`, {
      g: journal.g,
      t: world.user('orlova').id,
      d: TODAY,
    });

    expect(outcome(await ask(ws, JOURNAL, journal))).toBe('refused NOT_FOUND NOT_FOUND');
    expect(outcome(await ask(ws, PUT_MARK, { i: await putMarkInput() }))).toBe('refused FORBIDDEN NOT_ALLOWED');
    await ws.dispose();
  });

  it("refuses the class's summary sheet once the class is given another class teacher", async () => {
    const ws = await openSocket(await server.as('smirnov'));
    const summary = { c: world.class('5А').id, p: period().id };
    expect(outcome(await ask(ws, CLASS_SUMMARY, summary))).toBe('allowed');

    await director.data(`mutation($c: ID!, $t: ID!) { setClassTeacher(classId: $c, teacherId: $t) { id } }`, {
      c: summary.c,
      t: world.user('kuznetsov').id,
    });

    expect(outcome(await ask(ws, CLASS_SUMMARY, summary))).toBe('refused FORBIDDEN NOT_ALLOWED');
    await ws.dispose();
  });

  it("refuses the audit log once the deputy director's role is revoked", async () => {
    const ws = await openSocket(await server.as('deputy'));
    const log = { s: world.school().id };
    expect(outcome(await ask(ws, AUDIT_LOG, log))).toBe('allowed');

    await director.data(`mutation($g: ID!) { revokeRole(grantId: $g) { id } }`, { g: (await grantOf('deputy', Role.DEPUTY_DIRECTOR)).id });

    expect(outcome(await ask(ws, AUDIT_LOG, log))).toBe('refused FORBIDDEN NOT_ALLOWED');
    await ws.dispose();
  });

  it("refuses to change a student's e-mail once the secretary's role is revoked, and writes nothing", async () => {
    const ws = await openSocket(await server.as('secretary'));
    const petya = world.user('petya').id;
    expect(outcome(await ask(ws, UPDATE_PERSON, { i: { userId: petya, email: 'petya@school.example' } }))).toBe('allowed');

    await director.data(`mutation($g: ID!) { revokeRole(grantId: $g) { id } }`, { g: (await grantOf('secretary', Role.SECRETARY)).id });

    expect(outcome(await ask(ws, UPDATE_PERSON, { i: { userId: petya, email: 'attacker@evil.example' } }))).toBe('refused NOT_FOUND NOT_FOUND');
    expect((await server.orm.em.fork().findOneOrFail(User, petya)).email).toBe('petya@school.example');
    await ws.dispose();
  });

  it('closes the socket (4403) at the next operation after logout', async () => {
    const teacher = await server.as('kuznetsov');
    const ws = await openSocket(teacher);
    expect(outcome(await ask(ws, '{ viewer { login } }'))).toBe('allowed');

    await teacher.data(`mutation { logout }`);

    expect(outcome(await ask(ws, '{ viewer { login } }'))).toBe('closed 4403');
  });

  it('closes the socket (4403) at the next operation after an administrator reports the account compromised', async () => {
    const ws = await openSocket(await server.as('orlova'));
    expect(outcome(await ask(ws, '{ viewer { login } }'))).toBe('allowed');

    await director.data(`mutation($i: ReportCompromiseInput!) { reportCompromise(input: $i) { sessionsRevoked } }`, {
      i: { userId: world.user('orlova').id, since: new Date(NOW.getTime() - 86_400_000).toISOString() },
    });

    expect(outcome(await ask(ws, '{ viewer { login } }'))).toBe('closed 4403');
  });

  it("refuses the child's diary once the guardianship ends", async () => {
    const ws = await openSocket(await server.as('sidorova'));
    const diary = { s: world.user('vanya').id, w: TODAY };
    expect(outcome(await ask(ws, DIARY, diary))).toBe('allowed');

    // Ended as endGuardianship ends it (its last day yesterday); the secretary who would do it has lost the role above.
    await server.orm.em.fork().nativeUpdate(Guardianship, { parent: world.user('sidorova'), student: world.user('vanya') }, { endsOn: '2026-11-24' });

    expect(outcome(await ask(ws, DIARY, diary))).toBe('refused NOT_FOUND NOT_FOUND');
    await ws.dispose();
  });
});

describe('subscriptions per socket', () => {
  const MESSAGES = `subscription($s: ID!) { messageEvents(schoolId: $s) { id } }`;

  /** Subscribes and resolves once the server opened the stream ('opened') or refused it (the outcome and its errors). */
  async function subscribe(ws: Client, variables: Record<string, unknown>) {
    const before = server.app.realtime.opened;
    let refused: GraphQLFormattedError[] | null = null;
    const stop = ws.subscribe({ query: MESSAGES, variables }, { next: () => {}, error: (e) => (refused = e as GraphQLFormattedError[]), complete: () => {} });
    while (refused === null && server.app.realtime.opened === before) await new Promise((resolve) => setTimeout(resolve, 10));
    return { outcome: refused ? outcome({ errors: refused }) : 'opened', errors: refused as GraphQLFormattedError[] | null, stop };
  }

  it(`refuses a subscription beyond ${SUBSCRIPTION_LIMIT} with TOO_MANY_SUBSCRIPTIONS, and takes one again after another ended`, async () => {
    const ws = await openSocket(await server.as('kuznetsov'));
    const school = { s: world.school().id };
    const open = [];
    for (let i = 0; i < SUBSCRIPTION_LIMIT; i++) open.push(await subscribe(ws, school));
    expect(open.map((s) => s.outcome)).toEqual(Array(SUBSCRIPTION_LIMIT).fill('opened'));

    const refused = await subscribe(ws, school);
    expect(refused.outcome).toBe('refused TOO_MANY_SUBSCRIPTIONS TOO_MANY_SUBSCRIPTIONS');
    expect(refused.errors?.[0]?.extensions?.limit).toBe(SUBSCRIPTION_LIMIT);
    // Queries are not subscriptions: they still run.
    expect(outcome(await ask(ws, '{ __typename }'))).toBe('allowed');

    open.pop()!.stop();
    expect((await subscribe(ws, school)).outcome).toBe('opened');
    await ws.dispose();
  });
});
