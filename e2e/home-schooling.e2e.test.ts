import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { school, type SeededWorld } from '../packages/server/src/db/seeders/school-builder.js';
import { Role } from '../packages/server/src/policy/roles.js';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.js';
import { launchChromium, signedIn } from './browser.js';
import { poll } from './walk.js';

/**
 * Issue 18 (seed 003 §1.1): the secretary records a pupil's home schooling (ОВЗ) in the person editor; the
 * mother's diary then says the progress is kept in the paper journal.
 */
const NOW = new Date('2026-11-25T09:00:00Z');

let server: TestServer;
let world: SeededWorld;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('secretary', 'Зуева Наталья Олеговна', [Role.SECRETARY])
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withClass('5А', { classTeacher: 'ivanova' })
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withConsent('petya')
      .withGroup('Математика', '5А', { teacher: 'ivanova', slots: [[1, 2, '21']] }),
    { lessons: true },
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('обучение на дому in the web app', () => {
  it('the secretary records it for the pupil; the mother reads that the progress is in the paper journal', async () => {
    const secretary = await signedIn(browser, server.url, 'secretary', { now: NOW });
    await secretary.getByTestId('nav-admin').click();
    await secretary.getByTestId('people-search').fill('петров');
    await secretary.getByTestId('edit-petya').click();
    const control = secretary.getByTestId('person-editor').getByRole('group', { name: 'Обучение на дому (ОВЗ)' });
    await control.getByLabel('Первый день обучения на дому').fill('2026-11-23');
    await control.getByRole('button', { name: 'Отметить обучение на дому' }).click();
    await control.getByRole('button', { name: 'Завершить обучение на дому' }).waitFor();
    await secretary.context().close();

    const mother = await signedIn(browser, server.url, 'petrova', { now: NOW, hash: `#/diary/${world.user('petya').id}?week=2026-11-23` });
    await poll(() => mother.getByTestId('diary-kept-on-paper').textContent()).toBe('Успеваемость ведётся в бумажном журнале (обучение на дому)');
    await mother.context().close();
  });
});
