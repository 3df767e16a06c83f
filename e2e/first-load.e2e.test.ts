import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeededWorld } from '../packages/server/src/db/seeders/school-builder.js';
import { fullName } from '../packages/server/src/modules/school/user.entity.js';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.js';
import { en } from '../packages/web/src/i18n/en.js';
import { ru } from '../packages/web/src/i18n/ru.js';
import { launchChromium, operationOf, signedIn } from './browser.js';
import { PHONE, walkSchool } from './walk.js';

/**
 * What the first page costs (issue 17, Lighthouse mobile ≥ 90; `pnpm lighthouse` measures it): the
 * first bundle holds no Apollo Client (the login page signs in with a plain request), Russian only, and
 * of the GraphQL documents the login's, the shell's (with the header's and the nav's unread counts) and those the
 * diary week and the journal start from; a signed-in diary week or journal page sends the queries its
 * screen needs alongside the shell's, rather than one round trip after another, and each once (Apollo
 * takes the answers sent before its bundle arrived).
 */
const NOW = new Date('2026-11-25T09:00:00Z');
/** Apollo Client names itself in what its HTTP link sends (`clientLibrary`, `apollographql-library-name`). */
const APOLLO_MARK = '@apollo/client';

let server: TestServer;
let world: SeededWorld;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    walkSchool({
      classes: { '5А': { classTeacher: 'ivanova', pupils: ['petya'] } },
      mothers: ['petrova'],
      consents: ['petya'],
      mathematics: [
        [1, 2, '21'],
        [3, 2, '21'],
      ],
    }),
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
 * Opens `page` on `hash` with the answer to the shell's query held back until every one of
 * `screenQueries` has been sent (or 5 s have passed), then opens it again as is, counting the GraphQL
 * requests of that second load by operation: whether the screen's queries went out while the shell
 * still waited for its answer, and how many times each operation was sent.
 */
async function firstLoad(
  page: Page,
  hash: string,
  screenQueries: string[],
  shown: string,
): Promise<{ alongsideTheShell: boolean; sent: Record<string, number> }> {
  const waiting = new Set(screenQueries);
  let allSent: () => void = () => undefined;
  const screenQueriesSent = new Promise<'sent'>((resolve) => (allSent = () => resolve('sent')));
  let outcome: 'sent' | 'timeout' | undefined;
  let sent: Record<string, number> = {};
  // On the context: once the service worker controls the page, the requests are the worker's.
  await page.context().route('**/graphql', async (route) => {
    const operation = String((route.request().postDataJSON() as { operationName?: unknown } | null)?.operationName);
    sent[operation] = (sent[operation] ?? 0) + 1;
    waiting.delete(operation);
    if (waiting.size === 0) allSent();
    if (operation === 'Shell') {
      outcome ??= await Promise.race([screenQueriesSent, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000))]);
    }
    await route.continue();
  });
  await page.goto(`${server.url}/${hash}`);
  await page.reload();
  await page.getByTestId(shown).waitFor();
  sent = {};
  await page.reload();
  await page.getByTestId(shown).waitFor();
  // Nothing asked a second time a little later either.
  await page.waitForTimeout(1000);
  await page.context().unroute('**/graphql');
  return { alongsideTheShell: outcome === 'sent', sent };
}

describe('the first page', () => {
  it('holds no Apollo Client, the Russian strings without the English, and of the documents only those the first screens start from', async () => {
    const html = await (await fetch(server.url)).text();
    const scripts = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    const code = (await Promise.all(scripts.map(async (s) => (await fetch(`${server.url}${s}`)).text()))).join('\n');

    const documents = [...operationsByHash()].filter(([hash]) => code.includes(hash.replace(/^sha256:/, ''))).map(([, name]) => name);
    expect(documents.sort()).toEqual([
      'DiaryScreen',
      'DiaryWeek',
      'Journal',
      'JournalRemarks',
      'JournalScreen',
      'Login',
      'Shell',
      'UnreadMessageCount',
      'UnreadNotices',
    ]);
    expect(code).toContain(ru.app.tagline);
    expect(code).not.toContain(en.app.tagline);
    expect(code).not.toContain(APOLLO_MARK);
  });
});

describe('a signed-in page opened anew', () => {
  it("sends the diary week's queries alongside the shell's, each once", async () => {
    const page = await signedIn(browser, server.url, 'petrova', { now: NOW, viewport: PHONE });
    const load = await firstLoad(page, `#/diary/${world.user('petya').id}?week=2026-11-23`, ['DiaryScreen', 'DiaryWeek'], 'diary-week');
    expect(load.alongsideTheShell).toBe(true);
    expect(load.sent).toMatchObject({ Shell: 1, UnreadMessageCount: 1, UnreadNotices: 1, DiaryScreen: 1, DiaryWeek: 1 });
    await page.context().close();
  });

  it('answers only the first request of the week from what was sent early: the week opened again is asked from the server', async () => {
    const page = await signedIn(browser, server.url, 'petrova', { now: NOW, viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}/#/diary/${world.user('petya').id}?week=2026-11-23`);
    await page.getByTestId('diary-week').waitFor();
    // Opened anew: the week is sent early, before Apollo's bundle, and Apollo takes that answer.
    const weeksAsked: string[] = [];
    await page.context().route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as { operationName?: string; variables?: { weekOf?: string } } | null;
      if (body?.operationName === 'DiaryWeek') weeksAsked.push(String(body.variables?.weekOf));
      await route.continue();
    });
    await page.reload();
    await page.getByTestId('diary-week').waitFor();
    expect(weeksAsked).toEqual(['2026-11-23']);

    // The next week and back: the week's query (cache and network) is asked again, and the server answers it.
    await page.getByTestId('diary-next-week').click();
    await expect.poll(() => weeksAsked).toEqual(['2026-11-23', '2026-11-30']);
    await page.getByTestId('diary-prev-week').click();
    await expect.poll(() => weeksAsked).toEqual(['2026-11-23', '2026-11-30', '2026-11-23']);
    await page.getByTestId('diary-week').waitFor();
    await page.context().close();
  });

  it("sends the journal's queries alongside the shell's, each once: the grid's as soon as the groups and periods are known", async () => {
    const page = await signedIn(browser, server.url, 'ivanova', { now: NOW, viewport: PHONE });
    const load = await firstLoad(page, '#/journal', ['JournalScreen', 'Journal', 'JournalRemarks'], 'journal-grid');
    expect(load.alongsideTheShell).toBe(true);
    expect(load.sent).toMatchObject({ Shell: 1, UnreadMessageCount: 1, UnreadNotices: 1, JournalScreen: 1, Journal: 1, JournalRemarks: 1 });
    // On a phone the grid opens scrolled past the term's earlier weeks: today's column is in view (measured in
    // the frame that first paints the grid).
    const todayColumn = () =>
      page.evaluate(() => {
        const scroller = document.querySelector('.grid-scroller');
        const today = document.querySelector('th.lesson-head.is-today');
        if (!scroller || !today) return 'no grid';
        const [box, head] = [scroller.getBoundingClientRect(), today.getBoundingClientRect()];
        return scroller.scrollLeft > 0 && head.left >= box.left && head.right <= box.right
          ? 'in view'
          : `at ${head.left}–${head.right} of ${box.left}–${box.right}`;
      });
    await expect.poll(todayColumn).toBe('in view');
    await page.context().close();
  });

  it("takes the early answers it put into Apollo's cache there: a live change's reload of the unread count is the server's answer", async () => {
    const hash = `#/diary/${world.user('petya').id}?week=2026-11-23`;
    const parent = await signedIn(browser, server.url, 'petrova', { now: NOW, hash });
    // Without the service worker: the signed-in app's bundle comes from the network, held back until the
    // unread count's early answer is in, so that the answer goes into the cache when Apollo starts.
    await parent.evaluate(async () => {
      for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
      for (const key of await caches.keys()) await caches.delete(key);
    });
    await parent.context().route('**/assets/SignedIn-*.js', async (route) => {
      await parent.waitForResponse((r) => operationOf(r.request().postData()) === 'UnreadMessageCount');
      await route.continue();
    });
    await parent.reload();
    await parent.getByTestId('diary-week').waitFor();
    expect(await parent.getByTestId('unread-badge').count()).toBe(0);

    // A letter from the class teacher: the parent's badge asks again (live), and the server answers.
    const teacher = await signedIn(browser, server.url, 'ivanova', { now: NOW, hash: '#/messages/new' });
    await teacher.getByTestId('contact-search').fill('Петрова');
    await teacher.getByTestId(`contact-${world.user('petrova').id}`).check();
    await teacher.getByTestId('compose-subject').fill('Собрание');
    await teacher.getByTestId('compose-body').fill('Родительское собрание в пятницу.');
    await teacher.getByTestId('compose-send').click();
    await expect.poll(() => parent.getByTestId('unread-badge').textContent(), { timeout: 10_000 }).toBe('1');
    await teacher.context().close();
    await parent.context().close();
  });

  it("paints the header (the school's name, who is signed in) from the shell's early answer while the signed-in app's bundle is still on its way", async () => {
    const page = await signedIn(browser, server.url, 'petrova', { now: NOW, viewport: PHONE });
    // Without the service worker, so that the bundles come from the network, where one is held back.
    await page.evaluate(async () => {
      for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
      for (const key of await caches.keys()) await caches.delete(key);
    });
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.context().route('**/assets/SignedIn-*.js', async (route) => {
      await released;
      await route.continue();
    });
    await page.goto(`${server.url}/#/diary/${world.user('petya').id}?week=2026-11-23`);
    await page.reload();
    await page.getByTestId('school-name').waitFor({ timeout: 5000 });
    expect(await page.getByTestId('school-name').textContent()).toBe(world.school().name);
    expect(await page.getByTestId('viewer-name').textContent()).toBe(fullName(world.user('petrova')));
    // The shell itself (its nav, the account's controls) has not started: its bundle is held back.
    expect(await page.locator('nav a[data-testid^="nav-"]').count()).toBe(0);
    expect(await page.getByTestId('logout').count()).toBe(0);
    release();
    await page.getByTestId('diary-week').waitFor();
    expect(await page.getByTestId('school-name').textContent()).toBe(world.school().name);
    expect(await page.getByTestId('logout').count()).toBe(1);
    await page.context().close();
  });
});
