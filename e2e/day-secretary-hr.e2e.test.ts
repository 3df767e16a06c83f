import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SeededWorld } from '../packages/server/src/db/seeders/school-builder.js';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.js';
import { launchChromium, signedIn } from './browser.js';
import { adminTabs, allowedSections, DESKTOP, fitsWidth, PHONE, photograph, poll, walkSchool } from './walk.js';

/**
 * The secretary's and the HR specialist's day, every step a click or a keystroke (issue 17): each
 * sees the administration sections its `viewer.can` opens and no other. The secretary finds a
 * pupil, records his mother's paper consent and his transfer to another class by order; HR keeps
 * the staff list (no pupils, no parents) and a teacher's contract end. At 1366×900 and 390×844.
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
      staff: ['secretary', 'hr', 'smirnov'],
      classes: { '5А': { classTeacher: 'ivanova', pupils: ['vanya', 'petya'] }, '5Б': { classTeacher: 'smirnov' } },
      mothers: ['sidorova', 'petrova'],
      consents: ['petya'],
    }),
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it("the secretary's day: a pupil found, his mother's paper consent and his transfer recorded", async () => {
  const vanya = world.user('vanya').id;
  const page = await signIn('secretary');
  await page.getByTestId('nav-admin').click();
  expect(await adminTabs(page)).toEqual(await allowedSections(await server.as('secretary')));
  expect(await adminTabs(page)).toEqual(['people', 'movements', 'consents', 'exams']);
  expect(await page.getByTestId('nav-settings').count()).toBe(0);

  await page.getByTestId('people-search').fill('сидоров');
  const rows = page.getByTestId('people-table').locator('tbody tr');
  await poll(() => rows.count()).toBe(2);
  expect(await rows.allTextContents()).toEqual([expect.stringContaining('Сидоров Иван Петрович'), expect.stringContaining('Сидорова Нина Павловна')]);

  // The paper the mother signed at the office.
  await page.getByTestId('admin-tab-consents').click();
  const row = page.getByTestId(`consent-${vanya}`);
  await poll(() => row.textContent()).toContain('нет');
  expect(await page.getByTestId(`consent-${world.user('petya').id}`).textContent()).toContain('есть');
  await row.locator('input[name="documentNumber"]').fill('31/2026');
  await photograph(page, 'secretary', 'consents', 'desktop');
  await row.getByRole('button', { name: 'Внести' }).click();
  await poll(() => row.textContent()).toContain('есть');
  expect(await row.textContent()).toContain('Сидорова Нина Павловна');
  expect(await row.textContent()).toContain('№ 31/2026');

  // Иван moves to 5Б by the director's order.
  await page.getByTestId('admin-tab-movements').click();
  const form = page.getByTestId('movement-form');
  await form.locator('select[name="kind"]').selectOption('TRANSFER');
  // No select of every pupil: she types, the server answers with the pupils whose name matches (not his mother).
  expect(await form.locator('select[name="studentId"]').count()).toBe(0);
  const picker = page.getByTestId('movement-student');
  expect(await page.getByTestId('movement-submit').isDisabled()).toBe(true);
  await page.getByTestId('movement-student-search').pressSequentially('сидоров');
  const matches = picker.getByRole('listitem');
  await poll(() => matches.allTextContents()).toEqual(['Сидоров Иван Петрович (5А)']);
  await picker.getByRole('button', { name: 'Сидоров Иван Петрович (5А)' }).click();
  expect(await page.getByTestId('movement-student-chosen').textContent()).toBe('Выбран(а): Сидоров Иван Петрович');
  await form.locator('select[name="toClassId"]').selectOption({ label: '5Б' });
  await form.locator('input[name="orderNumber"]').fill('112-у');
  await page.getByTestId('movement-submit').click();
  const movements = page.getByTestId('movements');
  await poll(() => movements.textContent()).toContain('5А → 5Б');
  expect(await movements.textContent()).toContain('Сидоров Иван Петрович');
  expect(await movements.textContent()).toContain('№ 112-у');
  await photograph(page, 'secretary', 'movements', 'desktop');
  // The form starts afresh, and finds him as a pupil of 5Б.
  await poll(() => page.getByTestId('movement-student-chosen').textContent()).toBe('Никто не выбран: найдите по ФИО или логину');
  await page.getByTestId('movement-student-search').pressSequentially('иван');
  await poll(() => matches.allTextContents()).toEqual(['Сидоров Иван Петрович (5Б)']);
});

it("HR's day: the staff list only, and a teacher's contract end", async () => {
  const page = await signIn('hr');
  await page.getByTestId('nav-admin').click();
  expect(await adminTabs(page)).toEqual(await allowedSections(await server.as('hr')));
  expect(await adminTabs(page)).toEqual(['people']);
  const rows = page.getByTestId('people-table').locator('tbody tr');
  await poll(() => rows.count()).toBe(4);
  expect(await rows.allTextContents()).toEqual([
    expect.stringContaining('Зуева Наталья Олеговна'),
    expect.stringContaining('Иванова Анна Петровна'),
    expect.stringContaining('Кадрова Клара Олеговна'),
    expect.stringContaining('Смирнов Олег Ильич'),
  ]);
  await page.getByTestId('edit-smirnov').click();
  await page.getByTestId('contract-end-TEACHER').fill('2027-05-31');
  await photograph(page, 'hr', 'contract-end', 'desktop');
  await page.getByTestId('person-editor-save').click();
  await page.getByTestId('person-editor').waitFor({ state: 'detached' });
  await page.getByTestId('edit-smirnov').click();
  expect(await page.getByTestId('contract-end-TEACHER').inputValue()).toBe('2027-05-31');
  await page.getByTestId('person-editor').getByRole('button', { name: 'Отмена' }).click();

  // The list shows every contract end; Иванова's ends within the month (today is 25 November).
  await poll(() => page.getByTestId('person-contract-end-smirnov').textContent()).toBe('31 мая 2027 г.');
  await page.getByTestId('edit-ivanova').click();
  await page.getByTestId('contract-end-TEACHER').fill('2026-12-20');
  await page.getByTestId('person-editor-save').click();
  await page.getByTestId('person-editor').waitFor({ state: 'detached' });
  await poll(() => page.getByTestId('person-contract-end-ivanova').textContent()).toBe('20 декабря 2026 г.');
  await page.getByTestId('people-ending-soon').click();
  await poll(() => rows.allTextContents()).toEqual([expect.stringContaining('Иванова Анна Петровна')]);
  await page.getByTestId('people-ending-soon').click();
  await poll(() => rows.count()).toBe(4);
});

it("fits a 390×844 phone: the secretary's and HR's screens without sideways scrolling", async () => {
  const secretary = await signIn('secretary', PHONE, '#/admin/consents');
  await secretary.getByTestId(`consent-${world.user('vanya').id}`).waitFor();
  await fitsWidth(secretary);
  await photograph(secretary, 'secretary', 'consents', 'phone');
  await secretary.getByTestId('admin-tab-movements').click();
  await poll(() => secretary.getByTestId('movements').textContent()).toContain('5А → 5Б');
  await fitsWidth(secretary);
  await photograph(secretary, 'secretary', 'movements', 'phone');

  const hr = await signIn('hr', PHONE, '#/admin/people');
  await hr.getByTestId('edit-smirnov').click();
  await hr.getByTestId('person-editor').waitFor();
  await fitsWidth(hr);
  await photograph(hr, 'hr', 'contract-end', 'phone');
});
