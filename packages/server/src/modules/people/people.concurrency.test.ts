/**
 * Issue 15, outside the journal: what a person's record says (consents, grants, families, enrolments) is
 * decided by the database when requests race, never by a count-then-insert in the service. Each story sends
 * 20 real HTTP requests at once from several sessions and counts the rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import type { GraphQLClient } from '../../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { Role } from '../../policy/roles.js';

/** A finished school year (2025/2026): every date below is in the past, whenever the tests run. */
const Y = 2025;
const WRITERS = 20;
const TEACHERS = ['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9'];

let server: TestServer;
let world: SeededWorld;

type Answer = { errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };

/** Signs `login` in `n` times: n sessions, as from n tabs and devices. */
const sessionsOf = (login: string, n = 4) => Promise.all(Array.from({ length: n }, () => server.as(login)));
const race = (sessions: GraphQLClient[], query: string, variables: (i: number) => Record<string, unknown>): Promise<Answer[]> =>
  Promise.all(Array.from({ length: WRITERS }, (_, i) => sessions[i % sessions.length].execute(query, variables(i))));
const wins = (answers: Answer[]) => answers.filter((a) => !a.errors).length;
const refusals = (answers: Answer[]) => [
  ...new Set(answers.filter((a) => a.errors).map((a) => `${String(a.errors![0].extensions?.code)}: ${a.errors![0].message}`)),
];

async function count(sql: string, params: unknown[]): Promise<number> {
  const [row] = await server.orm.em.fork().getConnection().execute<{ n: string }[]>(`select count(*) as n from ${sql}`, params);
  return Number(row.n);
}
const id = (login: string) => world.user(login).id;
const schoolId = () => world.school('Школа № 1').id;

beforeAll(async () => {
  server = await startTestServer();
  let builder = school('Школа № 1')
    .inYear(Y)
    .withStaff('secretary', 'Зуева Наталья Олеговна', [Role.SECRETARY])
    .withStaff('hr', 'Ситникова Галина Петровна', [Role.HR])
    .withStaff('novikov', 'Новиков Павел Сергеевич', [Role.SECRETARY])
    .withClass('5А')
    .withClass('5Б')
    .withClass('9А')
    .withParent('petrova', 'Петрова Мария Ивановна')
    .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
    .withStudent('vanya', 'Сидоров Иван Олегович', { inClass: '5А' })
    .withStudent('dima', 'Дмитриев Дмитрий', { inClass: '9А' })
    .withStudent('kolya', 'Колесников Николай', { inClass: '9А' });
  // Teachers who are not parents yet: linking one to a child grants them PARENT.
  for (const [i, login] of TEACHERS.entries()) builder = builder.withStaff(login, `Учителев${i} Пётр Ильич`, [Role.TEACHER]);
  world = await server.seed(builder);
});
afterAll(() => server.stop());

describe('a consent given from 20 sessions at once', () => {
  const RECORD = `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`;
  const WITHDRAW = `mutation($id: ID!) { withdrawConsent(consentId: $id) { active } }`;
  let consentId: string;

  it('is one consent in force; the others are told it is on record (never INTERNAL)', async () => {
    const answers = await race(await sessionsOf('petrova'), RECORD, () => ({ input: { studentId: id('petya') } }));

    expect(wins(answers)).toBe(1);
    expect(refusals(answers)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^(BAD_USER_INPUT: A consent from Петрова Мария Ивановна is already on record\.|CONFLICT: .*)$/)]),
    );
    expect(refusals(answers).every((r) => /^(BAD_USER_INPUT|CONFLICT)/.test(r))).toBe(true);
    expect(await count(`consent where student_id = ? and withdrawn_at is null`, [id('petya')])).toBe(1);
    expect(await count(`audit_event where action = 'consent.record'`, [])).toBe(1);
    [{ id: consentId }] = await server.orm.em
      .fork()
      .getConnection()
      .execute<{ id: string }[]>(`select id from consent where student_id = ?`, [id('petya')]);
  });

  it('is withdrawn once: one audit row, the others are told it is already withdrawn', async () => {
    const answers = await race(await sessionsOf('petrova'), WITHDRAW, () => ({ id: consentId }));

    expect(wins(answers)).toBe(1);
    expect(refusals(answers)).toEqual(['BAD_USER_INPUT: This consent is already withdrawn.']);
    expect(await count(`audit_event where action = 'consent.withdraw' and entity_id = ?`, [consentId])).toBe(1);
  });
});

describe('a role granted and revoked from 20 sessions at once', () => {
  const GRANT = `mutation($input: GrantRoleInput!) { grantRole(input: $input) { id } }`;
  const REVOKE = `mutation($id: ID!) { revokeRole(grantId: $id) { active } }`;

  it('is one active grant; the others are told it is held (never INTERNAL)', async () => {
    const input = { userId: id('novikov'), schoolId: schoolId(), role: 'TEACHER' };
    const answers = await race(await sessionsOf('hr'), GRANT, () => ({ input }));

    expect(wins(answers)).toBe(1);
    expect(refusals(answers).every((r) => /^(BAD_USER_INPUT: Новиков Павел Сергеевич already holds TEACHER|CONFLICT)/.test(r))).toBe(true);
    expect(await count(`role_grant where user_id = ? and role = 'TEACHER' and revoked_at is null`, [id('novikov')])).toBe(1);
  });

  it('is revoked once: one audit row, the others are told it is already revoked', async () => {
    const [{ id: grantId }] = await server.orm.em
      .fork()
      .getConnection()
      .execute<{ id: string }[]>(`select id from role_grant where user_id = ? and role = 'TEACHER'`, [id('novikov')]);
    const answers = await race(await sessionsOf('hr'), REVOKE, () => ({ id: grantId }));

    expect(wins(answers)).toBe(1);
    expect(refusals(answers)).toEqual(['BAD_USER_INPUT: This grant is already revoked.']);
    expect(await count(`audit_event where action = 'grant.revoke' and entity_id = ?`, [grantId])).toBe(1);
  });
});

describe('a teacher linked to two children at once', () => {
  const LINK = `mutation($parentId: ID!, $studentId: ID!) { linkGuardian(parentId: $parentId, studentId: $studentId, kind: FATHER, reason: "заявление отца") { kind } }`;

  it('becomes a parent of both, with one PARENT grant', async () => {
    const sessions = await sessionsOf('secretary');
    const answers = await race(sessions, LINK, (i) => ({ parentId: id(TEACHERS[i >> 1]), studentId: id(i % 2 ? 'petya' : 'vanya') }));

    expect(refusals(answers)).toEqual([]);
    for (const login of TEACHERS) {
      expect(await count(`role_grant where user_id = ? and role = 'PARENT' and revoked_at is null`, [id(login)])).toBe(1);
      expect(await count(`guardianship where parent_id = ?`, [id(login)])).toBe(2);
    }
  });
});

describe('a student moved from 20 sessions at once', () => {
  const RECORD = `mutation($input: RecordMovementInput!) { recordMovement(input: $input) { kind } }`;
  const order = { orderNumber: '77-у', orderDate: `${Y}-11-07` };

  it('leaves once: one movement, the enrolment closed once, the others told the student has left', async () => {
    const input = { schoolId: schoolId(), studentId: id('dima'), kind: 'DEPARTURE', effectiveOn: `${Y}-11-10`, otherSchool: 'Школа № 5', ...order };
    const answers = await race(await sessionsOf('secretary'), RECORD, () => ({ input }));

    expect(wins(answers)).toBe(1);
    expect(refusals(answers)).toEqual([`BAD_USER_INPUT: The student has already left the school (DEPARTURE on ${Y}-11-10).`]);
    expect(await count(`student_movement where student_id = ?`, [id('dima')])).toBe(1);
    expect(await count(`audit_event where action = 'movement.record' and data->>'studentId' = ?`, [id('dima')])).toBe(1);
  });

  it('is transferred once: one movement, one open enrolment; the others are refused as a later transfer would be', async () => {
    const answers = await race(await sessionsOf('secretary'), RECORD, (i) => ({
      input: {
        schoolId: schoolId(),
        studentId: id('kolya'),
        kind: 'TRANSFER',
        effectiveOn: `${Y}-11-10`,
        toClassId: world.class(i % 2 ? '5А' : '5Б').id,
        ...order,
      },
    }));

    expect(wins(answers)).toBe(1);
    // As a later transfer would be told: the student is already in the class, or joined it on that very day.
    expect(refusals(answers).every((r) => /^BAD_USER_INPUT: (The student is already in|A transfer must take effect after)/.test(r))).toBe(true);
    expect(await count(`student_movement where student_id = ?`, [id('kolya')])).toBe(1);
    expect(await count(`enrolment where student_id = ? and ends_on is null`, [id('kolya')])).toBe(1);
  });
});
