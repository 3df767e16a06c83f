import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../packages/server/src/db/seeders/school-builder.js';
import { Role } from '../packages/server/src/policy/roles.js';
import { Lesson } from '../packages/server/src/modules/timetable/timetable.entity.js';
import { morningOf, type GraphQLClient } from '../packages/server/src/testing/graphql-client.js';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.js';
import { holdNextAnswer, launchChromium, operationOf, screenshot, signedIn } from './browser.js';

/**
 * Issue 6 in the browser: a parent keeps Пётр's diary open; the teacher posts a mark; it appears
 * in the open page, highlighted, with a toast, without a reload. Then the parent leaves the diary,
 * an absence is recorded meanwhile, and on return the stream resumes from the tab's cursor. A change
 * whose event reaches the page while the week's answer, read before the change, is still on its way
 * is shown all the same.
 *
 * "Now" is pinned for the server (Wednesday 25 November 2026); pages open at explicit weeks.
 */
const NOW = new Date('2026-11-25T09:00:00Z');

const WEEK = '2026-11-23';

let server: TestServer;
let world: SeededWorld;
let browser: Browser;

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000 });

function lessonOn(date: string) {
  return server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date });
}

/** The newest outbox id: the tab's stored cursor starts there, so nothing posted later can be missed. */
async function lastEventId(): Promise<string> {
  const [row] = await server.orm.em.getConnection().execute<{ id: string }[]>('select coalesce(max(id), 0)::text as id from domain_event');
  return row.id;
}

const signIn = (login: string, hash: string, init?: { key: string; value: string }): Promise<Page> =>
  signedIn(browser, server.url, login, { now: NOW, hash, sessionStorage: init ? { [init.key]: init.value } : {} });

/** Opens a screen of the app without reloading the page. */
const go = (page: Page, hash: string) => page.evaluate((h) => void (window.location.hash = h), hash);

const cursorOf = (page: Page, stream: string) => page.evaluate((key) => sessionStorage.getItem(key), stream);

/** An absence recorded by the teacher on the day of the lesson; the lesson's id. */
async function absent(teacher: GraphQLClient, student: string, date: string): Promise<string> {
  const lesson = await lessonOn(date);
  await teacher.at(morningOf(date)).data(`mutation($input: SetAttendanceInput!) { setAttendance(input: $input) { id } }`, {
    input: { lessonId: lesson.id, studentId: world.user(student).id, status: 'ILL' },
  });
  return lesson.id;
}

async function put(teacher: GraphQLClient, student: string, date: string, value: string) {
  const lesson = await lessonOn(date);
  const { putMark } = await teacher.at(morningOf(date)).data<{ putMark: { id: string } }>(`mutation($input: PutMarkInput!) { putMark(input: $input) { id } }`, {
    input: { lessonId: lesson.id, studentId: world.user(student).id, value, workTypeId: world.workType('У').id },
  });
  return putMark.id;
}

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
      .withGroup('Математика', '5А', {
        teacher: 'ivanova',
        slots: [
          [1, 2, '21'],
          [2, 3, '21'],
          [3, 2, '21'],
          [4, 4, '21'],
          [5, 1, '21'],
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

it("shows a mark the teacher posts in the parent's open diary, highlighted, without a reload, and resumes from the tab's cursor", async () => {
  const petya = world.user('petya').id;
  const stream = `dnevnik.cursor.diary.${petya}`;
  const start = await lastEventId();
  const parent = await signIn('petrova', `#/diary/${petya}?week=${WEEK}`, { key: stream, value: start });
  await parent.getByTestId('diary-week').waitFor();
  // Survives only if the page is never reloaded.
  await parent.evaluate(() => Object.assign(window, { stillTheSamePage: true }));

  const teacher = await server.as('ivanova');
  const markId = await put(teacher, 'petya', '2026-11-25', '5');

  const mark = parent.getByTestId(`diary-mark-${markId}`);
  await poll(() => mark.count()).toBe(1);
  expect(await mark.textContent()).toContain('5');
  await poll(() => mark.getAttribute('data-live')).toBe('new');
  expect(await mark.evaluate((el) => el.classList.contains('live-new'))).toBe(true);
  await poll(() => parent.getByTestId('toasts').textContent()).toContain('Новая оценка 5 · Математика');
  await screenshot(parent, 'diary-live');
  expect(await parent.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
  // The tab keeps the id of the event it handled.
  await poll(() => cursorOf(parent, stream)).not.toBe(start);

  // The parent leaves the diary (its stream closes); an absence is recorded meanwhile.
  await go(parent, '#/');
  await parent.getByTestId('diary-week').waitFor({ state: 'detached' });
  const monday = await absent(teacher, 'petya', '2026-11-23');

  // Back in the diary: the stream resumes after the stored cursor, so the missed event is replayed and marked new.
  await go(parent, `#/diary/${petya}?week=${WEEK}`);
  const absence = parent.getByTestId(`diary-attendance-${monday}`);
  await poll(() => absence.getAttribute('data-live')).toBe('new');
  expect(await absence.textContent()).toContain('Б');
  expect(await parent.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
});

it('resumes after a network loss from the last event the tab handled: nothing lost, nothing twice', async () => {
  const petya = world.user('petya').id;
  const stream = `dnevnik.cursor.diary.${petya}`;
  const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 900 } });
  // The pages' "today" is the server's: the browser clock is pinned to the same moment.
  await context.clock.setFixedTime(NOW);
  // The subscription socket goes through the test, which can cut it and refuse new ones (the network is down).
  let online = true;
  const sockets: { close(): Promise<void> }[] = [];
  await context.routeWebSocket(/\/graphql$/, (ws) => {
    if (!online) return void ws.close({ code: 1001, reason: 'offline' });
    const upstream = ws.connectToServer();
    sockets.push({
      close: async () => {
        await ws.close({ code: 1001, reason: 'network lost' });
        await upstream.close();
      },
    });
  });
  const cursor = await lastEventId();
  await context.addInitScript(([key, value]) => sessionStorage.setItem(key, value), [stream, cursor]);
  // Every toast ever shown, also those gone by the time we look.
  await context.addInitScript(() => {
    const shown: string[] = [];
    Object.assign(window, { shownToasts: shown });
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n instanceof HTMLElement && n.dataset.testid === 'toast') shown.push(n.textContent ?? '');
    }).observe(document, { childList: true, subtree: true });
  });
  const parent = await context.newPage();
  await parent.goto(`${server.url}/#/diary/${petya}?week=${WEEK}`);
  await parent.getByTestId('login-input').fill('petrova');
  await parent.getByTestId('password-input').fill('secret');
  await parent.getByTestId('login-submit').click();
  await parent.getByTestId('diary-week').waitFor();

  const teacher = await server.as('ivanova');
  const before = await put(teacher, 'petya', '2026-11-24', '4');
  await poll(() => parent.getByTestId(`diary-mark-${before}`).count()).toBe(1);
  await poll(() => parent.evaluate((key) => sessionStorage.getItem(key), stream)).not.toBe(cursor);

  // The network goes down; a mark is posted meanwhile; the network comes back.
  online = false;
  for (const socket of sockets.splice(0)) await socket.close();
  const during = await put(teacher, 'petya', '2026-11-23', '3');
  online = true;

  const missed = parent.getByTestId(`diary-mark-${during}`);
  await expect.poll(() => missed.getAttribute('data-live'), { timeout: 20_000 }).toBe('new');
  // Each mark was announced once, although the reconnection replayed from before the first one too.
  const toasts = await parent.evaluate(() => (window as unknown as { shownToasts: string[] }).shownToasts);
  expect(toasts.filter((t) => t.includes('Новая оценка 4'))).toHaveLength(1);
  expect(toasts.filter((t) => t.includes('Новая оценка 3'))).toHaveLength(1);
});

describe("a change whose event reaches the page while the week's answer, read before it, is on its way", () => {
  /** The parent's tab, its cursor at the newest event, on the home page. */
  async function parentAtHome() {
    const petya = world.user('petya').id;
    const stream = `dnevnik.cursor.diary.${petya}`;
    return { page: await signIn('petrova', '#/', { key: stream, value: await lastEventId() }), petya, stream };
  }

  /**
   * The teacher records the absence; once its event has reached the page and the reload it caused has been
   * answered, the held (older) answer is let through: it arrives last, as it would over a slow network.
   */
  async function absentWhileAnswerHeld(page: Page, stream: string, answer: { read: Promise<void>; release: () => void }, date: string) {
    await answer.read;
    const cursor = await cursorOf(page, stream);
    const reloaded = page.waitForResponse((r) => r.url().endsWith('/graphql') && operationOf(r.request().postData()) === 'DiaryWeek');
    const lesson = await absent(await server.as('ivanova'), 'petya', date);
    await poll(() => cursorOf(page, stream)).not.toBe(cursor);
    await reloaded;
    answer.release();
    const absence = page.getByTestId(`diary-attendance-${lesson}`);
    await poll(() => absence.getAttribute('data-live')).toBe('new');
    expect(await absence.textContent()).toContain('Б');
  }

  it('is shown on the first visit, before the week was on screen', async () => {
    const { page, petya, stream } = await parentAtHome();
    const answer = await holdNextAnswer(page, 'DiaryWeek');
    await go(page, `#/diary/${petya}?week=${WEEK}`);
    await absentWhileAnswerHeld(page, stream, answer, '2026-11-24');
  });

  it('is shown on a return, while the week of the last visit is on screen', async () => {
    const { page, petya, stream } = await parentAtHome();
    await go(page, `#/diary/${petya}?week=${WEEK}`);
    await page.getByTestId('diary-week').waitFor();
    await go(page, '#/');
    await page.getByTestId('diary-week').waitFor({ state: 'detached' });

    const answer = await holdNextAnswer(page, 'DiaryWeek');
    await go(page, `#/diary/${petya}?week=${WEEK}`);
    await page.getByTestId('diary-week').waitFor();
    await absentWhileAnswerHeld(page, stream, answer, '2026-11-25');
  });
});
