import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { errorOf, morningOf } from '../../testing/graphql-client.js';
import { Consent } from '../people/consent.entity.js';
import { Role } from '../../policy/roles.js';

let server: TestServer;
let world: SeededWorld;

beforeAll(async () => {
  server = await startTestServer();
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика', 'Физика')
      .withStaff('zavuch', 'Громова Людмила Андреевна', [Role.DEPUTY_DIRECTOR])
      .withStaff('secretary', 'Зуева Наталья Олеговна', [Role.SECRETARY])
      .withStaff('klass9', 'Соболев Андрей Николаевич', [Role.TEACHER])
      .withClass('9А', { classTeacher: 'klass9' })
      .withClass('5А')
      .withParent('mama9', 'Орлова Анна Игоревна')
      .withStudent('pupil9', 'Орлов Илья', { inClass: '9А', parents: ['mama9'] })
      .withParent('mama5', 'Зайцева Ольга Петровна')
      .withStudent('pupil5', 'Зайцев Егор', { inClass: '5А', parents: ['mama5'] }),
  );
  const em = server.orm.em.fork();
  for (const [parent, child] of [
    ['mama9', 'pupil9'],
    ['mama5', 'pupil5'],
  ]) {
    em.create(Consent, { school: world.school(), student: world.user(child), givenBy: world.user(parent), givenAt: server.clock() });
  }
  await em.flush();
});
afterAll(() => server.stop());

describe('the events calendar (R-D2)', () => {
  const CREATE = `mutation($input: CreateSchoolEventInput!) { createSchoolEvent(input: $input) { title classId } }`;
  const LIST = `query($s: ID!) { events(schoolId: $s, from: "2026-12-01T00:00:00Z", to: "2026-12-31T00:00:00Z") { title } }`;

  it("shows a class event to that class's families only, and a school event to everyone", async () => {
    const classTeacher = await server.as('klass9');
    await classTeacher.data(CREATE, {
      input: { schoolId: world.school().id, classId: world.class('9А').id, title: 'Родительское собрание 9А', startsAt: '2026-12-10T15:00:00Z' },
    });
    const deputy = await server.as('zavuch');
    await deputy.data(CREATE, { input: { schoolId: world.school().id, title: 'Новогодний концерт', startsAt: '2026-12-25T10:00:00Z' } });

    const titles = async (login: string) =>
      ((await (await server.as(login)).data(LIST, { s: world.school().id })).events as { title: string }[]).map((e) => e.title);
    expect(await titles('mama9')).toEqual(['Родительское собрание 9А', 'Новогодний концерт']);
    expect(await titles('mama5')).toEqual(['Новогодний концерт']);
  });

  it('keeps a teacher from posting school events and a class teacher from posting to another class', async () => {
    const classTeacher = await server.as('klass9');
    expect(
      errorOf(await classTeacher.execute(CREATE, { input: { schoolId: world.school().id, title: 'Праздник', startsAt: '2026-12-20T10:00:00Z' } })).code,
    ).toBe('FORBIDDEN');
    expect(
      errorOf(
        await classTeacher.execute(CREATE, {
          input: { schoolId: world.school().id, classId: world.class('5А').id, title: 'Чужое', startsAt: '2026-12-20T10:00:00Z' },
        }),
      ).code,
    ).toBe('FORBIDDEN');
  });
});

describe('state exams (R-D3, R-D5)', () => {
  const CHOOSE = `mutation($s: ID!, $sub: ID!, $k: ExamKind!) { chooseExam(studentId: $s, subjectId: $sub, kind: $k) { id kind subject { name } } }`;

  it('records an ОГЭ choice for a ninth-grader and refuses ЕГЭ in grade 9', async () => {
    const secretary = await server.as('secretary');
    const wrong = await secretary.execute(CHOOSE, { s: world.user('pupil9').id, sub: world.subject('Физика').id, k: 'EGE' });
    expect(errorOf(wrong)).toEqual({ code: 'BAD_USER_INPUT', message: 'ЕГЭ is taken in grade 11; the student is in grade 9.', reason: 'WRONG_GRADE_FOR_EXAM' });
    const { chooseExam } = await secretary.data(CHOOSE, { s: world.user('pupil9').id, sub: world.subject('Физика').id, k: 'OGE' });
    await secretary.data(`mutation($input: ExamResultInput!) { recordExamResult(input: $input) { score mark } }`, {
      input: { examId: chooseExam.id, examDate: '2027-06-03', score: 31, mark: 4 },
    });
  });

  it('records a choice made from 20 sessions at once once: the others are told it is chosen or get CONFLICT, never INTERNAL', async () => {
    const sessions = await Promise.all([1, 2, 3, 4].map(() => server.as('secretary')));
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => sessions[i % 4].execute(CHOOSE, { s: world.user('pupil9').id, sub: world.subject('Математика').id, k: 'OGE' })),
    );
    expect(answers.filter((a) => !a.errors)).toHaveLength(1);
    const refusals = new Set(answers.filter((a) => a.errors).map((a) => errorOf(a).code));
    expect([...refusals].every((code) => code === 'BAD_USER_INPUT' || code === 'CONFLICT')).toBe(true);
    const [{ n }] = await server.orm.em
      .fork()
      .getConnection()
      .execute<{ n: string }[]>(`select count(*) as n from exam_entry where student_id = ? and subject_id = ?`, [
        world.user('pupil9').id,
        world.subject('Математика').id,
      ]);
    expect(Number(n)).toBe(1);
  });

  it("shows the family the choice and the result, and nobody else's family", async () => {
    const EXAMS = `query($s: ID!) { exams(studentId: $s) { kind score mark subject { name } } }`;
    expect((await (await server.as('mama9')).data(EXAMS, { s: world.user('pupil9').id })).exams).toEqual([
      { kind: 'OGE', score: 31, mark: 4, subject: { name: 'Физика' } },
      { kind: 'OGE', score: null, mark: null, subject: { name: 'Математика' } },
    ]);
    expect(errorOf(await (await server.as('mama5')).execute(EXAMS, { s: world.user('pupil9').id })).code).toBe('NOT_FOUND');
  });
});

describe('the calendar across a transfer recorded ahead (R-D2)', () => {
  const CREATE = `mutation($input: CreateSchoolEventInput!) { createSchoolEvent(input: $input) { title } }`;
  const TRANSFER = `mutation($input: RecordMovementInput!) { recordMovement(input: $input) { kind } }`;
  const LIST = `query($s: ID!) { events(schoolId: $s, from: "2026-11-30T00:00:00Z", to: "2026-12-06T00:00:00Z") { title } }`;
  const on = morningOf('2026-11-25');

  it('keeps showing the family the events of the class their child is in now, after a transfer to another class later is recorded', async () => {
    const deputy = (await server.as('zavuch')).at(on);
    await deputy.data(CREATE, {
      input: { schoolId: world.school().id, classId: world.class('5А').id, title: 'Экскурсия 5А', startsAt: '2026-12-03T09:00:00Z' },
    });
    const secretary = (await server.as('secretary')).at(on);
    await secretary.data(TRANSFER, {
      input: {
        schoolId: world.school().id,
        studentId: world.user('pupil5').id,
        kind: 'TRANSFER',
        effectiveOn: '2026-12-15',
        toClassId: world.class('9А').id,
        orderNumber: '31-у',
        orderDate: '2026-11-25',
      },
    });
    const { events } = await (await server.as('mama5')).at(on).data(LIST, { s: world.school().id });
    expect(events).toEqual([{ title: 'Экскурсия 5А' }]);
  });
});
