import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { type GraphQLClient, errorOf } from '../../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { Consent } from '../people/consent.entity.js';
import { GuardianKind } from '../people/student.entity.js';
import { Role } from '../../policy/roles.js';
import { Lesson } from '../timetable/timetable.entity.js';
import { Mark } from './journal.entity.js';

/** Wednesday 25 November 2026, noon in Moscow: inside the 2nd quarter of 2026/2027. */
const NOW = new Date('2026-11-25T09:00:00Z');
const EVERY_WEEKDAY: [number, number, string][] = [1, 2, 3, 4, 5].map((d) => [d, 1, '21']);

let server: TestServer;
let world: SeededWorld;
let teacher: GraphQLClient;
let parent: GraphQLClient;

async function lessonOn(date: string, group = world.group('Математика', '5А')) {
  return server.orm.em.fork().findOneOrFail(Lesson, { group, date });
}

async function giveConsent(parentLogin: string, studentLogin: string) {
  const em = server.orm.em.fork();
  em.create(Consent, { school: world.school(), student: world.user(studentLogin), givenBy: world.user(parentLogin), givenAt: NOW });
  await em.flush();
}

const PUT_MARK = `mutation($input: PutMarkInput!) { putMark(input: $input) { id value weight backdated version workType { code } } }`;
const putMark = (client: GraphQLClient, input: Record<string, unknown>) => client.execute(PUT_MARK, { input });

beforeAll(async () => {
  // Kept screens (the parent's diary) show a write at once by the writing process's commit fence alone.
  server = await startTestServer({ clock: () => NOW, withoutFeed: true });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withStaff('smirnov', 'Смирнов Олег Ильич', [Role.TEACHER])
      .withStaff('director', 'Тихонов Виктор Павлович', [Role.DIRECTOR])
      .withClass('5А', { classTeacher: 'smirnov' })
      .withClass('6А')
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withParent('sidorova', 'Сидорова Нина Павловна')
      .withStudent('vanya', 'Сидоров Иван', { inClass: '5А', parents: ['sidorova'] })
      .withStudent('katya', 'Котова Екатерина', { inClass: '6А', parents: [{ login: 'smirnov', kind: GuardianKind.FATHER }] })
      .withGroup('Математика', '5А', { teacher: 'ivanova', slots: EVERY_WEEKDAY })
      .withGroup('Математика', '6А', { teacher: 'smirnov', slots: EVERY_WEEKDAY }),
    { lessons: true },
  );
  await giveConsent('petrova', 'petya');
  await giveConsent('sidorova', 'vanya');
  teacher = await server.as('ivanova');
  parent = await server.as('petrova');
});
afterAll(() => server.stop());

describe('a mark, from the journal to the diary', () => {
  it("goes into the column of the lesson and shows in the parent's diary with its work type and the new average", async () => {
    const lesson = await lessonOn('2026-11-25');
    const { putMark: mark } = await teacher.data(PUT_MARK, {
      input: { lessonId: lesson.id, studentId: world.user('petya').id, value: '5', workTypeId: world.workType('У').id },
    });
    expect(mark).toMatchObject({ value: '5', weight: 1, backdated: false, version: 1, workType: { code: 'У' } });

    const { diary } = await parent.data(`query($s: ID!) { diary(studentId: $s, weekOf: "2026-11-25") { marks { value date workType { code name } } } }`, {
      s: world.user('petya').id,
    });
    expect(diary.marks).toEqual([{ value: '5', date: '2026-11-25', workType: { code: 'У', name: 'Устный ответ' } }]);

    const period = world.periodsOf()[1];
    const { studentTerm } = await parent.data(
      `query($s: ID!, $p: ID!) { studentTerm(studentId: $s, periodId: $p) { group { name } average { weighted predicted markCount } } }`,
      { s: world.user('petya').id, p: period.id },
    );
    expect(studentTerm).toEqual([{ group: { name: '5А' }, average: { weighted: '5.00', predicted: 5, markCount: 1 } }]);
  });

  it('refuses what is not a mark, a stranger to the group, a lesson yet to come, and a teacher of another group; nothing is written', async () => {
    const count = () => server.orm.em.fork().count(Mark);
    const before = await count();
    const today = await lessonOn('2026-11-25');
    const tomorrow = await lessonOn('2026-11-26');
    const base = { lessonId: today.id, studentId: world.user('petya').id, value: '4', workTypeId: world.workType('У').id };

    expect(errorOf(await putMark(teacher, { ...base, value: '6' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: '"6" is not a mark of this group\'s scale: use a whole number from 1 to 5.',
    });
    expect(errorOf(await putMark(teacher, { ...base, studentId: world.user('katya').id }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'The student is not in 5А on 2026-11-25.',
    });
    expect(errorOf(await putMark(teacher, { ...base, lessonId: tomorrow.id }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'The lesson of 2026-11-26 has not happened yet: marks go in after it.',
    });
    const otherTeacher = await server.as('smirnov');
    expect(errorOf(await putMark(otherTeacher, base)).code).toBe('FORBIDDEN');
    const director = await server.as('director');
    expect(errorOf(await putMark(director, base)).code).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
  });

  it("writes nothing when the teacher may not see the mark they put: their own child's, before the family's consent (R-A3)", async () => {
    // Smirnov teaches 6А and is Katya's father; no consent is recorded, so her marks are closed to him as a parent.
    const count = () => server.orm.em.fork().count(Mark);
    const before = await count();
    const father = await server.as('smirnov');
    const lesson = await lessonOn('2026-11-25', world.group('Математика', '6А'));
    const input = { lessonId: lesson.id, studentId: world.user('katya').id, value: '5', workTypeId: world.workType('У').id };
    expect(errorOf(await putMark(father, input)).code).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
  });
});

describe('no silent correction, no back-dating (R-J5)', () => {
  let markId: string;

  it("asks why a written work's mark is entered after its deadline (5 days in grade 5), then shows it as back-dated", async () => {
    const old = await lessonOn('2026-11-09');
    const input = { lessonId: old.id, studentId: world.user('petya').id, value: '3', workTypeId: world.workType('КР').id };
    expect(errorOf(await putMark(teacher, input))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'The mark was due by 2026-11-14T21:00:00.000Z: say why it is entered late.',
      reason: 'LATE_ENTRY',
    });
    const { putMark: mark } = await teacher.data(PUT_MARK, { input: { ...input, reason: 'работа писалась на больничном, сдана позже' } });
    expect(mark).toMatchObject({ value: '3', weight: 3, backdated: true });
    markId = mark.id;
  });

  it('changes a mark only with a reason, and refuses a change based on a stale version', async () => {
    const CHANGE = `mutation($input: ChangeMarkInput!) { changeMark(input: $input) { value version } }`;
    const noReason = await teacher.execute(CHANGE, { input: { markId, version: 1, value: '4', reason: '' } });
    expect(errorOf(noReason).code).toBe('BAD_USER_INPUT');
    expect(await teacher.data(CHANGE, { input: { markId, version: 1, value: '4', reason: 'пересчёт баллов после апелляции' } })).toEqual({
      changeMark: { value: '4', version: 2 },
    });
    const stale = await teacher.execute(CHANGE, { input: { markId, version: 1, value: '5', reason: 'ещё раз' } });
    expect(errorOf(stale)).toMatchObject({
      code: 'CONFLICT',
      message: 'The mark was changed meanwhile (now version 2, you edited 1): reload and try again.',
    });
  });

  it("shows the parent every change of their child's mark: old, new, who, when and why", async () => {
    const { diary } = await parent.data(
      `query($s: ID!) { diary(studentId: $s, weekOf: "2026-11-09") {
        marks { value backdated history { kind version oldValue newValue reason backdated author { shortName } } } } }`,
      { s: world.user('petya').id },
    );
    expect(diary.marks).toEqual([
      {
        value: '4',
        backdated: true,
        history: [
          {
            kind: 'CREATED',
            version: 1,
            oldValue: null,
            newValue: '3',
            reason: 'работа писалась на больничном, сдана позже',
            backdated: true,
            author: { shortName: 'Иванова А. П.' },
          },
          {
            kind: 'CHANGED',
            version: 2,
            oldValue: '3',
            newValue: '4',
            reason: 'пересчёт баллов после апелляции',
            backdated: true,
            author: { shortName: 'Иванова А. П.' },
          },
        ],
      },
    ]);
  });

  it("reads one mark by its id with its history (the journal's mark dialog): for those who may see the record, and no one else", async () => {
    const MARK = `query($id: ID!) { mark(id: $id) { value version history { kind newValue reason } } }`;
    const expected = {
      mark: {
        value: '4',
        version: 2,
        history: [
          { kind: 'CREATED', newValue: '3', reason: 'работа писалась на больничном, сдана позже' },
          { kind: 'CHANGED', newValue: '4', reason: 'пересчёт баллов после апелляции' },
        ],
      },
    };
    // Its teacher, the class teacher, the director and the child's (consented) parent.
    for (const login of ['ivanova', 'smirnov', 'director', 'petrova']) expect(await (await server.as(login)).data(MARK, { id: markId })).toEqual(expected);
    // Another family: as if there were no such mark.
    const stranger = await (await server.as('sidorova')).execute(MARK, { id: markId });
    expect(errorOf(stranger).code).toBe('NOT_FOUND');
    expect(stranger.data?.mark ?? null).toBeNull();
  });

  it('retracts a mark with a reason: it leaves the journal and the average, the parent still sees its place and history', async () => {
    await teacher.data(`mutation($m: ID!) { retractMark(markId: $m, version: 2, reason: "поставлена не тому ученику") { retracted } }`, { m: markId });
    // The parent's diary week, kept by the process, is read at once: the retraction's answer came after the
    // process dropped what it touched (graphql/screen-fence.ts), not when its notification is heard.
    const { diary } = await parent.data(
      `query($s: ID!) { diary(studentId: $s, weekOf: "2026-11-09") {
      marks { id value date retracted retractedAt history { kind oldValue newValue reason author { shortName } } } } }`,
      { s: world.user('petya').id },
    );
    const author = { shortName: 'Иванова А. П.' };
    expect(diary.marks).toEqual([
      {
        id: markId,
        value: '4',
        date: '2026-11-09',
        retracted: true,
        retractedAt: NOW.toISOString(),
        history: [
          { kind: 'CREATED', oldValue: null, newValue: '3', reason: 'работа писалась на больничном, сдана позже', author },
          { kind: 'CHANGED', oldValue: '3', newValue: '4', reason: 'пересчёт баллов после апелляции', author },
          { kind: 'RETRACTED', oldValue: '4', newValue: null, reason: 'поставлена не тому ученику', author },
        ],
      },
    ]);
    // The term view lists it beside Petya's 5, and averages the 5 alone (with the 4 of weight 3 it would be 4.25);
    // the teacher's grid leaves it out.
    const { studentTerm } = await parent.data(
      `query($s: ID!, $p: ID!) { studentTerm(studentId: $s, periodId: $p) { marks { value retracted } average { markCount weighted } } }`,
      { s: world.user('petya').id, p: world.periodsOf()[1].id },
    );
    // Both marks were entered at the same (pinned) moment: their order is the ids', so compare them by value.
    const byValue = (a: { value: string }, b: { value: string }) => a.value.localeCompare(b.value);
    expect(studentTerm.map((s: { marks: { value: string }[] }) => ({ ...s, marks: [...s.marks].sort(byValue) }))).toEqual([
      {
        marks: [
          { value: '4', retracted: true },
          { value: '5', retracted: false },
        ],
        average: { markCount: 1, weighted: '5.00' },
      },
    ]);
    const { journal } = await teacher.data(`query($g: ID!, $p: ID!) { journal(groupId: $g, periodId: $p) { marks { value studentId } } }`, {
      g: world.group('Математика', '5А').id,
      p: world.periodsOf()[1].id,
    });
    expect(journal.marks).toEqual([{ value: '5', studentId: world.user('petya').id }]);
  });
});

describe('averages and "what do I need" (R-J7)', () => {
  it('weights marks by work type exactly and predicts the period mark half up', async () => {
    // Vanya: 5 for an oral answer (weight 1) and 3 for a test (weight 3): (5 + 9) / 4 = 3.50 → 4.
    // An oral answer today (due today), a test yesterday (due within 5 days): both on time.
    for (const [date, value, code] of [
      ['2026-11-25', '5', 'У'],
      ['2026-11-24', '3', 'КР'],
    ] as const) {
      await teacher.data(PUT_MARK, {
        input: { lessonId: (await lessonOn(date)).id, studentId: world.user('vanya').id, value, workTypeId: world.workType(code).id },
      });
    }
    const mother = await server.as('sidorova');
    const { studentTerm } = await mother.data(`query($s: ID!, $p: ID!) { studentTerm(studentId: $s, periodId: $p) { average { plain weighted predicted } } }`, {
      s: world.user('vanya').id,
      p: world.periodsOf()[1].id,
    });
    expect(studentTerm[0].average).toEqual({ plain: '4.00', weighted: '3.50', predicted: 4 });

    const { marksNeeded } = await mother.data(
      `query($s: ID!, $g: ID!, $p: ID!) { marksNeeded(studentId: $s, groupId: $g, periodId: $p, target: 5) { value count } }`,
      { s: world.user('vanya').id, g: world.group('Математика', '5А').id, p: world.periodsOf()[1].id },
    );
    // (14 + 5n) / (4 + n) ≥ 4.5 first holds at n = 8; fours never make a five.
    expect(marksNeeded).toEqual([{ value: 5, count: 8 }]);
  });
});

describe('attendance (R-J3)', () => {
  const SET = `mutation($input: SetAttendanceInput!) { setAttendance(input: $input) { status } }`;

  it('records an absence, and changes it only with a reason, keeping the history', async () => {
    const lesson = await lessonOn('2026-11-25');
    const input = { lessonId: lesson.id, studentId: world.user('petya').id, status: 'UNEXCUSED' };
    expect(await teacher.data(SET, { input })).toEqual({ setAttendance: { status: 'UNEXCUSED' } });
    expect(errorOf(await teacher.execute(SET, { input: { ...input, status: 'ILL', version: 1 } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'Changing an attendance entry needs a reason.',
    });
    // Neither version nor reason: written for an empty cell, it must not overwrite the entry.
    expect(errorOf(await teacher.execute(SET, { input: { ...input, status: 'ILL' } }))).toMatchObject({
      code: 'CONFLICT',
      message: 'Attendance at this lesson is already recorded otherwise (version 1): reload; a change needs a reason.',
    });
    expect(await teacher.data(SET, { input: { ...input, status: 'ILL', reason: 'принесли справку' } })).toEqual({ setAttendance: { status: 'ILL' } });
    const { diary } = await parent.data(
      `query($s: ID!) { diary(studentId: $s, weekOf: "2026-11-25") {
        attendance { status date history { oldStatus newStatus reason at author { shortName } } } } }`,
      { s: world.user('petya').id },
    );
    const teacherName = { shortName: 'Иванова А. П.' };
    expect(diary.attendance).toEqual([
      {
        status: 'ILL',
        date: '2026-11-25',
        history: [
          { oldStatus: null, newStatus: 'UNEXCUSED', reason: null, at: NOW.toISOString(), author: teacherName },
          { oldStatus: 'UNEXCUSED', newStatus: 'ILL', reason: 'принесли справку', at: NOW.toISOString(), author: teacherName },
        ],
      },
    ]);
  });
});

describe('period and final marks (R-J6, R-D4)', () => {
  const SET = `mutation($input: SetFinalMarkInput!) { setFinalMark(input: $input) { value postponedUntil } }`;
  const base = () => ({ groupId: world.group('Математика', '5А').id, studentId: world.user('petya').id, kind: 'PERIOD' });

  it('refuses a period mark before the last week of the period', async () => {
    const result = await teacher.execute(SET, { input: { ...base(), periodId: world.periodsOf()[1].id, value: '5' } });
    expect(errorOf(result).code).toBe('BAD_USER_INPUT');
    expect(errorOf(result).message).toMatch(/last week of the period/);
  });

  it('accepts ОСВ and Н/А, and a postponement only with a reason', async () => {
    const q1 = world.periodsOf()[0].id;
    // The first quarter is over: a mark given now is late and says why (issue 18).
    expect(await teacher.data(SET, { input: { ...base(), periodId: q1, value: 'осв', reason: 'освобождён по справке, оформлена поздно' } })).toEqual({
      setFinalMark: { value: 'ОСВ', postponedUntil: null },
    });
    const vanya = { ...base(), studentId: world.user('vanya').id, periodId: q1 };
    expect(errorOf(await teacher.execute(SET, { input: { ...vanya, postponedUntil: '2026-12-10' } })).message).toBe('Say why attestation is postponed.');
    expect(await teacher.data(SET, { input: { ...vanya, postponedUntil: '2026-12-10', reason: 'длительная болезнь' } })).toEqual({
      setFinalMark: { value: null, postponedUntil: '2026-12-10' },
    });
    expect(await teacher.data(SET, { input: { ...vanya, value: 'Н/А', reason: 'не аттестован по итогам' } })).toEqual({
      setFinalMark: { value: 'Н/А', postponedUntil: null },
    });
  });

  it('lets the parent acknowledge the period mark, and nobody else', async () => {
    const { studentTerm } = await parent.data(`query($s: ID!, $p: ID!) { studentTerm(studentId: $s, periodId: $p) { periodMark { id value } } }`, {
      s: world.user('petya').id,
      p: world.periodsOf()[0].id,
    });
    const markId = studentTerm.find((t: { periodMark: unknown }) => t.periodMark).periodMark.id;
    const ACK = `mutation($id: ID!) { acknowledgeFinalMark(finalMarkId: $id) { acknowledgedAt } }`;
    const stranger = await server.as('sidorova');
    expect(errorOf(await stranger.execute(ACK, { id: markId })).code).toBe('NOT_FOUND');
    expect((await parent.data(ACK, { id: markId })).acknowledgeFinalMark.acknowledgedAt).toBeTruthy();
  });
});

describe('who reads the journal', () => {
  const JOURNAL = `query($g: ID!, $p: ID!) { journal(groupId: $g, periodId: $p) { students { fullName } marks { value } } }`;
  const args = () => ({ g: world.group('Математика', '5А').id, p: world.periodsOf()[1].id });

  it('opens the page to its teacher, the class teacher (read-only) and the director', async () => {
    for (const login of ['ivanova', 'smirnov', 'director']) {
      const { journal } = await (await server.as(login)).data(JOURNAL, args());
      expect(journal.students.map((s: { fullName: string }) => s.fullName)).toEqual(['Петров Пётр Ильич', 'Сидоров Иван']);
    }
  });

  it('keeps the class teacher from writing in a journal they do not teach', async () => {
    const classTeacher = await server.as('smirnov');
    const result = await putMark(classTeacher, {
      lessonId: (await lessonOn('2026-11-25')).id,
      studentId: world.user('vanya').id,
      value: '5',
      workTypeId: world.workType('У').id,
    });
    expect(errorOf(result).code).toBe('FORBIDDEN');
  });

  it('refuses the journal to a parent', async () => {
    expect(errorOf(await parent.execute(JOURNAL, args())).code).toBe('FORBIDDEN');
  });
});

describe('limits of what is typed (regression: a 500-character reason was an INTERNAL error)', () => {
  it('refuses a reason longer than the journal keeps, with BAD_USER_INPUT', async () => {
    const lesson = await lessonOn('2026-11-25');
    const result = await putMark(teacher, {
      lessonId: lesson.id,
      studentId: world.user('vanya').id,
      value: '5',
      workTypeId: world.workType('У').id,
      comment: 'о'.repeat(300),
    });
    expect(errorOf(result).code).toBe('BAD_USER_INPUT');
  });
});
