import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import type { GraphQLClient } from '../../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { Role } from '../../policy/roles.js';
import { Lesson } from '../timetable/timetable.entity.js';

/** Wednesday 25 November 2026. */
const NOW = new Date('2026-11-25T09:00:00Z');
let server: TestServer;
let world: SeededWorld;
let director: GraphQLClient;
let teacher: GraphQLClient;
const codeOf = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;

const LOG = `query($s: ID!, $f: AuditFilter, $first: Int, $after: String) {
  auditLog(schoolId: $s, filter: $f, first: $first, after: $after) {
    edges { cursor node { action entityId actorLogin ip sessionId data } }
    pageInfo { hasNextPage endCursor }
  }
}`;

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    [
      school('Школа № 1')
        .inYear(2026)
        .withSubjects('Математика')
        .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
        .withStaff('director', 'Тихонов Виктор Павлович', [Role.DIRECTOR])
        .withClass('5А')
        .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А' })
        .withGroup('Математика', '5А', { teacher: 'ivanova', slots: [[3, 1, '21']] }),
      school('Школа № 2').withStaff('director2', 'Громов Игорь Сергеевич', [Role.DIRECTOR]),
    ],
    { lessons: true },
  );
  director = await server.as('director');
  teacher = await server.as('ivanova');
  const lesson = await server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date: '2026-11-25' });
  const put = (value: string) =>
    teacher.data(`mutation($i: PutMarkInput!) { putMark(input: $i) { id version } }`, {
      i: { lessonId: lesson.id, studentId: world.user('petya').id, value, workTypeId: world.workType('У').id },
    });
  await put('5');
  await put('4');
  const { putMark } = await put('3');
  await teacher.data(`mutation($i: ChangeMarkInput!) { changeMark(input: $i) { id } }`, {
    i: { markId: putMark.id, version: putMark.version, value: '4', reason: 'Ошибка при вводе' },
  });
});
afterAll(() => server.stop());

describe("the school's audit log (R-R7)", () => {
  it('shows the administration who changed what, from which address and session, newest first, a page at a time', async () => {
    const s = world.school().id;
    const first = (await director.data(LOG, { s, first: 3 })).auditLog;
    expect(first.edges.map((e: any) => e.node.action)).toEqual(['mark.change', 'mark.create', 'mark.create']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const change = first.edges[0].node;
    expect(change).toMatchObject({ actorLogin: 'ivanova', data: { old: { value: '3', workType: 'У' }, value: '4', reason: 'Ошибка при вводе' } });
    expect(change.ip).toMatch(/127\.0\.0\.1$/);
    expect(change.sessionId).toMatch(/^[0-9a-f-]{36}$/);

    const rest = (await director.data(LOG, { s, first: 3, after: first.pageInfo.endCursor })).auditLog;
    expect(rest.edges.map((e: any) => e.node.action)).toEqual(['mark.create']);
    expect(rest.pageInfo).toEqual({ hasNextPage: false, endCursor: rest.edges[0].cursor });
  });

  it('filters by action, object, author and time', async () => {
    const s = world.school().id;
    const byAction = (await director.data(LOG, { s, f: { action: 'mark.change' } })).auditLog.edges;
    expect(byAction).toHaveLength(1);
    const byEntity = (await director.data(LOG, { s, f: { entityId: byAction[0].node.entityId } })).auditLog.edges;
    expect(byEntity.map((e: any) => e.node.action)).toEqual(['mark.change', 'mark.create']);
    expect((await director.data(LOG, { s, f: { actorId: world.user('director').id } })).auditLog.edges).toEqual([]);
    expect((await director.data(LOG, { s, f: { to: '2020-01-01T00:00:00Z' } })).auditLog.edges).toEqual([]);
    expect((await director.data(LOG, { s, f: { from: '2020-01-01T00:00:00Z' } })).auditLog.edges).toHaveLength(4);
  });

  it('caps a page at 100 and refuses a foreign cursor', async () => {
    const s = world.school().id;
    expect(codeOf(await director.execute(LOG, { s, first: 101 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await director.execute(LOG, { s, after: Buffer.from('other:1').toString('base64url') }))).toBe('BAD_USER_INPUT');
  });

  it("is the school administration's only", async () => {
    const s = world.school().id;
    expect(codeOf(await teacher.execute(LOG, { s }))).toBe('FORBIDDEN');
    expect(codeOf(await (await server.as('director2')).execute(LOG, { s }))).toBe('FORBIDDEN');
  });

  it('is append-only: rows cannot be deleted or rewritten, only flagged', async () => {
    const conn = server.orm.em.fork().getConnection();
    await expect(conn.execute(`delete from audit_event`)).rejects.toThrow(/append-only/);
    await expect(conn.execute(`update audit_event set action = 'nothing'`)).rejects.toThrow(/append-only/);
    await expect(conn.execute(`truncate audit_event`)).rejects.toThrow(/append-only/);
    await conn.execute(`update audit_event set invalidated_at = now(), invalid_reason = 'test' where action = 'mark.change'`);
  });
});
