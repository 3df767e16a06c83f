import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { school, type SeededWorld } from '../packages/server/src/db/seeders/school-builder.js';
import { Role } from '../packages/server/src/policy/roles.js';
import { Lesson } from '../packages/server/src/modules/timetable/timetable.entity.js';
import { morningOf } from '../packages/server/src/testing/graphql-client.js';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.js';
import { launchChromium, screenshot, signedIn } from './browser.js';

/**
 * The school administration and reports in the browser (issues 3 and 8): a director creates a
 * teacher (the one-time password is shown once) and records a parent's paper consent; the class
 * summary sheet sorts by a subject and downloads as CSV with the session token.
 */
const NOW = new Date('2026-11-25T09:00:00Z');

let server: TestServer;
let world: SeededWorld;
let browser: Browser;

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000 });

const signIn = (login: string, hash: string): Promise<Page> => signedIn(browser, server.url, login, { now: NOW, hash, acceptDownloads: true });

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('director', 'Тихонов Виктор Павлович', [Role.DIRECTOR])
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withClass('5А', { classTeacher: 'ivanova' })
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withStudent('alekseev', 'Алексеев Максим Андреевич', { inClass: '5А' })
      .withConsent('alekseev')
      .withGroup('Математика', '5А', {
        teacher: 'ivanova',
        slots: [
          [1, 2, '21'],
          [3, 2, '21'],
        ],
      }),
    { lessons: true },
  );
  const teacher = await server.as('ivanova');
  const lessons = await server.orm.em.fork().find(Lesson, { group: world.group('Математика', '5А'), date: { $in: ['2026-11-23', '2026-11-25'] } });
  const marks: [string, string][] = [
    ['petya', '5'],
    ['alekseev', '3'],
  ];
  for (const lesson of lessons) {
    for (const [student, value] of marks) {
      await teacher.at(morningOf(lesson.date)).data(`mutation($input: PutMarkInput!) { putMark(input: $input) { id } }`, {
        input: { lessonId: lesson.id, studentId: world.user(student).id, value, workTypeId: world.workType('У').id },
      });
    }
  }
  // 1st quarter marks, so the period results have something to show.
  const quarter = world.periodsOf().find((p) => p.number === 1)!;
  for (const [student, value] of marks) {
    await teacher.data(`mutation($input: SetFinalMarkInput!) { setFinalMark(input: $input) { id } }`, {
      input: {
        groupId: world.group('Математика', '5А').id,
        kind: 'PERIOD',
        periodId: quarter.id,
        studentId: world.user(student).id,
        value,
        reason: 'Перенос с бумажного журнала',
      },
    });
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('a director creates a teacher, sees the one-time password once, and records a paper consent', async () => {
  const page = await signIn('director', '#/admin/people');
  await page.getByTestId('nav-admin').waitFor();
  const form = page.getByTestId('create-person-form');
  await form.locator('input[name="lastName"]').fill('Орлова');
  await form.locator('input[name="firstName"]').fill('Елена');
  await form.locator('input[name="middleName"]').fill('Сергеевна');
  await form.locator('input[name="login"]').fill('orlova');
  await form.locator('select[name="role"]').selectOption('TEACHER');
  await page.getByTestId('create-person-submit').click();
  await poll(() => page.getByTestId('initial-password').textContent()).toMatch(/\S{6,}/);
  await poll(() => page.getByTestId('person-orlova').textContent()).toContain('Учитель');

  // A list from a spreadsheet: the valid row is imported, the other one reported with its line.
  const csv = 'Роль;Фамилия;Имя;Отчество;Дата рождения;Класс;Логин\nученик;Сидоров;Иван;Петрович;2015-03-14;5А;sidorov\nученик;;Пустой;;2015-05-01;5А;\n';
  await page.locator('input[type="file"][name="file"]').setInputFiles({ name: 'список.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.locator('select[name="mode"]').selectOption('VALID_ROWS');
  await page.getByRole('button', { name: 'Загрузить' }).click();
  const report = page.getByTestId('import-report');
  await poll(() => report.textContent()).toContain('Загружено: 1');
  expect(await report.locator('tr.row--error').count()).toBe(1);
  await poll(() => page.getByTestId('person-sidorov').textContent()).toContain('Ученик');
  await screenshot(page, 'admin-people', { fullPage: true });

  // The consent register: Пётр has none yet; his mother's paper consent is recorded.
  await page.getByTestId('admin-tab-consents').click();
  const petya = world.user('petya').id;
  const row = page.getByTestId(`consent-${petya}`);
  await poll(() => row.textContent()).toContain('нет');
  await row.locator('input[name="documentNumber"]').fill('17/2026');
  await row.getByRole('button', { name: 'Внести' }).click();
  await poll(() => row.textContent()).toContain('есть');
  expect(await row.textContent()).toContain('Петрова Мария Ивановна');
  expect(await row.textContent()).toContain('№ 17/2026');
});

it('the class summary sheet sorts by a subject and downloads as CSV', async () => {
  const page = await signIn('ivanova', '#/reports');
  const sheet = page.getByTestId('class-summary');
  await sheet.waitFor();
  const names = () => sheet.locator('tbody tr td:nth-child(2)').allTextContents();
  // Сидоров came with the imported list (the first test) and has no marks yet.
  await poll(names).toEqual(['Алексеев Максим Андреевич', 'Петров Пётр Ильич', 'Сидоров Иван Петрович']);
  await page.getByTestId(`sort-${world.subject('Математика').id}`).click();
  await poll(names).toEqual(['Петров Пётр Ильич', 'Алексеев Максим Андреевич', 'Сидоров Иван Петрович']);
  await screenshot(page, 'class-summary', { fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/^5А .*\.csv$/);
  const path = await download.path();
  const { readFile } = await import('node:fs/promises');
  expect(await readFile(path, 'utf8')).toContain('Петров');

  // The class journal on paper, for the year's archive.
  const [printed] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-printed-journal-year').click()]);
  expect(printed.suggestedFilename()).toBe('Классный журнал 5А.pdf');
  expect((await readFile(await printed.path())).subarray(0, 4).toString()).toBe('%PDF');
});

it('the administration sees period results as a chart, the journal keeping table and the audit log; a parent downloads the period report', async () => {
  const director = await signIn('director', '#/reports');
  await director.getByTestId('reports-tab-analytics').click();
  await director.getByTestId(`period-${world.periodsOf().find((p) => p.number === 1)!.id}`).click();
  // One «5» and one «3»: качество 50 %, успеваемость 100 %.
  await poll(() => director.getByTestId('period-analytics').textContent()).toContain('5А · Математика');
  expect(await director.getByTestId('period-analytics').textContent()).toMatch(/Качество 50\s%.*Успеваемость 100\s%/);
  await director.getByTestId('reports-tab-fill').click();
  await poll(() => director.getByTestId('fill-rate').textContent()).toContain('Математика');
  await director.getByTestId('reports-tab-audit').click();
  const search = director.getByTestId('audit-search');
  await search.getByTestId('audit-action').selectOption('consent.record');
  await search.getByRole('button').click();
  await poll(() => director.getByTestId('audit-log').locator('tbody tr').count()).toBe(1);
  // In words: who, what was done, and to whom, never an id.
  const entry = (await director.getByTestId('audit-log').locator('tbody tr').textContent()) ?? '';
  expect(entry).toContain('Тихонов Виктор Павлович');
  expect(entry).toContain('Записано согласие');
  expect(entry).toMatch(/Петров Пётр Ильич\s*согласие/);
  expect(entry).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  await screenshot(director, 'audit-log', { fullPage: true });

  const parent = await signIn('petrova', '#/reports');
  const petya = world.user('petya').id;
  const [download] = await Promise.all([parent.waitForEvent('download'), parent.getByTestId(`student-report-${petya}`).click()]);
  expect(download.suggestedFilename()).toMatch(/^Петров Пётр Ильич .*\.pdf$/);
  const { readFile } = await import('node:fs/promises');
  expect((await readFile(await download.path())).subarray(0, 4).toString()).toBe('%PDF');
});

it('a director adds holidays, opens a class with its group, puts it in the timetable, generates lessons and records a transfer', async () => {
  const page = await signIn('director', '#/admin/year');
  const holiday = page.getByTestId('holiday-form');
  await holiday.locator('input[name="name"]').fill('Зимние каникулы');
  await holiday.locator('input[name="startsOn"]').fill('2026-12-29');
  await holiday.locator('input[name="endsOn"]').fill('2027-01-11');
  await holiday.getByRole('button').click();
  await poll(() => page.getByTestId('year-holidays').textContent()).toContain('Зимние каникулы');

  await page.getByTestId('admin-tab-classes').click();
  const create = page.getByTestId('create-class-form');
  await create.locator('input[name="grade"]').fill('6');
  await create.locator('input[name="letter"]').fill('Б');
  await create.locator('select[name="classTeacherId"]').selectOption({ label: 'Иванова Анна Петровна' });
  await page.getByTestId('create-class-submit').click();
  const card = page.getByTestId('class-6Б');
  await card.waitFor();
  await card.locator('select[name="subjectId"]').selectOption({ label: 'Математика' });
  await card.locator('select[name="teacherId"]').selectOption({ label: 'Иванова Анна Петровна' });
  await card.getByRole('button', { name: 'Добавить группу' }).click();
  await poll(() => card.textContent()).toContain('Математика');
  await screenshot(page, 'admin-classes', { fullPage: true });

  await page.getByTestId('admin-tab-timetable').click();
  await page.getByTestId('timetable-group').selectOption({ label: '6Б · Математика' });
  await page.getByTestId('slot-2-3').click();
  await poll(() => page.getByTestId('slot-2-3').textContent()).toContain('Иванова');
  await page.getByTestId('generate-lessons').click();
  await poll(() => page.getByTestId('generated-count').textContent()).toMatch(/Создан/);

  await page.getByTestId('admin-tab-movements').click();
  const movement = page.getByTestId('movement-form');
  await movement.locator('select[name="kind"]').selectOption('TRANSFER');
  await page.getByTestId('movement-student-search').pressSequentially('алексеев');
  await movement.getByRole('button', { name: 'Алексеев Максим Андреевич (5А)' }).click();
  await movement.locator('select[name="toClassId"]').selectOption({ label: '6Б' });
  await movement.locator('input[name="orderNumber"]').fill('45-у');
  await page.getByTestId('movement-submit').click();
  await poll(() => page.getByTestId('movements').textContent()).toContain('5А → 6Б');
});
