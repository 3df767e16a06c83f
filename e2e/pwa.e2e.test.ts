import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { school, type SeededWorld } from '../packages/server/src/db/seeders/school-builder.js';
import { Role } from '../packages/server/src/policy/roles.js';
import { noticeOf } from '../packages/server/src/modules/notifications/notices.js';
import { pushPayload } from '../packages/server/src/modules/notifications/worker.js';
import { Lesson } from '../packages/server/src/modules/timetable/timetable.entity.js';
import { DomainEvent, noticeSource } from '../packages/server/src/realtime/domain-event.entity.js';
import { morningOf } from '../packages/server/src/testing/graphql-client.js';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.js';
import { SAVED_AT_FORMAT } from '../packages/web/src/pwa/savedAt.js';
import { launchChromium, signedIn } from './browser.js';

/**
 * The installable app without a network (issue 10): the service worker installs, a parent reads the
 * last viewed diary week offline (marked as such, with its time), and a teacher's mark typed while
 * offline is sent when the connection returns and reaches the parent; one the server refuses on
 * replay is shown to the teacher, not dropped.
 */
const NOW = new Date('2026-11-25T09:00:00Z');

const TODAY = '2026-11-25';
const WEEK = '2026-11-23';

let server: TestServer;
let world: SeededWorld;
let browser: Browser;

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });

function lessonOn(date: string) {
  return server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date });
}

async function signIn(login: string, hash: string): Promise<{ context: BrowserContext; page: Page }> {
  const page = await signedIn(browser, server.url, login, { now: NOW, hash });
  return { context: page.context(), page };
}

/** Waits until the service worker is active and controls the page (after one reload, as on a second visit). */
async function controlledBy(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null)).toBe('activated');
}

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withClass('5А')
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withStudent('kolya', 'Колесов Николай Ильич', { inClass: '5А' })
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
  const monday = await lessonOn(WEEK);
  const ivanova = await server.as('ivanova');
  await ivanova.at(morningOf(monday.date)).data(`mutation($input: PutMarkInput!) { putMark(input: $input) { id } }`, {
    input: { lessonId: monday.id, studentId: world.user('petya').id, value: '4', workTypeId: world.workType('У').id },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('installs as an app: a manifest with icons and a service worker', async () => {
  const { page } = await signIn('petrova', '');
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = (await (await page.request.get(`${server.url}${manifestHref}`)).json()) as { name: string; icons: { src: string; type: string }[] };
  expect(manifest.name).toBe('Дневник');
  expect(manifest.icons.map((i) => i.type)).toEqual(expect.arrayContaining(['image/png', 'image/svg+xml']));
  for (const icon of manifest.icons) expect((await page.request.get(`${server.url}/${icon.src}`)).ok()).toBe(true);
  await controlledBy(page);

  // «Это устройство» offers push for this browser (the server publishes its VAPID key).
  await page.getByTestId('nav-device').click();
  await page.getByTestId('push-enable').waitFor();
});

it("shows the server's push notice for a new mark; tapping it opens that diary week with the mark highlighted", async () => {
  const { context, page } = await signIn('petrova', '');
  await context.grantPermissions(['notifications'], { origin: server.url });
  await controlledBy(page);
  const worker = context.serviceWorkers()[0];
  // Chromium's DevTools protocol delivers a push message as the push service would.
  const cdp = await context.newCDPSession(page);
  // Listening before enabling: the registrations are reported as soon as the domain is on.
  const registered = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = registrations.find((r) => r.scopeURL.startsWith(server.url) && !r.isDeleted);
      if (ours) resolve(ours.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  const registrationId = await registered;

  // The payload the server's notification worker sends for the mark put before the test (Monday's 4).
  const em = server.orm.em.fork();
  const event = await em.findOneOrFail(DomainEvent, { type: 'mark.created' });
  const notice = (await noticeOf(em, noticeSource(event), NOW))!;
  const push = () =>
    cdp.send('ServiceWorker.deliverPushMessage', {
      origin: server.url,
      registrationId,
      data: pushPayload({ title: notice.title, body: notice.body, url: notice.url, eventId: event.id }),
    });
  const shown = () =>
    worker.evaluate(async () =>
      (await (self as unknown as { registration: ServiceWorkerRegistration }).registration.getNotifications()).map((n) => `${n.title} → ${n.data.url}`),
    );
  // DevTools' delivery, like a push service's, is at least once, and once in a CI run it was not at all: the message
  // is sent again while no notice shows. The same event twice must still be one notice (the worker tags it by event).
  let lastPush = 0;
  await poll(async () => {
    const titles = await shown();
    if (titles.length === 0 && Date.now() - lastPush > 3_000) {
      lastPush = Date.now();
      await push();
    }
    return titles;
  }).toEqual([`${notice.title} → ${notice.url}`]);
  await push();
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(await shown()).toEqual([`${notice.title} → ${notice.url}`]);

  // A tap: the worker's notificationclick with the notification shown (DevTools cannot click one).
  await worker.evaluate(async () => {
    type Scope = { registration: ServiceWorkerRegistration; NotificationEvent: new (type: string, init: { notification: Notification }) => Event };
    const sw = self as unknown as Scope & EventTarget;
    const [notification] = await sw.registration.getNotifications();
    sw.dispatchEvent(new sw.NotificationEvent('notificationclick', { notification: notification }));
  });
  const markId = String(event.payload.markId);
  await poll(() => new URL(page.url()).hash).toBe(`#/diary/${world.user('petya').id}?week=${WEEK}&highlight=${markId}`);
  await page.getByTestId('diary-week').waitFor();
  expect(await page.getByTestId('diary-week-title').textContent()).toContain('23–28 ноября');
  await poll(() => page.getByTestId(`diary-mark-${markId}`).getAttribute('data-live')).toBe('linked');
  expect(await page.getByTestId(`diary-mark-${markId}`).textContent()).toContain('4');
});

it("shows the last viewed diary week offline, marked as saved data; a teacher's offline mark and absence are sent on reconnect, the mark reaches the parent", async () => {
  const petya = world.user('petya').id;
  const monday = await lessonOn(WEEK);
  const today = await lessonOn(TODAY);
  const diaryHash = `#/diary/${petya}?week=${WEEK}`;

  // The parent looks at the week once with a network.
  const parent = await signIn('petrova', diaryHash);
  await controlledBy(parent.page);
  await parent.page.getByTestId('diary-week').waitFor();
  await poll(() => parent.page.getByTestId(`diary-lesson-${monday.id}`).textContent()).toContain('4');

  // No network at all: the app opens from the cache, shows the week and says it is saved data.
  await parent.context.setOffline(true);
  await parent.page.reload();
  await parent.page.getByTestId('diary-week').waitFor();
  expect(await parent.page.getByTestId(`diary-lesson-${monday.id}`).textContent()).toContain('4');
  // The copy is stamped by the service worker, whose clock Playwright does not pin: the banner must show one of the
  // cached copies' stamps, formatted as the screen formats it.
  await poll(() => parent.page.getByTestId('offline-banner').textContent()).toMatch(/^Нет связи: показаны данные, сохранённые /);
  const stamps = await parent.page.evaluate(async (format) => {
    const texts: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const savedAt = (await cache.match(request))?.headers.get('x-saved-at');
        if (savedAt) texts.push(`Нет связи: показаны данные, сохранённые ${new Date(savedAt).toLocaleString('ru', format)}`);
      }
    }
    return texts;
  }, SAVED_AT_FORMAT);
  expect(stamps).toContain(await parent.page.getByTestId('offline-banner').textContent());

  // The teacher's connection drops while she types today's marks.
  const teacher = await signIn('ivanova', `#/journal/${world.group('Математика', '5А').id}?on=${TODAY}`);
  await teacher.page.getByTestId('journal-grid').waitFor();
  await teacher.context.setOffline(true);
  await teacher.page.getByTestId(`cell-${petya}-${today.id}`).click();
  await teacher.page.keyboard.type('5');
  await teacher.page.keyboard.press('Enter');
  await poll(() => teacher.page.getByTestId('offline-queue-item').textContent()).toContain('5');
  // And Kolya's absence at the same lesson (the «Н» key): today's, so within its deadline (issue 18).
  const kolya = world.user('kolya').id;
  await teacher.page.getByTestId(`cell-${kolya}-${today.id}`).click();
  await teacher.page.keyboard.press('KeyY');
  await poll(() => teacher.page.getByTestId('offline-queue-item').count()).toBe(2);

  // A mark for a lesson long past needs a reason the offline grid could not ask for: refused on replay.
  const old = await lessonOn('2026-11-10');
  await teacher.page.getByTestId(`cell-${petya}-${old.id}`).click();
  await teacher.page.keyboard.type('3');
  await teacher.page.keyboard.press('Enter');
  await poll(() => teacher.page.getByTestId('offline-queue-item').count()).toBe(3);

  // The connection returns: the queue is sent, the refusal stays on screen with the server's reason.
  await teacher.context.setOffline(false);
  await poll(() => teacher.page.getByTestId('offline-queue-item').count()).toBe(0);
  await poll(() => teacher.page.getByTestId('offline-queue-failed').textContent()).toContain('3');
  await poll(() => teacher.page.getByTestId(`cell-${petya}-${today.id}`).textContent()).toContain('5');
  await poll(() => teacher.page.getByTestId(`cell-${kolya}-${today.id}`).locator('.att').textContent()).toBe('Н');

  // Back online, the open page refreshes by itself: today's mark, and the offline notice is gone.
  await parent.context.setOffline(false);
  await poll(() => parent.page.getByTestId(`diary-lesson-${today.id}`).textContent()).toContain('5');
  await poll(() => parent.page.getByTestId('offline-banner').count()).toBe(0);
});
