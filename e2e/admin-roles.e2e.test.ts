import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school } from '../packages/server/src/db/seeders/school-builder.js';
import { Role } from '../packages/server/src/policy/roles.js';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.js';
import { launchChromium, screenshot, signedIn } from './browser.js';
import { poll } from './walk.js';

/**
 * The day of each administration role, through the web app only (issue 17): each sees the tabs the
 * server allows it (viewer.can) and nothing else, and does its work there. Screenshots of each
 * role's main screen, desktop and phone, go to docs/screenshots/admin-*.png.
 */
const NOW = new Date('2026-11-25T09:00:00Z');
const SIZES = { desktop: { width: 1366, height: 900 }, phone: { width: 390, height: 844 } } as const;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('director', 'Тихонов Виктор Павлович', [Role.DIRECTOR])
      .withStaff('secretary', 'Зуева Наталья Олеговна', [Role.SECRETARY])
      .withStaff('hr', 'Кадрова Клара Олеговна', [Role.HR])
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withStaff('smirnov', 'Смирнов Олег Ильич', [Role.TEACHER])
      .withInspector('inspector', 'Проверкина Инна Павловна')
      .withClass('5А', { classTeacher: 'ivanova' })
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withConsent('petya')
      .withGroup('Математика', '5А', { teacher: 'ivanova', slots: [[1, 2, '21']] }),
    { lessons: true },
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const signIn = (login: string, size: keyof typeof SIZES = 'desktop'): Promise<Page> =>
  signedIn(browser, server.url, login, { now: NOW, viewport: SIZES[size] });

/** The administration tabs on screen, by their address, once the screen has loaded. */
async function adminTabs(page: Page): Promise<string[]> {
  await page.locator('[data-testid^="admin-tab-"]').first().waitFor();
  return page.locator('[data-testid^="admin-tab-"]').evaluateAll((links) => links.map((a) => a.getAttribute('data-testid')!.replace('admin-tab-', '')));
}

/** Both sizes of a role's main screen, for the README. */
async function photograph(login: string, hash: string, name: string, ready: (page: Page) => Promise<unknown>) {
  for (const size of Object.keys(SIZES) as (keyof typeof SIZES)[]) {
    const page = await signIn(login, size);
    await page.goto(`${server.url}/${hash}`);
    await ready(page);
    await screenshot(page, `admin-${name}-${size}`, { fullPage: size === 'desktop' });
    await page.context().close();
  }
}

describe('a day of the administration in the web app', () => {
  it('the director finds a teacher by name, corrects her phone and contract end, and sees every section', async () => {
    const page = await signIn('director');
    await page.getByTestId('nav-admin').click();
    expect(await adminTabs(page)).toEqual(['people', 'year', 'classes', 'curriculum', 'timetable', 'movements', 'consents', 'exams']);

    await page.getByTestId('people-search').fill('иванова');
    await poll(() => page.getByTestId('people-table').locator('tbody tr').count()).toBe(1);
    await page.getByTestId('edit-ivanova').click();
    const editor = page.getByTestId('person-editor');
    await editor.getByLabel('Телефон').fill('+7 900 123-45-67');
    await editor.getByTestId('contract-end-TEACHER').fill('2027-06-30');
    await editor.getByTestId('person-editor-save').click();
    await editor.waitFor({ state: 'detached' });
    await page.getByTestId('edit-ivanova').click();
    expect(await page.getByTestId('person-editor').getByLabel('Телефон').inputValue()).toBe('+7 900 123-45-67');
    expect(await page.getByTestId('person-editor').getByTestId('contract-end-TEACHER').inputValue()).toBe('2027-06-30');
    await page.keyboard.press('Escape');

    await page.getByTestId('admin-tab-year').click();
    await poll(() => page.getByTestId('year-periods').locator('li').count()).toBe(4);
    await page.getByTestId('close-year').waitFor();

    await page.getByTestId('nav-reports').click();
    await page.getByTestId('reports-tab-audit').waitFor();
    // The summary sheet has the width of the screen, not a column of 60rem.
    await page.getByTestId('class-summary').waitFor();
    expect(await page.locator('main').evaluate((e) => e.getBoundingClientRect().width)).toBeGreaterThan(1300);
    await page.context().close();
    await photograph('director', '#/admin/people', 'director-people', (p) => p.getByTestId('person-ivanova').waitFor());
  });

  it('the secretary keeps the students: people, movements and consents, and no planning of the year', async () => {
    const page = await signIn('secretary');
    await page.getByTestId('nav-admin').click();
    expect(await adminTabs(page)).toEqual(['people', 'movements', 'consents', 'exams']);
    await page.getByTestId('people-search').fill('петров');
    await page.getByTestId('person-petya').waitFor();
    expect(await page.getByTestId('person-ivanova').count()).toBe(0);
    await page.getByTestId('admin-tab-movements').click();
    await page.waitForURL(/#\/admin\/movements/);
    // An old link to a section not hers shows her first one.
    await page.goto(`${server.url}/#/admin/year`);
    await page.getByTestId('people-table').waitFor();
    expect(await page.getByTestId('nav-reports').count()).toBe(0);
    await page.context().close();
    await photograph('secretary', '#/admin/people', 'secretary-people', (p) => p.getByTestId('person-petya').waitFor());
  });

  it('HR keeps the staff list: only people, staff only, and sets the end of a contract', async () => {
    const page = await signIn('hr');
    await page.getByTestId('nav-admin').click();
    expect(await adminTabs(page)).toEqual(['people']);
    await page.getByTestId('person-smirnov').waitFor();
    expect(await page.getByTestId('person-petya').count()).toBe(0);
    await page.getByTestId('edit-smirnov').click();
    await page.getByTestId('contract-end-TEACHER').fill('2026-12-31');
    await page.getByTestId('person-editor-save').click();
    await page.getByTestId('person-editor').waitFor({ state: 'detached' });
    await page.getByTestId('edit-smirnov').click();
    expect(await page.getByTestId('contract-end-TEACHER').inputValue()).toBe('2026-12-31');
    await page.context().close();
    await photograph('hr', '#/admin/people', 'hr-people', (p) => p.getByTestId('person-smirnov').waitFor());
  });

  it("the inspector reads the authority's schools in aggregate, with no person's name and no administration", async () => {
    const page = await signIn('inspector');
    expect(await page.getByTestId('nav-admin').count()).toBe(0);
    await page.getByTestId('nav-reports').click();
    const stats = page.getByTestId('authority-statistics');
    await stats.waitFor();
    expect(await stats.textContent()).toContain('Школа № 1');
    for (const name of ['Иванова', 'Петров', 'Тихонов']) expect(await stats.textContent()).not.toContain(name);
    await page.getByTestId('authority-period-2').click();
    expect(await page.getByTestId('authority-period-2').getAttribute('aria-pressed')).toBe('true');
    await page.context().close();
    await photograph('inspector', '#/reports', 'inspector-statistics', (p) => p.getByTestId('authority-marks').waitFor());
  });
});
