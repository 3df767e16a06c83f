import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SeededWorld } from '../packages/server/src/db/seeders/school-builder.js';
import { AuditEvent } from '../packages/server/src/modules/audit/audit.entity.js';
import { FinalMark, FinalMarkKind } from '../packages/server/src/modules/journal/journal.entity.js';
import type { NotificationWorker } from '../packages/server/src/modules/notifications/worker.js';
import { Consent } from '../packages/server/src/modules/people/consent.entity.js';
import { Lesson } from '../packages/server/src/modules/timetable/timetable.entity.js';
import type { GraphQLClient } from '../packages/server/src/testing/graphql-client.js';
import { inAppNotificationWorker } from '../packages/server/src/testing/notification-worker.js';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.js';
import { launchChromium, screenshot, signedIn } from './browser.js';
import { DESKTOP, EVERY_WEEKDAY, fitsWidth, PHONE, poll, walkSchool } from './walk.js';

/**
 * The parent's day through the web app only: the home page says what changed since the last visit
 * (marks, remarks, letters, the teacher's warning) and keeps up live (a new mark, homework); a
 * notice opens the exact diary week; the notification list; the year's results in the diary;
 * consent given and withdrawn online for the child whose diary is closed. What teachers do comes
 * through the API (it is their day, not the parent's); the notification worker runs a round as the
 * server's background job would. Every screen at 1366×900 and on a 390×844 phone, without sideways
 * scrolling there.
 *
 * "Now" is Wednesday 25 November 2026 for the server and for the pages.
 */
const NOW = new Date('2026-11-25T09:00:00Z');

let server: TestServer;
let world: SeededWorld;
let browser: Browser;
let ivanova: GraphQLClient;
let worker: NotificationWorker;

const lessonOn = (date: string) => server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date });
/** An earlier day's mark is late (issue 18's deadlines): it carries a reason. */
const putMark = (lessonId: string, student: string, value: string, reason?: string) =>
  ivanova.data(`mutation($input: PutMarkInput!) { putMark(input: $input) { id } }`, {
    input: { lessonId, studentId: world.user(student).id, value, workTypeId: world.workType('У').id, reason },
  });

// The list and the home ask the server again every second here (a safety net; 5 minutes in use).
const signIn = (login: string, hash: string, viewport: { width: number; height: number } = DESKTOP): Promise<Page> =>
  signedIn(browser, server.url, login, { now: NOW, hash, viewport, localStorage: { 'dnevnik.pollMs': '1000' } });

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    walkSchool({
      staff: ['smirnova'],
      classes: { '5А': { classTeacher: 'smirnova', pupils: ['petya', 'anya', 'vanya'] } },
      mothers: ['petrova', 'sidorova'],
      consents: ['petya', 'vanya'],
      mathematics: EVERY_WEEKDAY,
    }),
    { lessons: true },
  );
  browser = await launchChromium();
  ivanova = await server.as('ivanova');
  worker = inAppNotificationWorker(server);

  // The teachers' Monday to Wednesday, before the parent signs in.
  const [monday, tuesday, today] = await Promise.all([lessonOn('2026-11-23'), lessonOn('2026-11-24'), lessonOn('2026-11-25')]);
  await putMark(monday.id, 'petya', '3', 'ответ у доски в понедельник');
  await putMark(tuesday.id, 'petya', '3', 'ответ у доски во вторник');
  await putMark(monday.id, 'vanya', '5', 'ответ у доски в понедельник'); // another family's: never on Petrova's screens
  await ivanova.data(`mutation($input: AddRemarkInput!) { addRemark(input: $input) { id } }`, {
    input: { lessonId: tuesday.id, studentId: world.user('petya').id, kind: 'PRAISE', text: 'Отлично решил задачу у доски' },
  });
  await ivanova.data(
    `mutation($g: ID!, $s: ID!, $p: ID!) { announceIntendedMark(groupId: $g, studentId: $s, periodId: $p, intendedMark: 2, reason: "не сдана контрольная работа") { id } }`,
    { g: world.group('Математика', '5А').id, s: world.user('petya').id, p: world.periodsOf()[1].id },
  );
  await (
    await server.as('smirnova')
  ).data(`mutation($input: StartConversationInput!) { startConversation(input: $input) { id } }`, {
    input: {
      schoolId: world.school().id,
      to: world.user('petrova').id,
      studentId: world.user('petya').id,
      subject: 'Экскурсия в музей',
      body: 'В пятницу идём в музей, нужна подпись.',
    },
  });
  await putMark(today.id, 'petya', '5');
  // The first quarter's mark, given in its last week.
  const em = server.orm.em.fork();
  em.create(FinalMark, {
    school: world.school(),
    student: world.user('petya'),
    group: world.group('Математика', '5А'),
    subject: world.subject('Математика'),
    kind: FinalMarkKind.PERIOD,
    period: world.periodsOf()[0],
    value: '4',
    points: 4,
    enteredBy: world.user('ivanova'),
    enteredAt: new Date('2026-10-24T09:00:00Z'),
  });
  await em.flush();
  await worker.round();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('home: what changed since the last visit, the warning, and live news as teachers work', async () => {
  const home = await signIn('petrova', '#/');
  const news = home.getByTestId('home-news');
  await poll(() => news.textContent()).toContain('Петров П. И.: оценка 5 по предмету «Математика»');
  const text = (await news.textContent())!;
  expect(text).toContain('похвала');
  expect(text).toContain('Экскурсия в музей');
  expect(text).toContain('прогноз 2 за период');
  expect(text).not.toContain('Сидоров');
  const warnings = home.getByTestId(`home-warnings-${world.user('petya').id}`);
  expect(await warnings.textContent()).toContain('Математика: ожидается 2 за период (средний балл 3.00)');
  expect(await warnings.textContent()).toContain('не сдана контрольная работа');
  // Anya's diary stays closed: no consent of her mother's yet.
  expect(await home.getByTestId(`home-consent-${world.user('anya').id}`).textContent()).toContain('Согласие не дано');
  expect(await home.getByTestId(`home-week-${world.user('anya').id}`).count()).toBe(0);
  await poll(() => home.getByTestId('nav-notices').textContent()).toBe('Уведомления (6)');
  await screenshot(home, 'family-home');

  // The teacher sets homework and gives a mark while the home page is open.
  const today = await lessonOn('2026-11-25');
  await ivanova.data(`mutation($input: SetLessonContentInput!) { setLessonContent(input: $input) { id } }`, {
    input: { lessonId: today.id, topic: 'Деление дробей', homework: '№ 512, 514' },
  });
  await putMark(today.id, 'petya', '4');
  await poll(() => home.getByTestId('home-live').allTextContents()).toEqual(
    expect.arrayContaining([expect.stringContaining('Новая оценка 4 · Математика'), expect.stringContaining('Урок обновлён · Математика')]),
  );
  await worker.round();
  // The notice of the new mark replaces its live line; the homework has no notice and keeps its line.
  await poll(() => home.getByTestId('home-live').count()).toBe(1);
  await poll(() => news.textContent()).toContain('оценка 4 по предмету «Математика»');
});

it("a notice opens the exact diary week, the item marked; the list; the year's results", async () => {
  const page = await signIn('petrova', '#/notices');
  const list = page.getByTestId('notice-list');
  // Six before the visit, and the 4 given while the home page was open.
  await poll(() => list.locator('li').count()).toBe(7);
  expect(await list.textContent()).not.toContain('Сидоров');
  await screenshot(page, 'family-notices');

  // Tuesday's praise: its notice opens the week of 23 November at that remark.
  const praise = list.locator('li', { hasText: 'похвала' });
  await praise.getByRole('link').click();
  await page.waitForURL(/#\/diary\//);
  expect(page.url()).toContain(`#/diary/${world.user('petya').id}?week=2026-11-23&highlight=`);
  await poll(() => page.getByTestId('diary-week-title').textContent()).toMatch(/23.*28 ноября/);
  expect(await page.locator('[data-live="linked"]').textContent()).toContain('Отлично решил задачу у доски');
  await screenshot(page, 'family-diary-week');

  await page.getByTestId('nav-notices').click();
  await page.getByTestId('notices-mark-read').click();
  await poll(() => page.getByTestId('nav-notices').textContent()).toBe('Уведомления');

  await page.goto(`${server.url}/#/diary/${world.user('petya').id}/term`);
  const year = page.getByTestId('year-marks');
  await poll(() => year.textContent()).toContain('Итоги года');
  expect(await page.getByTestId(`year-mark-Математика-${world.periodsOf()[0].id}`).textContent()).toBe('4');
  expect(await page.getByTestId(`year-mark-Математика-${world.periodsOf()[1].id}`).textContent()).toBe('—');
  expect(await page.getByTestId('year-mark-Математика-ANNUAL').textContent()).toBe('—');
  // The teacher's warning stands by the subject of the period it is about.
  expect(await page.getByTestId(`term-warning-${world.group('Математика', '5А').id}`).textContent()).toBe('учитель предупреждает: 2');
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'family-term', { fullPage: true });
});

it("consent online: the mother opens Anya's diary by an explicit, audited consent and closes it again", async () => {
  const anya = world.user('anya').id;
  const home = await signIn('petrova', '#/');
  const card = home.getByTestId(`home-consent-${anya}`);
  await card.getByTestId(`consent-give-${anya}`).click();
  const dialog = home.getByTestId('consent-give-dialog');
  expect(await dialog.textContent()).toContain(
    'Я, Петрова Мария Ивановна, даю согласие школе на обработку персональных данных ребёнка (Петрова Анна Ильинична)',
  );
  await dialog.getByTestId('consent-give-confirm').click();
  await poll(() => card.textContent()).toContain('Согласие дано');
  await home.getByTestId(`home-week-${anya}`).click();
  await poll(() => home.getByTestId('diary-week').count()).toBe(1);

  // Recorded at the server's clock, by the mother herself, online, and audited.
  const em = server.orm.em.fork();
  const consent = await em.findOneOrFail(Consent, { student: anya, withdrawnAt: null });
  expect(consent).toMatchObject({ givenAt: NOW, receivedBy: null });
  expect(consent.givenBy.id).toBe(world.user('petrova').id);
  expect(await em.count(AuditEvent, { action: 'consent.record', entityId: consent.id })).toBe(1);

  await home.getByTestId('nav-home').click();
  const withdraw = home.getByTestId(`home-consent-${anya}`).getByTestId(`consent-withdraw-${consent.id}`);
  await withdraw.click();
  expect(await home.getByTestId('consent-withdraw-dialog').textContent()).toContain('закроется сразу');
  await home.getByTestId('consent-withdraw-confirm').click();
  await poll(() => home.getByTestId(`home-consent-${anya}`).textContent()).toContain('Согласие не дано');
  await poll(() => home.getByTestId(`home-week-${anya}`).count()).toBe(0);
  expect(await server.orm.em.fork().count(AuditEvent, { action: 'consent.withdraw', entityId: consent.id })).toBe(1);
  await home.goto(`${server.url}/#/diary/${anya}`);
  await poll(() => home.getByTestId('diary-consent-required').count()).toBe(1);
});

it("fits a 390×844 phone: the parent's screens without sideways scrolling", async () => {
  const petya = world.user('petya').id;
  const page = await signIn('petrova', '#/', PHONE);
  const screens: [string, string, () => Promise<unknown>][] = [
    ['family-home-phone', '#/', () => page.getByTestId('home-news').waitFor()],
    ['family-notices-phone', '#/notices', () => page.getByTestId('notice-list').waitFor()],
    ['family-diary-week-phone', `#/diary/${petya}?week=2026-11-23`, () => page.getByTestId('diary-week').waitFor()],
    ['family-term-phone', `#/diary/${petya}/term`, () => page.getByTestId('year-marks').waitFor()],
  ];
  for (const [name, hash, ready] of screens) {
    await page.goto(`${server.url}/${hash}`);
    await ready();
    await fitsWidth(page);
    await screenshot(page, name);
  }
});
