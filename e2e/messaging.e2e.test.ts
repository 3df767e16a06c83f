import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { school, type SeededWorld } from '../packages/server/src/db/seeders/school-builder.js';
import { Role } from '../packages/server/src/policy/roles.js';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.js';
import { holdNextAnswer, launchChromium, operationOf, screenshot, signedIn } from './browser.js';

/**
 * Issue 7 in the browser: a teacher writes to a parent (with a file); the parent's unread badge
 * shows it; the parent reads and answers; the teacher sees the answer and the read receipt; a
 * withdrawn message stays visible as withdrawn.
 *
 * Everything arrives live through `messageEvents`: the polling safety net (5 minutes) never gets a
 * chance within the test's 10-second waits.
 */
const NOW = new Date('2026-11-25T09:00:00Z');

let server: TestServer;
let world: SeededWorld;
let browser: Browser;

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000 });

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

const signIn = (login: string, hash: string): Promise<Page> => signedIn(browser, server.url, login, { now: NOW, hash });

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withStaff('smirnova', 'Смирнова Ольга Викторовна', [Role.TEACHER])
      .withClass('5А', { classTeacher: 'smirnova' })
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withConsent('petya')
      .withGroup('Математика', '5А', { teacher: 'ivanova', slots: [[1, 2, '21']] }),
    { lessons: true },
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('takes a teacher’s letter to the parent’s unread badge; the parent answers and the teacher sees it', async () => {
  const petrova = world.user('petrova').id;
  const parent = await signIn('petrova', '#/');
  expect(await parent.getByTestId('unread-badge').count()).toBe(0);

  // The teacher picks the parent among the contacts and writes, with a file.
  const teacher = await signIn('ivanova', '#/messages/new');
  await teacher.getByTestId('contact-search').fill('Петрова');
  await teacher.getByTestId(`contact-${petrova}`).check();
  await teacher.getByTestId('compose-subject').fill('Контрольная работа');
  await teacher.getByTestId('compose-body').fill('Пётр хорошо написал контрольную, поздравляю!');
  await teacher.getByTestId('compose-files').setInputFiles({ name: 'task.png', mimeType: 'image/png', buffer: PNG });
  await teacher.getByTestId('compose-send').click();
  await poll(() => teacher.getByTestId('messages').textContent()).toContain('Пётр хорошо написал контрольную');
  expect(await teacher.getByTestId('message-receipt').textContent()).toBe('Не прочитано');

  // The parent's badge counts it, without a reload.
  await poll(() => parent.getByTestId('unread-badge').textContent()).toBe('1');

  // The parent opens it: the file is there, the badge goes.
  await parent.getByTestId('nav-messages').click();
  await parent.locator('[data-testid^="conversation-"]').first().click();
  await poll(() => parent.getByTestId('messages').textContent()).toContain('Пётр хорошо написал контрольную');
  expect(await parent.getByTestId('messages').textContent()).toContain('task.png');
  await poll(() => parent.getByTestId('unread-badge').count()).toBe(0);

  // The teacher sees the receipt; the parent answers; the teacher sees the answer.
  await poll(() => teacher.getByTestId('message-receipt').textContent()).toContain('Прочитано: Петрова М. И.');
  await parent.getByTestId('compose-body').fill('Спасибо, Анна Петровна!');
  await parent.getByTestId('compose-send').click();
  await poll(() => teacher.getByTestId('messages').textContent()).toContain('Спасибо, Анна Петровна!');
  await screenshot(teacher, 'conversation', { fullPage: true });

  // A message sent by mistake is withdrawn: both sides see that it was, not what it said.
  await teacher.getByTestId('compose-body').fill('Ошибочное сообщение');
  await teacher.getByTestId('compose-send').click();
  const mistaken = teacher.locator('li.message', { hasText: 'Ошибочное сообщение' });
  await mistaken.waitFor();
  teacher.once('dialog', (dialog) => void dialog.accept());
  await mistaken.locator('[data-testid^="retract-"]').click();
  await poll(() => teacher.getByTestId('message-retracted').count()).toBe(1);
  await poll(() => parent.getByTestId('message-retracted').count()).toBe(1);
  expect(await parent.getByTestId('messages').textContent()).not.toContain('Ошибочное сообщение');
});

it('keeps a withdrawal on screen when the conversation’s answer, read before it, arrives after it', async () => {
  const teacher = await signIn('ivanova', '#/messages');
  await teacher.locator('[data-testid^="conversation-"]').first().click();
  await teacher.getByTestId('compose-body').fill('Напоминаю про тетради');
  await teacher.getByTestId('compose-send').click();
  const written = teacher.locator('li.message', { hasText: 'Напоминаю про тетради' });
  await written.waitFor();
  // By its id: withdrawn, it no longer shows its text.
  const mistaken = teacher.getByTestId((await written.getAttribute('data-testid'))!);

  // The teacher writes again; the conversation's reload after it is read by the server now, delivered later.
  const answer = await holdNextAnswer(teacher, 'Conversation');
  await teacher.getByTestId('compose-body').fill('Тетради не нужны, извините');
  await teacher.getByTestId('compose-send').click();
  await answer.read;

  // Meanwhile the first one is withdrawn: the screen shows it from the mutation's answer. (The live event of the
  // withdrawal comes too; the conversation's reload it asks for joins the request on its way.)
  const retracted = teacher.waitForResponse((r) => r.url().endsWith('/graphql') && operationOf(r.request().postData()) === 'RetractMessage');
  teacher.once('dialog', (dialog) => void dialog.accept());
  await mistaken.locator('[data-testid^="retract-"]').click();
  await retracted;
  await poll(() => mistaken.getByTestId('message-retracted').count()).toBe(1);

  // The reload's answer (read before the withdrawal) arrives: the second letter shows, and the withdrawal with it.
  answer.release();
  await poll(() => teacher.getByTestId('messages').textContent()).toContain('Тетради не нужны, извините');
  expect(await mistaken.getByTestId('message-retracted').count()).toBe(1);
});

it('lets a teacher announce to all parents of a group at once; the parent finds it in the inbox', async () => {
  const group = world.group('Математика', '5А');
  const teacher = await signIn('ivanova', '#/messages/new');
  await teacher.getByTestId(`audience-group:${group.id}`).check();
  await teacher.getByTestId('compose-subject').fill('Экскурсия в планетарий');
  await teacher.getByTestId('compose-body').fill('В пятницу едем в планетарий, нужна подпись родителей.');
  await teacher.getByTestId('compose-send').click();
  // An announcement: each family gets it in a conversation of its own (issue 17).
  await poll(() => teacher.getByTestId('announcement-sent').textContent()).toContain('Объявление отправлено');

  const parent = await signIn('petrova', '#/messages');
  await poll(() => parent.getByTestId('inbox').textContent()).toContain('Экскурсия в планетарий');
});

it('opens a long conversation at its latest 50 messages and shows the earlier ones on request, none missing', async () => {
  // Sixty messages of one instant (the clock stands still): only the order they were recorded in tells them apart.
  const teacher = await server.as('ivanova');
  const { startConversation } = await teacher.data(`mutation($input: StartConversationInput!) { startConversation(input: $input) { id } }`, {
    input: { schoolId: world.school().id, to: world.user('petrova').id, subject: 'Дневник наблюдений', body: 'Запись 0' },
  });
  for (let n = 1; n < 60; n++) {
    await teacher.data(`mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }`, {
      input: { conversationId: startConversation.id, body: `Запись ${n}` },
    });
  }

  const parent = await signIn('petrova', `#/messages/${startConversation.id}`);
  const bodies = () => parent.locator('[data-testid="messages"] > li').allTextContents();
  await poll(async () => (await bodies()).length).toBe(50);
  expect((await bodies())[0]).toContain('Запись 10');
  expect((await bodies())[49]).toContain('Запись 59');

  await parent.getByRole('button', { name: 'Показать более ранние сообщения' }).click();
  await poll(async () => (await bodies()).length).toBe(60);
  expect((await bodies()).map((text) => Number(/Запись (\d+)/.exec(text)![1]))).toEqual(Array.from({ length: 60 }, (_, n) => n));
  // All of it is on screen: nothing earlier to ask for.
  expect(await parent.getByRole('button', { name: 'Показать более ранние сообщения' }).count()).toBe(0);
});
