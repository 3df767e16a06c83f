import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SeededWorld } from '../packages/server/src/db/seeders/school-builder.js';
import { Lesson } from '../packages/server/src/modules/timetable/timetable.entity.js';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.js';
import { launchChromium, signedIn } from './browser.js';
import { DESKTOP, fitsWidth, PHONE, poll, walkSchool } from './walk.js';

/**
 * The inspector's day, every step a click (issue 17): in the last week of the quarter the
 * mathematics teacher, in her browser, gives the quarter marks and records an absence; the
 * education authority's inspector reads the schools in aggregate (counts of classes, pupils,
 * teachers; the quarter's 5s, 4s and absences) and never a person's name, not even by typing the
 * address of a pupil's diary or of the administration. At 1366×900 and 390×844.
 *
 * "Now" is Thursday 24 December 2026, noon in Moscow, the last week of the 2nd quarter.
 */
const NOW = new Date('2026-12-24T09:00:00Z');
const NAMES = ['Иванова', 'Петров', 'Сидоров', 'Козлов', 'Тихонов'];

let server: TestServer;
let world: SeededWorld;
let browser: Browser;

const signIn = (login: string, viewport: { width: number; height: number } = DESKTOP, hash = '#/'): Promise<Page> =>
  signedIn(browser, server.url, login, { now: NOW, hash, viewport });

/** No person's name anywhere on the page. */
async function nameless(page: Page): Promise<void> {
  const text = (await page.locator('main').textContent()) ?? '';
  for (const name of NAMES) expect(text, `${page.url()} names ${name}`).not.toContain(name);
}

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    walkSchool({
      staff: ['director'],
      classes: { '5А': { classTeacher: 'ivanova', pupils: ['kolya', 'petya', 'vanya'] } },
      mathematics: [[4, 2, '21']],
    }).withInspector('inspector', 'Проверкина Инна Павловна'),
    { lessons: true },
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it("the inspector's day: the authority's schools in aggregate, the quarter's marks in numbers, no names anywhere", async () => {
  // The teacher's last lesson of the quarter, in her browser: Коля absent; quarter marks 5, 5 and 4.
  const lesson = await server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date: '2026-12-24' });
  const teacher = await signIn('ivanova', DESKTOP, '#/today');
  await teacher.getByTestId(`today-open-${lesson.id}`).click();
  await teacher.getByTestId(`cell-${world.user('kolya').id}-${lesson.id}`).click();
  await teacher.keyboard.press('KeyY');
  await poll(() => teacher.getByTestId(`cell-${world.user('kolya').id}-${lesson.id}`).innerText()).toMatch(/н/i);
  for (const [student, value] of [
    ['kolya', '5'],
    ['petya', '5'],
    ['vanya', '4'],
  ] as const) {
    await teacher.locator(`[data-testid="period-mark-${world.user(student).id}"] button`).click();
    await teacher.getByTestId('final-value').selectOption(value);
    await teacher.getByTestId('final-save').click();
    await poll(() => teacher.getByTestId(`period-mark-${world.user(student).id}`).innerText()).toBe(value);
  }

  // The inspector: reports only (no administration, no journal, no diary of anyone).
  const page = await signIn('inspector');
  for (const nav of ['nav-admin', 'nav-journal', 'nav-today', 'nav-monitor', 'nav-settings']) expect(await page.getByTestId(nav).count(), nav).toBe(0);
  await page.getByTestId('nav-reports').click();
  const stats = page.getByTestId('authority-statistics');
  await stats.waitFor();
  // One school: one class, three pupils, one teacher.
  expect(await stats.locator('table').first().locator('tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/^Школа № 1\s+1\s+3\s+1$/)]);
  // The 2nd quarter: two 5s, one 4, no 3s or 2s, quality and success 100 %, one lesson missed.
  await page.getByTestId('authority-period-2').click();
  const marks = page.getByTestId('authority-marks');
  await poll(() => marks.locator('tbody tr').first().innerText()).toBe('Школа № 1 · 2 четверть\t2\t1\t0\t0\t0\t100\u00a0%\t100\u00a0%\t1');
  await nameless(page);
  // The 1st quarter has no marks yet.
  await page.getByTestId('authority-period-1').click();
  await poll(() => marks.locator('tbody tr').first().innerText()).toMatch(/^Школа № 1 · 1 четверть\t0\t0\t0\t0\t/);

  // An address typed by hand shows no one: a pupil's diary, the administration's people.
  const typed: [string, string][] = [
    [`#/diary/${world.user('petya').id}`, 'Запрошенные данные не найдены.'],
    ['#/admin/people', 'Вы не администрируете ни одну школу.'],
    [`#/journal/${world.group('Математика', '5А').id}`, 'В этом учебном году у вас нет журналов.'],
  ];
  for (const [hash, answer] of typed) {
    await page.goto(`${server.url}/${hash}`);
    await page.reload();
    await poll(() => page.locator('main').textContent()).toContain(answer);
    await nameless(page);
  }
});

it("fits a 390×844 phone: the inspector's statistics without sideways scrolling", async () => {
  const page = await signIn('inspector', PHONE, '#/reports');
  await page.getByTestId('authority-period-2').click();
  await poll(() => page.getByTestId('authority-marks').locator('tbody tr').first().innerText()).toContain('Школа № 1');
  await fitsWidth(page);
  await nameless(page);
});
