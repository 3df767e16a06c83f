import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { makeViewer } from '../../policy/viewer.js';
import { DiaryVisit } from './consent.entity.js';
import { recordDiaryVisit } from './consent.service.js';
import { todayIso } from '../../kernel/dates.js';
import { Role } from '../../policy/roles.js';
import { User } from '../school/user.entity.js';

let server: TestServer;
let world: SeededWorld;
const DAY = 24 * 3600_000;
/** The school's clock: visits are counted per day of it. */
const NOW = new Date('2026-11-25T09:00:00Z');

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    school('Школа № 1')
      .withStaff('director', 'Тихонов Виктор Павлович', [Role.DIRECTOR])
      .withStaff('sobolev', 'Соболев Андрей Николаевич', [Role.TEACHER])
      .withStaff('orlova', 'Орлова Вера Павловна', [Role.TEACHER])
      .withClass('5А', { classTeacher: 'sobolev' })
      .withClass('6А', { classTeacher: 'orlova' })
      .withParent('active', 'Активная Анна Ивановна')
      .withParent('lapsed', 'Забывчивый Борис Петрович')
      .withParent('never', 'Новикова Вера Сергеевна')
      .withParent('noconsent', 'Безсогласова Галина Олеговна')
      .withStudent('a1', 'Активный Артём', { inClass: '5А', parents: ['active'] })
      .withStudent('a2', 'Активная Алиса', { inClass: '6А', parents: ['active'] })
      .withStudent('b1', 'Забывчивый Богдан', { inClass: '5А', parents: ['lapsed'] })
      .withStudent('c1', 'Новиков Вадим', { inClass: '5А', parents: ['never'] })
      .withStudent('d1', 'Безсогласов Денис', { inClass: '5А', parents: ['noconsent'] })
      .withConsent('a1')
      .withConsent('a2')
      .withConsent('b1')
      .withConsent('c1'),
  );
  // The lapsed parent last opened the diary eight days ago.
  const em = server.orm.em.fork();
  const eightDaysAgo = new Date(NOW.getTime() - 8 * DAY);
  em.create(DiaryVisit, { user: em.getReference(User, world.user('lapsed').id), day: todayIso(eightDaysAgo, 'Europe/Moscow'), lastAt: eightDaysAgo, count: 3 });
  await em.flush();
});
afterAll(() => server.stop());

const PROFILE = `query($id: ID!) { studentProfile(studentId: $id) { id } }`;
const ACTIVITY = `query($classId: ID!) {
  classParentActivity(classId: $classId) { fullName children { fullName } lastVisitAt daysVisitedLastWeek inactiveForWeek }
}`;
const visitsOf = (login: string) => server.orm.em.fork().find(DiaryVisit, { user: world.user(login).id });

describe("parents' diary visits (R-A8)", () => {
  it('records one visit row per parent per day, counting every opening of the diary', async () => {
    const parent = await server.as('active');
    await parent.data(PROFILE, { id: world.user('a1').id });
    await parent.data(PROFILE, { id: world.user('a2').id });

    const visits = await visitsOf('active');
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({ day: todayIso(NOW, 'Europe/Moscow'), count: 2 });
  });

  it("records nothing when the diary stays closed (no consent), nor when staff open a student's page", async () => {
    const parent = await server.as('noconsent');
    expect((await parent.execute(PROFILE, { id: world.user('d1').id })).errors?.[0]?.extensions?.reason).toBe('CONSENT_REQUIRED');
    expect(await visitsOf('noconsent')).toEqual([]);

    const director = await server.as('director');
    await director.data(PROFILE, { id: world.user('a1').id });
    expect(await visitsOf('director')).toEqual([]);
  });

  it("counts a visit only for a parent's own child (recordDiaryVisit, used by every diary query)", async () => {
    const viewer = makeViewer({
      userId: world.user('never').id,
      sessionId: 's',
      login: 'never',
      grants: [{ role: Role.PARENT, schoolId: world.school().id, authorityId: null }],
      childIds: [world.user('c1').id],
      ledClassIds: [],
      timeZone: world.school().timezone,
    });
    expect(await recordDiaryVisit(server.orm.em.fork(), viewer, { studentId: world.user('a1').id, now: NOW })).toBe(false);
    expect(await visitsOf('never')).toEqual([]);
  });

  it('shows the class teacher every parent of the class, those who have not opened the diary for a week first', async () => {
    const classTeacher = await server.as('sobolev');

    const { classParentActivity } = await classTeacher.data(ACTIVITY, { classId: world.class('5А').id });

    expect(classParentActivity.map((p: any) => [p.fullName, p.inactiveForWeek, p.daysVisitedLastWeek, p.lastVisitAt !== null])).toEqual([
      ['Безсогласова Галина Олеговна', true, 0, false],
      ['Забывчивый Борис Петрович', true, 0, true],
      ['Новикова Вера Сергеевна', true, 0, false],
      ['Активная Анна Ивановна', false, 1, true],
    ]);
    // Only the children in this class are listed with the parent.
    expect(classParentActivity[3].children).toEqual([{ fullName: 'Активный Артём' }]);
    expect(NOW.getTime() - Date.parse(classParentActivity[1].lastVisitAt)).toBeGreaterThan(7 * DAY);
  });

  it('lets the administration see it, and refuses the class teacher of another class', async () => {
    const director = await server.as('director');
    expect((await director.data(ACTIVITY, { classId: world.class('5А').id })).classParentActivity).toHaveLength(4);
    const other = await server.as('orlova');
    expect((await other.execute(ACTIVITY, { classId: world.class('5А').id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a parent (FORBIDDEN)', async () => {
    const parent = await server.as('active');
    expect((await parent.execute(ACTIVITY, { classId: world.class('5А').id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
