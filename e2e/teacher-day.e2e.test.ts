import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { school, type SeededWorld } from '../packages/server/src/db/seeders/school-builder.js';
import { Role } from '../packages/server/src/policy/roles.js';
import { Lesson } from '../packages/server/src/modules/timetable/timetable.entity.js';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.js';
import { launchChromium, screenshot, signedIn } from './browser.js';

/**
 * The teacher's day through the web app only (issue 17): sign in, «сегодня» → a lesson → marks, an
 * absence, the topic from the thematic plan and homework, a final mark (and a refusal read in words),
 * a remark, a letter to a parent of two children (from the journal and from the inbox), an
 * announcement to all parents of the group. Then every one of those screens on a 390×844 phone
 * without sideways scrolling. What is set up through the API is the school's, not the teacher's day:
 * the people, the timetable, the plan written before September, a substitution the director records.
 *
 * "Now" is Wednesday 25 November 2026, noon in Moscow, for the server and the pages.
 */
const NOW = new Date('2026-11-25T09:00:00Z');
const TODAY = '2026-11-25';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let server: TestServer;
let world: SeededWorld;
let browser: Browser;

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000 });

const lessonOf = (subject: string, className: string) => server.orm.em.fork().findOneOrFail(Lesson, { group: world.group(subject, className), date: TODAY });

const signIn = (login: string, viewport: { width: number; height: number }): Promise<Page> => signedIn(browser, server.url, login, { now: NOW, viewport });

/** The page does not scroll sideways (issue 17's phone rule). */
async function fitsWidth(page: Page) {
  const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика', 'Русский язык')
      .withStaff('director', 'Белов Олег Викторович', [Role.DIRECTOR])
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withStaff('orlov', 'Орлов Павел Сергеевич', [Role.TEACHER])
      .withClass('5А', { classTeacher: 'orlov' })
      .withClass('6Б')
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withParent('kuznetsova', 'Кузнецова Ольга Игоревна')
      .withStudent('kolya', 'Кузнецов Николай Петрович', { inClass: '5А', parents: ['kuznetsova'] })
      .withStudent('nina', 'Кузнецова Нина Петровна', { inClass: '6Б', parents: ['kuznetsova'] })
      .withParent('sidorova', 'Сидорова Анна Львовна')
      .withStudent('masha', 'Сидорова Мария Олеговна', { inClass: '5А', parents: ['sidorova'] })
      .withConsent('petya')
      .withConsent('kolya')
      .withConsent('masha')
      // Wednesday: Иванова teaches 5А maths 3rd; the 2nd lesson, 6Б maths, is Орлов's.
      .withGroup('Математика', '5А', {
        teacher: 'ivanova',
        slots: [
          [1, 2, '21'],
          [3, 3, '21'],
          [5, 1, '21'],
        ],
      })
      .withGroup('Математика', '6Б', { teacher: 'orlov', slots: [[3, 2, '22']] }),
    { lessons: true },
  );
  // The thematic plan (written before September) and today's substitution (recorded by the director).
  const teacher = await server.as('ivanova');
  await teacher.data(`mutation($input: SetThematicPlanInput!) { setThematicPlan(input: $input) { plannedHours } }`, {
    input: {
      groupId: world.group('Математика', '5А').id,
      topics: [
        { topic: 'Десятичные дроби', hours: 10 },
        { topic: 'Умножение десятичных дробей', hours: 8 },
      ],
    },
  });
  await (
    await server.as('director')
  ).data(`mutation($input: RecordSubstitutionInput!) { recordSubstitution(input: $input) { id } }`, {
    input: { lessonId: (await lessonOf('Математика', '6Б')).id, substituteId: world.user('ivanova').id, reason: 'болезнь учителя' },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it("walks the teacher's day through the web app, and fits a phone", async () => {
  const page = await signIn('ivanova', { width: 1366, height: 900 });
  const maths5 = await lessonOf('Математика', '5А');
  const maths6 = await lessonOf('Математика', '6Б');

  // «Сегодня» is the start screen: today's lessons in timetable order, the substitution among them.
  const lessons = page.getByTestId('today-lessons').locator('li');
  await poll(() => lessons.count()).toBe(2);
  expect(await lessons.nth(0).getAttribute('data-testid')).toBe(`today-lesson-${maths6.id}`);
  expect(await lessons.nth(0).innerText()).toContain('2 урок · Математика · 6Б');
  expect(await lessons.nth(0).innerText()).toContain('замена за Орлов П. С.');
  expect(await lessons.nth(1).innerText()).toContain('3 урок · Математика · 5А');
  await screenshot(page, 'teacher-today-desktop');

  // The lesson opens its journal on today's column.
  await page.getByTestId(`today-open-${maths5.id}`).click();
  await page.getByTestId('journal-grid').waitFor();
  const petya = world.user('petya').id;
  const kolya = world.user('kolya').id;
  await page.getByTestId(`cell-${petya}-${maths5.id}`).click();
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await poll(() => page.getByTestId(`cell-${petya}-${maths5.id}`).innerText()).toContain('5');
  // «Н» by its key: Коля is absent.
  await page.getByTestId(`cell-${kolya}-${maths5.id}`).click();
  await page.keyboard.press('KeyY');
  await poll(() => page.getByTestId(`cell-${kolya}-${maths5.id}`).innerText()).toMatch(/н/i);

  // The topic from the thematic plan, and the homework.
  await page.getByTestId(`lesson-${maths5.id}`).click();
  await page.getByTestId('lesson-plan-topic').selectOption({ label: '2. Умножение десятичных дробей' });
  expect(await page.getByTestId('lesson-topic-input').inputValue()).toBe('Умножение десятичных дробей');
  await page.getByTestId('lesson-homework-input').fill('§ 32, № 1240');
  await page.getByTestId('lesson-files-input').setInputFiles({ name: 'Карточка № 3.pdf', mimeType: 'application/pdf', buffer: PDF });
  await screenshot(page, 'teacher-lesson-desktop');
  await page.getByTestId('lesson-save').click();
  await poll(() => page.locator('.lesson-head__topic[title="Умножение десятичных дробей"]').count()).toBe(1);
  // The file is the lesson's now: the dialog lists it, and Пётр's mother can read it.
  await page.getByTestId(`lesson-${maths5.id}`).click();
  await poll(() => page.getByTestId('lesson-files').innerText()).toBe('Карточка № 3.pdf');
  await page.getByTestId('dialog-close').click();
  const { lessonFiles } = await (
    await server.as('petrova')
  ).data<{ lessonFiles: { fileName: string }[] }>(`query($id: ID!) { lessonFiles(lessonId: $id) { fileName } }`, { id: maths5.id });
  expect(lessonFiles).toEqual([{ fileName: 'Карточка № 3.pdf' }]);

  // A final mark: the period's is refused in words (not yet the last week); the annual one is set.
  await page.locator(`[data-testid="period-mark-${petya}"] button`).click();
  await page.getByTestId('final-value').selectOption('5');
  await page.getByTestId('final-save').click();
  await poll(() => page.getByTestId('final-error').innerText()).toBe('Отметки за период ставятся в последнюю неделю периода.');
  await page.getByTestId('final-kind').selectOption('ANNUAL');
  await page.getByTestId('final-value').selectOption('ОСВ');
  await screenshot(page, 'teacher-final-mark-desktop');
  await page.getByTestId('final-save').click();
  await poll(() => page.getByTestId(`final-ANNUAL-${petya}`).innerText()).toBe('ОСВ');
  await screenshot(page, 'teacher-journal-desktop');

  // A praise to Пётр.
  await page.getByTestId(`pupil-${petya}`).click();
  await page.getByTestId('remark-kind').selectOption('PRAISE');
  await page.getByTestId('remark-text').fill('Отлично решил задачу у доски');
  await page.getByTestId('remark-save').click();
  await poll(() => page.getByTestId('remark-status').innerText()).toBe('Записано: родители и ученик увидят это в дневнике.');
  await page.getByTestId('dialog-close').click();

  // A letter to Коля's mother, who has two children at the school: from the journal, about Коля.
  await page.getByTestId(`pupil-${kolya}`).click();
  await page.getByTestId('write-parents').click();
  const mother = world.user('kuznetsova').id;
  await page.getByTestId(`contact-${mother}`).check();
  expect(await page.getByTestId('compose-student').inputValue()).toBe(kolya);
  await page.getByTestId('compose-subject').fill('Пропуск урока');
  await page.getByTestId('compose-body').fill('Коля сегодня не был на математике.');
  await screenshot(page, 'teacher-letter-desktop');
  await page.getByTestId('compose-send').click();
  await poll(() => page.getByTestId('messages').innerText()).toContain('Коля сегодня не был на математике.');

  // From the inbox: without saying which child, the refusal says so in words; naming Нину sends it.
  await page.goto(`${server.url}/#/messages/new`);
  await page.getByTestId('contact-search').fill('Кузнецова О');
  await page.getByTestId(`contact-${mother}`).check();
  await page.getByTestId('compose-subject').fill('Экскурсия');
  await page.getByTestId('compose-body').fill('Нина едет на экскурсию?');
  await page.getByTestId('compose-send').click();
  await poll(() => page.locator('.form-error').innerText()).toBe('У этого родителя несколько детей в школе: выберите, о ком письмо.');
  await page.getByTestId('compose-student').selectOption(world.user('nina').id);
  await page.getByTestId('compose-send').click();
  await poll(() => page.getByTestId('messages').innerText()).toContain('Нина едет на экскурсию?');

  // An announcement to all parents of 5А maths: each family gets it privately.
  await page.goto(`${server.url}/#/messages/new`);
  await page.getByTestId(`audience-group:${world.group('Математика', '5А').id}`).check();
  await page.getByTestId('announcement-hint').waitFor();
  await page.getByTestId('compose-subject').fill('Контрольная в пятницу');
  await page.getByTestId('compose-body').fill('Уважаемые родители, в пятницу контрольная по дробям.');
  await page.getByTestId('compose-send').click();
  await poll(() => page.getByTestId('announcement-sent').innerText()).toContain('Объявление отправлено');
  await screenshot(page, 'teacher-announcement-desktop');

  // A parent sees the announcement alone with the teacher: no other parent's name.
  const parent = await server.as('sidorova');
  const { conversations } = await parent.data<{ conversations: { subject: string; participants: { shortName: string }[] }[] }>(
    `{ conversations { subject participants { shortName } } }`,
  );
  const announcement = conversations.find((c) => c.subject === 'Контрольная в пятницу')!;
  expect(announcement.participants.map((p) => p.shortName)).not.toContain('Петрова М. И.');
  expect(announcement.participants.map((p) => p.shortName)).not.toContain('Кузнецова О. И.');

  // The same screens on a phone: nothing scrolls sideways.
  const phone = await signIn('ivanova', { width: 390, height: 844 });
  await poll(() => phone.getByTestId('today-lessons').locator('li').count()).toBe(2);
  await fitsWidth(phone);
  await screenshot(phone, 'teacher-today-phone');
  await phone.getByTestId(`today-open-${maths5.id}`).click();
  await phone.getByTestId('journal-grid').waitFor();
  await fitsWidth(phone);
  await screenshot(phone, 'teacher-journal-phone');
  await phone.locator(`[data-testid="final-ANNUAL-${petya}"] button`).click();
  await phone.getByTestId('final-mark-dialog').waitFor();
  await fitsWidth(phone);
  await screenshot(phone, 'teacher-final-mark-phone');
  await phone.getByTestId('dialog-close').click();
  await phone.getByTestId(`pupil-${kolya}`).click();
  await phone.getByTestId('pupil-dialog').waitFor();
  await fitsWidth(phone);
  await phone.getByTestId('write-parents').click();
  await phone.getByTestId(`contact-${mother}`).waitFor();
  await fitsWidth(phone);
  await screenshot(phone, 'teacher-letter-phone');
  await phone.goto(`${server.url}/#/messages`);
  await phone.getByTestId('inbox').waitFor();
  await fitsWidth(phone);
  await screenshot(phone, 'teacher-inbox-phone');
  await phone.goto(`${server.url}/#/messages/new`);
  await phone.getByTestId(`audience-group:${world.group('Математика', '5А').id}`).check();
  await fitsWidth(phone);
  await screenshot(phone, 'teacher-announcement-phone');
});
