/**
 * The big screens stay N+1-free (DESIGN principle 3) and read with one statement each (issue 16,
 * journal.queries.ts): the number of SQL statements of the journal grid, the diary week and the term
 * does not grow with the class or the number of lessons, and nested objects cost none.
 * The journal's writes are the viewer, one read and one write, with no BEGIN/COMMIT (issue 16, bench P5).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import type { GraphQLClient } from '../../testing/graphql-client.js';
import { markRow } from '../../testing/journal-rows.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { Consent } from '../people/consent.entity.js';
import { Role } from '../../policy/roles.js';
import { Lesson } from '../timetable/timetable.entity.js';
import { Attendance, AttendanceStatus, Remark, RemarkKind } from './journal.entity.js';
import { LessonFile } from './lesson-file.entity.js';

const NOW = new Date('2026-12-28T09:00:00Z');
let server: TestServer;
let world: SeededWorld;

const JOURNAL = `query($g: ID!, $p: ID!) { journal(groupId: $g, periodId: $p) {
  scale group { name subject { name } teachers { shortName } } period { name }
  lessons { id date lessonNumber topic homework teacher { shortName } substitute { shortName } }
  students { id fullName } marks { id value weight date workType { code } history { kind reason author { shortName } } }
  attendance { status lessonId: date }
  finalMarks { value } averages { weighted predicted markCount } workTypes { code weight } } }`;

const DIARY = `query($s: ID!) { diary(studentId: $s, weekOf: "2026-11-23") {
  student { fullName schoolClass { name } }
  lessons { date lessonNumber topic homework room subject { name } teacher { shortName } }
  marks { value date retracted retractedAt workType { code name } history { kind reason author { shortName } } }
  attendance { status date } remarks { kind text author { shortName } } } }`;

const DIARY_WITH_FILES = DIARY.replace('lessons { date', 'lessons { files { id fileName url } date');

/** The web's term screen asks no mark history: the term statement does not read it (a batched loader would). */
const TERM = `query($s: ID!, $p: ID!) { studentTerm(studentId: $s, periodId: $p) {
  group { name scale subject { name } } marks { value retracted date workType { code name } }
  average { weighted predicted markCount } periodMark { value } } }`;

/** Puts a mark for every student at every lesson of the group, a retracted one, an absence and a remark here and there. */
async function fillJournal(groupName: string, students: string[]) {
  const em = server.orm.em.fork();
  const group = world.group('Математика', groupName);
  const lessons = await em.find(Lesson, { group }, { populate: ['period'] });
  for (const lesson of lessons) {
    lesson.topic = `Тема ${lesson.date}`;
    lesson.homework = `№ ${lesson.lessonNumber * 10}`;
    for (const [i, login] of students.entries()) {
      const student = world.user(login);
      const mark = { lesson, group, student, workType: world.workType(i % 2 ? 'У' : 'КР'), value: String(3 + (i % 3)), at: NOW };
      markRow(em, mark);
      // The diary lists retracted marks too (the grid does not): they must cost no statement of their own.
      if (i % 4 === 0) markRow(em, { ...mark, value: '2', retracted: { at: NOW, reason: 'Не та работа' } });
      if (i % 5 === 0) em.create(Attendance, { school: lesson.school, lesson, student, status: AttendanceStatus.ILL, updatedAt: NOW });
      if (i % 7 === 0) em.create(Remark, { school: lesson.school, lesson, student, kind: RemarkKind.PRAISE, text: 'Молодец', author: lesson.teacher, at: NOW });
    }
  }
  await em.flush();
}

const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  const small = names('small', 5);
  const big = names('big', 30);
  const b = school('Школа № 1')
    .inYear(2026)
    .withSubjects('Математика')
    .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
    .withClass('5А')
    .withClass('6А')
    .withParent('mama', 'Петрова Мария Ивановна')
    // 5 students with one maths lesson a week; 30 students with six a week.
    .withGroup('Математика', '5А', { teacher: 'ivanova', slots: [[1, 1, '21']] })
    .withGroup('Математика', '6А', { teacher: 'ivanova', slots: [1, 2, 3, 4, 5, 6].map((d) => [d, 2, '21'] as [number, number, string]) });
  for (const login of small) b.withStudent(login, `Малов ${login}`, { inClass: '5А', parents: login === 'small1' ? ['mama'] : [] });
  for (const login of big) b.withStudent(login, `Большов ${login}`, { inClass: '6А', parents: login === 'big1' ? ['mama'] : [] });
  world = await server.seed(b, { lessons: true });
  // The small page keeps 4 lessons of the 2nd quarter; the big one has about 45.
  const em = server.orm.em.fork();
  const q2 = world.periodsOf()[1];
  const smallLessons = await em.find(Lesson, { group: world.group('Математика', '5А'), period: q2 }, { orderBy: { date: 'asc' } });
  await em.nativeDelete(Lesson, { id: { $in: smallLessons.slice(4).map((l) => l.id) } });
  await fillJournal('5А', small);
  await fillJournal('6А', big);
  for (const s of ['small1', 'big1']) em.create(Consent, { school: world.school(), student: world.user(s), givenBy: world.user('mama'), givenAt: NOW });
  await em.flush();
});
afterAll(() => server.stop());

/** The prepared statements of the app's idle pooled connections (each connection has its own), with their plan counts. */
async function preparedStatements() {
  const pool = await server.orm.em.getConnection().getNativeClient();
  const clients = await Promise.all(Array.from({ length: pool.idleCount }, () => pool.connect()));
  try {
    const answers = await Promise.all(
      clients.map((c) =>
        c.query<{ statement: string; generic: number; custom: number }>(
          'select statement, generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements',
        ),
      ),
    );
    return answers.flatMap((a) => a.rows);
  } finally {
    for (const c of clients) c.release();
  }
}

describe('statements per screen', () => {
  let teacher: GraphQLClient;
  beforeAll(async () => {
    teacher = await server.as('ivanova');
  });

  it('the journal grid costs the same for 5 students × 4 lessons as for 30 students × ~45 lessons', async () => {
    const q2 = world.periodsOf()[1].id;
    const page = async (group: string) => {
      let size = 0;
      const statements = await server.countStatements(async () => {
        const { journal } = await teacher.data(JOURNAL, { g: world.group('Математика', group).id, p: q2 });
        size = journal.students.length * journal.lessons.length;
        expect(journal.marks.length).toBe(size);
      });
      return { statements, size };
    };
    const small = await page('5А');
    const big = await page('6А');
    console.log(`journal: ${small.size} cells → ${small.statements} statements; ${big.size} cells → ${big.statements} statements`);
    expect(big.size).toBeGreaterThanOrEqual(small.size * 60);
    expect(big.statements).toBe(small.statements);
    // The session lookup, then the page.
    expect(big.statements).toBe(2);
    // Read again: the page's rows are kept by the process (graphql/screen-cache.ts), only the session is read.
    expect((await page('6А')).statements).toBe(1);
  });

  it('the diary week costs the same with one lesson a week as with six, marks and remarks included', async () => {
    const parent = await server.as('mama');
    const week = async (student: string) => {
      let lessons = 0;
      const statements = await server.countStatements(async () => {
        const { diary } = await parent.data(DIARY, { s: world.user(student).id });
        lessons = diary.lessons.length;
        expect(diary.marks.filter((m: { retracted: boolean }) => m.retracted)).toHaveLength(lessons);
      });
      return { statements, lessons };
    };
    const small = await week('small1');
    const big = await week('big1');
    console.log(`diary: ${small.lessons} lessons → ${small.statements} statements; ${big.lessons} lessons → ${big.statements} statements`);
    expect(big.lessons).toBe(small.lessons * 6);
    expect(big.statements).toBe(small.statements);
    // The session, the student (the diary gate decides on them), the visit (R-A8) beside the week, the class's name.
    expect(big.statements).toBe(5);
    // Read again: the week's rows and the student are kept by the process (graphql/screen-cache.ts): the session,
    // the visit, the class's name.
    expect((await week('big1')).statements).toBe(3);
  });

  it("the diary week's homework files cost one statement more, whatever the number of lessons and files", async () => {
    const parent = await server.as('mama');
    // A file at every lesson of the week, homework or not: one for the 5А lesson, two for each of the six 6А lessons.
    const em = server.orm.em.fork();
    for (const [group, perLesson] of [
      ['5А', 1],
      ['6А', 2],
    ] as const) {
      for (const lesson of await em.find(Lesson, { group: world.group('Математика', group), date: { $gte: '2026-11-23', $lte: '2026-11-28' } })) {
        for (let i = 1; i <= perLesson; i++) {
          em.create(LessonFile, {
            school: lesson.school,
            lesson,
            uploadedBy: lesson.teacher,
            attachedAt: NOW,
            fileName: `Карточка ${i}.pdf`,
            contentType: 'application/pdf',
            size: 3,
            data: Buffer.from('pdf'),
          });
        }
      }
    }
    await em.flush();
    const week = async (query: string, student: string) => {
      let files = 0;
      const statements = await server.countStatements(async () => {
        const { diary } = await parent.data(query, { s: world.user(student).id });
        files = diary.lessons.reduce((n: number, l: { files?: unknown[] }) => n + (l.files?.length ?? 0), 0);
      });
      return { statements, files };
    };
    const small = { without: await week(DIARY, 'small1'), with: await week(DIARY_WITH_FILES, 'small1') };
    const big = { without: await week(DIARY, 'big1'), with: await week(DIARY_WITH_FILES, 'big1') };
    console.log(
      `diary files: ${small.with.files} files → +${small.with.statements - small.without.statements}; ${big.with.files} files → +${big.with.statements - big.without.statements}`,
    );
    expect([small.with.files, big.with.files]).toEqual([1, 12]);
    expect(small.with.statements).toBe(small.without.statements + 1);
    expect(big.with.statements).toBe(big.without.statements + 1);
  });

  it('the term costs the same with one lesson a week as with six: the session, the student, the term', async () => {
    const parent = await server.as('mama');
    server.app.screens.invalidateAll(); // the diary's test kept the students
    const term = async (student: string) => {
      let marks = 0;
      const statements = await server.countStatements(async () => {
        const { studentTerm } = await parent.data(TERM, { s: world.user(student).id, p: world.periodsOf()[1].id });
        marks = studentTerm[0].marks.length;
      });
      return { statements, marks };
    };
    const small = await term('small1');
    const big = await term('big1');
    console.log(`term: ${small.marks} marks → ${small.statements} statements; ${big.marks} marks → ${big.statements} statements`);
    expect(big.marks).toBeGreaterThan(small.marks * 6);
    expect(big.statements).toBe(small.statements);
    expect(big.statements).toBe(3);
    // Read again: the session; the student and the term's rows are kept by the process.
    expect((await term('big1')).statements).toBe(1);
  });

  it('the screens read with prepared statements: parsed once per connection, not planned on every call', async () => {
    // The journal grid, the diary week and the term were each read above, their texts by the `arg` each binds.
    const prepared = (await preparedStatements()).map((p) => p.statement);
    for (const screen of [
      '$1::uuid as group_id, $2::uuid as period_id, $3::date as today',
      '$1::uuid as student_id, $2::date as week_start',
      '$1::uuid as student_id, $2::uuid as period_id',
    ]) {
      expect(
        prepared.some((text) => text.includes(screen)),
        screen,
      ).toBe(true);
    }
  });
});

describe('statements per write', () => {
  let teacher: GraphQLClient;
  let lessonId: string;
  let periodId: string;
  const student = () => world.user('big2').id;
  beforeAll(async () => {
    teacher = await server.as('ivanova');
    // Nothing kept: a write's commit fence reads nothing (graphql/screen-fence.ts; the last test keeps a page), and
    // the feed reads no route for this process.
    server.app.screens.invalidateAll();
    const lessons = await server.orm.em
      .fork()
      .find(Lesson, { group: world.group('Математика', '6А'), date: { $lte: '2026-12-28' } }, { orderBy: { date: 'desc' }, limit: 1 });
    lessonId = lessons[0].id;
    periodId = lessons[0].period.id;
  });

  /** The statements of one request: the viewer's first, then the mutation's work. */
  async function statementsOf(query: string, variables: Record<string, unknown>) {
    let data: Record<string, any> = {};
    const log = await server.recordStatements(async () => {
      data = await teacher.data(query, variables);
    });
    // The logger colours its lines.
    const sql = log.map((line) =>
      line
        .replace(/\p{Cc}\[[0-9;]*m/gu, '') /* colour codes */
        .replace(/^.*\[query\]\s*/, '')
        .trim()
        .toLowerCase(),
    );
    expect(sql[0], 'the viewer, in one statement').toContain('from session s join app_user u');
    return { data, viewer: sql[0], work: sql.slice(1) };
  }

  /**
   * One read (the write rule's facts, the service's checks and the school's deadline settings, issue 18), then
   * one write (the change, its history, audit and outbox rows), with no BEGIN and no COMMIT around them. The write
   * checks again, first, the rights its rule rested on (policy/single-write.ts: the session, a ground still held)
   * and, for a lesson's journal, that its year is still open (its `gate`). The viewer before them is read without
   * the pupils (graphql/pupil-free.ts): the mutations here answer leaf fields only.
   */
  function expectOneReadOneWrite(s: { viewer: string; work: string[] }, table: string, opts: { deadlines?: boolean } = {}) {
    expect(s.viewer, 'the viewer, without the pupils no journal write asks for').not.toContain('pupil_ids');
    expect(s.work, s.work.join('\n')).toHaveLength(2);
    const [read, write] = s.work;
    expect(read).toMatch(/^select /);
    if (opts.deadlines ?? true) expect(read).toContain(' from school_settings ');
    expect(write).toMatch(
      new RegExp(
        `^with gate as \\(select r\\.session, r\\."right", .* from \\(select exists \\(select 1 from session s .*\\), written as \\((insert into|update) ${table} `,
        's',
      ),
    );
    for (const row of ['audit_event', 'domain_event']) expect(write).toContain(`insert into ${row} `);
  }

  it('putMark, changeMark and retractMark: one read and one write each', async () => {
    const put = await statementsOf(`mutation($input: PutMarkInput!) { putMark(input: $input) { id version } }`, {
      input: { lessonId, studentId: student(), value: '4', workTypeId: world.workType('У').id },
    });
    expectOneReadOneWrite(put, 'mark');
    expect(put.work[1]).toContain('insert into mark_change ');
    const markId = put.data.putMark.id;

    const change = await statementsOf(`mutation($input: ChangeMarkInput!) { changeMark(input: $input) { version } }`, {
      input: { markId, version: 1, value: '5', workTypeId: world.workType('КР').id, reason: 'пересчитала' },
    });
    expectOneReadOneWrite(change, 'mark');
    expect(change.data.changeMark.version).toBe(2);

    const retract = await statementsOf(`mutation($m: ID!) { retractMark(markId: $m, version: 2, reason: "не тому") { version retracted } }`, { m: markId });
    expectOneReadOneWrite(retract, 'mark');
    expect(retract.data.retractMark).toEqual({ version: 3, retracted: true });
  });

  it('a write whose answer selects an object (whose rules may ask for the pupils) reads the whole viewer', async () => {
    const put = await statementsOf(`mutation($input: PutMarkInput!) { putMark(input: $input) { id history { kind } } }`, {
      input: { lessonId, studentId: world.user('big3').id, value: '3', workTypeId: world.workType('У').id },
    });
    expect(put.viewer).toContain('pupil_ids');
    expect(put.data.putMark.history).toEqual([{ kind: 'CREATED' }]);
  });

  it('a late mark (issue 18) writes its late_entry row in the same one statement', async () => {
    const lessons = await server.orm.em
      .fork()
      .find(Lesson, { group: world.group('Математика', '6А'), date: { $lte: '2026-11-30' } }, { orderBy: { date: 'desc' }, limit: 1 });
    const late = await statementsOf(`mutation($input: PutMarkInput!) { putMark(input: $input) { id backdated } }`, {
      input: { lessonId: lessons[0].id, studentId: student(), value: '3', workTypeId: world.workType('КР').id, reason: 'болела, писала позже' },
    });
    expectOneReadOneWrite(late, 'mark');
    expect(late.data.putMark.backdated).toBe(true);
    expect(late.work[1]).toContain('insert into late_entry ');
  });

  it('setAttendance (a first entry and a change), addRemark and setLessonContent: one read and one write each', async () => {
    const SET = `mutation($input: SetAttendanceInput!) { setAttendance(input: $input) { status version } }`;
    const first = await statementsOf(SET, { input: { lessonId, studentId: student(), status: 'ILL' } });
    expectOneReadOneWrite(first, 'attendance');
    const change = await statementsOf(SET, { input: { lessonId, studentId: student(), status: 'EXCUSED', version: 1, reason: 'справка' } });
    expectOneReadOneWrite(change, 'attendance');
    expect(change.data.setAttendance).toEqual({ status: 'EXCUSED', version: 2 });

    const remark = await statementsOf(`mutation($input: AddRemarkInput!) { addRemark(input: $input) { kind } }`, {
      input: { lessonId, studentId: student(), kind: 'PRAISE', text: 'Отлично' },
    });
    expectOneReadOneWrite(remark, 'remark', { deadlines: false });

    // A topic has no deadline; homework's adds one statement (the class's last lesson that day, deadlines.ts).
    const content = await statementsOf(`mutation($input: SetLessonContentInput!) { setLessonContent(input: $input) { topic homework } }`, {
      input: { lessonId, topic: 'Дроби' },
    });
    expectOneReadOneWrite(content, 'lesson');
    expect(content.data.setLessonContent.topic).toBe('Дроби');
  });

  it('announceIntendedMark (the first notice and its replacement): one read and one write each', async () => {
    const ANNOUNCE = `mutation($g: ID!, $s: ID!, $p: ID!, $m: Int!) {
      announceIntendedMark(groupId: $g, studentId: $s, periodId: $p, intendedMark: $m, reason: "нет контрольной") { id intendedMark average } }`;
    const args = { g: world.group('Математика', '6А').id, s: world.user('big3').id, p: world.periodsOf()[1].id };
    const first = await statementsOf(ANNOUNCE, { ...args, m: 3 });
    expectOneReadOneWrite(first, 'intended_mark_notice', { deadlines: false });
    const again = await statementsOf(ANNOUNCE, { ...args, m: 2 });
    expectOneReadOneWrite(again, 'intended_mark_notice', { deadlines: false });
    expect(again.data.announceIntendedMark).toMatchObject({ id: first.data.announceIntendedMark.id, intendedMark: 2 });
  });

  it('the viewer, the read and the write are prepared statements: parsed once per connection, then planned once', async () => {
    const PUT = `mutation($input: PutMarkInput!) { putMark(input: $input) { id } }`;
    for (let i = 5; i <= 16; i++) {
      await teacher.data(PUT, { input: { lessonId, studentId: world.user(`big${i}`).id, value: '4', workTypeId: world.workType('У').id } });
    }
    const prepared = await preparedStatements();
    for (const part of ['from session s join app_user u', ' from school_settings ', 'insert into mark_change ']) {
      const mine = prepared.filter((p) => p.statement.toLowerCase().includes(part));
      expect(mine.length, part).toBeGreaterThan(0);
      // After five custom plans PostgreSQL's plan cache keeps a generic one: no planning per call.
      expect(Math.max(...mine.map((p) => p.generic)), part).toBeGreaterThan(0);
    }
  });

  it('with a screen kept, a write costs no statement more (its statement returns what it touched), and the kept page shows it at once', async () => {
    const PAGE = `query($g: ID!, $p: ID!) { journal(groupId: $g, periodId: $p) { marks { id } } }`;
    const page = { g: world.group('Математика', '6А').id, p: periodId };
    await teacher.data(PAGE, page);
    // Another group's page, which the write does not touch: it stays kept.
    await teacher.data(PAGE, { ...page, g: world.group('Математика', '5А').id });
    expect(server.app.screens.size).toBe(2);
    const put = await statementsOf(`mutation($input: PutMarkInput!) { putMark(input: $input) { id } }`, {
      input: { lessonId, studentId: world.user('big4').id, value: '5', workTypeId: world.workType('У').id },
    });
    // With a screen kept, the feed routes the write's announcement as it arrives (realtime/outbox.ts, ROUTES_SQL), at
    // times before the answer does: the feed's statement, not the write's (the test failed now and then under load).
    put.work = put.work.filter((statement) => !statement.includes(`select 's' as kind`));
    // The write returns what it touched, routed for the kept screens (graphql/screen-fence.ts): no statement of its own.
    expectOneReadOneWrite(put, 'mark');
    expect(put.work[1]).toContain(' as touched from written');
    // No waiting for the notification: the page was dropped before the answer, and only that page.
    expect(server.app.screens.size).toBe(1);
    expect((await teacher.data(PAGE, page)).journal.marks.map((m: { id: string }) => m.id)).toContain(put.data.putMark.id);
    server.app.screens.invalidateAll();
  });
});
