/**
 * The audit log names what each change was about (issue 17: people by name, objects by what they
 * are, not UUIDs): a class by its name, a person by theirs, a mark by its value, student and subject.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { Role } from '../../policy/roles.js';
import { Lesson } from '../timetable/timetable.entity.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';

let server: TestServer;
let world: SeededWorld;

beforeAll(async () => {
  server = await startTestServer({ clock: () => new Date('2026-11-25T09:00:00Z') });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('director', 'Тихонов Виктор Павлович', [Role.DIRECTOR])
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withClass('5А', { classTeacher: 'ivanova' })
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А' })
      .withGroup('Математика', '5А', { teacher: 'ivanova', slots: [[3, 2]] }),
    { lessons: true },
  );
}, 60_000);
afterAll(() => server?.stop());

it('says what each change was about in words: the class, the person, the mark', async () => {
  const director = await server.as('director');
  const teacher = await server.as('ivanova');
  await director.data(`mutation($y: ID!) { createClass(input: { yearId: $y, grade: 6, letter: "Б" }) { id } }`, { y: world.class('5А').year.id });
  await director.data(`mutation($u: ID!) { updatePerson(input: { userId: $u, phone: "+7 900 000-00-00" }) { id } }`, { u: world.user('ivanova').id });
  const lesson = await server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date: '2026-11-25' });
  await teacher.data(`mutation($input: PutMarkInput!) { putMark(input: $input) { id } }`, {
    input: { lessonId: lesson.id, studentId: world.user('petya').id, value: '5', workTypeId: world.workType('У').id },
  });

  const { auditLog } = await director.data(`query($s: ID!) { auditLog(schoolId: $s, first: 10) { edges { node { action about } } } }`, {
    s: world.school('Школа № 1').id,
  });
  const about = Object.fromEntries(auditLog.edges.map((e: { node: { action: string; about: string | null } }) => [e.node.action, e.node.about]));
  expect(about).toMatchObject({
    'class.create': '6Б',
    'person.update': 'Иванова Анна Петровна',
    'mark.create': '«5» Петров П. И., Математика, 25.11.2026',
  });
});
