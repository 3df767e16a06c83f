import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { school, type SeededWorld } from '../packages/server/src/db/seeders/school-builder.js';
import { Role } from '../packages/server/src/policy/roles.js';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.js';
import { launchChromium, screenshot, signedIn } from './browser.js';
import { poll } from './walk.js';

/**
 * Issue 18: the school-settings screen (#/settings) shows the deadlines and duties and lets the
 * administration change them; a teacher is refused.
 */
const NOW = new Date('2026-11-25T09:00:00Z');

let server: TestServer;
let world: SeededWorld;
let browser: Browser;

const signIn = (login: string, hash: string): Promise<Page> => signedIn(browser, server.url, login, { now: NOW, hash });

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withStaff('director', 'Тихонов Виктор Павлович', [Role.DIRECTOR])
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER]),
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('shows the default windows to the director, saves a change, and keeps it', async () => {
  // The director finds the screen in the navigation (viewer.can.editSchoolSettings).
  const page = await signIn('director', '#/');
  await page.getByTestId('nav-settings').click();
  const screen = page.getByTestId('school-settings');
  await screen.waitFor();
  await poll(() => page.getByTestId('setting-writtenWorkDaysJunior').inputValue()).toBe('5');
  expect(await page.getByTestId('setting-writtenWorkDaysSenior').inputValue()).toBe('7');
  expect(await page.getByTestId('setting-homeworkMinutesAfterDay').inputValue()).toBe('120');
  expect(await page.getByTestId('setting-periodMarkDaysBeforeEnd').inputValue()).toBe('3');
  expect(await page.getByTestId('setting-journalChecksPerMonth').inputValue()).toBe('2');
  expect(await page.getByTestId('setting-parentsInformedEveryDays').inputValue()).toBe('14');
  expect(await page.getByTestId('setting-lessonEndTimes').inputValue()).toBe('09:15, 10:10, 11:10, 12:10, 13:05, 14:00, 14:55, 15:50');
  expect(await page.getByTestId('setting-corrections').isChecked()).toBe(false);
  await screenshot(screen, 'school-settings');

  await page.getByTestId('setting-sameDayUntil').fill('17:00');
  await page.getByTestId('setting-homeworkMinutesAfterDay').fill('90');
  await page.getByTestId('setting-corrections').check();
  await page.getByTestId('settings-save').click();
  await poll(() => page.getByTestId('settings-status').textContent()).toBe('Сохранено.');

  const director = await server.as('director');
  const { schoolSettings } = await director.data(
    `query($s: ID!) { schoolSettings(schoolId: $s) { sameDayUntilMinutes homeworkMinutesAfterDay correctionsByAdministrationOnly writtenWorkDaysJunior } }`,
    { s: world.school().id },
  );
  expect(schoolSettings).toEqual({
    sameDayUntilMinutes: 17 * 60,
    homeworkMinutesAfterDay: 90,
    correctionsByAdministrationOnly: true,
    writtenWorkDaysJunior: 5,
  });
  await page.reload();
  await poll(() => page.getByTestId('setting-sameDayUntil').inputValue()).toBe('17:00');
});

it('refuses the screen to a teacher', async () => {
  const page = await signIn('ivanova', '#/settings');
  await poll(() => page.getByRole('alert').textContent()).toContain('Недостаточно прав');
  // …and does not offer it in the navigation.
  expect(await page.getByTestId('nav-settings').count()).toBe(0);
});
