import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SeededWorld } from '../packages/server/src/db/seeders/school-builder.js';
import { Lesson } from '../packages/server/src/modules/timetable/timetable.entity.js';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.js';
import { launchChromium, signedIn } from './browser.js';
import { DESKTOP, fitsWidth, photograph, poll, SIZES, walkSchool, type Size } from './walk.js';

/**
 * A student's day, every step a click (issue 17): the mathematics teacher, in her browser, gives
 * Пётр a 5, sets the homework and, this being the last week of the quarter, his quarter mark in the
 * journal's ИТОГ column. Пётр, in his, opens his own home page, his diary week (the homework, the
 * mark), and the term: the marks, the average and the quarter's 5. A classmate's marks are never on his screens. At 1366×900 and 390×844 (no sideways scrolling there).
 *
 * "Now" is Thursday 24 December 2026, noon in Moscow, the last week of the 2nd quarter.
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
  world = await server.seed(
    walkSchool({
      staff: ['smirnova'],
      classes: { '5А': { classTeacher: 'smirnova', pupils: ['petya', 'vanya'] } },
      mothers: ['petrova'],
      consents: ['petya'],
      mathematics: [[4, 2, '21']],
    })
      .withSubjects('Русский язык')
      .withGroup('Русский язык', '5А', { teacher: 'smirnova', slots: [[4, 3, '14']] }),
    { lessons: true },
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it("the student's day: his home, the diary week with homework and a mark, the term with the quarter's mark", async () => {
  const lesson = await server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date: TODAY });
  const petya = world.user('petya').id;
  const vanya = world.user('vanya').id;
  const group = world.group('Математика', '5А').id;

  // The teacher's lesson, in her browser.
  const teacher = await signIn('ivanova', DESKTOP, '#/today');
  await teacher.getByTestId(`today-open-${lesson.id}`).click();
  await teacher.getByTestId('journal-grid').waitFor();
  // Down the column as on paper: a 5 for Пётр, Enter, a 2 for Ваня, Enter.
  await teacher.getByTestId(`cell-${petya}-${lesson.id}`).click();
  for (const value of ['5', '2']) {
    await teacher.keyboard.type(value);
    await teacher.keyboard.press('Enter');
  }
  await poll(() => teacher.getByTestId(`cell-${petya}-${lesson.id}`).innerText()).toContain('5');
  await poll(() => teacher.getByTestId(`cell-${vanya}-${lesson.id}`).innerText()).toContain('2');
  await teacher.getByTestId(`lesson-${lesson.id}`).click();
  await teacher.getByTestId('lesson-topic-input').fill('Проценты');
  await teacher.getByTestId('lesson-homework-input').fill('§ 40, № 1581');
  await teacher.getByTestId('lesson-save').click();
  await teacher.getByTestId('lesson-dialog').waitFor({ state: 'detached' });
  await teacher.locator(`[data-testid="period-mark-${petya}"] button`).click();
  await teacher.getByTestId('final-value').selectOption('5');
  await teacher.getByTestId('final-save').click();
  await poll(() => teacher.getByTestId(`period-mark-${petya}`).innerText()).toBe('5');

  // Пётр's home: his own diary, no children, no administration.
  const page = await signIn('petya');
  const self = page.getByTestId('home-self');
  await poll(() => self.textContent()).toContain('Мой дневник');
  expect(await page.getByTestId('child').count()).toBe(0);
  expect(await page.getByTestId('nav-admin').count()).toBe(0);
  expect(await page.getByTestId('nav-journal').count()).toBe(0);
  await photograph(page, 'student', 'home', 'desktop');

  // The diary week: today's mathematics with its topic, homework and the 5; Russian without.
  await page.getByTestId(`home-week-${petya}`).click();
  const today = page.getByTestId(`diary-lesson-${lesson.id}`);
  await poll(() => today.textContent()).toContain('§ 40, № 1581');
  expect(await today.textContent()).toContain('Проценты');
  expect(await today.locator('[data-testid^="diary-mark-"]').allTextContents()).toEqual([expect.stringMatching(/^5/)]);
  expect(await page.getByTestId('diary-week').textContent()).toContain('Русский язык');
  await poll(() => page.getByTestId('diary-week-title').textContent()).toMatch(/21.*26 декабря/);
  await photograph(page, 'student', 'diary-week', 'desktop');

  // The term: the mark, the average and the quarter's mark.
  await page.getByTestId('diary-tab-term').click();
  const row = page.getByTestId(`term-subject-${group}`);
  await poll(() => page.getByTestId(`term-period-mark-${group}`).textContent()).toBe('5');
  expect(await row.locator('[data-testid^="term-mark-"]').allTextContents()).toEqual([expect.stringMatching(/^5/)]);
  expect(await page.getByTestId(`term-average-${group}`).textContent()).toContain('5');
  expect(await page.getByTestId('diary-term').textContent()).not.toContain('2');
  await photograph(page, 'student', 'term', 'desktop');
  // He confirms he has seen the quarter's mark himself (the server lets him, as it lets his parents).
  await row.locator('[data-testid^="term-ack-"]').click();
  await poll(() => row.textContent()).toContain('✓ просмотрено');
  expect(await row.locator('[data-testid^="term-ack-"]').count()).toBe(0);
});

it("fits a 390×844 phone: the student's screens without sideways scrolling", async () => {
  const petya = world.user('petya').id;
  const size: Size = 'phone';
  const page = await signIn('petya', SIZES[size]);
  const screens: [string, string, () => Promise<unknown>][] = [
    ['home', '#/', () => page.getByTestId('home-self').waitFor()],
    ['diary-week', `#/diary/${petya}?week=2026-12-21`, () => page.locator('[data-testid^="diary-mark-"]').first().waitFor()],
    ['term', `#/diary/${petya}/term`, () => page.getByTestId(`term-period-mark-${world.group('Математика', '5А').id}`).waitFor()],
  ];
  for (const [screen, hash, ready] of screens) {
    await page.goto(`${server.url}/${hash}`);
    await ready();
    await fitsWidth(page);
    await photograph(page, 'student', screen, size);
  }
});
