import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { school, type SeededWorld } from '../packages/server/src/db/seeders/school-builder.js';
import { FinalMark, FinalMarkKind } from '../packages/server/src/modules/journal/journal.entity.js';
import { Role } from '../packages/server/src/policy/roles.js';
import { Lesson } from '../packages/server/src/modules/timetable/timetable.entity.js';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.js';
import { reasonsRu } from '../packages/web/src/i18n/reasons.js';
import { launchChromium, signedIn } from './browser.js';

/**
 * The administration's control of the journals through the web app only (issues 17 and 18): the deputy
 * director reads the late entries and the missing period marks beside the fill rate, the notices parents
 * never got, remarks on a journal and records the monthly report done; the teacher answers the remark in
 * her journal and records her class's journal check on the class teacher's desk; the director reports the
 * teacher's account compromised from the person editor, retracts the mark made from it, adds an extra
 * lesson (a refusal read in words) and records a substitution. Then the control screen on a phone.
 *
 * Set up through the server is what came before: the first quarter's marks entered late with a reason and
 * a period mark below their average (written as the journal writes it), and a mark of today entered at
 * 8:40, after the moment the account is later reported to have been in other hands (8:30).
 *
 * "Now" is Wednesday 25 November 2026, noon in Moscow, for the server and the pages.
 */
const NOW = new Date('2026-11-25T09:00:00Z');
const TODAY = '2026-11-25';
const EVERY_WEEKDAY: [number, number, string][] = [1, 2, 3, 4, 5].map((d) => [d, 1, '21']);

let server: TestServer;
let world: SeededWorld;
let browser: Browser;
/** The server's clock: earlier moments for what happened before the story, then NOW. */
let clock = NOW;

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000 });
const desktop = { width: 1366, height: 900 };
const signIn = (login: string, viewport = desktop): Promise<Page> => signedIn(browser, server.url, login, { now: NOW, viewport });
const text = (page: Page, testId: string) => page.getByTestId(testId).innerText();

beforeAll(async () => {
  server = await startTestServer({ clock: () => clock });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('director', 'Белов Олег Викторович', [Role.DIRECTOR])
      .withStaff('deputy', 'Завучева Зоя Олеговна', [Role.DEPUTY_DIRECTOR])
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withStaff('orlov', 'Орлов Павел Сергеевич', [Role.TEACHER])
      .withClass('5А', { classTeacher: 'ivanova' })
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withParent('kuznetsova', 'Кузнецова Ольга Игоревна')
      .withStudent('kolya', 'Кузнецов Николай Петрович', { inClass: '5А', parents: ['kuznetsova'] })
      .withConsent('petya')
      .withConsent('kolya')
      .withGroup('Математика', '5А', { teacher: 'ivanova', slots: EVERY_WEEKDAY }),
    { lessons: true },
  );
  const group = world.group('Математика', '5А');
  const [q1] = world.periodsOf();
  const em = server.orm.em.fork();
  const q1Lessons = await em.find(Lesson, { group, period: q1 }, { orderBy: { date: 'asc' }, limit: 2 });
  const today = await em.findOneOrFail(Lesson, { group, date: TODAY });
  const teacher = await server.as('ivanova');
  const put = (lessonId: string, student: string, value: string, reason?: string) =>
    teacher.data(`mutation($input: PutMarkInput!) { putMark(input: $input) { id } }`, {
      input: { lessonId, studentId: world.user(student).id, value, workTypeId: world.workType('У').id, reason },
    });
  // The first quarter's two «5» of Пётр, entered weeks late, with the reason.
  clock = new Date('2026-11-25T07:00:00Z');
  for (const lesson of q1Lessons) await put(lesson.id, 'petya', '5', 'внесено по бумажному журналу');
  // …and his quarter mark «3», below the average, the parents never told.
  em.create(FinalMark, {
    school: world.school(),
    student: world.user('petya'),
    group,
    subject: world.subject('Математика'),
    kind: FinalMarkKind.PERIOD,
    period: q1,
    value: '3',
    points: 3,
    enteredBy: world.user('ivanova'),
    enteredAt: clock,
  });
  await em.flush();
  // Today's «2» of Коля, entered at 8:40 (the account is later reported to be in other hands since 8:30).
  clock = new Date('2026-11-25T08:40:00Z');
  await put(today.id, 'kolya', '2');
  clock = NOW;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('walks the administration through the control of journals, and the teacher through her side, in the web app', async () => {
  const [q1] = world.periodsOf();
  const groupId = world.group('Математика', '5А').id;

  // The deputy director: beside the fill rate, the first quarter's late entries and missing period marks.
  const deputy = await signIn('deputy');
  await deputy.getByTestId('nav-reports').click();
  await deputy.getByTestId('reports-tab-fill').click();
  await deputy.getByTestId(`period-${q1.id}`).click();
  await poll(() => deputy.getByTestId('late-entries').locator('li').count()).toBe(2);
  expect(await text(deputy, 'late-entries')).toContain('Отметка · 5А · Математика');
  expect(await text(deputy, 'late-entries')).toContain('Причина: внесено по бумажному журналу');
  await poll(() => text(deputy, `missed-${groupId}`)).toContain('Без отметки (1): Кузнецов Н. П.');

  // The control tab: the notice Пётр's parents never got, no flagged marks yet (and no review for a deputy).
  await deputy.getByTestId('reports-tab-control').click();
  await poll(() => text(deputy, 'notice-problems')).toContain('Петров Пётр Ильич');
  expect(await text(deputy, 'notice-problems')).toContain('отметка за период 3 при среднем 5,00 · предупреждения не было');
  await poll(() => text(deputy, 'flagged-marks')).toContain('Отметок, ждущих проверки, нет.');

  // The monthly reports: October's overdue and marked so; November's recorded done with a note.
  const duties = deputy.getByTestId('school-duties');
  await poll(() => duties.locator('[data-testid="duty-MONTHLY_REPORT-2026-10-31"]').innerText()).toContain('просрочено');
  await duties.getByTestId('duty-done-MONTHLY_REPORT-2026-11-30').click();
  await deputy.getByTestId('duty-note').fill('сдан в управление');
  await deputy.getByTestId('duty-done-confirm').click();
  await poll(() => duties.getByTestId('duty-MONTHLY_REPORT-2026-11-30').innerText()).toContain('Выполнено: Завучева З. О.');
  expect(await duties.getByTestId('duty-MONTHLY_REPORT-2026-11-30').innerText()).toContain('сдан в управление');

  // A remark on 5А's maths journal: open until the teacher answers.
  await deputy.getByTestId('remarks-group').selectOption(groupId);
  await deputy.getByTestId('remark-text-input').fill('Не заполнены темы уроков за ноябрь');
  await deputy.getByTestId('remark-submit').click();
  const remarks = deputy.getByTestId('remarks-panel');
  await poll(() => remarks.innerText()).toContain('«Не заполнены темы уроков за ноябрь»');
  expect(await remarks.innerText()).toContain('не устранено');

  // The teacher: the remark in her journal's header, answered; her class's journal check on the desk.
  const teacher = await signIn('ivanova');
  await teacher.getByTestId('nav-journal').click();
  await poll(() => text(teacher, 'journal-remarks')).toContain('Не заполнены темы уроков за ноябрь');
  await teacher.locator('[data-testid^="journal-remark-answer-"]').click();
  await teacher.getByTestId('remark-resolution').fill('Темы заполнены');
  await teacher.getByTestId('remark-resolve-confirm').click();
  await poll(() => teacher.getByTestId('journal-remarks').count()).toBe(0);
  await teacher.getByTestId('nav-monitor').click();
  const desk = teacher.getByTestId('class-duties');
  await poll(() => desk.innerText()).toContain('Проверка журнала · 5А');
  expect(await desk.innerText()).not.toContain('Ежемесячный отчёт');
  const check = desk.locator('[data-testid^="duty-done-JOURNAL_CHECK-"]').first();
  const checkItem = `duty-JOURNAL_CHECK-${(await check.getAttribute('data-testid'))!.slice('duty-done-JOURNAL_CHECK-'.length)}`;
  await check.click();
  await teacher.getByTestId('duty-done-confirm').click();
  await poll(() => desk.getByTestId(checkItem).innerText()).toContain('Выполнено: Иванова А. П.');
  await teacher.context().close();

  // Back at the deputy's control screen (refetched on opening): the remark is resolved, with the answer.
  await deputy.reload();
  await deputy.getByTestId('reports-tab-control').click();
  await deputy.getByTestId('remarks-group').selectOption(groupId);
  await poll(() => deputy.getByTestId('remarks-panel').innerText()).toContain('Темы заполнены');
  expect(await deputy.getByTestId('remarks-panel').innerText()).not.toContain('не устранено');
  await deputy.context().close();

  // The director reports Иванова's account compromised since 8:30, from the person editor.
  const director = await signIn('director');
  await director.getByTestId('nav-admin').click();
  await director.getByTestId('edit-ivanova').click();
  await director.getByTestId('compromise-open').click();
  const since = await director.evaluate(() => {
    const at = new Date(Date.UTC(2026, 10, 25, 8, 30));
    return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  });
  await director.getByTestId('compromise-since').fill(since);
  await director.getByTestId('compromise-dialog-confirm').click();
  await poll(() => text(director, 'compromise-result')).toContain('отметок: 1.');
  expect(await text(director, 'compromise-password')).toMatch(/\S{8,}/);
  await director.getByTestId('dialog-close').click();

  // The mark made from it awaits review: who, what, when, its history; the director retracts it.
  await director.getByTestId('nav-reports').click();
  await director.getByTestId('reports-tab-control').click();
  const flagged = director.locator('[data-testid^="flagged-mark-"]');
  await poll(() => flagged.count()).toBe(1);
  expect(await flagged.innerText()).toContain('«2» · Кузнецов Николай Петрович, 5А · Математика');
  expect(await flagged.innerText()).toContain('Внёс(ла) Иванова А. П.');
  await flagged.locator('summary').click();
  await poll(() => flagged.getByTestId('mark-history-item').count()).toBe(1);
  expect(await text(director, 'flagged-changes')).toContain('Иванова Анна Петровна (ivanova)');
  await director.locator('[data-testid^="flagged-retract-"]').click();
  await director.getByTestId('flagged-review-reason').fill('Отметку выставил не учитель');
  await director.getByTestId('flagged-review-confirm').click();
  await poll(() => text(director, 'flagged-marks')).toContain('Отметок, ждущих проверки, нет.');

  // The timetable: an extra lesson (a taken number is refused in words), then a substitution recorded.
  await director.getByTestId('nav-admin').click();
  await director.getByTestId('admin-tab-timetable').click();
  await director.getByTestId('add-lesson-date').fill(TODAY);
  await director.getByTestId('add-lesson-number').fill('1');
  await director.getByTestId('add-lesson-submit').click();
  await poll(() => text(director, 'add-lesson-error')).toBe(reasonsRu.LESSON_NUMBER_TAKEN);
  await director.getByTestId('add-lesson-number').fill('6');
  await director.getByTestId('add-lesson-submit').click();
  await poll(() => text(director, 'add-lesson-done')).toBe('Урок добавлен: 25 ноября, 6 урок.');
  await director.getByTestId('substitution-date').fill(TODAY);
  await poll(() => director.getByTestId('substitution-lesson').locator('option').count()).toBe(2);
  await director.getByTestId('substitution-lesson').selectOption({ label: '6 урок · Иванова А. П.' });
  await director.getByTestId('substitution-teacher').selectOption(world.user('orlov').id);
  await director.getByTestId('substitution-reason').fill('болезнь учителя');
  await director.getByTestId('substitution-submit').click();
  await poll(() => text(director, 'substitution-done')).toBe('Замена записана: Орлов П. С.');
  // The day's lessons, refetched: the 6th now has its substitute.
  await poll(() => director.getByTestId('substitution-lesson').locator('option').allInnerTexts()).toEqual([
    '1 урок · Иванова А. П.',
    '6 урок · Иванова А. П. → Орлов П. С.',
  ]);
  await director.context().close();

  // The control screen on a phone: nothing scrolls sideways.
  const phone = await signIn('deputy', { width: 390, height: 844 });
  await phone.goto(`${server.url}/#/reports/control`);
  await poll(() => text(phone, 'school-duties')).toContain('Ежемесячный отчёт');
  await poll(() => text(phone, 'flagged-marks')).toContain('Отметок, ждущих проверки, нет.');
  const [scrollWidth, innerWidth] = await phone.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
});
