import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { school, type SeededWorld } from '../packages/server/src/db/seeders/school-builder.js';
import { Role } from '../packages/server/src/policy/roles.js';
import { Lesson } from '../packages/server/src/modules/timetable/timetable.entity.js';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.js';
import { launchChromium, screenshot, signedIn } from './browser.js';

/**
 * R-A4 in the browser: the class teacher's monitor shows today's absences, low marks and lessons
 * still without a topic or homework, and follows the day live as subject teachers fill the
 * journal. Then the class wall, the calendar and the notification settings, as the class teacher
 * and a parent use them.
 *
 * "Now" is Wednesday 25 November 2026 for the server and for the pages (the browser clock is pinned).
 */
const NOW = new Date('2026-11-25T09:00:00Z');
const TODAY = '2026-11-25';

let server: TestServer;
let world: SeededWorld;
let browser: Browser;

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000 });

function lessonToday(subject: string) {
  return server.orm.em.fork().findOneOrFail(Lesson, { group: world.group(subject, '5А'), date: TODAY });
}

async function lastEventId(): Promise<string> {
  const [row] = await server.orm.em.getConnection().execute<{ id: string }[]>('select coalesce(max(id), 0)::text as id from domain_event');
  return row.id;
}

const signIn = (login: string, hash: string, session: Record<string, string> = {}): Promise<Page> =>
  signedIn(browser, server.url, login, { now: NOW, hash, sessionStorage: session });

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика', 'Русский язык')
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withStaff('smirnova', 'Смирнова Ольга Викторовна', [Role.TEACHER])
      .withClass('5А', { classTeacher: 'smirnova' })
      .withParent('petrova', 'Петрова Мария Ивановна', { email: 'petrova@example.org', phone: '+79001234567' })
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withStudent('anya', 'Петрова Анна Ильинична', { inClass: '5А', parents: ['petrova'] })
      .withConsent('petya')
      .withConsent('anya')
      // Wednesday: Russian 1st, mathematics 2nd.
      .withGroup('Математика', '5А', { teacher: 'ivanova', slots: [[3, 2, '21']] })
      .withGroup('Русский язык', '5А', { teacher: 'smirnova', slots: [[3, 1, '14']] }),
    { lessons: true },
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it("follows the class's day live: absences, marks, lessons still without topic or homework", async () => {
  const maths = await lessonToday('Математика');
  const russian = await lessonToday('Русский язык');
  const classId = world.class('5А').id;
  const monitor = await signIn('smirnova', '#/monitor', { [`dnevnik.cursor.class.${classId}`]: await lastEventId() });
  const unfilled = monitor.getByTestId('monitor-unfilled');
  await poll(() => unfilled.locator('li').count()).toBe(2);
  expect(await monitor.getByTestId('monitor-absences').textContent()).toContain('Нет');
  expect(await monitor.getByTestId('monitor-overdue').textContent()).toContain('Нет');

  const ivanova = await server.as('ivanova');
  await ivanova.data(`mutation($input: SetAttendanceInput!) { setAttendance(input: $input) { id } }`, {
    input: { lessonId: maths.id, studentId: world.user('petya').id, status: 'UNEXCUSED' },
  });
  await ivanova.data(`mutation($input: PutMarkInput!) { putMark(input: $input) { id } }`, {
    input: { lessonId: maths.id, studentId: world.user('anya').id, value: '2', workTypeId: world.workType('У').id },
  });
  await ivanova.data(`mutation($input: SetLessonContentInput!) { setLessonContent(input: $input) { id } }`, {
    // Whether the class's day is over depends on its timetable: a reason covers a late homework (issue 18).
    input: { lessonId: maths.id, topic: 'Деление десятичных дробей', homework: '№ 1250', reason: 'задание после консультации' },
  });

  await poll(() => monitor.getByTestId('monitor-absences').textContent()).toContain('Петров П. И.');
  await poll(() => monitor.getByTestId('monitor-marks').textContent()).toContain('Петрова А. И.');
  expect(await monitor.getByTestId('monitor-marks').textContent()).toContain('2-й урок, Математика');
  // Mathematics is filled in now; Russian is still waiting.
  await poll(() => unfilled.locator('li').count()).toBe(1);
  expect(await monitor.getByTestId(`monitor-lesson-${russian.id}`).textContent()).toContain('нет темы');
  await screenshot(monitor, 'class-monitor');
});

it('lets the class teacher post on the wall and add a class event, which the parent sees; the parent sets notifications', async () => {
  const classId = world.class('5А').id;
  const teacher = await signIn('smirnova', `#/classes/${classId}/wall`);
  await teacher.getByTestId('wall-text').fill('Родительское собрание в пятницу в 18:00');
  await teacher.getByTestId('wall-post').click();
  await poll(() => teacher.locator('[data-testid^="wall-post-"]').count()).toBe(1);

  await teacher.getByTestId('comms-calendar').click();
  const form = teacher.getByTestId('event-form');
  await form.locator('#event-title').fill('Родительское собрание');
  await form.locator('#event-start').fill('2026-11-27T18:00');
  await form.locator('#event-place').fill('Кабинет 14');
  await form.getByRole('button').click();
  await poll(() => teacher.locator('[data-testid^="event-"]:not([data-testid="event-form"])').count()).toBe(1);

  const parent = await signIn('petrova', '#/wall');
  await poll(() => parent.locator('[data-testid^="wall-post-"]').textContent()).toContain('Родительское собрание в пятницу');
  expect(await parent.getByTestId('wall-post').count()).toBe(0);
  await parent.getByTestId('comms-calendar').click();
  await poll(() => parent.locator('[data-testid^="event-"]').first().textContent()).toContain('Кабинет 14');

  await parent.getByTestId('comms-notifications').click();
  await parent.getByTestId('email-mode-DAILY_DIGEST').check();
  await parent.getByTestId('sms-MARK').check();
  await parent.getByTestId('notify-save').click();
  await poll(() => parent.getByTestId('notify-status').textContent()).toBe('Сохранено');
  await parent.reload();
  await poll(() => parent.getByTestId('email-mode-DAILY_DIGEST').isChecked()).toBe(true);
  expect(await parent.getByTestId('sms-MARK').isChecked()).toBe(true);
});
