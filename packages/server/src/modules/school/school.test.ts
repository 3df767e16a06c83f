import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { errorOf } from '../../testing/graphql-client.js';
import { AuditEvent } from '../audit/audit.entity.js';
import { Role } from '../../policy/roles.js';
import { Enrolment } from './enrolment.entity.js';
import { User } from './user.entity.js';
import { ReportingPeriod } from './academic-year.entity.js';
import { SchoolClass } from './school-class.entity.js';
import { GroupKind, StudyGroup, TeachingAssignment } from './study-group.entity.js';

let server: TestServer;
let world: SeededWorld;
const AUTHORITY = 'Управление образования г. Энска';
/** In the school year 2026/2027 that the schools are seeded in: their "current year" and class lists are of that day. */
const NOW = new Date('2026-11-25T09:00:00Z');

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed([
    school('Школа № 1', { authority: AUTHORITY })
      .inYear(2026)
      .withSubjects('Математика', 'Английский язык')
      .withStaff('director', 'Тихонов Виктор Павлович', [Role.DIRECTOR])
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withStaff('smirnov', 'Смирнов Олег Ильич', [Role.TEACHER])
      .withClass('5А', { classTeacher: 'ivanova' })
      .withClass('5Б')
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withStudent('vanya', 'Сидоров Иван', { inClass: '5А' })
      .withStudent('katya', 'Котова Екатерина', { inClass: '5Б' })
      .withInspector('inspector', 'Орехов Павел Ильич'),
    school('Школа № 2', { authority: AUTHORITY })
      .inYear(2026)
      .withStaff('director2', 'Громов Игорь Сергеевич', [Role.DIRECTOR])
      .withStaff('kozlov', 'Козлов Пётр Андреевич', [Role.TEACHER])
      .withClass('5А')
      .withStudent('misha', 'Мишин Михаил', { inClass: '5А' }),
  ]);
});
afterAll(() => server.stop());

describe('planning the year', () => {
  const CREATE_YEAR = `mutation($input: CreateAcademicYearInput!) {
    createAcademicYear(input: $input) { name startsOn endsOn periods { name startsOn endsOn } }
  }`;
  const trimesters = (schoolId: string) => ({
    schoolId,
    name: '2027/2028',
    startsOn: '2027-09-01',
    endsOn: '2028-05-31',
    periodKind: 'TRIMESTER',
    periods: [
      { startsOn: '2027-09-01', endsOn: '2027-11-30' },
      { startsOn: '2027-12-01', endsOn: '2028-02-28' },
      { startsOn: '2028-03-01', endsOn: '2028-05-31' },
    ],
  });

  it('lets the director plan next year in trimesters', async () => {
    const director = await server.as('director');
    const { createAcademicYear } = await director.data(CREATE_YEAR, { input: trimesters(world.school('Школа № 1').id) });
    expect(createAcademicYear.periods.map((p: { name: string }) => p.name)).toEqual(['1 триместр', '2 триместр', '3 триместр']);
  });

  it('refuses overlapping periods with a message naming them, and writes nothing', async () => {
    const director = await server.as('director2');
    const input = trimesters(world.school('Школа № 2').id);
    input.periods[1].startsOn = '2027-11-15';
    const before = await server.orm.em.fork().count(ReportingPeriod);

    const result = await director.execute(CREATE_YEAR, { input });

    expect(errorOf(result)).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'Periods 1 and 2 overlap or are out of order: period 2 must start after 2027-11-30.',
    });
    expect(await server.orm.em.fork().count(ReportingPeriod)).toBe(before);
  });

  it('refuses a year that overlaps an existing one', async () => {
    const director = await server.as('director2');
    const input = {
      ...trimesters(world.school('Школа № 2').id),
      name: 'дубль',
      startsOn: '2027-05-01',
      periods: [{ startsOn: '2027-05-01', endsOn: '2028-05-31' }],
    };
    expect(errorOf(await director.execute(CREATE_YEAR, { input })).message).toMatch(/overlaps 2026\/2027/);
  });

  it('does not let a teacher plan the year, nor a director plan another school', async () => {
    const teacher = await server.as('ivanova');
    expect(errorOf(await teacher.execute(CREATE_YEAR, { input: trimesters(world.school('Школа № 1').id) })).code).toBe('FORBIDDEN');
    const otherDirector = await server.as('director2');
    expect(errorOf(await otherDirector.execute(CREATE_YEAR, { input: trimesters(world.school('Школа № 1').id) })).code).toBe('NOT_FOUND');
  });

  it('refuses a holiday outside the year', async () => {
    const director = await server.as('director');
    const result = await director.execute(`mutation($input: AddHolidayInput!) { addHoliday(input: $input) { id } }`, {
      input: { yearId: world.years.get('Школа № 1')!.id, name: 'Лишний день', startsOn: '2027-06-10', endsOn: '2027-06-10' },
    });
    expect(errorOf(result)).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'The holiday (2027-06-10…2027-06-10) lies outside the year 2026/2027.',
      reason: 'HOLIDAY_OUTSIDE_YEAR',
    });
  });
});

describe('classes and groups', () => {
  it('creates a class with its class teacher, who gets the class-teacher role', async () => {
    const director = await server.as('director');
    const { createClass } = await director.data(`mutation($input: CreateClassInput!) { createClass(input: $input) { name classTeacher { fullName } } }`, {
      input: { yearId: world.years.get('Школа № 1')!.id, grade: 6, letter: 'В', classTeacherId: world.user('smirnov').id },
    });
    expect(createClass).toEqual({ name: '6В', classTeacher: { fullName: 'Смирнов Олег Ильич' } });
    const smirnov = await server.as('smirnov');
    expect((await smirnov.data(`{ viewer { roles } }`)).viewer.roles).toContain('CLASS_TEACHER');
  });

  it('refuses a second 5А in the same year, and nothing is written', async () => {
    const director = await server.as('director');
    const before = await server.orm.em.fork().count(SchoolClass);
    const result = await director.execute(`mutation($input: CreateClassInput!) { createClass(input: $input) { id } }`, {
      input: { yearId: world.years.get('Школа № 1')!.id, grade: 5, letter: 'А' },
    });
    expect(errorOf(result)).toEqual({ code: 'BAD_USER_INPUT', message: 'Class 5А already exists in 2026/2027.', reason: 'ALREADY_EXISTS' });
    expect(await server.orm.em.fork().count(SchoolClass)).toBe(before);
  });

  it('refuses a class teacher from another school', async () => {
    const director = await server.as('director');
    const result = await director.execute(`mutation($c: ID!, $t: ID!) { setClassTeacher(classId: $c, teacherId: $t) { id } }`, {
      c: world.class('5Б').id,
      t: world.user('kozlov').id,
    });
    expect(errorOf(result)).toEqual({ code: 'BAD_USER_INPUT', message: 'The class teacher is not on the staff of this school.', reason: 'NOT_ON_STAFF' });
  });

  it('splits a class into an English subgroup taught by a teacher, and refuses a student of another class', async () => {
    const director = await server.as('director');
    const CREATE_GROUP = `mutation($input: CreateStudyGroupInput!) {
      createStudyGroup(input: $input) { name kind subject { name } schoolClass { name } teachers { fullName } students { fullName } }
    }`;
    const input = {
      yearId: world.years.get('Школа № 1')!.id,
      subjectId: world.subject('Английский язык').id,
      kind: 'SUBGROUP',
      classId: world.class('5А').id,
      name: '5А, группа 1',
      studentIds: [world.user('petya').id],
      teacherId: world.user('smirnov').id,
    };

    const { createStudyGroup } = await director.data(CREATE_GROUP, { input });
    expect(createStudyGroup).toEqual({
      name: '5А, группа 1',
      kind: 'SUBGROUP',
      subject: { name: 'Английский язык' },
      schoolClass: { name: '5А' },
      teachers: [{ fullName: 'Смирнов Олег Ильич' }],
      students: [{ fullName: 'Петров Пётр Ильич' }],
    });

    const wrong = await director.execute(CREATE_GROUP, { input: { ...input, name: '5А, группа 2', studentIds: [world.user('katya').id] } });
    expect(errorOf(wrong)).toEqual({ code: 'BAD_USER_INPUT', message: 'A subgroup of 5А can only take students of 5А.', reason: 'STUDENT_NOT_IN_CLASS' });
  });

  it('audits every change with its author', async () => {
    const events = await server.orm.em.fork().find(AuditEvent, { actor: world.user('director') });
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['year.create', 'class.create', 'group.create']));
  });
});

describe('who sees what of the school', () => {
  const CLASS_LIST = `query($id: ID!) { school(id: $id) { currentYear { classes { name students { fullName } } } } }`;

  it('shows a parent the class list with only their own child in it', async () => {
    const parent = await server.as('petrova');
    const { school: s } = await parent.data(CLASS_LIST, { id: world.school('Школа № 1').id });
    const fiveA = s.currentYear.classes.find((c: { name: string }) => c.name === '5А');
    expect(fiveA.students).toEqual([{ fullName: 'Петров Пётр Ильич' }]);
  });

  it('shows staff the whole class', async () => {
    const teacher = await server.as('ivanova');
    const { school: s } = await teacher.data(CLASS_LIST, { id: world.school('Школа № 1').id });
    expect(s.currentYear.classes.find((c: { name: string }) => c.name === '5А').students).toHaveLength(2);
  });

  it('answers null for another school, as if it did not exist', async () => {
    const teacher = await server.as('kozlov');
    expect(await teacher.data(CLASS_LIST, { id: world.school('Школа № 1').id })).toEqual({ school: null });
  });

  it('gives the inspector counts per school of the authority and never a name', async () => {
    const inspector = await server.as('inspector');
    const { authoritySummary } = await inspector.data(`{ authoritySummary { schoolName classCount studentCount teacherCount } }`);
    expect(authoritySummary).toEqual([
      { schoolName: 'Школа № 1', classCount: 3, studentCount: 3, teacherCount: 2 },
      { schoolName: 'Школа № 2', classCount: 1, studentCount: 1, teacherCount: 1 },
    ]);
    const { school: s } = await inspector.data(CLASS_LIST, { id: world.school('Школа № 1').id });
    expect(JSON.stringify(s)).not.toContain('Петров');
  });
});

describe("what is in force is judged on the clock's day (25 November), not on the database's (later)", () => {
  it('counts for the inspector a student whose enrolment begins on 28 November only from then on', async () => {
    const em = server.orm.em.fork();
    const sasha = em.create(User, { login: 'sasha', passwordHash: '-', lastName: 'Сашин', firstName: 'Саша', createdAt: NOW });
    em.create(Enrolment, { school: world.school('Школа № 2'), student: sasha, schoolClass: world.class('5А', 'Школа № 2'), startsOn: '2026-11-28' });
    await em.flush();

    const { authoritySummary } = await (await server.as('inspector')).data(`{ authoritySummary { schoolName studentCount } }`);
    expect(authoritySummary).toContainEqual({ schoolName: 'Школа № 2', studentCount: 1 });
  });

  it("keeps a teacher's group until the last day of their assignment (30 November)", async () => {
    const em = server.orm.em.fork();
    const group = em.create(StudyGroup, {
      school: world.school('Школа № 1'),
      year: world.years.get('Школа № 1')!,
      subject: world.subject('Математика'),
      schoolClass: world.class('5Б'),
      kind: GroupKind.WHOLE_CLASS,
      name: '5Б, до 30 ноября',
      createdAt: NOW,
    });
    em.create(TeachingAssignment, { school: world.school('Школа № 1'), group, teacher: world.user('ivanova'), startsOn: '2026-09-01', endsOn: '2026-11-30' });
    await em.flush();

    const { viewer } = await (await server.as('ivanova')).data(`{ viewer { taughtGroups { name } } }`);
    expect(viewer.taughtGroups).toContainEqual({ name: '5Б, до 30 ноября' });
  });
});
