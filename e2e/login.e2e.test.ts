import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../packages/server/src/db/seeders/demo-school.js';
import { Role } from '../packages/server/src/policy/roles.js';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.js';
import { launchChromium, screenshot } from './browser.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  // Trusted documents on, as in production: the built app must get by on its documents' hashes.
  server = await startTestServer({ demo: true, config: { trustedDocuments: true } });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('lets the demo parent sign in and see their name, role and children', async () => {
  const parent = DEMO_ACCOUNTS.find((a) => a.role === Role.PARENT)!;
  const page = await browser.newPage({ locale: 'ru-RU' });
  await page.goto(server.url);

  await page.getByTestId('login-input').fill(parent.login);
  await page.getByTestId('password-input').fill(parent.password);
  await page.getByTestId('login-submit').click();

  await expect.poll(() => page.getByTestId('viewer-name').textContent(), { timeout: 10_000 }).toBe(parent.name);
  expect(await page.getByTestId('viewer-role').textContent()).toBe('Родитель');
  // The family home is its own bundle: it arrives after the shell.
  await expect.poll(() => page.getByTestId('child').count(), { timeout: 10_000 }).toBe(2);
  // `SCREENSHOTS=1 pnpm e2e` refreshes the README's pictures.
  await screenshot(page, 'parent-home');
});

it('shows a clear message for a wrong password', async () => {
  const page = await browser.newPage({ locale: 'ru-RU' });
  await page.goto(server.url);
  await page.getByTestId('login-input').fill('parent');
  await page.getByTestId('password-input').fill('wrong');
  await page.getByTestId('login-submit').click();
  await expect.poll(() => page.getByTestId('login-error').textContent(), { timeout: 10_000 }).toContain('Неверный логин или пароль');
});
