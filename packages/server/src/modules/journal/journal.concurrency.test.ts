/**
 * Issue 15: concurrent writes have one winner, decided by the database (an `UPDATE … WHERE version = v`,
 * an `INSERT … ON CONFLICT`, a unique key), never by a read-compare-write in the service. Each story fires 50
 * real HTTP requests at once from several sessions of the teacher and counts what reached the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import type { GraphQLClient } from '../../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { Role } from '../../policy/roles.js';
import { Lesson } from '../timetable/timetable.entity.js';

/** Thursday 24 December 2026: the last week of the 2nd quarter, so period marks may be given. */
const NOW = new Date('2026-12-24T09:00:00Z');
const EVERY_WEEKDAY: [number, number, string][] = [1, 2, 3, 4, 5].map((d) => [d, 1, '21']);
const WRITERS = 50;

let server: TestServer;
let world: SeededWorld;
/** The teacher signed in five times: five sessions, as from five tabs and devices. */
let sessions: GraphQLClient[];

type Answer = { data?: Record<string, any> | null; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };

/** Sends `WRITERS` requests at once, spread over the sessions. */
const race = (query: string, variables: (i: number) => Record<string, unknown>): Promise<Answer[]> =>
  Promise.all(Array.from({ length: WRITERS }, (_, i) => sessions[i % sessions.length].execute(query, variables(i))));

const won = (answers: Answer[]) => answers.filter((a) => !a.errors);
const codes = (answers: Answer[]) => answers.filter((a) => a.errors).map((a) => a.errors![0].extensions?.code);
const currentVersions = (answers: Answer[]) => [...new Set(answers.filter((a) => a.errors).map((a) => a.errors![0].extensions?.currentVersion))];

async function count(sql: string, params: unknown[]): Promise<number> {
  const [row] = await server.orm.em.fork().getConnection().execute<{ n: string }[]>(`select count(*) as n from ${sql}`, params);
  return Number(row.n);
}
const events = (type: string, key: string, id: string) => count(`domain_event where type = ? and payload->>'${key}' = ?`, [type, id]);
const audits = (action: string, id: string) => count(`audit_event where action = ? and entity_id = ?`, [action, id]);

async function lessonOn(date: string) {
  return server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date });
}

const PUT_MARK = `mutation($input: PutMarkInput!) { putMark(input: $input) { id version } }`;
async function markOf(student: string, date: string): Promise<string> {
  // Lessons of earlier days: late entries carry a reason (issue 18).
  const input = {
    lessonId: (await lessonOn(date)).id,
    studentId: world.user(student).id,
    value: '3',
    workTypeId: world.workType('У').id,
    reason: 'перенос из бумажного журнала',
  };
  return (await sessions[0].data(PUT_MARK, { input })).putMark.id;
}

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withClass('5А')
      .withStaff('director', 'Тихонов Виктор Павлович', [Role.DIRECTOR])
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withConsent('petya', 'petrova')
      .withStudent('vanya', 'Сидоров Иван', { inClass: '5А' })
      .withStudent('olya', 'Орлова Ольга', { inClass: '5А' })
      .withGroup('Математика', '5А', { teacher: 'ivanova', slots: EVERY_WEEKDAY }),
    { lessons: true },
  );
  sessions = await Promise.all(Array.from({ length: 5 }, () => server.as('ivanova')));
});
afterAll(() => server.stop());

describe('a mark changed by 50 writers holding the same version', () => {
  const CHANGE = `mutation($input: ChangeMarkInput!) { changeMark(input: $input) { value version } }`;

  it('is changed once: one winner, 49 CONFLICTs naming version 2, one history row, one audit row, one event', async () => {
    const markId = await markOf('petya', '2026-12-21');
    const answers = await race(CHANGE, (i) => ({ input: { markId, version: 1, value: i % 2 ? '4' : '5', reason: `исправление ${i}` } }));

    expect(won(answers)).toHaveLength(1);
    expect(won(answers)[0].data!.changeMark.version).toBe(2);
    expect(codes(answers)).toEqual(Array(WRITERS - 1).fill('CONFLICT'));
    expect(currentVersions(answers)).toEqual([2]);
    expect(await count(`mark_change where mark_id = ? and kind = 'CHANGED'`, [markId])).toBe(1);
    expect(await count(`mark_change where mark_id = ? and version = 2`, [markId])).toBe(1);
    expect(await audits('mark.change', markId)).toBe(1);
    expect(await events('mark.changed', 'markId', markId)).toBe(1);
  });
});

describe('a mark retracted by 50 writers at once', () => {
  const RETRACT = `mutation($m: ID!, $r: String!) { retractMark(markId: $m, version: 1, reason: $r) { retracted version } }`;

  it('is retracted once: the others get CONFLICT with version 2, and one RETRACTED row and one event exist', async () => {
    const markId = await markOf('vanya', '2026-12-21');
    const answers = await race(RETRACT, (i) => ({ m: markId, r: `не тому ученику ${i}` }));

    expect(won(answers).map((a) => a.data!.retractMark)).toEqual([{ retracted: true, version: 2 }]);
    expect(codes(answers)).toEqual(Array(WRITERS - 1).fill('CONFLICT'));
    expect(currentVersions(answers)).toEqual([2]);
    expect(await count(`mark_change where mark_id = ? and kind = 'RETRACTED'`, [markId])).toBe(1);
    expect(await audits('mark.retract', markId)).toBe(1);
    expect(await events('mark.retracted', 'markId', markId)).toBe(1);
  });
});

describe('an annual mark given by 50 writers at once', () => {
  const SET = `mutation($input: SetFinalMarkInput!) { setFinalMark(input: $input) { id value version } }`;
  const annual = (student: string) => ({ groupId: world.group('Математика', '5А').id, studentId: world.user(student).id, kind: 'ANNUAL' });
  const annualMarks = (student: string) => count(`final_mark where student_id = ? and kind = 'ANNUAL'`, [world.user(student).id]);

  it('stands once when they agree: every writer gets the same mark, one row, one event', async () => {
    const answers = await race(SET, () => ({ input: { ...annual('petya'), value: '5' } }));

    expect(codes(answers)).toEqual([]);
    const marks = answers.map((a) => a.data!.setFinalMark);
    expect(new Set(marks.map((m) => JSON.stringify(m))).size).toBe(1);
    expect(marks[0]).toMatchObject({ value: '5', version: 1 });
    expect(await annualMarks('petya')).toBe(1);
    expect(await audits('finalMark.set', marks[0].id)).toBe(1);
    expect(await events('finalMark.set', 'finalMarkId', marks[0].id)).toBe(1);
  });

  it('stands once when they disagree: the writers of the other value get CONFLICT with version 1', async () => {
    const answers = await race(SET, (i) => ({ input: { ...annual('vanya'), value: i % 2 ? '4' : '5' } }));

    const stood = won(answers).map((a) => a.data!.setFinalMark);
    expect(new Set(stood.map((m) => m.value)).size).toBe(1);
    expect(codes(answers)).toEqual(Array(WRITERS - stood.length).fill('CONFLICT'));
    expect(currentVersions(answers)).toEqual([1]);
    expect(stood.length).toBe(WRITERS / 2);
    expect(await annualMarks('vanya')).toBe(1);
    expect(await events('finalMark.set', 'finalMarkId', stood[0].id)).toBe(1);
  });

  it('is changed once from a version: writers of the value that won get it, the others CONFLICT naming version 2', async () => {
    const answers = await race(SET, (i) => ({ input: { ...annual('petya'), value: i % 2 ? '4' : '3', version: 1, reason: `пересмотр ${i}` } }));

    // One who asked for the value that won, after it won, is answered the mark as it stands (written once).
    const stood = won(answers).map((a) => a.data!.setFinalMark);
    expect(new Set(stood.map((m) => JSON.stringify(m))).size).toBe(1);
    expect(stood[0].version).toBe(2);
    expect(codes(answers)).toEqual(Array(WRITERS - stood.length).fill('CONFLICT'));
    expect(currentVersions(answers)).toEqual([2]);
    expect(await annualMarks('petya')).toBe(1);
    expect(await events('finalMark.set', 'finalMarkId', stood[0].id)).toBe(2);
  });

  it('is acknowledged once by the parent: every click answers the first moment, one audit row, the version stays', async () => {
    const parents = await Promise.all([1, 2, 3, 4].map(() => server.as('petrova')));
    const [{ id: markId }] = await server.orm.em
      .fork()
      .getConnection()
      .execute<{ id: string }[]>(`select id from final_mark where student_id = ? and kind = 'ANNUAL'`, [world.user('petya').id]);
    const ACK = `mutation($id: ID!) { acknowledgeFinalMark(finalMarkId: $id) { acknowledgedAt version } }`;
    const answers = await Promise.all(Array.from({ length: WRITERS }, (_, i) => parents[i % 4].execute(ACK, { id: markId })));

    expect(codes(answers)).toEqual([]);
    expect(new Set(answers.map((a) => JSON.stringify(a.data!.acknowledgeFinalMark))).size).toBe(1);
    expect(answers[0].data!.acknowledgeFinalMark.version).toBe(2);
    expect(await audits('finalMark.acknowledge', markId)).toBe(1);
  });
});

describe('a remark on the journal resolved by 50 writers at once', () => {
  it('is resolved once, with the first resolution: one audit row, the others told it is resolved', async () => {
    const director = await server.as('director');
    const { remarkOnJournal } = await director.data(`mutation($g: ID!) { remarkOnJournal(groupId: $g, text: "Не заполнены темы") { id } }`, {
      g: world.group('Математика', '5А').id,
    });
    const RESOLVE = `mutation($id: ID!, $r: String!) { resolveJournalRemark(remarkId: $id, resolution: $r) { id } }`;
    const answers = await race(RESOLVE, (i) => ({ id: remarkOnJournal.id, r: `Заполнено (${i})` }));

    expect(won(answers)).toHaveLength(1);
    expect(new Set(answers.filter((a) => a.errors).map((a) => a.errors![0].message))).toEqual(new Set(['The remark is already resolved.']));
    expect(await audits('journalRemark.resolve', remarkOnJournal.id)).toBe(1);
  });
});

describe('an absence recorded by 50 writers at once', () => {
  const SET = `mutation($input: SetAttendanceInput!) { setAttendance(input: $input) { id status version } }`;

  it('is one entry: every writer gets the same answer (never INTERNAL), one history row, one event', async () => {
    const lesson = await lessonOn('2026-12-22');
    const input = { lessonId: lesson.id, studentId: world.user('olya').id, status: 'ILL', reason: 'внесено по бумажному списку' };
    const answers = await race(SET, () => ({ input }));

    expect(codes(answers)).toEqual([]);
    const entries = answers.map((a) => a.data!.setAttendance);
    expect(new Set(entries.map((e) => JSON.stringify(e))).size).toBe(1);
    expect(entries[0]).toMatchObject({ status: 'ILL', version: 1 });
    expect(await count(`attendance where lesson_id = ? and student_id = ?`, [lesson.id, world.user('olya').id])).toBe(1);
    expect(await count(`attendance_change where attendance_id = ?`, [entries[0].id])).toBe(1);
    expect(await events('attendance.changed', 'lessonId', lesson.id)).toBe(1);
  });

  it('is corrected once from a version: writers of the status that won get it, the others CONFLICT naming version 2', async () => {
    const lesson = await lessonOn('2026-12-22');
    const input = { lessonId: lesson.id, studentId: world.user('olya').id, version: 1, reason: 'принесли справку' };
    const answers = await race(SET, (i) => ({ input: { ...input, status: i % 2 ? 'EXCUSED' : 'UNEXCUSED' } }));

    const stood = won(answers).map((a) => a.data!.setAttendance);
    expect(new Set(stood.map((e) => JSON.stringify(e))).size).toBe(1);
    expect(stood[0].version).toBe(2);
    expect(codes(answers)).toEqual(Array(WRITERS - stood.length).fill('CONFLICT'));
    expect(currentVersions(answers)).toEqual([2]);
    expect(await count(`attendance_change where attendance_id = ?`, [stood[0].id])).toBe(2);
    expect(await events('attendance.changed', 'lessonId', lesson.id)).toBe(2);
  });
});
