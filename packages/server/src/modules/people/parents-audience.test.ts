/**
 * Issue 14, class 6: a conversation with all parents of a class follows the children's class as of
 * the day — a parent whose child left the class stops reading it, the parent of a newcomer starts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { runAccountLifecycle } from '../../jobs/account-lifecycle.js';
import { errorOf } from '../../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { Role } from '../../policy/roles.js';

/** The school's clock, moved by the story (09:00 UTC is noon in Moscow). */
let now = new Date('2026-11-16T09:00:00Z');
const on = (day: string) => {
  now = new Date(`${day}T09:00:00Z`);
};

let server: TestServer;
let world: SeededWorld;

beforeAll(async () => {
  server = await startTestServer({ clock: () => now });
  world = await server.seed(
    school('Школа')
      .inYear(2026)
      .withStaff('klass5', 'Соболева Ирина Павловна', [Role.TEACHER])
      .withStaff('secretary', 'Зуева Наталья Олеговна', [Role.SECRETARY])
      .withClass('5А', { classTeacher: 'klass5' })
      .withClass('5Б')
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withParent('sidorova', 'Сидорова Анна Львовна')
      .withStudent('masha', 'Сидорова Мария Олеговна', { inClass: '5А', parents: ['sidorova'] })
      .withParent('orlova', 'Орлова Вера Павловна')
      .withStudent('vanya', 'Орлов Иван', { inClass: '5Б', parents: ['orlova'] }),
  );
});
afterAll(() => server.stop());

const START = `mutation($input: StartConversationInput!) { startConversation(input: $input) { id } }`;
const READ = `query($id: ID!) { conversation(id: $id) { subject } }`;
const TRANSFER = `mutation($input: RecordMovementInput!) { recordMovement(input: $input) { id } }`;
const transfer = (student: string, toClass: string, effectiveOn: string) => ({
  input: {
    schoolId: world.school().id,
    studentId: world.user(student).id,
    kind: 'TRANSFER',
    toClassId: world.class(toClass).id,
    effectiveOn,
    orderNumber: '15-у',
    orderDate: '2026-11-16',
  },
});
const reads = async (login: string, id: string) => {
  const result = await (await server.as(login)).execute(READ, { id });
  return result.data?.conversation ? true : errorOf(result).code;
};

describe("the parents' chat of a class (asked for explicitly)", () => {
  it('follows a transfer dated in advance on its day, and one taking effect today at once', async () => {
    const teacher = await server.as('klass5');
    const { startConversation } = await teacher.data(START, {
      input: {
        schoolId: world.school().id,
        classId: world.class('5А').id,
        parentsChat: true,
        subject: 'Родительское собрание',
        body: 'Собрание в четверг в 18:00.',
      },
    });
    const secretary = await server.as('secretary');
    await secretary.data(TRANSFER, transfer('masha', '5Б', '2026-11-23'));

    // Recorded today, in force next Monday: until then Masha is in 5А.
    expect(await reads('sidorova', startConversation.id)).toBe(true);

    on('2026-11-23');
    await runAccountLifecycle(server.orm.em, now);
    expect(await reads('sidorova', startConversation.id)).toBe('NOT_FOUND');
    expect(await reads('petrova', startConversation.id)).toBe(true);

    expect(await reads('orlova', startConversation.id)).toBe('NOT_FOUND');
    await secretary.data(TRANSFER, transfer('vanya', '5А', '2026-11-23'));
    expect(await reads('orlova', startConversation.id)).toBe(true);
  });

  it('drops a parent whose link to the child ends, and takes them back when linked again', async () => {
    const { startConversation } = await (
      await server.as('klass5')
    ).data(START, {
      input: { schoolId: world.school().id, classId: world.class('5А').id, parentsChat: true, subject: 'Экскурсия', body: 'Сбор в 9:00.' },
    });
    const secretary = await server.as('secretary');
    const link = { p: world.user('petrova').id, s: world.user('petya').id };
    expect(await reads('petrova', startConversation.id)).toBe(true);

    await secretary.data(`mutation($p: ID!, $s: ID!) { endGuardianship(parentId: $p, studentId: $s, reason: "ошибочная привязка") }`, link);
    expect(await reads('petrova', startConversation.id)).toBe('NOT_FOUND');

    await secretary.data(
      `mutation($p: ID!, $s: ID!) { linkGuardian(parentId: $p, studentId: $s, kind: MOTHER, reason: "заявление матери") { fullName } }`,
      link,
    );
    expect(await reads('petrova', startConversation.id)).toBe(true);
  });
});
