import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { school, type SeededWorld } from '../packages/server/src/db/seeders/school-builder.js';
import { FinalMark, FinalMarkKind } from '../packages/server/src/modules/journal/journal.entity.js';
import { Role } from '../packages/server/src/policy/roles.js';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.js';
import { launchChromium, screenshot, signedIn } from './browser.js';
import { fitsWidth, PHONE, poll } from './walk.js';

/**
 * Issue 17: in June the director, on a phone, promotes the school into the next year in the web app only:
 * plans the next year from the transition, reviews the classes and the pupils with debts, decides for them,
 * enters the order and commits it.
 */
const NOW = new Date('2026-06-15T09:00:00Z');

let server: TestServer;
let world: SeededWorld;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2025)
      .withSubjects('Математика')
      .withStaff('director', 'Тихонов Виктор Павлович', [Role.DIRECTOR])
      .withStaff('sobolev', 'Соболев Андрей Николаевич', [Role.TEACHER])
      .withClass('5А', { classTeacher: 'sobolev' })
      .withClass('9А')
      .withClass('11А')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А' })
      .withStudent('vanya', 'Сидоров Иван Олегович', { inClass: '5А' })
      .withStudent('kolya', 'Колесников Николай', { inClass: '9А' })
      .withStudent('lena', 'Ленина Елена', { inClass: '11А' })
      .withGroup('Математика', '5А', { teacher: 'sobolev' })
      .withGroup('Математика', '9А', { teacher: 'sobolev' })
      .withGroup('Математика', '11А', { teacher: 'sobolev' }),
  );
  // The annual marks the teacher gave: Ваня has a 2, Коля is not attested.
  const em = server.orm.em.fork();
  for (const [student, className, value] of [
    ['vanya', '5А', '2'],
    ['kolya', '9А', 'Н/А'],
    ['petya', '5А', '4'],
  ] as const) {
    em.create(FinalMark, {
      school: world.school(),
      student: world.user(student),
      group: world.group('Математика', className),
      subject: world.subject('Математика'),
      kind: FinalMarkKind.ANNUAL,
      period: null,
      value,
      points: value === 'Н/А' ? null : Number(value),
      enteredBy: world.user('sobolev'),
      enteredAt: NOW,
    });
  }
  await em.flush();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('the director plans the next year, decides for the pupils with debts and promotes the school, on a phone', async () => {
  const page = await signedIn(browser, server.url, 'director', { now: NOW, hash: '#/admin/year', viewport: PHONE });
  const panel = page.getByTestId('year-transition');
  await panel.waitFor();
  await poll(() => panel.getByTestId('transition-problem').allTextContents()).toEqual(['Следующий учебный год ещё не создан: сначала запланируйте его.']);

  // The next year, proposed a year on with the same quarters: the director only confirms it.
  const plan = panel.getByTestId('plan-next-year');
  expect(await plan.locator('input[name="name"]').inputValue()).toBe('2026/2027');
  await plan.getByRole('button', { name: 'Создать следующий год' }).click();
  await poll(() => panel.getByTestId('transition-problem').count()).toBe(0);
  await poll(() => panel.getByTestId('transition-class-5А').locator('h3').textContent()).toBe('5А → 6А');
  expect(await panel.getByTestId('transition-class-5А').textContent()).toContain('Классный руководитель: Соболев Андрей Николаевич');
  expect(await panel.getByTestId('transition-class-11А').locator('h3').textContent()).toBe('11А → выпуск');

  // Ваня's 2 is highlighted and he has no decision yet: the order cannot be committed.
  const vanya = panel.getByTestId('transition-pupil').filter({ hasText: 'Сидоров Иван Олегович' });
  expect(await vanya.getAttribute('class')).toContain('transition__pupil--debt');
  expect(await vanya.locator('.tag--warn').textContent()).toBe('Математика: 2');
  const submit = panel.getByRole('button', { name: 'Перевести учащихся' });
  expect(await submit.isDisabled()).toBe(true);

  await page.getByRole('combobox', { name: 'Решение: Сидоров Иван Олегович' }).selectOption({ label: 'Перевести условно' });
  await poll(() => vanya.textContent()).toContain('→ 6А');
  await page.getByRole('combobox', { name: 'Решение: Колесников Николай' }).selectOption({ label: 'Оставить на повторное обучение' });
  const kolya = panel.getByTestId('transition-pupil').filter({ hasText: 'Колесников Николай' });
  await poll(() => kolya.textContent()).toContain('→ 9А');
  await poll(() => submit.isDisabled()).toBe(false);

  await fitsWidth(page);
  await screenshot(panel, 'year-transition-phone');
  if (process.env.SCREENSHOTS === '1') {
    // Tall enough for the whole panel without scrolling under the sticky header.
    await page.setViewportSize({ width: 1280, height: 2000 });
    await screenshot(panel, 'year-transition-desktop');
    await page.setViewportSize(PHONE);
  }

  await panel.getByLabel('Номер приказа').fill('45-у');
  await panel.getByLabel('Дата приказа').fill('2026-06-10');
  await submit.click();
  const result = page.getByTestId('transition-result');
  await result.waitFor();
  expect(await result.textContent()).toContain(
    'Переведены: 1, условно: 1, оставлены на повторное обучение: 1, выпущены: 1, выбыли: 0. Создано классов: 3, групп: 3.',
  );

  // What the order made, read back: the next year's classes with their pupils, the year closed.
  const director = await server.as('director');
  const { school: read } = await director.data(`query($s: ID!) { school(id: $s) { years { name closed classes { name classTeacher { fullName } } } } }`, {
    s: world.school().id,
  });
  const next = read.years.find((y: { name: string }) => y.name === '2026/2027');
  expect(read.years.find((y: { name: string }) => y.name === '2025/2026').closed).toBe(true);
  expect(Object.fromEntries(next.classes.map((c: any) => [c.name, c.classTeacher?.fullName ?? null]))).toEqual({
    '6А': 'Соболев Андрей Николаевич',
    '9А': null,
    '10А': null,
  });
});
