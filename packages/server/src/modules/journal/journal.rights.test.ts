/**
 * A single write (policy/single-write.ts) reads the viewer and the rule's facts, then sends ONE statement without a
 * transaction. Whatever ends the writer's rights in between — signing out, another teacher taking the group, a
 * revoked role — is seen by that statement: it writes nothing at all (no row, history, audit or outbox row) and the
 * mutation is refused. Each story holds the write's read up with a lock (the reads of a lesson or a mark bring the
 * school's settings along; the viewer query does not read them), commits the change meanwhile, then lets it go on.
 * A year closed meanwhile is seen by the read itself; closed after the read, by the statement, which the last story
 * holds up instead (mark_change: only the statement writes it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import type { GraphQLClient } from '../../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { Role } from '../../policy/roles.js';
import { Lesson } from '../timetable/timetable.entity.js';
import { flagMarksMadeBy } from './flagged-marks.js';

/** Thursday 24 December 2026, noon in Moscow; the group has a lesson every weekday. */
const NOW = new Date('2026-12-24T09:00:00Z');
const TODAY = '2026-12-24';
const EVERY_WEEKDAY: [number, number, string][] = [1, 2, 3, 4, 5].map((d) => [d, 1, '21']);

let server: TestServer;
let world: SeededWorld;
let director: GraphQLClient;

type Answer = { data?: Record<string, any> | null; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };
const refusal = (answer: Answer) => ({ code: answer.errors?.[0]?.extensions?.code, reason: answer.errors?.[0]?.extensions?.reason });

async function count(from: string, params: unknown[]): Promise<number> {
  const [row] = await server.orm.em.fork().getConnection().execute<{ n: string }[]>(`select count(*) as n from ${from}`, params);
  return Number(row.n);
}

/** The requests waiting for the lock on `table`. */
const waitingFor = (table: string) => count(`pg_locks l join pg_class c on c.oid = l.relation where c.relname = ? and not l.granted`, [table]);

/** `send`s a mutation whose statement on `table` waits (the table locked); `meanwhile` commits; then it goes on. */
async function whileWaitingOn(table: string, send: () => Promise<Answer>, meanwhile: () => Promise<unknown>): Promise<Answer> {
  let answer: Promise<Answer> | undefined;
  await server.orm.em.fork().transactional(async (tx) => {
    await tx.getConnection().execute(`lock table ${table} in access exclusive mode`, [], 'run', tx.getTransactionContext());
    answer = send();
    for (let i = 0; i < 500 && (await waitingFor(table)) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await waitingFor(table)).toBe(1);
    await meanwhile();
  });
  return answer!;
}

/**
 * `send`s a mutation whose read waits (school_settings locked) after its viewer was loaded; `meanwhile` commits;
 * then the read, and the mutation's one writing statement, go on.
 */
const whileTheReadWaits = (send: () => Promise<Answer>, meanwhile: () => Promise<unknown>) => whileWaitingOn('school_settings', send, meanwhile);

/**
 * `send`s a mark whose writing statement waits (mark_change locked, which only that statement writes) after its read;
 * `meanwhile` commits; then the statement goes on.
 */
const whileTheMarkWaits = (send: () => Promise<Answer>, meanwhile: () => Promise<unknown>) => whileWaitingOn('mark_change', send, meanwhile);

const lessonOf = (subject: string) => server.orm.em.fork().findOneOrFail(Lesson, { group: world.group(subject, '5А'), date: TODAY });

const PUT_MARK = `mutation($input: PutMarkInput!) { putMark(input: $input) { id version } }`;
async function putMark(teacher: GraphQLClient, subject: string, student: string): Promise<Answer> {
  const input = { lessonId: (await lessonOf(subject)).id, studentId: world.user(student).id, value: '4', workTypeId: world.workType('У').id };
  return teacher.execute(PUT_MARK, { input });
}

/** What a mark of `student` left: the marks, their history, audit and outbox rows. */
async function markTraces(student: string) {
  const id = world.user(student).id;
  return {
    marks: await count(`mark where student_id = ?`, [id]),
    history: await count(`mark_change c join mark m on m.id = c.mark_id where m.student_id = ?`, [id]),
    audit: await count(`audit_event where action like 'mark.%' and entity_id in (select id from mark where student_id = ?)`, [id]),
    events: await count(`domain_event where type like 'mark.%' and student_id = ?`, [id]),
  };
}

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика', 'Русский язык')
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withStaff('sokolov', 'Соколов Игорь Павлович', [Role.TEACHER])
      .withStaff('director', 'Тихонов Виктор Павлович', [Role.DIRECTOR])
      .withStaff('orlova', 'Орлова Нина Сергеевна', [Role.SCHOOL_ADMIN, Role.TEACHER])
      .withClass('5А')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А' })
      .withStudent('vanya', 'Сидоров Иван Олегович', { inClass: '5А' })
      .withStudent('olya', 'Орлова Ольга Андреевна', { inClass: '5А' })
      .withStudent('kolya', 'Козлов Николай Ильич', { inClass: '5А' })
      .withGroup('Математика', '5А', { teacher: 'ivanova', slots: EVERY_WEEKDAY })
      .withGroup('Русский язык', '5А', { teacher: 'ivanova', slots: EVERY_WEEKDAY }),
    { lessons: true },
  );
  director = await server.as('director');
});
afterAll(() => server.stop());

describe('a single write whose rights end between its read and its statement', () => {
  it('is written when nothing changed meanwhile (the story holds the read up, no more)', async () => {
    const teacher = await server.as('ivanova');
    const answer = await whileTheReadWaits(
      () => putMark(teacher, 'Математика', 'kolya'),
      async () => undefined,
    );

    expect(answer.errors).toBeUndefined();
    expect(await markTraces('kolya')).toEqual({ marks: 1, history: 1, audit: 1, events: 1 });
  });

  it('writes nothing when the teacher signs out meanwhile (another tab of the session): UNAUTHENTICATED, SESSION_ENDED', async () => {
    const teacher = await server.as('ivanova');
    const answer = await whileTheReadWaits(
      () => putMark(teacher, 'Математика', 'petya'),
      () => teacher.data(`mutation { logout }`),
    );

    expect(refusal(answer)).toEqual({ code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' });
    expect(await markTraces('petya')).toEqual({ marks: 0, history: 0, audit: 0, events: 0 });
  });

  it('writes nothing when another teacher takes the group from today meanwhile: FORBIDDEN, RIGHTS_CHANGED', async () => {
    const teacher = await server.as('ivanova');
    const { putMark: mark } = (await putMark(teacher, 'Русский язык', 'vanya')).data!;
    const before = await markTraces('vanya');
    const CHANGE = `mutation($input: ChangeMarkInput!) { changeMark(input: $input) { value version } }`;

    const answer = await whileTheReadWaits(
      () => teacher.execute(CHANGE, { input: { markId: mark.id, version: 1, value: '5', reason: 'пересчитала баллы' } }),
      () =>
        director.data(`mutation($g: ID!, $t: ID!, $d: LocalDate!) { assignTeacher(groupId: $g, teacherId: $t, startsOn: $d) { id } }`, {
          g: world.group('Русский язык', '5А').id,
          t: world.user('sokolov').id,
          d: TODAY,
        }),
    );

    expect(refusal(answer)).toEqual({ code: 'FORBIDDEN', reason: 'RIGHTS_CHANGED' });
    expect(await markTraces('vanya')).toEqual(before);
    expect(await count(`mark where id = ? and value = '4' and version = 1`, [mark.id])).toBe(1);
  });

  it("writes nothing when the journal administrator's role is revoked meanwhile: FORBIDDEN, RIGHTS_CHANGED", async () => {
    const teacher = await server.as('ivanova');
    const { putMark: mark } = (await putMark(teacher, 'Математика', 'olya')).data!;
    await server.orm.em.fork().transactional((tx) => flagMarksMadeBy(tx, world.user('ivanova').id, new Date(NOW.getTime() - 3600_000), NOW));
    const before = await markTraces('olya');
    const admin = await server.as('orlova');
    const [grant] = await server.orm.em
      .fork()
      .getConnection()
      .execute<{ id: string }[]>(`select id from role_grant where user_id = ? and role = 'SCHOOL_ADMIN'`, [world.user('orlova').id]);
    const REVIEW = `mutation($m: ID!) { reviewFlaggedMark(markId: $m, version: 1, confirm: true, reason: "проверено") { flagged version } }`;

    const answer = await whileTheReadWaits(
      () => admin.execute(REVIEW, { m: mark.id }),
      () => director.data(`mutation($id: ID!) { revokeRole(grantId: $id) { id } }`, { id: grant.id }),
    );

    expect(refusal(answer)).toEqual({ code: 'FORBIDDEN', reason: 'RIGHTS_CHANGED' });
    expect(await markTraces('olya')).toEqual(before);
    expect(await count(`mark where id = ? and flagged_at is not null and version = 1`, [mark.id])).toBe(1);
  });
});

describe('a write whose year is closed between its read and its statement', () => {
  it('waits for a close that commits while the statement runs, then writes nothing: YEAR_CLOSED', async () => {
    const teacher = await server.as('ivanova');
    const before = await markTraces('kolya');
    const yearId = world.years.get('Школа № 1')!.id;
    let answer: Promise<Answer> | undefined;
    try {
      // The close's transaction holds the year's row; the mark's read and its statement's snapshot still see it open.
      await server.orm.em.fork().transactional(async (tx) => {
        await tx.getConnection().execute(`update academic_year set closed_at = ? where id = ?`, [NOW, yearId], 'run', tx.getTransactionContext());
        answer = putMark(teacher, 'Математика', 'kolya');
        const waiting = async () => {
          for (let i = 0; i < 500; i++) {
            if ((await count(`pg_locks where locktype = 'transactionid' and not granted`, [])) > 0) return 'waiting';
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
          return 'never waited';
        };
        // Without a lock on the year the statement would not wait: it would have written, and answered.
        expect(await Promise.race([answer.then(() => 'answered'), waiting()])).toBe('waiting');
      });
      expect(refusal(await answer!)).toEqual({ code: 'BAD_USER_INPUT', reason: 'YEAR_CLOSED' });
      expect(await markTraces('kolya')).toEqual(before);
    } finally {
      await server.orm.em.fork().getConnection().execute(`update academic_year set closed_at = null where id = ?`, [yearId]);
    }
  });

  it('writes nothing and is refused as a closed year is: BAD_USER_INPUT, YEAR_CLOSED', async () => {
    const teacher = await server.as('ivanova');
    const before = await markTraces('kolya');
    const answer = await whileTheMarkWaits(
      () => putMark(teacher, 'Математика', 'kolya'),
      () => director.data(`mutation($id: ID!) { closeAcademicYear(yearId: $id) { id } }`, { id: world.years.get('Школа № 1')!.id }),
    );

    expect(refusal(answer)).toEqual({ code: 'BAD_USER_INPUT', reason: 'YEAR_CLOSED' });
    expect(answer.errors?.[0]?.message).toMatch(/is closed: its journal is final/);
    expect(await markTraces('kolya')).toEqual(before);
  });
});
