import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SeededWorld } from '../packages/server/src/db/seeders/school-builder.js';
import { Mark } from '../packages/server/src/modules/journal/journal.entity.js';
import { Lesson } from '../packages/server/src/modules/timetable/timetable.entity.js';
import { inAppNotificationWorker } from '../packages/server/src/testing/notification-worker.js';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.js';
import { launchChromium, signedIn } from './browser.js';
import { DESKTOP, EVERY_WEEKDAY, fitsWidth, photograph, poll, SIZES, walkSchool, type Size } from './walk.js';

/**
 * A parent's day, every step a click or a keystroke (issue 17): the mathematics teacher, in her own
 * browser, gives Пётр a 3, corrects it to a 4 with a reason, sets homework and writes to his mother;
 * the mother, in hers, reads the news on the home page, the diary week, the mark's history, answers
 * the teacher (who reads the answer in her inbox), goes through her notices and gives consent for
 * her second child online. Only the school is seeded; the notification worker runs its round as the
 * server's background job would. Screens at 1366×900 and 390×844 (no sideways scrolling there).
 *
 * "Now" is Wednesday 25 November 2026, noon in Moscow, for the server and the pages.
 */
const NOW = new Date('2026-11-25T09:00:00Z');

let server: TestServer;
let world: SeededWorld;
let browser: Browser;

const signIn = (login: string, viewport: { width: number; height: number } = DESKTOP, hash = '#/'): Promise<Page> =>
  signedIn(browser, server.url, login, { now: NOW, hash, viewport, localStorage: { 'dnevnik.pollMs': '1000' } });
const todaysLesson = () => server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date: '2026-11-25' });

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    walkSchool({
      staff: ['smirnova'],
      classes: { '5А': { classTeacher: 'smirnova', pupils: ['petya', 'anya', 'vanya'] } },
      mothers: ['petrova', 'sidorova'],
      consents: ['petya', 'vanya'],
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

it("the parent's day: news, the diary week, a corrected mark's history, an answer to the teacher, notices, consent", async () => {
  const lesson = await todaysLesson();
  const petya = world.user('petya').id;
  const anya = world.user('anya').id;

  // The teacher's lesson, in her browser: a 3 for Пётр, a 5 for Ваня, homework.
  const teacher = await signIn('ivanova', DESKTOP, '#/today');
  await teacher.getByTestId(`today-open-${lesson.id}`).click();
  await teacher.getByTestId('journal-grid').waitFor();
  // Down the column as on paper: a 3 for Пётр, nothing for Анна, a 5 for Ваня.
  await teacher.getByTestId(`cell-${petya}-${lesson.id}`).click();
  for (const key of ['3', 'Enter', 'Enter', '5', 'Enter']) await teacher.keyboard.press(key);
  await poll(() => teacher.getByTestId(`cell-${petya}-${lesson.id}`).innerText()).toContain('3');
  await poll(() => teacher.getByTestId(`cell-${world.user('vanya').id}-${lesson.id}`).innerText()).toContain('5');
  await teacher.getByTestId(`lesson-${lesson.id}`).click();
  await teacher.getByTestId('lesson-topic-input').fill('Деление десятичных дробей');
  await teacher.getByTestId('lesson-homework-input').fill('№ 512, 514');
  await teacher.getByTestId('lesson-save').click();
  await teacher.getByTestId('lesson-dialog').waitFor({ state: 'detached' });
  // She recounts the test and corrects the 3 to a 4, saying why.
  await teacher.getByTestId(`cell-${petya}-${lesson.id}`).locator('[data-testid^="mark-"]').click();
  await teacher.getByTestId('mark-value-input').fill('4');
  await teacher.getByTestId('mark-reason-input').fill('Пересчитала баллы за самостоятельную');
  await teacher.getByTestId('mark-change-submit').click();
  await poll(() => teacher.getByTestId(`cell-${petya}-${lesson.id}`).innerText()).toContain('4');
  await teacher.getByTestId('dialog-close').click();
  // And writes to Пётр's mother from the journal.
  await teacher.getByTestId(`pupil-${petya}`).click();
  await teacher.getByTestId('write-parents').click();
  await teacher.getByTestId(`contact-${world.user('petrova').id}`).check();
  await teacher.getByTestId('compose-subject').fill('Самостоятельная работа');
  await teacher.getByTestId('compose-body').fill('Пётр хорошо написал самостоятельную, но спешил.');
  await teacher.getByTestId('compose-send').click();
  await poll(() => teacher.getByTestId('messages').innerText()).toContain('спешил');
  const conversationUrl = teacher.url();
  await inAppNotificationWorker(server).round();

  // The mother's home page: what changed since her last visit, her family's only.
  const home = await signIn('petrova');
  const news = home.getByTestId('home-news');
  await poll(() => news.textContent()).toContain('Петров П. И.: оценка 4 по предмету «Математика»');
  expect(await news.textContent()).toContain('Самостоятельная работа');
  expect(await news.textContent()).not.toContain('Сидоров');
  // Anya's diary is closed until her mother consents.
  expect(await home.getByTestId(`home-consent-${anya}`).textContent()).toContain('Согласие не дано');

  // The diary week: today's lesson with its topic, homework and the corrected mark.
  await home.getByTestId(`home-week-${petya}`).click();
  const today = home.getByTestId(`diary-lesson-${lesson.id}`);
  await poll(() => today.textContent()).toContain('Деление десятичных дробей');
  expect(await today.textContent()).toContain('№ 512, 514');
  const mark = await server.orm.em.fork().findOneOrFail(Mark, { student: petya, lesson: lesson.id });
  expect(await home.getByTestId(`diary-mark-${mark.id}`).textContent()).toContain('4');
  expect(await home.getByTestId(`diary-mark-changed-${mark.id}`).count()).toBe(1);

  // The mark's history: the 3, then the 4 and the teacher's reason.
  await home.getByTestId(`diary-mark-${mark.id}`).click();
  const history = home.getByTestId('diary-mark-dialog');
  await poll(() => history.getByTestId('mark-history-item').count()).toBe(2);
  expect(await history.getByTestId('mark-history-item').allTextContents()).toEqual([expect.stringContaining('3'), expect.stringContaining('4')]);
  expect(await history.getByTestId('mark-history-reason').textContent()).toContain('Пересчитала баллы за самостоятельную');
  await photograph(home, 'parent', 'mark-history', 'desktop');
  await home.getByTestId('dialog-close').click();

  // The teacher's letter, and the mother's answer; the teacher reads it in the conversation she has open.
  await home.getByTestId('nav-messages').click();
  await home.getByTestId('inbox').getByText('Самостоятельная работа').click();
  await poll(() => home.getByTestId('messages').textContent()).toContain('Пётр хорошо написал самостоятельную, но спешил.');
  await home.getByTestId('compose-body').fill('Спасибо, поговорим с ним о спешке.');
  await home.getByTestId('compose-send').click();
  await poll(() => home.getByTestId('messages').locator('li').count()).toBe(2);
  await photograph(home, 'parent', 'conversation', 'desktop');
  await teacher.goto(conversationUrl);
  await poll(() => teacher.getByTestId('messages').textContent()).toContain('Спасибо, поговорим с ним о спешке.');

  // Notices: each opens the week it is about; then all read.
  await home.getByTestId('nav-notices').click();
  const notices = home.getByTestId('notice-list');
  await poll(() => notices.textContent()).toContain('оценка 4');
  expect(await notices.textContent()).not.toContain('Сидоров');
  await notices.locator('li', { hasText: 'оценка 4' }).first().getByRole('link').click();
  await home.waitForURL(/#\/diary\//);
  expect(home.url()).toContain(`#/diary/${petya}?week=2026-11-23`);
  await home.getByTestId('nav-notices').click();
  await home.getByTestId('notices-mark-read').click();
  await poll(() => home.getByTestId('nav-notices').textContent()).toBe('Уведомления');

  // Consent for Anya, given online: her diary opens.
  await home.getByTestId('nav-home').click();
  await home.getByTestId(`consent-give-${anya}`).click();
  expect(await home.getByTestId('consent-give-dialog').textContent()).toContain('Петрова Анна Ильинична');
  await photograph(home, 'parent', 'consent', 'desktop');
  await home.getByTestId('consent-give-confirm').click();
  await poll(() => home.getByTestId(`home-consent-${anya}`).textContent()).toContain('Согласие дано');
  await home.getByTestId(`home-week-${anya}`).click();
  await poll(() => home.getByTestId('diary-week').count()).toBe(1);
});

it("fits a 390×844 phone: the parent's screens without sideways scrolling", async () => {
  const petya = world.user('petya').id;
  const lesson = await todaysLesson();
  const mark = await server.orm.em.fork().findOneOrFail(Mark, { student: petya, lesson: lesson.id });
  const size: Size = 'phone';
  const page = await signIn('petrova', SIZES[size]);
  await page.getByTestId('home-news').waitFor();
  await fitsWidth(page);

  await page.goto(`${server.url}/#/diary/${petya}?week=2026-11-23`);
  await page.getByTestId(`diary-mark-${mark.id}`).waitFor();
  await fitsWidth(page);
  await page.getByTestId(`diary-mark-${mark.id}`).click();
  await poll(() => page.getByTestId('mark-history-item').count()).toBe(2);
  await fitsWidth(page);
  await photograph(page, 'parent', 'mark-history', size);

  await page.goto(`${server.url}/#/messages`);
  await page.getByTestId('inbox').getByText('Самостоятельная работа').click();
  await poll(() => page.getByTestId('messages').locator('li').count()).toBe(2);
  await fitsWidth(page);
  await photograph(page, 'parent', 'conversation', size);

  await page.goto(`${server.url}/#/notices`);
  await page.getByTestId('notice-list').waitFor();
  await fitsWidth(page);
});
