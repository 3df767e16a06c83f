import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { school, type SchoolBuilder } from '../packages/server/src/db/seeders/school-builder.js';
import { Role } from '../packages/server/src/policy/roles.js';
import type { GraphQLClient } from '../packages/server/src/testing/graphql-client.js';
import { screenshot } from './browser.js';

/**
 * What the role walks (`e2e/day-*.e2e.test.ts`, and the older `class-teacher-day`, `family-day`) share:
 * their school and its people (`first-load` and `a11y-roles` start from it too), the two screen sizes of issue 17, the phone's no-sideways-scrolling rule,
 * and the README's screenshots, written only when asked (`SCREENSHOTS=1 pnpm exec vitest run --project
 * e2e e2e/day-…`, see `screenshot` in browser.ts).
 */

/** The walks' people: one cast, so that a name is the same person in every role's day. */
const STAFF = {
  ivanova: { name: 'Иванова Анна Петровна', roles: [Role.TEACHER] },
  smirnova: { name: 'Смирнова Ольга Викторовна', roles: [Role.TEACHER] },
  smirnov: { name: 'Смирнов Олег Ильич', roles: [Role.TEACHER] },
  director: { name: 'Тихонов Виктор Павлович', roles: [Role.DIRECTOR] },
  deputy: { name: 'Завучева Ирина Львовна', roles: [Role.DEPUTY_DIRECTOR] },
  secretary: { name: 'Зуева Наталья Олеговна', roles: [Role.SECRETARY] },
  hr: { name: 'Кадрова Клара Олеговна', roles: [Role.HR] },
} as const;
const MOTHERS = { petrova: 'Петрова Мария Ивановна', sidorova: 'Сидорова Нина Павловна', kozlova: 'Козлова Елена Сергеевна' } as const;
type Mother = keyof typeof MOTHERS;
type Pupil = 'petya' | 'anya' | 'vanya' | 'kolya' | 'masha' | 'katya';
const PUPILS: Record<Pupil, { name: string; mother?: Mother }> = {
  petya: { name: 'Петров Пётр Ильич', mother: 'petrova' },
  anya: { name: 'Петрова Анна Ильинична', mother: 'petrova' },
  vanya: { name: 'Сидоров Иван Петрович', mother: 'sidorova' },
  kolya: { name: 'Козлов Николай Андреевич', mother: 'kozlova' },
  masha: { name: 'Сидорова Мария Олеговна' },
  katya: { name: 'Котова Екатерина Олеговна' },
};

/** Who of the cast is in a walk. Иванова, the mathematics teacher, is in every one. */
export interface WalkCast {
  /** Staff besides Иванова. */
  staff?: Exclude<keyof typeof STAFF, 'ivanova'>[];
  /** The classes in order, with their class teacher and pupils. */
  classes: Record<string, { classTeacher?: keyof typeof STAFF; pupils?: Pupil[] }>;
  /** The mothers in the walk: each is the parent of her children among the pupils. */
  mothers?: Mother[];
  /** Pupils whose parents gave consent to data processing. */
  consents?: Pupil[];
  /** Иванова's mathematics in every class, each week: [weekday, lesson number, room]. */
  mathematics?: [number, number, string][];
}

/** Школа № 1 in 2026/2027 with the cast of one walk; the walk adds what is its own to the builder. */
export function walkSchool(cast: WalkCast): SchoolBuilder {
  const builder = school('Школа № 1').inYear(2026).withSubjects('Математика');
  for (const login of ['ivanova', ...(cast.staff ?? [])] as const) builder.withStaff(login, STAFF[login].name, [...STAFF[login].roles]);
  for (const login of cast.mothers ?? []) builder.withParent(login, MOTHERS[login]);
  for (const [name, { classTeacher, pupils = [] }] of Object.entries(cast.classes)) {
    builder.withClass(name, { classTeacher });
    for (const login of pupils) {
      const { name: fullName, mother } = PUPILS[login];
      builder.withStudent(login, fullName, { inClass: name, parents: mother && cast.mothers?.includes(mother) ? [mother] : [] });
    }
    if (cast.mathematics) builder.withGroup('Математика', name, { teacher: 'ivanova', slots: cast.mathematics });
  }
  for (const login of cast.consents ?? []) builder.withConsent(login);
  return builder;
}

/** Иванова's mathematics in the second lesson of every weekday, in room 21. */
export const EVERY_WEEKDAY: [number, number, string][] = [1, 2, 3, 4, 5].map((d) => [d, 2, '21']);

export const DESKTOP = { width: 1366, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;
export const SIZES = { desktop: DESKTOP, phone: PHONE } as const;
export type Size = keyof typeof SIZES;

/** Waits for what the screen must come to show (the app answers live, so a few seconds at most). */
export const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000 });

/** On a phone nothing may scroll sideways. */
export async function fitsWidth(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(innerWidth);
}

/** `docs/screenshots/<role>-<screen>-<size>.png`, the viewport from the top, through browser.ts's `screenshot` (only when asked). */
export async function photograph(page: Page, role: string, screen: string, size: Size): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, `${role}-${screen}-${size}`);
}

/** The administration's tabs in order, and the ability (Viewer.can) that opens each (as `admin/sections.ts`). */
const ADMIN_SECTIONS = [
  ['people', 'listPeople'],
  ['year', 'planYear'],
  ['classes', 'editClasses'],
  ['curriculum', 'editCurriculum'],
  ['timetable', 'editTimetable'],
  ['movements', 'keepStudentRecords'],
  ['consents', 'keepStudentRecords'],
  ['exams', 'keepExamRegister'],
] as const;

/** The administration tabs on screen, by their address, once the screen has loaded. */
export async function adminTabs(page: Page): Promise<string[]> {
  await page.locator('[data-testid^="admin-tab-"]').first().waitFor();
  return page.locator('[data-testid^="admin-tab-"]').evaluateAll((links) => links.map((a) => a.getAttribute('data-testid')!.replace('admin-tab-', '')));
}

/** The sections the server's abilities open for this signed-in client: what the screen must show, no more. */
export async function allowedSections(client: GraphQLClient): Promise<string[]> {
  const { viewer } = await client.data<{ viewer: { can: Record<string, boolean> } }>(
    `{ viewer { can { listPeople planYear editClasses editCurriculum editTimetable keepStudentRecords keepExamRegister } } }`,
  );
  return ADMIN_SECTIONS.filter(([, ability]) => viewer.can[ability]).map(([section]) => section);
}
