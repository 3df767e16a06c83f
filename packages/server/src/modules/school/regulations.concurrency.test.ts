/**
 * Issue 18's newer writes when requests race (a review found them untested): the school's settings, a duty
 * recorded done, a flagged mark reviewed, files attached to a lesson, and an announcement to parents sent twice.
 * Each story sends 20 real HTTP requests at once from several sessions and counts the rows: one winner,
 * decided by the database (a row lock, a unique key, a versioned UPDATE), nothing doubled, lost or rewritten.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import type { GraphQLClient } from '../../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { Role } from '../../policy/roles.js';
import { Lesson } from '../timetable/timetable.entity.js';

/** Thursday 17 December 2026, noon in Moscow: the clock of every story. */
const NOW = new Date('2026-12-17T09:00:00Z');
const WRITERS = 20;
const EVERY_WEEKDAY: [number, number, string][] = [1, 2, 3, 4, 5].map((d) => [d, 1, '21']);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let server: TestServer;
let world: SeededWorld;

type Answer = { data?: Record<string, any>; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };

const sessionsOf = (login: string, n = 4) => Promise.all(Array.from({ length: n }, () => server.as(login)));
const race = (sessions: GraphQLClient[], query: string, variables: (i: number) => Record<string, unknown>): Promise<Answer[]> =>
  Promise.all(Array.from({ length: WRITERS }, (_, i) => sessions[i % sessions.length].execute(query, variables(i)) as Promise<Answer>));
const wins = (answers: Answer[]) => answers.filter((a) => !a.errors);
const refusals = (answers: Answer[]) => [
  ...new Set(answers.filter((a) => a.errors).map((a) => `${String(a.errors![0].extensions?.code)}: ${a.errors![0].message}`)),
];
const sql = <T>(text: string, params: unknown[] = []) => server.orm.em.fork().getConnection().execute<T[]>(text, params);
async function count(from: string, params: unknown[] = []): Promise<number> {
  const [row] = await sql<{ n: string }>(`select count(*) as n from ${from}`, params);
  return Number(row.n);
}
const schoolId = () => world.school().id;

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withStaff('smirnov', 'Смирнов Олег Ильич', [Role.TEACHER])
      .withStaff('director', 'Тихонов Виктор Павлович', [Role.DIRECTOR])
      .withStaff('admin', 'Гусев Павел Олегович', [Role.SCHOOL_ADMIN])
      .withStaff('deputy', 'Зайцева Ольга Ивановна', [Role.DEPUTY_DIRECTOR])
      .withClass('5А', { classTeacher: 'smirnov' })
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withParent('sidorova', 'Сидорова Анна Олеговна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withStudent('vanya', 'Сидоров Иван', { inClass: '5А', parents: ['sidorova'] })
      .withGroup('Математика', '5А', { teacher: 'ivanova', slots: EVERY_WEEKDAY }),
    { lessons: true },
  );
});
afterAll(() => server.stop());

describe("the school's settings changed from 20 sessions at once", () => {
  const UPDATE = `mutation($i: UpdateSchoolSettingsInput!) { updateSchoolSettings(input: $i) { parentsInformedEveryDays } }`;

  it('are changed 20 times one after another: one row, and each audit row replaced what the one before it wrote', async () => {
    const sessions = [...(await sessionsOf('director', 2)), ...(await sessionsOf('admin', 2))];
    const answers = await race(sessions, UPDATE, (i) => ({ i: { schoolId: schoolId(), parentsInformedEveryDays: 20 + i } }));

    expect(refusals(answers)).toEqual([]);
    expect(await count(`school_settings where school_id = ?`, [schoolId()])).toBe(1);
    const changes = await sql<{ old: number; new: number }>(
      `select (data->'old'->>'parentsInformedEveryDays')::int as old, (data->'new'->>'parentsInformedEveryDays')::int as new
         from audit_event where action = 'school.settings' and school_id = ?`,
      [schoolId()],
    );
    expect(changes).toHaveLength(WRITERS);
    // A chain from the default (14) through every value: no writer read a value another had already replaced.
    const [{ value }] = (await sql<{ value: number }>(`select parents_informed_every_days as value from school_settings where school_id = ?`, [
      schoolId(),
    ])) as [{ value: number }];
    expect(changes.map((c) => c.old).sort((a, b) => a - b)).toEqual([14, ...changes.map((c) => c.new).filter((v) => v !== value)].sort((a, b) => a - b));
  });
});

describe('a duty recorded done from 20 sessions at once', () => {
  const DONE = `mutation($i: RecordDutyDoneInput!) { recordDutyDone(input: $i) { kind dueOn } }`;

  it("is one record of the class teacher's check; the others are told it is done", async () => {
    const check = { schoolId: schoolId(), kind: 'JOURNAL_CHECK', classId: world.class('5А').id, dueOn: '2026-12-16' };
    const answers = await race(await sessionsOf('smirnov'), DONE, (i) => ({ i: { ...check, note: `проверено ${i}` } }));

    expect(wins(answers)).toHaveLength(1);
    expect(refusals(answers)).toEqual(['CONFLICT: This duty is already recorded as done.']);
    expect(await count(`duty_done where kind = 'JOURNAL_CHECK' and due_on = '2026-12-16'`)).toBe(1);
    expect(await count(`audit_event where action = 'duty.done'`)).toBe(1);
  });

  it("is one record of the school's monthly report (a duty of no class)", async () => {
    const report = { schoolId: schoolId(), kind: 'MONTHLY_REPORT', dueOn: '2026-11-30' };
    const answers = await race(await sessionsOf('deputy'), DONE, () => ({ i: report }));

    expect(wins(answers)).toHaveLength(1);
    expect(refusals(answers)).toEqual(['CONFLICT: This duty is already recorded as done.']);
    expect(await count(`duty_done where kind = 'MONTHLY_REPORT'`)).toBe(1);
    expect(await count(`audit_event where action = 'duty.done'`)).toBe(2);
  });
});

describe('a flagged mark reviewed by 20 at once, half confirming and half retracting', () => {
  const REVIEW = `mutation($m: ID!, $c: Boolean!, $r: String!) { reviewFlaggedMark(markId: $m, version: 1, confirm: $c, reason: $r) { flagged retracted version } }`;

  it('is decided once: one history row, one audit row; the others get CONFLICT naming version 2', async () => {
    const teacher = await server.as('ivanova');
    const lesson = await server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date: '2026-12-17' });
    const { putMark } = await teacher.data(`mutation($i: PutMarkInput!) { putMark(input: $i) { id } }`, {
      i: { lessonId: lesson.id, studentId: world.user('petya').id, value: '2', workTypeId: world.workType('У').id },
    });
    // As a compromise report of ivanova's account does (flagged-marks.ts).
    await sql(`update mark set flagged_at = ? where id = ?`, [NOW, putMark.id]);
    const reviewers = [...(await sessionsOf('director', 2)), ...(await sessionsOf('admin', 2))];
    const answers = await race(reviewers, REVIEW, (i) => ({ m: putMark.id, c: i % 2 === 0, r: `решение ${i}` }));

    expect(wins(answers)).toHaveLength(1);
    expect(wins(answers)[0].data!.reviewFlaggedMark).toMatchObject({ flagged: false, version: 2 });
    expect(refusals(answers)).toEqual([expect.stringMatching(/^CONFLICT: The mark was changed meanwhile \(now version 2/)]);
    expect(await count(`mark_change where mark_id = ? and kind in ('CONFIRMED', 'RETRACTED')`, [putMark.id])).toBe(1);
    expect(await count(`audit_event where entity_id = ? and action in ('mark.confirm', 'mark.retract')`, [putMark.id])).toBe(1);
    expect(await count(`mark where id = ? and flagged_at is null and version = 2`, [putMark.id])).toBe(1);
  });
});

describe('one upload attached to a lesson by 20 requests at once', () => {
  const ATTACH = `mutation($input: AttachLessonFilesInput!) { attachLessonFiles(input: $input) { fileName } }`;

  it('becomes one file of the lesson; the others are told it is not among their unsent uploads', async () => {
    const teacher = await server.as('ivanova');
    const upload = await fetch(`${server.url}/attachments?name=${encodeURIComponent('Карточка.pdf')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${teacher.token}` },
      body: new Uint8Array(PDF),
    });
    const { id } = (await upload.json()) as { id: string };
    const lesson = await server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date: '2026-12-17' });
    const answers = await race(await sessionsOf('ivanova'), ATTACH, () => ({ input: { lessonId: lesson.id, attachmentIds: [id] } }));

    expect(wins(answers)).toHaveLength(1);
    expect(refusals(answers)).toEqual(['BAD_USER_INPUT: A file is not among your unsent uploads.']);
    expect(await count(`lesson_file where lesson_id = ?`, [lesson.id])).toBe(1);
    expect(await count(`audit_event where action = 'lesson.files' and entity_id = ?`, [lesson.id])).toBe(1);
  });
});

describe('an announcement to the parents sent twice at once (a double click) with one key', () => {
  const START = `mutation($input: StartConversationInput!) { startConversation(input: $input) { id kind } }`;

  it('is sent once: one conversation per family; a later resend answers the first one and writes nothing', async () => {
    const requestId = randomUUID();
    const input = { schoolId: schoolId(), groupId: world.group('Математика', '5А').id, subject: 'Контрольная', body: 'В пятницу контрольная.', requestId };
    const answers = await race(await sessionsOf('ivanova'), START, () => ({ input }));

    expect(wins(answers).length).toBeGreaterThanOrEqual(1);
    expect(refusals(answers).every((r) => r.startsWith('CONFLICT: '))).toBe(true);
    expect(new Set(wins(answers).map((a) => a.data!.startConversation.id)).size).toBe(1);
    // Two families in 5А: two conversations, one message each.
    expect(await count(`conversation where request_id = ?`, [requestId])).toBe(2);
    expect(await count(`message m join conversation c on c.id = m.conversation_id where c.request_id = ?`, [requestId])).toBe(2);

    const again = await (await server.as('ivanova')).data(START, { input });
    expect(again.startConversation.id).toBe(wins(answers)[0].data!.startConversation.id);
    expect(await count(`conversation where request_id = ?`, [requestId])).toBe(2);
  });
});

describe('statements of the reads and writes above', () => {
  /** The statements of one request, as logged, without the logger's colours. */
  async function statementsOf(client: GraphQLClient, query: string, variables: Record<string, unknown>) {
    let answer: Answer = {};
    const log = await server.recordStatements(async () => {
      answer = (await client.execute(query, variables)) as Answer;
    });
    return {
      answer,
      sql: log.map((line) =>
        line
          .replace(/\p{Cc}\[[0-9;]*m/gu, '') /* colour codes */
          .replace(/^.*\[query\]\s*/, '')
          .trim()
          .toLowerCase(),
      ),
    };
  }

  it('reviewFlaggedMark: the mark read once for its write rule and the service, then one write with history and audit', async () => {
    const lesson = await server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date: '2026-12-17' });
    const { putMark } = await (
      await server.as('ivanova')
    ).data(`mutation($i: PutMarkInput!) { putMark(input: $i) { id } }`, {
      i: { lessonId: lesson.id, studentId: world.user('vanya').id, value: '3', workTypeId: world.workType('У').id },
    });
    await sql(`update mark set flagged_at = ? where id = ?`, [NOW, putMark.id]);
    const { answer, sql: statements } = await statementsOf(
      await server.as('director'),
      `mutation($m: ID!) { reviewFlaggedMark(markId: $m, version: 1, confirm: true, reason: "подтверждено") { flagged version } }`,
      { m: putMark.id },
    );

    expect(answer.data?.reviewFlaggedMark).toEqual({ flagged: false, version: 2 });
    // A single write (policy/single-write.ts): after the viewer, the read and the one statement, no transaction.
    expect(statements.filter((s) => /^(begin|commit)/.test(s))).toEqual([]);
    const [viewer, ...work] = statements;
    expect(viewer).toMatch(/ as session_id/);
    expect(work, work.join('\n')).toHaveLength(2);
    expect(work[0]).toMatch(/^select .* from mark m join lesson l/);
    // The statement checks again, first, that the session is in force, the reviewer still holds the role and the year is open.
    expect(work[1]).toMatch(
      /^with gate as \(select r\.session, r\."right", .* from \(select exists \(select 1 from session s .*\), written as \(update mark set flagged_at = null/s,
    );
    expect(work[1]).toContain('insert into mark_change ');
    expect(work[1]).toContain('insert into audit_event ');
  });

  it("missedPeriodMarks: the school's deadline settings read once", async () => {
    const period = (await sql<{ id: string }>(`select id from reporting_period where school_id = ? order by starts_on limit 1`, [schoolId()]))[0];
    const { answer, sql: statements } = await statementsOf(
      await server.as('deputy'),
      `query($p: ID!) { missedPeriodMarks(periodId: $p) { group { name } students { id } } }`,
      {
        p: period.id,
      },
    );

    expect(answer.errors).toBeUndefined();
    expect(
      statements.filter((s) => s.includes('from "school_settings"')),
      statements.join('\n'),
    ).toHaveLength(1);
    expect(statements.length, statements.join('\n')).toBe(9);
  });
});
