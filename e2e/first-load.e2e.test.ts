import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../packages/server/src/db/seeders/school-builder.js';
import { Role } from '../packages/server/src/modules/people/role-grant.entity.js';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.js';
import { en } from '../packages/web/src/i18n/en.js';
import { ru } from '../packages/web/src/i18n/ru.js';
import { launchChromium, signedIn } from './browser.js';

/**
 * What the first page costs (issue 17, Lighthouse mobile ≥ 90; `pnpm lighthouse` measures it): the
 * first bundle holds the login's and the shell's GraphQL documents only, and Russian only; a signed-in
 * diary week or journal page sends the query its screen starts from alongside the shell's, rather than
 * one round trip later.
 */
const NOW = new Date('2026-11-25T09:00:00Z');

let server: TestServer;
let world: SeededWorld;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withClass('5А', { classTeacher: 'ivanova' })
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withConsent('petya')
      .withGroup('Математика', '5А', { teacher: 'ivanova', slots: [[1, 2, '21'], [3, 2, '21']] }),
    { lessons: true },
  );
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The operation names of the web app's trusted documents, by hash (as the build writes them into bundles). */
function operationsByHash(): Map<string, string> {
  const manifest = JSON.parse(readFileSync(new URL('../packages/web/src/gql/persisted-documents.json', import.meta.url), 'utf8')) as Record<string, string>;
  return new Map(Object.entries(manifest).map(([hash, text]) => [hash, /(?:query|mutation|subscription)\s+(\w+)/.exec(text)![1]]));
}

/**
 * Reloads `page` on `hash` with the answer to the shell's query held back until `screenQuery` has been
 * sent (or 5 s have passed); says whether it was sent while the shell still waited for its answer.
 */
async function sentBeforeTheShellAnswered(page: Page, hash: string, screenQuery: string, shown: string): Promise<boolean> {
  let seen: () => void = () => undefined;
  const screenQuerySent = new Promise<'sent'>((resolve) => (seen = () => resolve('sent')));
  let outcome: 'sent' | 'timeout' | undefined;
  // On the context: once the service worker controls the page, the requests are the worker's.
  await page.context().route('**/graphql', async (route) => {
    const operation = String((route.request().postDataJSON() as { operationName?: unknown } | null)?.operationName);
    if (operation === screenQuery) seen();
    if (operation === 'Shell') {
      outcome ??= await Promise.race([screenQuerySent, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000))]);
    }
    await route.continue();
  });
  await page.goto(`${server.url}/${hash}`);
  await page.reload();
  await page.getByTestId(shown).waitFor();
  await page.context().unroute('**/graphql');
  return outcome === 'sent';
}

describe('the first page', () => {
  it('holds the login and the shell documents only, and the Russian strings without the English', async () => {
    const html = await (await fetch(server.url)).text();
    const scripts = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    const code = (await Promise.all(scripts.map(async (s) => (await fetch(`${server.url}${s}`)).text()))).join('\n');

    const documents = [...operationsByHash()].filter(([hash]) => code.includes(hash.replace(/^sha256:/, ''))).map(([, name]) => name);
    expect(documents.sort()).toEqual(['Login', 'Shell']);
    expect(code).toContain(ru.app.tagline);
    expect(code).not.toContain(en.app.tagline);
  });
});

describe('a signed-in page opened anew', () => {
  it("sends the diary's starting query alongside the shell's, not after its answer", async () => {
    const page = await signedIn(browser, server.url, 'petrova', { now: NOW, viewport: { width: 390, height: 844 } });
    expect(await sentBeforeTheShellAnswered(page, `#/diary/${world.user('petya').id}?week=2026-11-23`, 'DiaryScreen', 'diary-week')).toBe(true);
    await page.context().close();
  });

  it("sends the journal's starting query alongside the shell's, not after its answer", async () => {
    const page = await signedIn(browser, server.url, 'ivanova', { now: NOW, viewport: { width: 390, height: 844 } });
    expect(await sentBeforeTheShellAnswered(page, '#/journal', 'JournalScreen', 'journal-grid')).toBe(true);
    await page.context().close();
  });
});
