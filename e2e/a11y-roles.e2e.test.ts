import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeededWorld } from '../packages/server/src/db/seeders/school-builder.js';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.js';
import { launchChromium, signedIn } from './browser.js';
import { poll, SIZES, walkSchool, type Size } from './walk.js';

/**
 * Every role's main screens, at a desktop and a phone size: axe-core (injected into the page) finds
 * no critical or serious violation, and no screen scrolls sideways on a 390×844 phone. The first
 * page's JavaScript is sent compressed and cached as immutable; robots.txt is a robots file.
 */
const NOW = new Date('2026-11-25T09:00:00Z');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server: TestServer;
let world: SeededWorld;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    walkSchool({
      staff: ['director', 'secretary', 'hr'],
      classes: { '5А': { classTeacher: 'ivanova', pupils: ['petya'] } },
      mothers: ['petrova'],
      consents: ['petya'],
      mathematics: [
        [1, 2, '21'],
        [3, 2, '21'],
      ],
    })
      .withSubjects('Русский язык')
      .withInspector('inspector', 'Проверкина Инна Павловна')
      .withGroup('Русский язык', '5А', { teacher: 'ivanova', slots: [[2, 1, '21']] }),
    { lessons: true },
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const signIn = (login: string, size: Size): Promise<Page> => signedIn(browser, server.url, login, { now: NOW, viewport: SIZES[size] });

/** Opens a screen by its address and waits for the loading line to go. */
async function open(page: Page, hash: string) {
  await page.goto(`${server.url}/${hash}`);
  await page.getByTestId('viewer-name').waitFor();
  await poll(() => page.locator('[aria-busy="true"], main .muted:text("Загрузка")').count()).toBe(0);
  await page.waitForTimeout(300);
}

interface Violation {
  id: string;
  impact: string | null;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core's critical and serious violations on the page as it stands. */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(o: object): Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run({ resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map(
      (v) =>
        `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

/** What a phone must not do: scroll the whole page sideways. The message names the outermost elements sticking out. */
const sideways = (page: Page) =>
  page.evaluate(() => {
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    if (overflow <= 0) return null;
    const sticksOut = (e: Element | null) => !!e && e !== document.body && e.getBoundingClientRect().right > window.innerWidth + 1;
    // Inside a scrolling box (a wide table) is fine: the box scrolls, not the page.
    const clipped = (e: Element) => {
      for (let a = e.parentElement; a; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true;
      return false;
    };
    const out = [...document.querySelectorAll('body *')].filter((e) => sticksOut(e) && !sticksOut(e.parentElement) && !clipped(e));
    const name = (e: Element) =>
      `${e.tagName.toLowerCase()}${[...e.classList].map((c) => `.${c}`).join('')}${e.id ? `#${e.id}` : ''} «${(e.textContent ?? '').slice(0, 40)}»`;
    return `scrolls sideways by ${overflow}px: ${out.slice(0, 3).map(name).join(', ')}`;
  });

/** Navigation links and tabs a phone user cannot see without scrolling a strip sideways. */
const hiddenTabs = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('nav a, [role="tab"], .segmented > *')]
      .filter((e) => {
        const box = e.getBoundingClientRect();
        return box.width > 0 && (box.left < 0 || box.right > window.innerWidth);
      })
      .map((e) => (e.textContent ?? '').trim()),
  );

const SCREENS: Record<string, () => string[]> = {
  director: () => [
    '#/',
    '#/admin/people',
    '#/admin/year',
    '#/admin/classes',
    '#/admin/curriculum',
    '#/admin/timetable',
    '#/admin/movements',
    '#/admin/consents',
    '#/admin/exams',
    '#/reports',
    '#/reports/fill',
    '#/reports/control',
  ],
  secretary: () => ['#/', '#/admin/people', '#/admin/movements', '#/admin/consents', '#/admin/exams'],
  hr: () => ['#/', '#/admin/people'],
  inspector: () => ['#/', '#/reports'],
  ivanova: () => ['#/', '#/journal', `#/journal/${world.group('Математика', '5А').id}/plan`, '#/messages', '#/monitor', '#/reports'],
  petrova: () => [
    `#/diary/${world.user('petya').id}?week=2026-11-23`,
    `#/diary/${world.user('petya').id}/term`,
    `#/diary/${world.user('petya').id}/report`,
    `#/diary/${world.user('petya').id}/exams`,
    '#/messages',
  ],
  petya: () => ['#/', `#/diary/${world.user('petya').id}?week=2026-11-23`, `#/diary/${world.user('petya').id}/report`, '#/messages'],
};

describe.each(Object.keys(SIZES) as Size[])('at %s size', (size) => {
  it.each(Object.keys(SCREENS))("%s's main screens have no critical or serious accessibility violation and no sideways scrolling", async (login) => {
    const page = await signIn(login, size);
    const found: Record<string, string[]> = {};
    for (const hash of SCREENS[login]()) {
      await open(page, hash);
      const problems = await seriousViolations(page);
      if (size === 'phone') {
        const overflow = await sideways(page);
        if (overflow) problems.push(overflow);
        const hidden = await hiddenTabs(page);
        if (hidden.length) problems.push(`tabs out of sight: ${hidden.join(', ')}`);
      }
      if (problems.length) found[hash] = problems;
    }
    await page.context().close();
    expect(found).toEqual({});
  });
});

describe('delivery', () => {
  it("sends the first page's JavaScript compressed and cached by its hash, and a robots file", async () => {
    const html = await (await fetch(server.url)).text();
    const scripts = [...html.matchAll(/src="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      const br = await fetch(`${server.url}${script}`, { headers: { 'accept-encoding': 'br, gzip' } });
      expect(br.headers.get('content-encoding')).toBe('br');
      expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(br.headers.get('content-type')).toMatch(/javascript/);
      const gzip = await fetch(`${server.url}${script}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(gzip.headers.get('content-encoding')).toBe('gzip');
      const plain = await fetch(`${server.url}${script}`, { headers: { 'accept-encoding': 'identity' } });
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    const page = await fetch(server.url, { headers: { 'accept-encoding': 'br' } });
    expect(page.headers.get('cache-control')).toBe('no-cache');

    const robots = await fetch(`${server.url}/robots.txt`);
    expect(robots.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await robots.text()).toMatch(/^User-agent: \*$/m);
  });
});
