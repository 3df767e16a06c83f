import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { school } from '../packages/server/src/db/seeders/school-builder.js';
import { Role } from '../packages/server/src/policy/roles.js';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.js';
import { launchChromium, signedIn } from './browser.js';

/**
 * «Today» in the web app is the school's date, as on the server, whatever zone the phone is set to. A school in
 * Vladivostok; its teacher's phone still on Moscow time after a trip. At 01:30 on Wednesday in Vladivostok
 * (Tuesday 18:30 in Moscow), «сегодня» is Wednesday with Wednesday's lessons.
 */
const NOW = new Date('2026-11-24T15:30:00Z');

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  await server.seed(
    school('Школа № 7')
      .inZone('Asia/Vladivostok')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withClass('5А')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А' })
      // Wednesday, 2nd lesson only.
      .withGroup('Математика', '5А', { teacher: 'ivanova', slots: [[3, 2, '21']] }),
    { lessons: true },
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it("shows a teacher the school's today, not the phone's", async () => {
  const teacher = await signedIn(browser, server.url, 'ivanova', { now: NOW, hash: '#/today', timezoneId: 'Europe/Moscow' });
  await expect.poll(() => teacher.getByTestId('today-date').textContent(), { timeout: 10_000 }).toBe('Среда, 25 ноября');
  await expect.poll(() => teacher.getByTestId('today-lessons').textContent(), { timeout: 10_000 }).toContain('Математика');
});
