import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { school, type SeededWorld } from '../packages/server/src/db/seeders/school-builder.js';
import { Role } from '../packages/server/src/policy/roles.js';
import { Lesson } from '../packages/server/src/modules/timetable/timetable.entity.js';
import { morningOf, type GraphQLClient } from '../packages/server/src/testing/graphql-client.js';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.js';
import { launchChromium, screenshot, signedIn } from './browser.js';

/**
 * The journal end to end: a teacher types marks into the grid with the keyboard, a parent opens
 * the diary in another browser and sees them with their work types, and the new average.
 *
 * "Now" is pinned for the server and the pages (Wednesday 25 November 2026, noon in Moscow, in the 2nd
 * quarter); the pages are also opened at explicit dates (`on=`, `week=`).
 */
const NOW = new Date('2026-11-25T09:00:00Z');

const TODAY = '2026-11-25';
const WEEK = '2026-11-23';

let server: TestServer;
let world: SeededWorld;
let browser: Browser;

/** Polls long enough for a round trip to the server (and a refetch) to land. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000 });

function lessonOn(date: string, subject = 'Математика') {
  return server.orm.em.fork().findOneOrFail(Lesson, { group: world.group(subject, '5А'), date });
}

/** A browser of its own (own storage, own session), signed in through the login form, at `hash`. */
const signIn = (login: string, hash: string): Promise<Page> => signedIn(browser, server.url, login, { now: NOW, hash, viewport: { width: 1440, height: 900 } });

async function put(client: GraphQLClient, student: string, date: string, value: string, workType: string, subject = 'Математика') {
  const lesson = await lessonOn(date, subject);
  const { putMark } = await client
    .at(morningOf(date))
    .data<{ putMark: { id: string; version: number } }>(`mutation($input: PutMarkInput!) { putMark(input: $input) { id version } }`, {
      input: { lessonId: lesson.id, studentId: world.user(student).id, value, workTypeId: world.workType(workType).id },
    });
  return putMark;
}

async function setContent(client: GraphQLClient, date: string, topic: string, homework: string | null, subject = 'Математика') {
  const lesson = await lessonOn(date, subject);
  await client.at(morningOf(date)).data(`mutation($input: SetLessonContentInput!) { setLessonContent(input: $input) { id } }`, {
    input: { lessonId: lesson.id, topic, ...(homework ? { homework } : {}) },
  });
}

const CLASSMATES: [string, string][] = [
  ['alekseev', 'Алексеев Максим Андреевич'],
  ['borisova', 'Борисова Дарья Сергеевна'],
  ['volkov', 'Волков Илья Романович'],
  ['grigorieva', 'Григорьева Софья Павловна'],
  ['zakharov', 'Захаров Никита Олегович'],
  ['kuznetsova', 'Кузнецова Полина Дмитриевна'],
  ['morozov', 'Морозов Егор Алексеевич'],
  ['sokolova', 'Соколова Варвара Игоревна'],
  ['fedorov', 'Фёдоров Тимофей Викторович'],
  ['chernova', 'Чернова Алиса Денисовна'],
  ['shishkin', 'Шишкин Артём Львович'],
  ['shchukina', 'Щукина Ева Андреевна'],
  ['yudin', 'Юдин Марк Ильич'],
  ['yakovleva', 'Яковлева Мила Олеговна'],
];

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  const builder = school('Школа № 1')
    .inYear(2026)
    .withSubjects('Математика', 'Русский язык')
    .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
    .withStaff('smirnova', 'Смирнова Ольга Викторовна', [Role.TEACHER])
    .withClass('5А', { classTeacher: 'smirnova' })
    .withParent('petrova', 'Петрова Мария Ивановна')
    // Twins, next to each other in the journal: Tab goes from one to the other.
    .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
    .withStudent('anya', 'Петрова Анна Ильинична', { inClass: '5А', parents: ['petrova'] })
    .withConsent('petya')
    .withConsent('anya')
    .withGroup('Математика', '5А', {
      teacher: 'ivanova',
      slots: [
        [1, 2, '21'],
        [2, 3, '21'],
        [3, 2, '21'],
        [4, 4, '21'],
        [5, 1, '21'],
      ],
    })
    .withGroup('Русский язык', '5А', {
      teacher: 'smirnova',
      slots: [
        [1, 1, '14'],
        [2, 2, '14'],
        [4, 1, '14'],
        [5, 3, '14'],
      ],
    });
  for (const [login, name] of CLASSMATES) builder.withStudent(login, name, { inClass: '5А' });
  world = await server.seed(builder, { lessons: true });

  // The journal as it stands on Wednesday morning: topics, homework, the week's marks, absences.
  const maths = await server.as('ivanova');
  const russian = await server.as('smirnova');
  const topics: [string, string, string | null][] = [
    ['2026-11-16', 'Десятичная запись дробных чисел', '§ 30, № 1180'],
    ['2026-11-17', 'Сравнение десятичных дробей', '§ 30, № 1190'],
    ['2026-11-18', 'Сложение десятичных дробей', '§ 31, № 1201'],
    ['2026-11-19', 'Вычитание десятичных дробей', null],
    ['2026-11-20', 'Решение задач на дроби', '№ 1215, 1217'],
    ['2026-11-23', 'Умножение десятичной дроби на натуральное число', '§ 32, № 1240'],
    ['2026-11-24', 'Самостоятельная работа «Десятичные дроби»', null],
    [TODAY, 'Контрольная работа № 4', 'Повторить § 30–32'],
  ];
  for (const [date, topic, homework] of topics) await setContent(maths, date, topic, homework);
  await setContent(russian, '2026-11-23', 'Имя прилагательное как часть речи', 'Упр. 312', 'Русский язык');
  await setContent(russian, '2026-11-24', 'Полные и краткие прилагательные', 'Выучить правило на с. 87', 'Русский язык');

  const marks: [string, string, string, string][] = [
    ['alekseev', '2026-11-18', '5', 'У'],
    ['volkov', '2026-11-18', '3', 'У'],
    ['kuznetsova', '2026-11-18', '5', 'ДЗ'],
    ['borisova', '2026-11-19', '4', 'У'],
    ['grigorieva', '2026-11-19', '5', 'У'],
    ['zakharov', '2026-11-20', '4', 'ДЗ'],
    ['morozov', '2026-11-20', '3', 'У'],
    ['sokolova', '2026-11-20', '5', 'У'],
    ['fedorov', '2026-11-23', '4', 'У'],
    ['alekseev', '2026-11-24', '5', 'СР'],
    ['borisova', '2026-11-24', '4', 'СР'],
    ['volkov', '2026-11-24', '4', 'СР'],
    ['grigorieva', '2026-11-24', '5', 'СР'],
    ['zakharov', '2026-11-24', '3', 'СР'],
    ['morozov', '2026-11-24', '4', 'СР'],
    ['sokolova', '2026-11-24', '5', 'СР'],
    // Пётр's only mark of the quarter so far: his average is 4.00 until the test.
    ['petya', '2026-11-24', '4', 'У'],
  ];
  for (const [student, date, value, type] of marks) await put(maths, student, date, value, type);
  const absence = `mutation($input: SetAttendanceInput!) { setAttendance(input: $input) { id } }`;
  const ill = (await lessonOn('2026-11-20')).id;
  const truant = (await lessonOn('2026-11-24')).id;
  await maths.at(morningOf('2026-11-20')).data(absence, { input: { lessonId: ill, studentId: world.user('anya').id, status: 'ILL' } });
  await maths.at(morningOf('2026-11-24')).data(absence, { input: { lessonId: truant, studentId: world.user('kuznetsova').id, status: 'UNEXCUSED' } });

  // Russian: a mark corrected with a reason (the parent sees why), and praise.
  const corrected = await put(russian, 'petya', '2026-11-23', '3', 'ДЗ', 'Русский язык');
  await russian.data(`mutation($input: ChangeMarkInput!) { changeMark(input: $input) { id } }`, {
    input: { markId: corrected.id, version: corrected.version, value: '4', reason: 'Работа над ошибками выполнена' },
  });
  // ...and one retracted: it keeps its place in the diary, struck through, with why.
  const wrong = await put(russian, 'petya', '2026-11-24', '2', 'ДЗ', 'Русский язык');
  await russian.data(`mutation($m: ID!, $v: Int!) { retractMark(markId: $m, version: $v, reason: "Поставлена не тому ученику") { id } }`, {
    m: wrong.id,
    v: wrong.version,
  });
  await russian.data(`mutation($input: AddRemarkInput!) { addRemark(input: $input) { id } }`, {
    input: { lessonId: (await lessonOn('2026-11-24', 'Русский язык')).id, studentId: world.user('petya').id, kind: 'PRAISE', text: 'Отличный ответ у доски' },
  });

  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it("takes marks typed into the grid to the parent's diary, with their work types and the new average", async () => {
  const group = world.group('Математика', '5А');
  const quarter = world.periodsOf().find((p) => p.number === 2)!;
  const test = await lessonOn(TODAY);
  const petya = world.user('petya').id;
  const anya = world.user('anya').id;

  // The teacher opens 5А's mathematics, 2nd quarter.
  const teacher = await signIn('ivanova', `#/journal/${group.id}?period=${quarter.id}&on=${TODAY}`);
  await teacher.getByTestId('journal-grid').waitFor();
  await poll(() => teacher.getByTestId(`average-${petya}`).textContent()).toBe('4,00');
  // The whole class, a row each (a screenful is painted first, the rest a moment later).
  await poll(() => teacher.getByTestId('journal-grid').locator('tbody tr').count()).toBe(CLASSMATES.length + 2);

  // Today's lesson is a test: the column's work type is «КР» (weight 3). Then: 5, Tab, 4, Enter.
  await teacher.getByTestId(`worktype-${test.id}`).selectOption({ label: 'КР' });
  await teacher.getByTestId(`cell-${petya}-${test.id}`).click();
  await teacher.keyboard.type('5');
  await teacher.keyboard.press('Tab');
  await teacher.keyboard.type('4');
  await teacher.keyboard.press('Enter');

  const marksIn = (studentId: string, lessonId: string) => teacher.getByTestId(`cell-${studentId}-${lessonId}`).locator('[data-testid^="mark-"]');
  await poll(() => marksIn(petya, test.id).textContent()).toBe('5КР');
  await poll(() => marksIn(anya, test.id).textContent()).toBe('4КР');
  // (4×1 + 5×3) / 4 = 4.75 for Пётр; Анна's only mark: 4.00.
  await poll(() => teacher.getByTestId(`average-${petya}`).textContent()).toBe('4,75');
  await poll(() => teacher.getByTestId(`average-${anya}`).textContent()).toBe('4,00');
  // Enter went on down the column, like on paper.
  const sokolova = world.user('sokolova').id;
  const focused = () => teacher.evaluate(() => document.activeElement?.getAttribute('data-testid'));
  await poll(focused).toBe(`cell-${sokolova}-${test.id}`);
  // The «Н» key marks her absent (by its place on the keyboard, whichever layout is on).
  await teacher.keyboard.press('KeyY');
  await poll(() => teacher.getByTestId(`cell-${sokolova}-${test.id}`).locator('.att').textContent()).toBe('Н');

  // A mark for a lesson 15 days ago is back-dated: the grid asks why, and the history keeps it.
  const old = await lessonOn('2026-11-10');
  const fedorov = world.user('fedorov').id;
  await teacher.getByTestId(`cell-${fedorov}-${old.id}`).click();
  await teacher.keyboard.type('3');
  await teacher.keyboard.press('Enter');
  await teacher.getByTestId('reason-input').fill('Пересдача после болезни');
  await teacher.getByTestId('reason-submit').click();
  await poll(() => marksIn(fedorov, old.id).textContent()).toBe('3У');
  await marksIn(fedorov, old.id).click();
  const history = teacher.getByTestId('mark-dialog').getByTestId('mark-history');
  await poll(() => history.textContent()).toContain('Пересдача после болезни');
  expect(await history.textContent()).toContain('задним числом');
  await teacher.getByTestId('dialog-close').click();
  await teacher.getByTestId('mark-dialog').waitFor({ state: 'detached' });
  // It counts: (4 + 3) / 2.
  await poll(() => teacher.getByTestId(`average-${fedorov}`).textContent()).toBe('3,50');

  if (process.env.SCREENSHOTS) {
    await teacher.getByTestId(`cell-${petya}-${test.id}`).focus();
    await screenshot(teacher, 'journal-grid');
  }

  // The parent, in another browser, opens Пётр's diary at this week.
  const parent = await signIn('petrova', `#/diary/${petya}?week=${WEEK}`);
  const lesson = parent.getByTestId(`diary-lesson-${test.id}`);
  const mark = lesson.locator('[data-testid^="diary-mark-"]');
  await poll(() => mark.textContent()).toContain('5');
  expect(await mark.textContent()).toContain('Контрольная работа');
  expect(await lesson.textContent()).toContain('Контрольная работа № 4');

  // The corrected Russian mark says so, and why.
  const monday = parent.getByTestId(`diary-lesson-${(await lessonOn('2026-11-23', 'Русский язык')).id}`);
  await monday.locator('[data-testid^="diary-mark-changed-"]').click();
  const reasons = parent.getByTestId('diary-mark-dialog').getByTestId('mark-history');
  await poll(() => reasons.textContent()).toContain('Работа над ошибками выполнена');
  expect(await reasons.getByTestId('mark-history-item').count()).toBe(2);
  await parent.getByTestId('dialog-close').click();
  await parent.getByTestId('diary-mark-dialog').waitFor({ state: 'detached' });

  // The retracted Russian mark stays where it was, struck through, and says who retracted it and why.
  const tuesday = parent.getByTestId(`diary-lesson-${(await lessonOn('2026-11-24', 'Русский язык')).id}`);
  const retracted = tuesday.locator('.dmark--retracted');
  await poll(() => retracted.textContent()).toContain('аннулирована');
  expect(await retracted.locator('.dmark__value').evaluate((e) => getComputedStyle(e).textDecorationLine)).toBe('line-through');
  await retracted.click();
  const retraction = parent.getByTestId('diary-mark-dialog').getByTestId('mark-history');
  await poll(() => retraction.textContent()).toContain('Поставлена не тому ученику');
  expect(await retraction.getByTestId('mark-history-item').count()).toBe(2);
  await parent.getByTestId('dialog-close').click();
  await parent.getByTestId('diary-mark-dialog').waitFor({ state: 'detached' });

  await screenshot(parent, 'diary-week', { fullPage: true });

  // Анна's diary has her 4 for the same test.
  await parent.getByTestId(`nav-diary-${anya}`).waitFor();
  await parent.goto(`${server.url}/#/diary/${anya}?week=${WEEK}`);
  const hers = parent.getByTestId(`diary-lesson-${test.id}`).locator('[data-testid^="diary-mark-"]');
  await poll(() => hers.textContent()).toContain('4');
  expect(await hers.textContent()).toContain('Контрольная работа');

  // Пётр's term: the updated weighted average, and what a five takes (nothing more: 4.75 rounds to 5).
  await parent.goto(`${server.url}/#/diary/${petya}?week=${WEEK}`);
  await parent.getByTestId('diary-tab-term').click();
  await poll(() => parent.getByTestId(`term-average-${group.id}`).textContent()).toContain('4,75');
  expect(await parent.getByTestId(`term-subject-${group.id}`).textContent()).toContain('Математика');
  await parent.getByTestId(`term-need-${group.id}`).click();
  await poll(() => parent.getByTestId(`term-need-result-${group.id}`).textContent()).toContain('уже получается');
});

it('keeps the keyboard focus on the cursor when it moves into rows drawn a moment after the first screenful', async () => {
  const group = world.group('Математика', '5А');
  const quarter = world.periodsOf().find((p) => p.number === 2)!;
  const teacher = await signIn('ivanova', '');
  // Two steps down from the 12th row in the very task that drew the first screenful (rows 1–12): the cursor is
  // then on the 14th pupil, whose row comes a task later.
  await teacher.evaluate(() => {
    const watch = new MutationObserver(() => {
      const row12 = document.querySelector<HTMLElement>('td[data-cell^="11:"]');
      if (!row12) return;
      watch.disconnect();
      // Microtasks only (each update rendered in between), all before the task that draws the other rows.
      void (async () => {
        row12.focus();
        for (let i = 0; i < 2; i++) {
          await Promise.resolve();
          document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true }));
        }
      })();
    });
    watch.observe(document.body, { childList: true, subtree: true });
  });
  await teacher.evaluate((hash) => (location.hash = hash), `#/journal/${group.id}?period=${quarter.id}&on=${TODAY}`);
  await poll(() => teacher.getByTestId('journal-grid').locator('tbody tr').count()).toBe(CLASSMATES.length + 2);
  const active = teacher.locator('td[aria-selected="true"]');
  await poll(() => active.getAttribute('data-cell')).toMatch(/^13:/);
  await poll(() => teacher.evaluate(() => document.activeElement?.getAttribute('data-cell'))).toBe(await active.getAttribute('data-cell'));
});
