import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { errorOf, type GraphQLClient } from '../../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { Consent } from '../people/consent.entity.js';
import { Role } from '../../policy/roles.js';
import { Lesson } from '../timetable/timetable.entity.js';
import { LateEntry, LateEntryKind } from './history.entity.js';
import { MarkChange } from './journal.entity.js';

/**
 * Issue 18: deadlines by the school's settings, a reason for a late entry, the history of period marks, and
 * marks of a compromised account kept out of averages until reviewed. The clock is moved by each story:
 * Moscow is UTC+3, so 24:00 of 25 November is 2026-11-25T21:00:00Z.
 */
let now = new Date('2026-11-25T09:00:00Z');
const at = (iso: string) => {
  now = new Date(iso);
};
const EVERY_WEEKDAY: [number, number, string][] = [1, 2, 3, 4, 5].map((d) => [d, 1, '21']);

let server: TestServer;
let world: SeededWorld;
let teacher: GraphQLClient;
let director: GraphQLClient;

const lessonOn = (date: string, subject = 'Математика', className = '5А') =>
  server.orm.em.fork().findOneOrFail(Lesson, { group: world.group(subject, className), date });

const PUT = `mutation($i: PutMarkInput!) { putMark(input: $i) { id value backdated version } }`;
const put = async (client: GraphQLClient, date: string, student: string, code: string, extra: Record<string, unknown> = {}, className = '5А') =>
  client.execute(PUT, {
    i: {
      lessonId: (await lessonOn(date, 'Математика', className)).id,
      studentId: world.user(student).id,
      value: '4',
      workTypeId: world.workType(code).id,
      ...extra,
    },
  });
const ATTEND = `mutation($i: SetAttendanceInput!) { setAttendance(input: $i) { status } }`;
const HOMEWORK = `mutation($i: SetLessonContentInput!) { setLessonContent(input: $i) { homework } }`;
const FINAL = `mutation($i: SetFinalMarkInput!) { setFinalMark(input: $i) { id value version } }`;
const SETTINGS = `mutation($i: UpdateSchoolSettingsInput!) { updateSchoolSettings(input: $i) { sameDayUntilMinutes correctionsByAdministrationOnly } }`;
const settings = (i: Record<string, unknown>) => director.data(SETTINGS, { i: { schoolId: world.school().id, ...i } });
const LATE = { code: 'BAD_USER_INPUT', reason: 'LATE_ENTRY' };

beforeAll(async () => {
  server = await startTestServer({ clock: () => now });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика', 'Русский язык')
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withStaff('orlova', 'Орлова Дарья Сергеевна', [Role.TEACHER])
      .withStaff('director', 'Тихонов Виктор Павлович', [Role.DIRECTOR])
      .withStaff('admin', 'Гусев Павел Олегович', [Role.SCHOOL_ADMIN])
      .withStaff('deputy', 'Зайцева Ольга Ивановна', [Role.DEPUTY_DIRECTOR])
      .withStaff('smirnov', 'Смирнов Олег Ильич', [Role.TEACHER])
      .withClass('5А', { classTeacher: 'smirnov' })
      .withClass('10А')
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withStudent('vanya', 'Сидоров Иван', { inClass: '5А' })
      .withStudent('olga', 'Орлова Ольга', { inClass: '10А' })
      .withGroup('Математика', '5А', { teacher: 'ivanova', slots: EVERY_WEEKDAY })
      // On Thursdays 5А's school day ends with Russian as the 3rd lesson.
      .withGroup('Русский язык', '5А', { teacher: 'orlova', slots: [[4, 3, '22']] })
      .withGroup('Математика', '10А', { teacher: 'orlova', slots: EVERY_WEEKDAY }),
    { lessons: true },
  );
  const em = server.orm.em.fork();
  em.create(Consent, { school: world.school(), student: world.user('petya'), givenBy: world.user('petrova'), givenAt: now });
  await em.flush();
  teacher = await server.as('ivanova');
  director = await server.as('director');
});
afterAll(() => server.stop());

describe('school settings (issue 18)', () => {
  const READ = `query($s: ID!) { schoolSettings(schoolId: $s) { sameDayUntilMinutes writtenWorkDaysJunior writtenWorkDaysSenior homeworkMinutesAfterDay
    lessonEndTimes correctionsByAdministrationOnly periodMarkDaysBeforeEnd journalChecksPerMonth parentsInformedEveryDays preliminaryReportDaysBeforeEnd updatedAt } }`;

  it('start at the defaults the issue names, for the administration only', async () => {
    const { schoolSettings } = await director.data(READ, { s: world.school().id });
    expect(schoolSettings).toEqual({
      sameDayUntilMinutes: 1440,
      writtenWorkDaysJunior: 5,
      writtenWorkDaysSenior: 7,
      homeworkMinutesAfterDay: 120,
      lessonEndTimes: ['09:15', '10:10', '11:10', '12:10', '13:05', '14:00', '14:55', '15:50'],
      correctionsByAdministrationOnly: false,
      periodMarkDaysBeforeEnd: 3,
      journalChecksPerMonth: 2,
      parentsInformedEveryDays: 14,
      preliminaryReportDaysBeforeEnd: 14,
      updatedAt: null,
    });
    expect(errorOf(await teacher.execute(READ, { s: world.school().id })).code).toBe('FORBIDDEN');
    const refused = await teacher.execute(SETTINGS, { i: { schoolId: world.school().id, sameDayUntilMinutes: 1020 } });
    expect(errorOf(refused).code).toBe('FORBIDDEN');
    expect((await director.data(READ, { s: world.school().id })).schoolSettings.updatedAt).toBeNull();
  });

  it('refuses a bell schedule that is not in order', async () => {
    const bad = await director.execute(SETTINGS, { i: { schoolId: world.school().id, lessonEndTimes: '10:10, 09:15' } });
    expect(errorOf(bad)).toEqual({ code: 'BAD_USER_INPUT', reason: 'LESSON_TIMES_OUT_OF_ORDER', message: 'Lessons end later one after another.' });
  });
});

describe('deadlines of the day (R-T1)', () => {
  it('takes an oral mark until 24:00 of the lesson day, then only with a reason, flagged and recorded', async () => {
    at('2026-11-25T20:59:00Z');
    expect((await put(teacher, '2026-11-25', 'petya', 'У')).data?.putMark.backdated).toBe(false);
    at('2026-11-25T21:00:01Z');
    expect(errorOf(await put(teacher, '2026-11-25', 'vanya', 'У'))).toEqual({
      ...LATE,
      message: 'The mark was due by 2026-11-25T21:00:00.000Z: say why it is entered late.',
    });
    const late = await put(teacher, '2026-11-25', 'vanya', 'У', { reason: 'не было связи со школьным сервером' });
    expect(late.data?.putMark.backdated).toBe(true);
    expect(await server.orm.em.fork().count(LateEntry, { kind: LateEntryKind.MARK, recordId: late.data?.putMark.id })).toBe(1);
  });

  it("follows the school's own hour: with 17:00 set, a mark at 17:01 is late", async () => {
    await settings({ sameDayUntilMinutes: 17 * 60 });
    at('2026-11-26T14:01:00Z');
    expect(errorOf(await put(teacher, '2026-11-26', 'petya', 'У'))).toMatchObject(LATE);
    at('2026-11-26T13:59:00Z');
    expect((await put(teacher, '2026-11-26', 'petya', 'У')).data?.putMark.backdated).toBe(false);
    await settings({ sameDayUntilMinutes: 24 * 60 });
  });

  it('gives written work 5 days in grade 5 and 7 days in grade 10', async () => {
    at('2026-11-25T20:00:00Z');
    // A test written on Wednesday 18 November: the 5 days ended on the 23rd, the 7 days end on the 25th.
    expect(errorOf(await put(teacher, '2026-11-18', 'petya', 'КР'))).toMatchObject(LATE);
    const senior = await server.as('orlova');
    expect((await put(senior, '2026-11-18', 'olga', 'КР', {}, '10А')).data?.putMark.backdated).toBe(false);
    at('2026-11-25T21:00:01Z');
    expect(errorOf(await put(senior, '2026-11-18', 'olga', 'КР', {}, '10А'))).toMatchObject(LATE);
  });

  it('takes attendance the same day, and later only with a reason', async () => {
    const lesson = await lessonOn('2026-11-25');
    at('2026-11-25T20:00:00Z');
    expect(await teacher.data(ATTEND, { i: { lessonId: lesson.id, studentId: world.user('petya').id, status: 'ILL' } })).toEqual({
      setAttendance: { status: 'ILL' },
    });
    at('2026-11-26T06:00:00Z');
    const late = { lessonId: lesson.id, studentId: world.user('vanya').id, status: 'UNEXCUSED' };
    expect(errorOf(await teacher.execute(ATTEND, { i: late }))).toMatchObject(LATE);
    expect(await teacher.data(ATTEND, { i: { ...late, reason: 'отметил по бумажному списку' } })).toEqual({ setAttendance: { status: 'UNEXCUSED' } });
  });

  it("takes homework until 2 hours after the pupils' last lesson of the day, not the group's own", async () => {
    // Thursday: 5А's day ends with Russian, lesson 3 (11:10), so homework is due by 13:10 (10:10Z).
    at('2026-11-26T10:09:00Z');
    const thursday = await lessonOn('2026-11-26');
    expect(await teacher.data(HOMEWORK, { i: { lessonId: thursday.id, homework: '№ 101–103' } })).toEqual({ setLessonContent: { homework: '№ 101–103' } });
    // Friday: mathematics is the only lesson (ends 09:15), so homework is due by 11:15 (08:15Z).
    at('2026-11-27T08:16:00Z');
    const friday = await lessonOn('2026-11-27');
    expect(errorOf(await teacher.execute(HOMEWORK, { i: { lessonId: friday.id, homework: '№ 110' } }))).toMatchObject(LATE);
    expect(await teacher.data(HOMEWORK, { i: { lessonId: friday.id, homework: '№ 110', reason: 'задание уточнили после урока' } })).toEqual({
      setLessonContent: { homework: '№ 110' },
    });
  });
});

describe('period marks (R-T3) and their history (issue 18)', () => {
  const q2 = () => world.periodsOf()[1].id;
  const input = (student: string, value: string, extra: Record<string, unknown> = {}) => ({
    i: { groupId: world.group('Математика', '5А').id, studentId: world.user(student).id, kind: 'PERIOD', periodId: q2(), value, ...extra },
  });
  const MISSED = `query($p: ID!) { missedPeriodMarks(periodId: $p) { group { name subject { name } } students { fullName } dueAt } }`;
  type Missed = { group: { name: string; subject: { name: string } }; students: { fullName: string }[] };

  it('are due 3 days before the period ends; the deputy director sees the groups that missed it', async () => {
    // The 2nd quarter ends on Monday 28 December: marks are due by the end of Friday the 25th.
    at('2026-12-25T20:59:00Z');
    await teacher.data(FINAL, input('petya', '5'));
    expect((await (await server.as('deputy')).data(MISSED, { p: q2() })).missedPeriodMarks).toEqual([]);
    at('2026-12-26T09:00:00Z');
    expect(errorOf(await teacher.execute(FINAL, input('vanya', '4')))).toMatchObject(LATE);
    const { missedPeriodMarks } = await (await server.as('deputy')).data(MISSED, { p: q2() });
    expect(missedPeriodMarks.map((m: Missed) => [m.group.name, m.group.subject.name, m.students.map((s) => s.fullName)])).toEqual([
      ['10А', 'Математика', ['Орлова Ольга']],
      ['5А', 'Математика', ['Сидоров Иван']],
      ['5А', 'Русский язык', ['Петров Пётр Ильич', 'Сидоров Иван']],
    ]);
    expect(missedPeriodMarks[0].dueAt).toBe('2026-12-25T21:00:00.000Z');
    await teacher.data(FINAL, input('vanya', '4', { reason: 'ждали пересдачу контрольной' }));
  });

  it('keep every change for the family: old, new, who, when, why, and whether it was late', async () => {
    at('2026-12-26T10:00:00Z');
    const { studentTerm } = await (
      await server.as('petrova')
    ).data(`query($s: ID!, $p: ID!) { studentTerm(studentId: $s, periodId: $p) { periodMark { id version } } }`, {
      s: world.user('petya').id,
      p: q2(),
    });
    const mark = studentTerm.find((t: { periodMark: unknown }) => t.periodMark).periodMark;
    await teacher.data(FINAL, input('petya', '4', { version: mark.version, reason: 'ошибка при выставлении' }));
    const { studentTerm: after } = await (
      await server.as('petrova')
    ).data(
      `query($s: ID!, $p: ID!) { studentTerm(studentId: $s, periodId: $p) { periodMark { value history { version oldValue newValue reason late at author { shortName } } } } }`,
      { s: world.user('petya').id, p: q2() },
    );
    const ivanova = { shortName: 'Иванова А. П.' };
    expect(after.find((t: { periodMark: unknown }) => t.periodMark).periodMark).toEqual({
      value: '4',
      history: [
        { version: 1, oldValue: null, newValue: '5', reason: null, late: false, at: '2026-12-25T20:59:00.000Z', author: ivanova },
        { version: 2, oldValue: '5', newValue: '4', reason: 'ошибка при выставлении', late: true, at: '2026-12-26T10:00:00.000Z', author: ivanova },
      ],
    });
  });

  it('late entries of every kind are counted in the fill-rate report', async () => {
    const { fillRate } = await director.data(
      `query($s: ID!, $p: ID!) { fillRate(schoolId: $s, periodId: $p) { rows { group { name } subject { name } lateAttendance lateHomework latePeriodMarks } } }`,
      { s: world.school().id, p: q2() },
    );
    expect(fillRate.rows.find((r: { group: { name: string }; subject: { name: string } }) => r.group.name === '5А' && r.subject.name === 'Математика')).toEqual(
      {
        group: { name: '5А' },
        subject: { name: 'Математика' },
        lateAttendance: 1,
        lateHomework: 1,
        latePeriodMarks: 1,
      },
    );
  });
});

describe('corrections reserved to the administration (R-T2 setting)', () => {
  it("refuses a teacher's correction and late entry, writes nothing, and lets the director make them", async () => {
    at('2026-11-27T09:00:00Z');
    const { putMark } = await teacher.data(PUT, {
      i: { lessonId: (await lessonOn('2026-11-27')).id, studentId: world.user('petya').id, value: '3', workTypeId: world.workType('У').id },
    });
    await settings({ correctionsByAdministrationOnly: true });
    const CHANGE = `mutation($i: ChangeMarkInput!) { changeMark(input: $i) { value } }`;
    const change = { i: { markId: putMark.id, version: 1, value: '4', reason: 'пересчитал баллы' } };
    const changes = () => server.orm.em.fork().count(MarkChange);
    const before = await changes();
    expect(errorOf(await teacher.execute(CHANGE, change))).toEqual({
      code: 'FORBIDDEN',
      message: 'In this school corrections and late entries are made by the administration.',
      reason: 'CORRECTIONS_BY_ADMINISTRATION',
    });
    at('2026-11-28T09:00:00Z');
    expect(errorOf(await put(teacher, '2026-11-27', 'vanya', 'У', { reason: 'забыл вчера' })).reason).toBe('CORRECTIONS_BY_ADMINISTRATION');
    expect(await changes()).toBe(before);
    expect(await director.data(CHANGE, change)).toEqual({ changeMark: { value: '4' } });
    await settings({ correctionsByAdministrationOnly: false });
    expect((await teacher.data(CHANGE, { i: { ...change.i, version: 2, value: '5' } })).changeMark.value).toBe('5');
  });
});

describe('marks made from a compromised account (R-A2, issue 18)', () => {
  const TERM = `query($s: ID!, $p: ID!) { studentTerm(studentId: $s, periodId: $p) { group { name } average { weighted markCount } marks { id value flagged retracted } } }`;
  const REVIEW = `mutation($m: ID!, $v: Int!, $c: Boolean!, $r: String!) { reviewFlaggedMark(markId: $m, version: $v, confirm: $c, reason: $r) { flagged retracted history { kind reason } } }`;

  it('flags them, keeps them out of averages, and lets the director or the journal administrator confirm or retract them', async () => {
    at('2026-12-01T09:00:00Z');
    const parent = await server.as('petrova');
    const before = (await parent.data(TERM, { s: world.user('petya').id, p: world.periodsOf()[1].id })).studentTerm[0].average;
    const two = await put(teacher, '2026-12-01', 'petya', 'У', { value: '2' });
    const five = await put(teacher, '2026-12-01', 'petya', 'У', { value: '5' });
    at('2026-12-01T10:00:00Z');
    const { reportCompromise } = await director.data(`mutation($i: ReportCompromiseInput!) { reportCompromise(input: $i) { flaggedMarks } }`, {
      i: { userId: world.user('ivanova').id, since: '2026-12-01T08:30:00.000Z' },
    });
    expect(reportCompromise.flaggedMarks).toBe(2);

    const term = (await parent.data(TERM, { s: world.user('petya').id, p: world.periodsOf()[1].id })).studentTerm[0];
    expect(term.average).toEqual(before);
    expect(
      term.marks
        .filter((m: { flagged: boolean }) => m.flagged)
        .map((m: { value: string }) => m.value)
        .sort(),
    ).toEqual(['2', '5']);
    const { flaggedMarks } = await director.data(`query($s: ID!) { flaggedMarks(schoolId: $s) { id value } }`, { s: world.school().id });
    expect(flaggedMarks.map((m: { value: string }) => m.value)).toEqual(['2', '5']);

    const args = (id: string, confirm: boolean) => ({ m: id, v: 1, c: confirm, r: confirm ? 'учитель подтвердил оценку' : 'выставлена не учителем' });
    expect(errorOf(await (await server.as('deputy')).execute(REVIEW, args(five.data!.putMark.id, true))).code).toBe('FORBIDDEN');
    expect((await director.data(REVIEW, args(five.data!.putMark.id, true))).reviewFlaggedMark).toEqual({
      flagged: false,
      retracted: false,
      history: [
        { kind: 'CREATED', reason: null },
        { kind: 'CONFIRMED', reason: 'учитель подтвердил оценку' },
      ],
    });
    const admin = await server.as('admin');
    expect((await admin.data(REVIEW, args(two.data!.putMark.id, false))).reviewFlaggedMark).toMatchObject({ flagged: false, retracted: true });
    const reviewed = (await parent.data(TERM, { s: world.user('petya').id, p: world.periodsOf()[1].id })).studentTerm[0];
    expect(reviewed.average.markCount).toBe(before.markCount + 1);
  });
});

describe('duties with due dates (002 §2.13, §3.3; 003 §2.2.2, §2.2.3)', () => {
  const DUTIES = `query($s: ID!, $f: LocalDate!, $t: LocalDate!) { duties(schoolId: $s, from: $f, to: $t) { kind className dueOn overdue doneAt doneBy { shortName } } }`;
  const DONE = `mutation($i: RecordDutyDoneInput!) { recordDutyDone(input: $i) { kind dueOn overdue doneAt } }`;
  const range = { f: '2026-12-01', t: '2026-12-31' };

  it("lists the class teacher's checks twice a month, informing parents every 2 weeks and the preliminary report; the deputy's monthly report", async () => {
    at('2026-12-17T09:00:00Z');
    const classTeacher = await server.as('smirnov');
    const { duties } = await classTeacher.data(DUTIES, { s: world.school().id, ...range });
    expect(duties.map((d: { kind: string; dueOn: string; overdue: boolean }) => [d.kind, d.dueOn, d.overdue])).toEqual([
      // Every 14 days from 1 September: 14 Sep, 28 Sep … 7 Dec, 21 Dec.
      ['PARENTS_INFORMED', '2026-12-07', true],
      // The 2nd quarter ends on 28 December: the preliminary report is due 2 weeks before.
      ['PRELIMINARY_REPORT', '2026-12-14', true],
      ['JOURNAL_CHECK', '2026-12-16', true],
      ['PARENTS_INFORMED', '2026-12-21', false],
      ['JOURNAL_CHECK', '2026-12-31', false],
    ]);
    const { duties: all } = await (await server.as('deputy')).data(DUTIES, { s: world.school().id, ...range });
    expect(all.filter((d: { kind: string }) => d.kind === 'MONTHLY_REPORT').map((d: { dueOn: string }) => d.dueOn)).toEqual(['2026-12-31']);
  });

  it('records a duty done by whoever it falls to, and only a duty that is due', async () => {
    const classTeacher = await server.as('smirnov');
    const check = { schoolId: world.school().id, kind: 'JOURNAL_CHECK', classId: world.class('5А').id, dueOn: '2026-12-16', note: 'темы и отметки заполнены' };
    // A teacher who leads no class (ivanova's sessions ended with the compromise report above).
    expect(errorOf(await (await server.as('orlova')).execute(DONE, { i: check })).code).toBe('FORBIDDEN');
    expect(errorOf(await classTeacher.execute(DONE, { i: { ...check, dueOn: '2026-12-17' } }))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'NO_SUCH_DUTY',
      message: 'No such duty is due on 2026-12-17.',
    });
    expect(await classTeacher.data(DONE, { i: check })).toEqual({
      recordDutyDone: { kind: 'JOURNAL_CHECK', dueOn: '2026-12-16', overdue: false, doneAt: '2026-12-17T09:00:00.000Z' },
    });
    const { duties } = await classTeacher.data(DUTIES, { s: world.school().id, ...range });
    expect(duties.find((d: { kind: string; dueOn: string }) => d.kind === 'JOURNAL_CHECK' && d.dueOn === '2026-12-16')).toMatchObject({
      overdue: false,
      doneBy: { shortName: 'Смирнов О. И.' },
    });
    const report = { schoolId: world.school().id, kind: 'MONTHLY_REPORT', dueOn: '2026-12-31' };
    expect(errorOf(await classTeacher.execute(DONE, { i: report })).code).toBe('FORBIDDEN');
    expect((await (await server.as('deputy')).data(DONE, { i: report })).recordDutyDone.kind).toBe('MONTHLY_REPORT');
  });
});
