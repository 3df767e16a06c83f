import pino from 'pino';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../config.js';
import { Guardianship } from '../../modules/people/student.entity.js';
import { Enrolment } from '../../modules/school/enrolment.entity.js';
import { SchoolClass } from '../../modules/school/school-class.entity.js';
import { Holiday, ReportingPeriod } from '../../modules/school/academic-year.entity.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { schoolYearStart } from './calendar.js';
import { DEMO_ACCOUNTS, seedDemoSchoolIfEmpty, type DemoAccount } from './demo-school.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
});
afterAll(() => server.stop());

const documented: DemoAccount[] = JSON.parse(readFileSync(resolve(repoRoot, 'docs/demo-accounts.json'), 'utf8'));

describe('the demo school', () => {
  it('is documented in docs/demo-accounts.json exactly as it is seeded', () => {
    expect(documented).toEqual(DEMO_ACCOUNTS);
  });

  it.each(documented)('lets $role "$login" sign in and see their role', async ({ login, password, role, name }) => {
    const client = server.client();
    await client.login(login, password);
    const { viewer } = await client.data(`{ viewer { fullName roles } }`);
    expect(viewer.fullName).toBe(name);
    expect(viewer.roles).toContain(role);
  });

  it('has a realistic year: four quarters, holidays, classes 1 to 11 each with a class teacher', async () => {
    const em = server.orm.em.fork();
    expect(await em.count(ReportingPeriod)).toBe(4);
    expect(await em.count(Holiday)).toBeGreaterThanOrEqual(4);
    const classes = await em.find(SchoolClass, {});
    expect(new Set(classes.map((c) => c.grade))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]));
    expect(classes.every((c) => c.classTeacher)).toBe(true);
    expect(classes.some((c) => c.letter === 'Б')).toBe(true);
  });

  it('has parents with two children in different classes', async () => {
    const em = server.orm.em.fork();
    const links = await em.find(Guardianship, {});
    const enrolments = await em.find(Enrolment, {});
    const classOf = new Map(enrolments.map((e) => [e.student.id, e.schoolClass.id]));
    const classesByParent = new Map<string, Set<string>>();
    for (const g of links) {
      classesByParent.set(g.parent.id, (classesByParent.get(g.parent.id) ?? new Set()).add(classOf.get(g.student.id)!));
    }
    expect([...classesByParent.values()].filter((c) => c.size >= 2).length).toBeGreaterThan(5);
  });

  it('has a clash-free timetable with lessons on every school day of every quarter', async () => {
    const sql = server.orm.em.getConnection();
    const [counts] = await sql.execute(`select count(*)::int as lessons, count(distinct date)::int as days,
      (select count(*)::int from study_group where kind = 'SUBGROUP') as subgroups,
      (select count(*)::int from curriculum_item) as curriculum from lesson`);
    expect(counts.lessons).toBeGreaterThan(10_000);
    expect(counts.days).toBeGreaterThan(150); // ~33 weeks × 5 days, holidays excluded
    expect(counts.subgroups).toBeGreaterThan(20); // English in two groups from grade 2
    expect(counts.curriculum).toBeGreaterThan(100);
    const clashes = await sql.execute(`select teacher_id, date, lesson_number from lesson
      group by teacher_id, date, lesson_number having count(*) > 1`);
    expect(clashes).toEqual([]);
    const onHolidays = await sql.execute(`select l.id from lesson l join holiday h on l.date between h.starts_on and h.ends_on`);
    expect(onHolidays).toEqual([]);
  });

  it("has a lived-in journal: the demo parent's diary shows topics and marks with their history", async () => {
    const parent = server.client();
    await parent.login('parent', 'demo2026');
    const { viewer } = await parent.data(`{ viewer { children { id fullName } } }`);
    const child = viewer.children.find((c: { fullName: string }) => c.fullName.startsWith('Лебедев Артём'));
    // The second week of September of the current school year is always behind us when the demo is made.
    const week = `${schoolYearStart(server.clock())}-09-08`;
    const { diary } = await parent.data(
      `query($s: ID!, $w: LocalDate!) { diary(studentId: $s, weekOf: $w) { lessons { topic subject { name } } marks { value history { kind } } } }`,
      { s: child.id, w: week },
    );
    expect(diary.lessons.length).toBeGreaterThan(20);
    expect(diary.lessons.filter((l: { topic: string | null }) => l.topic).length).toBeGreaterThan(10);
    expect(diary.marks.length).toBeGreaterThan(0);
    expect(diary.marks.every((m: { history: { kind: string }[] }) => m.history[0]?.kind === 'CREATED')).toBe(true);
  });

  it('is created once: a second start keeps the data as it is', async () => {
    const before = await server.orm.em.fork().count(Enrolment);
    await seedDemoSchoolIfEmpty(server.orm, pino({ level: 'silent' }), server.clock);
    expect(await server.orm.em.fork().count(Enrolment)).toBe(before);
  });
});
