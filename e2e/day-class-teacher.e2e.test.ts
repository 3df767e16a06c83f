import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SeededWorld } from '../packages/server/src/db/seeders/school-builder.js';
import { Lesson } from '../packages/server/src/modules/timetable/timetable.entity.js';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.js';
import { launchChromium, signedIn } from './browser.js';
import { DESKTOP, EVERY_WEEKDAY, fitsWidth, PHONE, photograph, poll, walkSchool } from './walk.js';

/**
 * A class teacher's day, every step a click or a keystroke (issue 17): the mathematics teacher, in
 * her browser, gives 5А today's marks and an absence; one mother opens her son's diary in hers.
 * The class teacher, in hers, follows the class on the monitor (every mark and absence of today),
 * sees which parents have not opened the diary this week, the consent register and the month's
 * absence register, and writes to all the class's parents as an announcement: each family gets it
 * alone and sees no other parent. At 1366×900 and 390×844 (no sideways scrolling there).
 *
 * "Now" is Wednesday 25 November 2026, noon in Moscow, for the server and the pages.
 */
const NOW = new Date('2026-11-25T09:00:00Z');

let server: TestServer;
let world: SeededWorld;
let browser: Browser;

const signIn = (login: string, viewport: { width: number; height: number } = DESKTOP, hash = '#/'): Promise<Page> =>
  signedIn(browser, server.url, login, { now: NOW, hash, viewport });

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    walkSchool({
      staff: ['smirnova'],
      classes: { '5А': { classTeacher: 'smirnova', pupils: ['petya', 'anya', 'vanya', 'kolya'] }, '6А': { pupils: ['katya'] } },
      mothers: ['petrova', 'sidorova', 'kozlova'],
      consents: ['petya', 'anya', 'vanya'],
      mathematics: EVERY_WEEKDAY,
    }),
    { lessons: true },
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it("the class teacher's day: the monitor, parents who have not looked, consents, absences, an announcement to the class's parents", async () => {
  const lesson = await server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date: '2026-11-25' });
  const [petya, anya, vanya, kolya] = ['petya', 'anya', 'vanya', 'kolya'].map((login) => world.user(login).id);

  // The mathematics lesson, in the subject teacher's browser: down the column, 5, 2 and «Н».
  const teacher = await signIn('ivanova', DESKTOP, '#/today');
  await teacher.getByTestId(`today-open-${lesson.id}`).click();
  await teacher.getByTestId('journal-grid').waitFor();
  await teacher.getByTestId(`cell-${petya}-${lesson.id}`).click();
  await teacher.keyboard.type('5');
  await teacher.keyboard.press('Enter');
  await teacher.keyboard.type('2');
  await teacher.keyboard.press('Enter');
  await teacher.keyboard.press('KeyY');
  await poll(() => teacher.getByTestId(`cell-${vanya}-${lesson.id}`).innerText()).toMatch(/н/i);
  expect(await teacher.getByTestId(`cell-${anya}-${lesson.id}`).innerText()).toContain('2');

  // Петрова opens her son's diary this week; the two other mothers do not.
  const mother = await signIn('petrova');
  await mother.getByTestId(`nav-diary-${petya}`).click();
  await mother.getByTestId('diary-week').waitFor();

  // The class teacher's monitor: today's marks (not only the 2s) and absences, of her class only.
  const page = await signIn('smirnova');
  await page.getByTestId('nav-monitor').click();
  const marks = page.getByTestId('monitor-marks');
  await poll(() => marks.locator('li').count()).toBe(2);
  expect(await marks.textContent()).toContain('5 Петров П. И.');
  expect(await marks.textContent()).toContain('2 Петрова А. И.');
  expect(await marks.textContent()).not.toContain('Котова');
  expect(await page.getByTestId('monitor-absences').textContent()).toContain('Сидоров И. П.');

  const parents = page.getByTestId('monitor-parents');
  await poll(() => parents.locator('li').count()).toBe(2);
  expect(await parents.textContent()).toContain('Козлова Елена Сергеевна');
  expect(await parents.textContent()).toContain('Сидорова Нина Павловна');
  expect(await parents.textContent()).not.toContain('Петрова Мария Ивановна');

  await poll(() => page.getByTestId('monitor-consent-summary').textContent()).toBe('Дано: 3 · отозвано: 0 · нет: 1');
  expect(await page.getByTestId(`monitor-consent-${kolya}`).textContent()).toContain('нет');

  const register = page.getByTestId('monitor-register');
  await poll(() => register.locator('tbody tr').count()).toBe(1);
  expect(await page.getByTestId(`monitor-register-${vanya}`).textContent()).toContain('Сидоров');

  // An announcement to all parents of 5А: each family answers her privately.
  await page.getByTestId('nav-messages').click();
  await page.getByTestId('compose-new').click();
  await page.getByTestId(`audience-class:${world.class('5А').id}`).check();
  await page.getByTestId('announcement-hint').waitFor();
  await page.getByTestId('compose-subject').fill('Родительское собрание');
  await page.getByTestId('compose-body').fill('Собрание в пятницу в 18:00, кабинет 21.');
  await photograph(page, 'class-teacher', 'announcement', 'desktop');
  await page.getByTestId('compose-send').click();
  await poll(() => page.getByTestId('announcement-sent').innerText()).toContain('Объявление отправлено');

  // Сидорова reads it alone with the class teacher, and answers her.
  const parent = await signIn('sidorova');
  await parent.getByTestId('nav-messages').click();
  await parent.getByTestId('inbox').getByText('Родительское собрание').click();
  const thread = parent.getByTestId('messages');
  await poll(() => thread.textContent()).toContain('Собрание в пятницу в 18:00, кабинет 21.');
  const screen = (await parent.locator('main').textContent())!;
  for (const other of ['Петрова', 'Козлова']) expect(screen).not.toContain(other);
  await parent.getByTestId('compose-body').fill('Будем, спасибо.');
  await parent.getByTestId('compose-send').click();
  await poll(() => thread.locator('li').count()).toBe(2);
  // The answer waits, unread, in the class teacher's inbox: one family's thread, not a group chat.
  await page.goto(`${server.url}/#/messages`);
  const unread = page.getByTestId('inbox').locator('li', { has: page.locator('[data-testid^="conversation-unread-"]') });
  await poll(() => unread.count()).toBe(1);
  expect(await unread.textContent()).toContain('Родительское собрание');
  await unread.getByRole('link').click();
  await poll(() => page.getByTestId('messages').textContent()).toContain('Будем, спасибо.');
  expect(await page.getByTestId('messages').textContent()).not.toContain('Козлова');
});

it("fits a 390×844 phone: the class teacher's monitor and announcement without sideways scrolling", async () => {
  const page = await signIn('smirnova', PHONE, '#/monitor');
  await poll(() => page.getByTestId('monitor-register').locator('tbody tr').count()).toBe(1);
  await fitsWidth(page);
  await page.goto(`${server.url}/#/messages/new`);
  await page.getByTestId(`audience-class:${world.class('5А').id}`).check();
  await page.getByTestId('announcement-hint').waitFor();
  await fitsWidth(page);
  await photograph(page, 'class-teacher', 'announcement', 'phone');
});
