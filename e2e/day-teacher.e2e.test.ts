import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SeededWorld } from '../packages/server/src/db/seeders/school-builder.js';
import { Lesson } from '../packages/server/src/modules/timetable/timetable.entity.js';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.js';
import { launchChromium, signedIn } from './browser.js';
import { DESKTOP, fitsWidth, PHONE, photograph, poll, walkSchool } from './walk.js';

/**
 * A teacher's day at the end of the quarter, every step a click or a keystroke (issue 17). What
 * `teacher-day` walks on an ordinary Wednesday (the topic from the plan, homework with a file, a
 * praise, letters to a parent of two children, an announcement) is not repeated here; this is the
 * last week of the 2nd quarter: «Сегодня» → the lesson; attendance (an absence by its key, a
 * lateness with its minutes in the cell's panel); marks down the column; a mark corrected with its
 * reason; then the quarter's marks in the ИТОГ column: a 5, «Н/А» for the pupil who missed the
 * quarter, and a postponement to a date. At 1366×900 and 390×844 (no sideways scrolling there).
 *
 * "Now" is Thursday 24 December 2026, noon in Moscow.
 */
const NOW = new Date('2026-12-24T09:00:00Z');
const TODAY = '2026-12-24';

let server: TestServer;
let world: SeededWorld;
let browser: Browser;

const signIn = (login: string, viewport: { width: number; height: number } = DESKTOP, hash = '#/'): Promise<Page> =>
  signedIn(browser, server.url, login, { now: NOW, hash, viewport });

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(walkSchool({ classes: { '5А': { classTeacher: 'ivanova', pupils: ['kolya', 'petya', 'masha'] } }, mathematics: [[4, 2, '21']] }), {
    lessons: true,
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it("the teacher's last lesson of the quarter: attendance, marks, a correction, the quarter's marks in ИТОГ", async () => {
  const lesson = await server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date: TODAY });
  const [kolya, petya, masha] = ['kolya', 'petya', 'masha'].map((login) => world.user(login).id);

  // «Сегодня»: the one lesson of the day, opening the journal on today's column.
  const page = await signIn('ivanova');
  const cell = (student: string) => page.getByTestId(`cell-${student}-${lesson.id}`);
  const lessons = page.getByTestId('today-lessons').locator('li');
  await poll(() => lessons.count()).toBe(1);
  expect(await lessons.first().innerText()).toContain('2 урок · Математика · 5А');
  await page.getByTestId(`today-open-${lesson.id}`).click();
  await page.getByTestId('journal-grid').waitFor();

  // Коля is absent (its key); Маша came 10 minutes late (the cell's panel asks the minutes).
  await cell(kolya).click();
  await page.keyboard.press('KeyY');
  await poll(() => cell(kolya).innerText()).toMatch(/н/i);
  await cell(masha).click();
  await page.keyboard.press('KeyJ');
  const panel = page.getByTestId('cell-dialog');
  await panel.getByLabel('Опоздание, минут').fill('10');
  await photograph(page, 'teacher', 'attendance', 'desktop');
  await panel.getByTestId('attendance-save').click();
  await panel.waitFor({ state: 'detached' });
  await poll(() => cell(masha).innerText()).toMatch(/о/i);

  // Marks down the column: Пётр a 3, Маша a 5; then Пётр's 3 corrected to a 4, with the reason.
  await cell(petya).click();
  await page.keyboard.type('3');
  await page.keyboard.press('Enter');
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await poll(() => cell(masha).innerText()).toContain('5');
  await cell(petya).locator('[data-testid^="mark-"]').click();
  await page.getByTestId('mark-value-input').fill('4');
  await page.getByTestId('mark-change-submit').click();
  // Without a reason the journal refuses, in words.
  await poll(() => page.getByTestId('mark-dialog').textContent()).toContain('Укажите причину');
  await page.getByTestId('mark-reason-input').fill('Пересчитала баллы за контрольную');
  await page.getByTestId('mark-change-submit').click();
  await poll(() => cell(petya).innerText()).toContain('4');
  await page.getByTestId('dialog-close').click();
  await poll(() => page.getByTestId(`average-${petya}`).innerText()).toBe('4,00');

  // The quarter's marks in the ИТОГ column: Пётр 4, Коля «Н/А», Маша's attestation postponed.
  const quarter = (student: string) => page.getByTestId(`period-mark-${student}`);
  await quarter(petya).locator('button').click();
  // First she warns Пётр's parents of a 3 below his 4,00; the dialog then lists the warning sent, and still does when opened again.
  const intended = page.getByTestId('final-mark-dialog').getByTestId('intended-form');
  expect(await intended.getByTestId('intended-notices').count()).toBe(0);
  await intended.getByTestId('intended-mark').selectOption('3');
  await intended.getByTestId('intended-reason').fill('не сдал две контрольные');
  await intended.getByTestId('intended-send').click();
  await poll(() => intended.getByTestId('intended-notices').textContent()).toContain('ожидается 3 (средний балл 4,00). не сдал две контрольные');
  await page.getByTestId('dialog-close').click();
  await quarter(petya).locator('button').click();
  await poll(() => intended.getByTestId('intended-notices').textContent()).toContain('24 декабря: ожидается 3');
  await page.getByTestId('final-value').selectOption('4');
  await page.getByTestId('final-save').click();
  await poll(() => quarter(petya).innerText()).toBe('4');
  await quarter(kolya).locator('button').click();
  await page.getByTestId('final-value').selectOption('Н/А');
  await page.getByTestId('final-save').click();
  await poll(() => quarter(kolya).innerText()).toBe('Н/А');
  await quarter(masha).locator('button').click();
  await page.getByTestId('final-postpone').check();
  await page.getByTestId('final-until').fill('2027-01-20');
  await page.getByTestId('final-reason').fill('болела две недели');
  await photograph(page, 'teacher', 'postpone', 'desktop');
  await page.getByTestId('final-save').click();
  await poll(() => quarter(masha).innerText()).toBe('…');
  await photograph(page, 'teacher', 'quarter-end', 'desktop');

  // The next day's journal keeps all of it (a reload reads it from the server).
  await page.reload();
  await poll(() => quarter(kolya).innerText()).toBe('Н/А');
  expect(await quarter(petya).innerText()).toBe('4');
  expect(await quarter(masha).innerText()).toBe('…');
});

it("fits a 390×844 phone: the quarter's ИТОГ column and the postponement without sideways scrolling", async () => {
  const lesson = await server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date: TODAY });
  const page = await signIn('ivanova', PHONE);
  await page.getByTestId(`today-open-${lesson.id}`).click();
  await poll(() => page.getByTestId(`period-mark-${world.user('kolya').id}`).innerText()).toBe('Н/А');
  await fitsWidth(page);
  await photograph(page, 'teacher', 'quarter-end', 'phone');
  await page.getByTestId(`cell-${world.user('masha').id}-${lesson.id}`).click({ button: 'right' });
  await page.getByTestId('cell-dialog').waitFor();
  await fitsWidth(page);
  await photograph(page, 'teacher', 'attendance', 'phone');
  await page.getByTestId('dialog-close').click();
  await page.locator(`[data-testid="period-mark-${world.user('masha').id}"] button`).click();
  await page.getByTestId('final-postpone').check();
  await fitsWidth(page);
  await photograph(page, 'teacher', 'postpone', 'phone');
});
