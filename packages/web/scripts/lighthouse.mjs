#!/usr/bin/env node
/**
 * `pnpm lighthouse [--runs N] [--page login,diary,journal] [--trace]`: Lighthouse 13's default mobile run
 * (Moto G Power screen, simulated slow 4G and 4× CPU slowdown) on the built web app, as served by the
 * real server (`pnpm start`'s main.ts, production settings, trusted documents) with the demo school in
 * a fresh embedded PostgreSQL of its own.
 *
 * Pages: the login page; the demo parent's diary week (their first child, this week); the demo
 * teacher's journal (the nav's «Журнал»: the first group they teach). Signed-in pages are measured cold
 * like the login page (Lighthouse clears the cache, the storage and the service worker first): only the
 * session token is put back into localStorage before the page's first script runs, as after a sign-in.
 *
 * Each page is measured N times (3 by default); the median of each figure is printed and written with
 * every report to packages/web/lighthouse-results/<timestamp>/ (summary.json, <page>-<run>.json; with
 * --trace also <page>-<run>.trace.json, the load's trace with CPU samples for DevTools' Performance panel;
 * the sampling slows the page, so a traced run's figures are not comparable with an untraced one's).
 * `cpuIndex` is Lighthouse's benchmark of the machine during the run (higher is faster): the simulation
 * scales the main-thread work it observed, so a busy machine shows a longer total blocking time.
 * Run `pnpm build` first (the root `pnpm lighthouse` does).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const serverDir = resolve(webDir, '../server');
const TOKEN_KEY = 'dnevnik.token';
const DEMO_PASSWORD = 'demo2026';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    page: { type: 'string', default: 'login,diary,journal' },
    trace: { type: 'boolean', default: false },
  },
});
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a positive whole number');

/** Debian's Chromium with e2e/browser.ts's flags: nothing leaves the machine (the network is closed). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--mute-audio',
];

/** The figures printed and kept: Lighthouse's audit id → label and unit. */
const METRICS = [
  ['first-contentful-paint', 'FCP', 'ms'],
  ['largest-contentful-paint', 'LCP', 'ms'],
  ['total-blocking-time', 'TBT', 'ms'],
  ['cumulative-layout-shift', 'CLS', ''],
  ['speed-index', 'SI', 'ms'],
];

if (!existsSync(join(webDir, 'dist/index.html'))) throw new Error('packages/web/dist is not built: run `pnpm build` first');

function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

/** `pnpm start`'s server (main.ts) on free ports, its data (embedded PostgreSQL, demo school) in a temporary folder. */
async function startServer() {
  const dataDir = await mkdtemp(join(tmpdir(), 'dnevnik-lighthouse-'));
  // As root, PostgreSQL runs as the `postgres` user (db/embedded-postgres.ts), which must reach the folder.
  await chmod(dataDir, 0o755);
  const [port, pgPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      EMBEDDED_PG_PORT: String(pgPort),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
      SEED_DEMO: 'true',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise((ok) => child.once('exit', ok));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before it was ready`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { url, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error('the server was not ready within 5 minutes');
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Signs `login` in through the login form; returns its session token and the hrefs of its nav links. */
async function signIn(browser, url, login) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('[data-testid="login-input"]').fill(login);
    await page.locator('[data-testid="password-input"]').fill(DEMO_PASSWORD);
    await page.locator('[data-testid="login-submit"]').click();
    await page.locator('[data-testid="viewer-name"]').wait();
    const token = await page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY);
    const links = await page.$$eval('nav a[data-testid^="nav-"]', (as) => as.map((a) => ({ id: a.dataset.testid, href: a.getAttribute('href') })));
    if (!token) throw new Error(`${login}: no session token after signing in`);
    return { token, links };
  } finally {
    await context.close();
  }
}

function median(values) {
  const sorted = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function figures(lhr) {
  const out = { score: lhr.categories.performance.score === null ? null : Math.round(lhr.categories.performance.score * 100) };
  for (const [id, label] of METRICS) out[label] = lhr.audits[id]?.numericValue ?? null;
  out.bytes = lhr.audits['total-byte-weight']?.numericValue ?? null;
  out.requests = lhr.audits['network-requests']?.details?.items?.length ?? null;
  // Lighthouse's measure of this machine's CPU at the time (higher is faster): the simulation scales the
  // observed main-thread work, so a busy machine shows a longer blocking time.
  out.cpuIndex = lhr.environment?.benchmarkIndex ?? null;
  return out;
}

function format(label, value) {
  if (value === null || value === undefined) return '–';
  if (label === 'CLS') return value.toFixed(3);
  if (label === 'bytes') return `${(value / 1024).toFixed(0)} KiB`;
  if (label === 'score' || label === 'requests' || label === 'cpuIndex') return String(Math.round(value));
  return `${Math.round(value)} ms`;
}

const server = await startServer();
// Interrupted (Ctrl+C): the server and its PostgreSQL stop too, and its temporary folder goes.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => void server.stop().finally(() => process.exit(130)));
}
const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const outDir = join(webDir, 'lighthouse-results', stamp);
await mkdir(outDir, { recursive: true });
try {
  const parent = await signIn(browser, server.url, 'parent');
  const teacher = await signIn(browser, server.url, 'teacher');
  const diary = parent.links.find((l) => l.id.startsWith('nav-diary-'));
  const journal = teacher.links.find((l) => l.id === 'nav-journal');
  if (!diary || !journal) throw new Error('the parent has no diary link or the teacher no journal link in the nav');
  const pages = [
    { name: 'login', title: 'Login page', url: `${server.url}/`, token: null },
    { name: 'diary', title: 'Diary week (parent)', url: `${server.url}/${diary.href}`, token: parent.token },
    { name: 'journal', title: 'Journal (teacher)', url: `${server.url}/${journal.href}`, token: teacher.token },
  ].filter((p) => args.page.split(',').includes(p.name));

  const summary = [];
  let version = '';
  for (const target of pages) {
    const results = [];
    for (let run = 1; run <= runs; run++) {
      // A fresh page per run; the token (if any) is in localStorage before the app's first script.
      const page = await browser.newPage();
      if (target.token) {
        await page.evaluateOnNewDocument(
          (key, token) => {
            try {
              if (globalThis.location.protocol.startsWith('http')) localStorage.setItem(key, token);
            } catch {
              // about:blank and the like have no storage.
            }
          },
          TOKEN_KEY,
          target.token,
        );
      }
      // With --trace, V8's CPU samples too (which functions the long tasks spent their time in).
      const flags = {
        onlyCategories: ['performance'],
        output: 'json',
        logLevel: 'error',
        ...(args.trace ? { additionalTraceCategories: 'disabled-by-default-v8.cpu_profiler' } : {}),
      };
      const result = await lighthouse(target.url, flags, undefined, page);
      await page.close();
      if (!result) throw new Error(`Lighthouse returned nothing for ${target.url}`);
      const lhr = result.lhr;
      version = lhr.lighthouseVersion;
      if (lhr.runtimeError) throw new Error(`${target.name}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      await writeFile(join(outDir, `${target.name}-${run}.json`), result.report);
      // The page load's trace (open in Chrome DevTools' Performance panel) to see which tasks block.
      if (args.trace) await writeFile(join(outDir, `${target.name}-${run}.trace.json`), JSON.stringify(result.artifacts.Trace));
      const f = figures(lhr);
      results.push(f);
      console.log(
        `${target.title}, run ${run}: ${Object.entries(f)
          .map(([k, v]) => `${k} ${format(k, v)}`)
          .join(', ')}`,
      );
    }
    const med = Object.fromEntries(Object.keys(results[0]).map((k) => [k, median(results.map((r) => r[k]))]));
    summary.push({ page: target.name, title: target.title, url: target.url.replace(server.url, ''), median: med, runs: results });
  }

  await writeFile(join(outDir, 'summary.json'), JSON.stringify({ lighthouse: version, date: new Date().toISOString(), runs, pages: summary }, null, 2));
  console.log(`\nMedian of ${runs} run(s), Lighthouse mobile (simulated slow 4G); reports in ${outDir}\n`);
  const columns = ['score', ...METRICS.map(([, label]) => label), 'bytes', 'requests', 'cpuIndex'];
  console.log(`| Page | ${columns.join(' | ')} |\n|---|${columns.map(() => '---').join('|')}|`);
  for (const s of summary) console.log(`| ${s.title} | ${columns.map((c) => format(c, s.median[c])).join(' | ')} |`);
} finally {
  await browser.close();
  await server.stop();
}
