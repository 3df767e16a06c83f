import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SchoolBuilder, SeededWorld } from '../packages/server/src/db/seeders/school-builder.js';
import { Lesson } from '../packages/server/src/modules/timetable/timetable.entity.js';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.js';
import { launchChromium, signedIn } from './browser.js';
import { adminTabs, allowedSections, DESKTOP, fitsWidth, PHONE, photograph, poll, walkSchool } from './walk.js';

/**
 * The director's and the deputy's day, every step a click or a keystroke (issue 17): each sees the
 * administration sections the server allows it (`viewer.can`) and no other; the director pages
 * through sixty people, finds a mother by name and corrects her phone; reads the journal keeping
 * (fill rate) and the class summary sheet of what the mathematics teacher entered today in her own
 * browser; and finds the correction in the audit log, in words. At 1366×900 and 390×844.
 *
 * "Now" is Wednesday 25 November 2026, noon in Moscow, for the server and the pages.
 */
const NOW = new Date('2026-11-25T09:00:00Z');
const SURNAMES = ['Абрамов', 'Белов', 'Волков', 'Гусев', 'Данилов', 'Егоров', 'Жуков', 'Зайцев', 'Ильин', 'Козлов', 'Лебедев'];
const NAMES = ['Иван', 'Олег', 'Павел', 'Роман', 'Сергей'];

let server: TestServer;
let world: SeededWorld;
let browser: Browser;

const signIn = (login: string, viewport: { width: number; height: number } = DESKTOP, hash = '#/'): Promise<Page> =>
  signedIn(browser, server.url, login, { now: NOW, hash, viewport });

/** Fifty-five more pupils of 5А, so that the people list has a second page. */
function withPupils(builder: SchoolBuilder): SchoolBuilder {
  SURNAMES.flatMap((surname) => NAMES.map((name) => [surname, name] as const)).forEach(([surname, name], i) =>
    builder.withStudent(`pupil${i}`, `${surname} ${name} Петрович`, { inClass: '5А' }),
  );
  return builder;
}

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    withPupils(
      walkSchool({
        staff: ['director', 'deputy'],
        classes: { '5А': { classTeacher: 'ivanova', pupils: ['petya'] } },
        mothers: ['petrova'],
        mathematics: [
          [1, 2, '21'],
          [3, 2, '21'],
        ],
      }),
    ),
    { lessons: true },
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it("the director's day: sections by viewer.can, people paged and edited, fill rate, the summary sheet, the audit log in words", async () => {
  // The mathematics lesson today, in the teacher's browser: a topic, homework and two marks.
  const lesson = await server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date: '2026-11-25' });
  const teacher = await signIn('ivanova', DESKTOP, '#/today');
  await teacher.getByTestId(`today-open-${lesson.id}`).click();
  await teacher.getByTestId(`cell-${world.user('pupil0').id}-${lesson.id}`).click();
  await teacher.keyboard.type('3');
  await teacher.keyboard.press('Enter');
  await teacher.getByTestId(`cell-${world.user('petya').id}-${lesson.id}`).click();
  await teacher.keyboard.type('5');
  await teacher.keyboard.press('Enter');
  await poll(() => teacher.getByTestId(`cell-${world.user('petya').id}-${lesson.id}`).innerText()).toContain('5');
  await teacher.getByTestId(`lesson-${lesson.id}`).click();
  await teacher.getByTestId('lesson-topic-input').fill('Сложение дробей');
  await teacher.getByTestId('lesson-homework-input').fill('№ 301');
  await teacher.getByTestId('lesson-save').click();
  await teacher.getByTestId('lesson-dialog').waitFor({ state: 'detached' });

  // Every section the server allows the director, in order; the reports and the school's settings too.
  const page = await signIn('director');
  await page.getByTestId('nav-admin').click();
  expect(await adminTabs(page)).toEqual(await allowedSections(await server.as('director')));
  expect(await adminTabs(page)).toEqual(['people', 'year', 'classes', 'curriculum', 'timetable', 'movements', 'consents', 'exams']);
  expect(await page.getByTestId('nav-reports').count()).toBe(1);
  expect(await page.getByTestId('nav-settings').count()).toBe(1);

  // Sixty people: fifty on the first page, the rest on the second; then found by name.
  const rows = page.getByTestId('people-table').locator('tbody tr');
  await poll(() => rows.count()).toBe(50);
  expect(await page.getByTestId('people-range').textContent()).toMatch(/1\D+50/);
  await page.getByTestId('people-next').click();
  await poll(() => rows.count()).toBe(10);
  expect(await page.getByTestId('people-range').textContent()).toMatch(/51\D+60/);
  expect(await page.getByTestId('people-next').isDisabled()).toBe(true);
  await page.getByTestId('people-search').fill('петрова');
  await poll(() => rows.count()).toBe(1);
  expect(await rows.textContent()).toContain('Петрова Мария Ивановна');

  // Her new phone, from a note on the director's desk.
  await page.getByTestId('edit-petrova').click();
  const editor = page.getByTestId('person-editor');
  await editor.getByLabel('Телефон').fill('+7 900 765-43-21');
  await photograph(page, 'director', 'person-editor', 'desktop');
  await editor.getByTestId('person-editor-save').click();
  await editor.waitFor({ state: 'detached' });
  await page.getByTestId('edit-petrova').click();
  expect(await page.getByTestId('person-editor').getByLabel('Телефон').inputValue()).toBe('+7 900 765-43-21');
  await page.getByTestId('dialog-close').click();

  // The timetable section has the substitution requests (none asked today).
  await page.getByTestId('admin-tab-timetable').click();
  await poll(() => page.getByTestId('substitution-requests').textContent()).toContain('Новых просьб о замене нет.');

  // Reports: the summary sheet of 5А (every pupil, today's marks), the fill rate, the audit log.
  await page.getByTestId('nav-reports').click();
  const sheet = page.getByTestId('class-summary');
  await poll(() => sheet.locator('tbody tr').count()).toBe(56);
  await page.getByTestId(`sort-${world.subject('Математика').id}`).click();
  await poll(() => sheet.locator('tbody tr').first().textContent()).toContain('Петров Пётр Ильич');
  expect(await sheet.locator('tbody tr').nth(1).textContent()).toContain('Абрамов Иван Петрович');
  expect(await page.locator('main').evaluate((e) => e.getBoundingClientRect().width)).toBeGreaterThan(1300);
  await photograph(page, 'director', 'summary', 'desktop');

  await page.getByTestId('reports-tab-fill').click();
  const fill = page.getByTestId('fill-rate');
  await poll(() => fill.textContent()).toContain('Иванова А. П.');
  await photograph(page, 'director', 'fill-rate', 'desktop');

  await page.getByTestId('reports-tab-audit').click();
  await page.getByTestId('audit-action').selectOption('person.update');
  await page.getByTestId('audit-search').getByRole('button').click();
  const audit = page.getByTestId('audit-log').locator('tbody tr');
  await poll(() => audit.count()).toBe(1);
  const entry = (await audit.textContent())!;
  expect(entry).toContain('Тихонов Виктор Павлович');
  expect(entry).toContain('Изменены данные человека');
  expect(entry).toContain('Петрова Мария Ивановна');
  expect(entry).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  await photograph(page, 'director', 'audit', 'desktop');
});

it("the deputy's administration is what the server allows the deputy, no more", async () => {
  const page = await signIn('deputy');
  await page.getByTestId('nav-admin').click();
  expect(await adminTabs(page)).toEqual(await allowedSections(await server.as('deputy')));
  await page.getByTestId('nav-reports').click();
  await page.getByTestId('class-summary').waitFor();
  await page.getByTestId('reports-tab-fill').click();
  await poll(() => page.getByTestId('fill-rate').textContent()).toContain('Иванова А. П.');
});

it("fits a 390×844 phone: the director's screens without sideways scrolling", async () => {
  const page = await signIn('director', PHONE, '#/admin/people');
  await poll(() => page.getByTestId('people-table').locator('tbody tr').count()).toBe(50);
  await fitsWidth(page);
  await page.getByTestId('people-search').fill('петрова');
  await page.getByTestId('edit-petrova').click();
  await page.getByTestId('person-editor').waitFor();
  await fitsWidth(page);
  await photograph(page, 'director', 'person-editor', 'phone');

  await page.goto(`${server.url}/#/reports`);
  await poll(() => page.getByTestId('class-summary').locator('tbody tr').count()).toBe(56);
  await fitsWidth(page);
  await photograph(page, 'director', 'summary', 'phone');
  await page.getByTestId('reports-tab-fill').click();
  await page.getByTestId('fill-rate').waitFor();
  await fitsWidth(page);
  await photograph(page, 'director', 'fill-rate', 'phone');
  await page.getByTestId('reports-tab-audit').click();
  await page.getByTestId('audit-log').waitFor();
  await fitsWidth(page);
  await photograph(page, 'director', 'audit', 'phone');
});
