import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium, driven by Playwright; flags keep it off the (closed) network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface SignInOptions {
  /** The moment the page's clock is pinned to: the server's injected "now", so both agree on today. */
  now: Date;
  /** Where to land after signing in (a hash route such as '#/journal/…'); the home page by default. */
  hash?: string;
  viewport?: { width: number; height: number };
  /** Entries written before the first script runs (e.g. a live stream's cursor, a poll interval). */
  sessionStorage?: Record<string, string>;
  localStorage?: Record<string, string>;
  acceptDownloads?: boolean;
  /** The device's own time zone (IANA); the machine's by default. */
  timezoneId?: string;
}

/** A fresh browser context signed in through the login form as `login` (demo password), on `options.hash`. */
export async function signedIn(browser: Browser, serverUrl: string, login: string, options: SignInOptions): Promise<Page> {
  const context = await browser.newContext({
    locale: 'ru-RU',
    viewport: options.viewport ?? { width: 1280, height: 900 },
    acceptDownloads: options.acceptDownloads ?? false,
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
  await context.clock.setFixedTime(options.now);
  const storage = { session: options.sessionStorage ?? {}, local: options.localStorage ?? {} };
  if (Object.keys(storage.session).length + Object.keys(storage.local).length > 0) {
    await context.addInitScript((s) => {
      for (const [key, value] of Object.entries(s.session)) sessionStorage.setItem(key, value);
      for (const [key, value] of Object.entries(s.local)) localStorage.setItem(key, value);
    }, storage);
  }
  const page = await context.newPage();
  await page.goto(`${serverUrl}/${options.hash ?? ''}`);
  await page.getByTestId('login-input').fill(login);
  await page.getByTestId('password-input').fill('secret');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('viewer-name').waitFor();
  return page;
}

/**
 * `docs/screenshots/<name>.png` for the README, written only when asked (`SCREENSHOTS=1 pnpm exec vitest run --project e2e …`),
 * so an ordinary test run leaves the tree clean. Of a page (its viewport, or `fullPage`) or of one element on it.
 */
export async function screenshot(target: Page | Locator, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  const path = new URL(`../docs/screenshots/${name}.png`, import.meta.url).pathname;
  await ('goto' in target ? target.screenshot({ path, fullPage: options.fullPage ?? false }) : target.screenshot({ path }));
}

/** The operation a GraphQL POST body names. */
export function operationOf(body: string | null): string | undefined {
  try {
    return (JSON.parse(body ?? 'null') as { operationName?: string } | null)?.operationName;
  } catch {
    return undefined;
  }
}

/**
 * Holds the page's next answer to `operation` (routed on the context, so the service worker's requests too):
 * the server answers at once (what is true now) and the page gets that answer only on `release()`, as over a
 * slow network that delivers it after a later change.
 */
export async function holdNextAnswer(page: Page, operation: string): Promise<{ read: Promise<void>; release: () => void }> {
  let answered!: () => void;
  let release!: () => void;
  const read = new Promise<void>((resolve) => (answered = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = false;
  await page.context().route(/\/graphql$/, async (route) => {
    if (held || operationOf(route.request().postData()) !== operation) return route.continue();
    held = true;
    const response = await route.fetch();
    const text = await response.text();
    answered();
    await released;
    // The page may have given up on this request meanwhile (a newer one replaced it): nothing to deliver then.
    await route.fulfill({ status: response.status(), contentType: 'application/json', body: text }).catch(() => {});
  });
  return { read, release };
}
