import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SeededWorld } from '../packages/server/src/db/seeders/school-builder.js';
import { Consent } from '../packages/server/src/modules/people/consent.entity.js';
import { Lesson } from '../packages/server/src/modules/timetable/timetable.entity.js';
import type { GraphQLClient } from '../packages/server/src/testing/graphql-client.js';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.js';
import { launchChromium, screenshot, signedIn } from './browser.js';
import { EVERY_WEEKDAY, poll, walkSchool } from './walk.js';

/**
 * The class teacher's day through the web app only: the monitor shows every mark and absence of
 * the class today (not only the 2s) and follows the day live; beside it, the parents who have not
 * opened the diary this week, the consent register and the month's absence register. Subject
 * teachers and parents act through the API (their day, not the class teacher's). At 1366×900 and
 * on a 390×844 phone, without sideways scrolling there.
 *
 * "Now" is Wednesday 25 November 2026 for the server and for the pages.
 */
const NOW = new Date('2026-11-25T09:00:00Z');

let server: TestServer;
let world: SeededWorld;
let browser: Browser;
let ivanova: GraphQLClient;

const lessonOn = (date: string) => server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date });
const putMark = (lessonId: string, student: string, value: string) =>
  ivanova.data(`mutation($input: PutMarkInput!) { putMark(input: $input) { id } }`, {
    input: { lessonId, studentId: world.user(student).id, value, workTypeId: world.workType('У').id },
  });
/** An earlier day's entry is late (issue 18's deadlines): it carries a reason. */
const setAttendance = (lessonId: string, student: string, status: string, minutesLate?: number, reason?: string) =>
  ivanova.data(`mutation($input: SetAttendanceInput!) { setAttendance(input: $input) { id } }`, {
    input: { lessonId, studentId: world.user(student).id, status, minutesLate, reason },
  });

const signIn = (login: string, viewport: { width: number; height: number }): Promise<Page> => signedIn(browser, server.url, login, { now: NOW, viewport });

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    walkSchool({
      staff: ['smirnova'],
      classes: { '5А': { classTeacher: 'smirnova', pupils: ['petya', 'anya', 'vanya', 'kolya'] }, '6А': { pupils: ['katya'] } },
      mothers: ['petrova', 'sidorova', 'kozlova'],
      consents: ['petya', 'anya', 'kolya'],
      mathematics: EVERY_WEEKDAY,
    }),
    { lessons: true },
  );
  browser = await launchChromium();
  ivanova = await server.as('ivanova');
  // Kolya's mother withdrew her consent on Monday.
  const em = server.orm.em.fork();
  const consent = await em.findOneOrFail(Consent, { student: world.user('kolya').id });
  consent.withdrawnAt = new Date('2026-11-23T10:00:00Z');
  await em.flush();
  // Petrova opened the diary today; Sidorova and Kozlova did not this week.
  await (await server.as('petrova')).data(`query($s: ID!) { diary(studentId: $s, weekOf: "2026-11-23") { weekStart } }`, { s: world.user('petya').id });

  // The mathematics teacher's Tuesday and Wednesday so far.
  const [tuesday, today] = await Promise.all([lessonOn('2026-11-24'), lessonOn('2026-11-25')]);
  await setAttendance(tuesday.id, 'petya', 'LATE', 10, 'отмечено на следующий день');
  await putMark(today.id, 'petya', '5');
  await putMark(today.id, 'anya', '2');
  await setAttendance(today.id, 'vanya', 'UNEXCUSED');
  // Another class's day: never on this class teacher's screen.
  const other = await server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '6А'), date: '2026-11-25' });
  await ivanova.data(`mutation($input: PutMarkInput!) { putMark(input: $input) { id } }`, {
    input: { lessonId: other.id, studentId: world.user('katya').id, value: '3', workTypeId: world.workType('У').id },
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it("the class teacher's day: every mark and absence today, live; parents, consents, the absence register", async () => {
  const page = await signIn('smirnova', { width: 1366, height: 900 });
  await page.getByTestId('nav-monitor').click();
  const marks = page.getByTestId('monitor-marks');
  await poll(() => marks.locator('li').count()).toBe(2);
  expect(await marks.textContent()).toContain('5 Петров П. И.');
  expect(await marks.textContent()).toContain('2 Петрова А. И.');
  expect(await marks.textContent()).not.toContain('Котова');
  expect(await page.getByTestId('monitor-absences').textContent()).toContain('Сидоров И. П.');

  // A 4 given now arrives without a reload (a 4 the old monitor never showed).
  await putMark((await lessonOn('2026-11-25')).id, 'vanya', '4');
  await poll(() => marks.locator('li').count()).toBe(3);
  expect(await marks.textContent()).toContain('4 Сидоров И. П.');

  const parents = page.getByTestId('monitor-parents');
  await poll(() => parents.locator('li').count()).toBe(2);
  expect(await parents.textContent()).toContain('Козлова Елена Сергеевна');
  expect(await parents.textContent()).toContain('Сидорова Нина Павловна');
  expect(await parents.textContent()).not.toContain('Петрова Мария Ивановна');

  await poll(() => page.getByTestId('monitor-consent-summary').textContent()).toBe('Дано: 2 · отозвано: 1 · нет: 1');
  expect(await page.getByTestId(`monitor-consent-${world.user('vanya').id}`).textContent()).toContain('нет');
  expect(await page.getByTestId(`monitor-consent-${world.user('kolya').id}`).textContent()).toContain('отозвано');

  const register = page.getByTestId('monitor-register');
  await poll(() => register.locator('tbody tr').count()).toBe(2);
  expect(
    await page
      .getByTestId(`monitor-register-${world.user('vanya').id}`)
      .locator('td')
      .allTextContents(),
  ).toEqual(['', '', '1', '', expect.stringContaining('1')]);
  expect(
    await page
      .getByTestId(`monitor-register-${world.user('petya').id}`)
      .locator('td')
      .allTextContents(),
  ).toEqual(['', '', '', '1', expect.stringContaining('1')]);
  await page
    .getByTestId(`monitor-register-${world.user('petya').id}`)
    .locator('summary')
    .click();
  expect(await page.getByTestId(`monitor-register-${world.user('petya').id}`).textContent()).toContain('24 нояб. · 2-й урок, Математика · О 10 мин');
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'class-teacher-monitor', { fullPage: true });

  await page.getByTestId('monitor-register-month').fill('2026-10');
  await poll(() => register.textContent()).toContain('Пропусков за месяц нет.');
});

it("fits a 390×844 phone: the class teacher's monitor without sideways scrolling", async () => {
  const page = await signIn('smirnova', { width: 390, height: 844 });
  await page.goto(`${server.url}/#/monitor`);
  await poll(() => page.getByTestId('monitor-register').locator('tbody tr').count()).toBe(2);
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  await screenshot(page, 'class-teacher-monitor-phone', { fullPage: true });
});
