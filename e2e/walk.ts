import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { GraphQLClient } from '../packages/server/src/testing/graphql-client.js';
import { screenshot } from './browser.js';

/**
 * What the role walks (`e2e/day-*.e2e.test.ts`) share: the two screen sizes of issue 17, the
 * phone's no-sideways-scrolling rule, and the README's screenshots, written only when asked
 * (`SCREENSHOTS=1 pnpm exec vitest run --project e2e e2e/day-…`, see `screenshot` in browser.ts).
 */
export const DESKTOP = { width: 1366, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;
export const SIZES = { desktop: DESKTOP, phone: PHONE } as const;
export type Size = keyof typeof SIZES;

/** Waits for what the screen must come to show (the app answers live, so a few seconds at most). */
export const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000 });

/** On a phone nothing may scroll sideways. */
export async function fitsWidth(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(innerWidth);
}

/** `docs/screenshots/<role>-<screen>-<size>.png`, the viewport from the top, through browser.ts's `screenshot` (only when asked). */
export async function photograph(page: Page, role: string, screen: string, size: Size): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, `${role}-${screen}-${size}`);
}

/** The administration's tabs in order, and the ability (Viewer.can) that opens each (as `admin/sections.ts`). */
const ADMIN_SECTIONS = [
  ['people', 'listPeople'],
  ['year', 'planYear'],
  ['classes', 'editClasses'],
  ['curriculum', 'editCurriculum'],
  ['timetable', 'editTimetable'],
  ['movements', 'keepStudentRecords'],
  ['consents', 'keepStudentRecords'],
  ['exams', 'keepExamRegister'],
] as const;

/** The administration tabs on screen, by their address, once the screen has loaded. */
export async function adminTabs(page: Page): Promise<string[]> {
  await page.locator('[data-testid^="admin-tab-"]').first().waitFor();
  return page.locator('[data-testid^="admin-tab-"]').evaluateAll((links) => links.map((a) => a.getAttribute('data-testid')!.replace('admin-tab-', '')));
}

/** The sections the server's abilities open for this signed-in client: what the screen must show, no more. */
export async function allowedSections(client: GraphQLClient): Promise<string[]> {
  const { viewer } = await client.data<{ viewer: { can: Record<string, boolean> } }>(
    `{ viewer { can { listPeople planYear editClasses editCurriculum editTimetable keepStudentRecords keepExamRegister } } }`,
  );
  return ADMIN_SECTIONS.filter(([, ability]) => viewer.can[ability]).map(([section]) => section);
}
