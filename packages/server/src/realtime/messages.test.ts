/** `messageEvents`: a person's conversations, live (issue 7 over the realtime layer of issue 6). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../db/seeders/school-builder.js';
import { Role } from '../policy/roles.js';
import type { GraphQLClient } from '../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { LiveSubscription, wsClient } from './testing/live-client.js';

const NOW = new Date('2026-11-25T09:00:00Z');
const MESSAGES = `subscription($s: ID!, $after: ID) { messageEvents(schoolId: $s, after: $after) { id type conversationId messageId } }`;
const START = `mutation($input: StartConversationInput!) { startConversation(input: $input) { id } }`;
const SEND = `mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }`;

let server: TestServer;
let world: SeededWorld;

async function subscribe(client: GraphQLClient, variables: Record<string, unknown>) {
  const sub = new LiveSubscription<{ messageEvents: { id: string; type: string; conversationId: string; messageId: string | null } }>(
    wsClient(server.url, client.token),
    MESSAGES,
    variables,
  );
  const opened = server.app.realtime.opened;
  const deadline = Date.now() + 5000;
  while (server.app.realtime.opened === opened && !sub.errors && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  return sub;
}

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed([
    school('Школа № 1')
      .inYear(2026)
      .withStaff('math', 'Иванова Анна Петровна', [Role.TEACHER])
      .withClass('5А')
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withParent('sidorova', 'Сидорова Нина Павловна')
      .withStudent('vanya', 'Сидоров Иван', { inClass: '5А', parents: ['sidorova'] })
      .withConsent('petya', 'petrova')
      .withConsent('vanya', 'sidorova'),
    school('Школа № 2').inYear(2026).withStaff('stranger', 'Козлов Пётр Андреевич', [Role.TEACHER]),
  ]);
});
afterAll(() => server.stop());

describe('messages, live', () => {
  it("brings a teacher's letter to the parent at once, and the parent's answer back to the teacher", async () => {
    const teacher = await server.as('math');
    const parent = await server.as('petrova');
    const parentStream = await subscribe(parent, { s: world.school('Школа № 1').id });
    const teacherStream = await subscribe(teacher, { s: world.school('Школа № 1').id });
    const otherParentStream = await subscribe(await server.as('sidorova'), { s: world.school('Школа № 1').id });

    const { startConversation } = await teacher.data(START, {
      input: { schoolId: world.school('Школа № 1').id, to: world.user('petrova').id, subject: 'Контрольная', body: 'Петя пропустил контрольную.' },
    });
    await parentStream.count(1);
    expect(parentStream.events[0].data.messageEvents).toMatchObject({ type: 'MESSAGE_RECEIVED', conversationId: startConversation.id });

    await parent.data(SEND, { input: { conversationId: startConversation.id, body: 'Спасибо, перепишет в четверг.' } });
    await teacherStream.until((s) => s.events.some((e) => e.data.messageEvents.type === 'MESSAGE_RECEIVED'), 10_000, 'the answer');

    // Another family's parent is told nothing.
    await otherParentStream.nothingFor(500);
    expect(otherParentStream.events).toEqual([]);
  });

  it('resumes after the last event seen, without repeating it', async () => {
    const teacher = await server.as('math');
    const parent = await server.as('petrova');
    const first = await subscribe(parent, { s: world.school('Школа № 1').id });
    const { startConversation } = await teacher.data(START, {
      input: { schoolId: world.school('Школа № 1').id, to: world.user('petrova').id, subject: 'Экскурсия', body: 'В пятницу экскурсия.' },
    });
    await first.count(1);
    const cursor = first.events[0].data.messageEvents.id;
    await teacher.data(SEND, { input: { conversationId: startConversation.id, body: 'Сбор в 9:00.' } });
    const resumed = await subscribe(parent, { s: world.school('Школа № 1').id, after: cursor });
    await resumed.count(1);
    await resumed.nothingFor(300);
    expect(resumed.events.map((e) => e.data.messageEvents.id)).not.toContain(cursor);
    expect(resumed.events).toHaveLength(1);
  });

  it('refuses a school the viewer does not belong to, as if it did not exist', async () => {
    const stranger = await server.as('stranger');
    const sub = await subscribe(stranger, { s: world.school('Школа № 1').id });
    await sub.until((s) => s.errors !== null || s.failures.length > 0, 5000, 'the refusal');
    const refusal = sub.errors?.[0] ?? sub.failures[0]?.errors?.[0];
    expect(refusal?.extensions?.code).toBe('NOT_FOUND');
    expect(sub.events).toEqual([]);
  });
});
