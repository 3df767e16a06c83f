import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { school, type SeededWorld } from '../packages/server/src/db/seeders/school-builder.js';
import { Role } from '../packages/server/src/policy/roles.js';
import { Lesson } from '../packages/server/src/modules/timetable/timetable.entity.js';
import type { GraphQLClient } from '../packages/server/src/testing/graphql-client.js';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.js';
import { launchChromium, screenshot, signedIn } from './browser.js';

/**
 * The family's extras through the web app only (issue 17): the progress report (the last two weeks
 * by default, dates chosen, printed by the browser), the state exams in the diary, the homework's
 * files in the diary week (shown and downloaded), the student's own home and diary, and consent's
 * one confirm dialog cancelled without a change; before them the secretary keeps the exam register
 * in the web app. The teacher's work and the register's first entries come through the API. Each screen also on a 390×844 phone without sideways scrolling.
 *
 * "Now" is Wednesday 25 November 2026 for the server and the pages; the default report is 12–25 November.
 */
const NOW = new Date('2026-11-25T09:00:00Z');
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const LATE = 'перенос из бумажного журнала';
const REFUSED_AGAIN = 'Такая запись уже есть.';

let server: TestServer;
let world: SeededWorld;
let browser: Browser;
let ivanova: GraphQLClient;
let homeworkLesson: string;
let worksheetLesson: string;
const exams: Record<string, string> = {};

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000 });
const lessonOn = (date: string) => server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '9А'), date });
const putMark = async (date: string, value: string) =>
  ivanova.data(`mutation($input: PutMarkInput!) { putMark(input: $input) { id } }`, {
    input: { lessonId: (await lessonOn(date)).id, studentId: world.user('petya').id, value, workTypeId: world.workType('У').id, reason: LATE },
  });
const signIn = (login: string, hash: string, viewport = DESKTOP): Promise<Page> =>
  signedIn(browser, server.url, login, { now: NOW, hash, viewport, acceptDownloads: true });

/** On a phone nothing may scroll sideways. */
async function fitsPhone(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(innerWidth);
}

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика', 'Русский язык')
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withStaff('secretary', 'Зуева Наталья Олеговна', [Role.SECRETARY])
      .withClass('9А')
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '9А', parents: ['petrova'] })
      .withParent('sidorova', 'Сидорова Нина Павловна')
      .withStudent('vanya', 'Сидоров Иван', { inClass: '9А', parents: ['sidorova'] })
      .withConsent('petya')
      .withConsent('vanya')
      .withGroup('Математика', '9А', { teacher: 'ivanova', slots: [1, 2, 3, 4, 5].map((d): [number, number, string] => [d, 2, '21']) })
      .withGroup('Русский язык', '9А', {
        teacher: 'ivanova',
        slots: [
          [1, 3, '21'],
          [3, 3, '21'],
        ],
      }),
    { lessons: true },
  );
  browser = await launchChromium();
  ivanova = await server.as('ivanova');

  // The teacher's November: a 3 before the fortnight, a 5 and a 4 within it, an absence, homework with a file.
  await putMark('2026-11-11', '3');
  await putMark('2026-11-16', '5');
  await putMark('2026-11-23', '4');
  await ivanova.data(`mutation($input: SetAttendanceInput!) { setAttendance(input: $input) { id } }`, {
    input: { lessonId: (await lessonOn('2026-11-18')).id, studentId: world.user('petya').id, status: 'UNEXCUSED', reason: LATE },
  });
  homeworkLesson = (await lessonOn('2026-11-24')).id;
  await ivanova.data(`mutation($input: SetLessonContentInput!) { setLessonContent(input: $input) { id } }`, {
    input: { lessonId: homeworkLesson, topic: 'Квадратные неравенства', homework: '№ 301–305', reason: LATE },
  });
  const attachFile = async (lessonId: string, name: string) => {
    const upload = await fetch(`${server.url}/attachments?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ivanova.token}`, 'content-type': 'application/pdf' },
      body: PDF,
    });
    expect(upload.status).toBe(201);
    const { id: attachmentId } = (await upload.json()) as { id: string };
    await ivanova.data(`mutation($input: AttachLessonFilesInput!) { attachLessonFiles(input: $input) { id } }`, {
      input: { lessonId, attachmentIds: [attachmentId] },
    });
  };
  await attachFile(homeworkLesson, 'Задачи к уроку.pdf');
  // A worksheet for a lesson without homework text: the diary shows it all the same.
  worksheetLesson = (await lessonOn('2026-11-25')).id;
  await attachFile(worksheetLesson, 'Карточка.pdf');

  // The school's exam register before the family looks: ОГЭ in maths chosen on application (another family's too).
  const secretary = await server.as('secretary');
  const choose = async (login: string, subject: string) =>
    (
      await secretary.data<{ chooseExam: { id: string } }>(`mutation($s: ID!, $sub: ID!) { chooseExam(studentId: $s, subjectId: $sub, kind: OGE) { id } }`, {
        s: world.user(login).id,
        sub: world.subject(subject).id,
      })
    ).chooseExam.id;
  exams.maths = await choose('petya', 'Математика');
  await choose('vanya', 'Математика');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('the secretary registers Пётр for ОГЭ in Russian and enters his maths result in the exam register', async () => {
  const page = await signIn('secretary', '#/');
  await page.getByTestId('nav-admin').click();
  await page.getByTestId('admin-tab-exams').click();
  const register = page.getByTestId('exam-register');
  await register.getByLabel('Ученик').selectOption({ label: 'Петров Пётр Ильич (9А)' });
  await poll(() => register.getByTestId('exam-register-list').textContent()).toBe('ОГЭ · Математика');
  const choose = register.getByTestId('exam-choose-form');
  expect(await choose.textContent()).toContain('Экзамен: ОГЭ');
  // Maths again: refused in words, nothing added.
  await choose.getByLabel('Предмет').selectOption({ label: 'Математика' });
  await choose.getByRole('button', { name: 'Записать' }).click();
  await poll(() => register.getByTestId('exam-register-error').textContent()).toBe(REFUSED_AGAIN);
  await choose.getByLabel('Предмет').selectOption({ label: 'Русский язык' });
  await choose.getByRole('button', { name: 'Записать' }).click();
  await poll(() => register.getByTestId('exam-register-list').locator('li').count()).toBe(2);
  const result = register.getByTestId('exam-result-form');
  await result.getByLabel(/^Экзамен/).selectOption({ label: 'ОГЭ · Математика' });
  await result.getByLabel('Дата экзамена').fill('2026-11-20');
  await result.getByLabel('Первичный балл').fill('27');
  await result.getByLabel('Отметка (ОГЭ)').selectOption('5');
  await result.getByRole('button', { name: 'Сохранить результат' }).click();
  await poll(() => register.getByTestId('exam-register-list').textContent()).toContain('ОГЭ · Математика · 20 ноября 2026 г. · 27 баллов, отметка 5');
  const { exams: chosen } = await (
    await server.as('secretary')
  ).data<{ exams: { id: string; subject: { name: string } }[] }>(`query($s: ID!) { exams(studentId: $s) { id subject { name } } }`, {
    s: world.user('petya').id,
  });
  exams.russian = chosen.find((e) => e.subject.name === 'Русский язык')!.id;
  await screenshot(page, 'admin-secretary-exams-desktop');
  await page.context().close();
});

it('the parent opens the progress report of the last two weeks from the home page, chooses dates and prints it', async () => {
  const petya = world.user('petya').id;
  const page = await signIn('petrova', '#/');
  await page.getByTestId(`home-report-${petya}`).click();
  const table = page.getByTestId('progress-table');
  await poll(() => page.getByTestId('progress-heading').textContent()).toContain('Петров Пётр Ильич: с 12 ноября по 25 ноября');
  const maths = table.getByTestId('progress-subject-Математика');
  // The fortnight's 5 and 4, not the 3 of 11 November; the weighted average of those two.
  expect(await maths.locator('.pmark').allTextContents()).toEqual(['5', '4']);
  expect(await maths.locator('td').nth(1).textContent()).toMatch(/^4[.,]50$/);
  expect(await page.getByTestId('progress-attendance').textContent()).toContain('Без уважительной причины (Н): 1');
  expect(await page.textContent('body')).not.toContain('Сидоров');
  await screenshot(page, 'family-report', { fullPage: true });

  // From 9 November: the 3 comes in.
  await page.getByTestId('progress-from').fill('2026-11-09');
  await page.getByTestId('progress-show').click();
  await poll(() => page.getByTestId('progress-heading').textContent()).toContain('с 9 ноября по 25 ноября');
  await poll(() => maths.locator('.pmark').allTextContents()).toEqual(['3', '5', '4']);
  expect(page.url()).toContain(`#/diary/${petya}/report?from=2026-11-09&to=2026-11-25`);
  // The end before the start: the server's reason, in words.
  await page.getByTestId('progress-to').fill('2026-11-01');
  await page.getByTestId('progress-show').click();
  await poll(() => page.getByRole('alert').textContent()).toContain('Окончание раньше начала.');

  // Printing: the browser's print, and a print stylesheet that leaves only the report.
  await page.goto(`${server.url}/#/diary/${petya}/report?from=2026-11-09&to=2026-11-25`);
  await poll(() => maths.locator('.pmark').count()).toBe(3);
  await page.evaluate(() => {
    window.print = () => document.body.setAttribute('data-printed', 'yes');
  });
  await page.getByTestId('progress-print').click();
  expect(await page.getAttribute('body', 'data-printed')).toBe('yes');
  await page.emulateMedia({ media: 'print' });
  expect(await page.locator('nav.nav').isVisible()).toBe(false);
  expect(await page.getByTestId('progress-show').isVisible()).toBe(false);
  expect(await page.getByTestId('diary-tab-report').isVisible()).toBe(false);
  expect(await table.isVisible()).toBe(true);
  await page.context().close();
});

it("the diary's exams tab shows the chosen exams and results; a notice's link marks the exam", async () => {
  const petya = world.user('petya').id;
  const page = await signIn('petrova', `#/diary/${petya}?week=2026-11-23`);
  await page.getByTestId('diary-tab-exams').click();
  await poll(() => page.getByTestId(`exam-${exams.maths}`).textContent()).toBe('ОГЭ · Математика20 ноября 2026 г.27 баллов, отметка 5');
  expect(await page.getByTestId(`exam-${exams.russian}`).textContent()).toBe('ОГЭ · Русский языкне назначенарезультата ещё нет');
  expect(await page.getByTestId('exams').locator('tbody tr').count()).toBe(2);
  await page.goto(`${server.url}/#/diary/${petya}/exams?exam=${exams.maths}`);
  await poll(() => page.locator('.exam-list__row--linked').getAttribute('data-exam')).toBe(exams.maths);
  await screenshot(page, 'family-exams');
  await page.context().close();
});

it("the homework's files are in the diary week, with homework text or without, and download", async () => {
  const petya = world.user('petya').id;
  const page = await signIn('petrova', `#/diary/${petya}?week=2026-11-23`);
  const files = page.getByTestId(`diary-files-${homeworkLesson}`);
  await poll(() => files.textContent()).toBe('Задачи к уроку.pdf');
  const [download] = await Promise.all([page.waitForEvent('download'), files.getByRole('button', { name: 'Скачать файл Задачи к уроку.pdf' }).click()]);
  expect(download.suggestedFilename()).toBe('Задачи к уроку.pdf');
  expect((await readFile(await download.path())).subarray(0, 4).toString()).toBe('%PDF');
  expect(await page.getByTestId(`diary-files-${worksheetLesson}`).textContent()).toBe('Карточка.pdf');
  await page.context().close();
});

it('the student signs in to their own home and diary: the week with its file, the report and the exams', async () => {
  const petya = world.user('petya').id;
  const page = await signIn('petya', '#/');
  const self = page.getByTestId('home-self');
  await poll(() => self.textContent()).toContain('Мой дневник');
  // A student's home has no children's cards, nor a consent to give for someone.
  expect(await page.getByTestId('child').count()).toBe(0);
  await self.getByTestId(`home-week-${petya}`).click();
  await poll(() => page.locator('#diary-title').textContent()).toBe('Мой дневник');
  await page.getByTestId('diary-prev-week').click();
  await poll(() => page.getByTestId('diary-week-title').textContent()).toMatch(/16.*21 ноября/);
  await page.getByTestId('diary-next-week').click();
  await poll(() => page.getByTestId(`diary-files-${homeworkLesson}`).textContent()).toBe('Задачи к уроку.pdf');
  await page.getByTestId('diary-tab-report').click();
  await poll(() => page.getByTestId('progress-subject-Математика').locator('.pmark').allTextContents()).toEqual(['5', '4']);
  await page.getByTestId('diary-tab-exams').click();
  await poll(() => page.getByTestId('exams').locator('tbody tr').count()).toBe(2);
  // Another student's diary is not theirs to read.
  await page.goto(`${server.url}/#/diary/${world.user('vanya').id}/exams`);
  await poll(() => page.locator('main').textContent()).toContain('не найдены');
  expect(await page.textContent('main')).not.toContain('Математика');
  await page.context().close();
});

it('consent: the confirmation dialog says what happens, and Cancel changes nothing', async () => {
  const petya = world.user('petya').id;
  const page = await signIn('petrova', '#/');
  const card = page.getByTestId(`home-consent-${petya}`);
  await poll(() => card.textContent()).toContain('Согласие дано');
  await card.getByRole('button', { name: 'Отозвать согласие' }).click();
  const dialog = page.getByTestId('consent-withdraw-dialog');
  expect(await dialog.textContent()).toContain('После отзыва дневник (Петров Пётр Ильич) закроется сразу.');
  await dialog.getByRole('button', { name: 'Отмена' }).click();
  await poll(() => dialog.count()).toBe(0);
  expect(await card.textContent()).toContain('Согласие дано');
  expect(await page.getByTestId(`home-week-${petya}`).count()).toBe(1);
  await page.context().close();
});

it('on a 390×844 phone the report, the exams and the week with files fit the width', async () => {
  const petya = world.user('petya').id;
  for (const login of ['petrova', 'petya']) {
    const page = await signIn(login, '#/', PHONE);
    await poll(() => page.getByTestId(`home-report-${petya}`).count()).toBe(1);
    await fitsPhone(page);
    for (const [hash, ready, shot] of [
      [`#/diary/${petya}/report?from=2026-11-09&to=2026-11-25`, 'progress-table', 'family-report-phone'],
      [`#/diary/${petya}/exams`, `exam-${exams.maths}`, 'family-exams-phone'],
      [`#/diary/${petya}?week=2026-11-23`, `diary-files-${homeworkLesson}`, null],
    ] as const) {
      await page.goto(`${server.url}/${hash}`);
      await page.getByTestId(ready).waitFor();
      await fitsPhone(page);
      if (shot && login === 'petrova') await screenshot(page, shot, { fullPage: true });
    }
    await page.context().close();
  }
});
