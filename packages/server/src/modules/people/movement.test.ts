import type { EntityName } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { errorOf } from '../../testing/graphql-client.js';
import { AuditEvent } from '../audit/audit.entity.js';
import { AcademicYear } from '../school/academic-year.entity.js';
import { SchoolClass } from '../school/school-class.entity.js';
import { School } from '../school/school.entity.js';
import { GroupKind, GroupMember } from '../school/study-group.entity.js';
import { StudentMovement } from './movement.entity.js';
import { Role } from '../../policy/roles.js';
import { Enrolment } from '../school/enrolment.entity.js';

/** A finished school year (2025/2026): every date below is in the past, whenever the tests run. */
const Y = 2025;
let server: TestServer;
let world: SeededWorld;
let closedYearClassId: string;
let nextYearClassId: string;

beforeAll(async () => {
  server = await startTestServer();
  world = await server.seed([
    school('Школа № 1')
      .inYear(Y)
      .withSubjects('Английский язык')
      .withStaff('secretary', 'Зуева Наталья Олеговна', [Role.SECRETARY])
      .withStaff('director', 'Тихонов Виктор Павлович', [Role.DIRECTOR])
      .withStaff('teacher', 'Ковалёва Елена Викторовна', [Role.TEACHER])
      .withStaff('sobolev', 'Соболев Андрей Николаевич', [Role.TEACHER])
      .withStaff('orlova', 'Орлова Вера Павловна', [Role.TEACHER])
      .withClass('5А', { classTeacher: 'sobolev' })
      .withClass('5Б', { classTeacher: 'orlova' })
      .withClass('9А')
      .withClass('11А')
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withStudent('vanya', 'Сидоров Иван Олегович', { inClass: '5А' })
      .withStudent('dima', 'Дмитриев Дмитрий', { inClass: '9А' })
      .withStudent('kolya', 'Колесников Николай', { inClass: '9А' })
      .withStudent('lena', 'Ленина Елена', { inClass: '11А' })
      .withGroup('Английский язык', '5А', { kind: GroupKind.SUBGROUP, name: '5А, гр. 1', students: ['petya'] })
      .withGroup('Английский язык', undefined, { kind: GroupKind.ELECTIVE, name: 'Разговорный клуб', students: ['petya'] }),
    school('Школа № 2')
      .inYear(Y)
      .withStaff('secretary2', 'Гусева Ольга Петровна', [Role.SECRETARY])
      .withClass('5А')
      .withStudent('misha', 'Мишин Михаил', { inClass: '5А' }),
  ]);
  // A closed year before, and the next year already planned.
  const em = server.orm.em.fork();
  const s = em.getReference(School, world.school('Школа № 1').id);
  const closed = em.create(AcademicYear, { school: s, name: `${Y - 1}/${Y}`, startsOn: `${Y - 1}-09-01`, endsOn: `${Y}-05-26`, closedAt: new Date() });
  const next = em.create(AcademicYear, { school: s, name: `${Y + 1}/${Y + 2}`, startsOn: `${Y + 1}-09-01`, endsOn: `${Y + 2}-05-26` });
  closedYearClassId = em.create(SchoolClass, { school: s, year: closed, grade: 4, letter: 'А' }).id;
  nextYearClassId = em.create(SchoolClass, { school: s, year: next, grade: 6, letter: 'А' }).id;
  await em.flush();
});
afterAll(() => server.stop());

const RECORD = `mutation($input: RecordMovementInput!) {
  recordMovement(input: $input) {
    kind effectiveOn orderNumber orderDate otherSchool recordedByName
    student { fullName schoolClass { name } }
    fromClass { name } toClass { name }
  }
}`;
const ENROLMENTS = `query($id: ID!) { studentProfile(studentId: $id) { student { enrolments { startsOn endsOn schoolClass { name } } } } }`;

const schoolId = () => world.school('Школа № 1').id;
const classId = (name: string) => world.class(name).id;
const studentId = (login: string) => world.user(login).id;
const order = (n: string, date: string) => ({ orderNumber: n, orderDate: date });
const count = <T extends object>(entity: EntityName<T>) => server.orm.em.fork().count(entity);

async function enrolmentsOf(login: string) {
  const director = await server.as('director');
  const { studentProfile } = await director.data(ENROLMENTS, { id: studentId(login) });
  return studentProfile.student.enrolments;
}

async function newStudent(lastName: string, firstName: string) {
  const secretary = await server.as('secretary');
  const { createPerson } = await secretary.data(`mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id login } } }`, {
    input: { schoolId: schoolId(), roles: ['STUDENT'], lastName, firstName, birthDate: '2014-03-02' },
  });
  return createPerson.person.id as string;
}

describe('movements by order (R-O7)', () => {
  it('enrols a new student into a class: the order is kept and the student is in the class from that day', async () => {
    const id = await newStudent('Новикова', 'Анна');
    const secretary = await server.as('secretary');

    const { recordMovement } = await secretary.data(RECORD, {
      input: { schoolId: schoolId(), studentId: id, kind: 'ENROLMENT', effectiveOn: `${Y}-09-15`, toClassId: classId('5Б'), ...order('12-у', `${Y}-09-12`) },
    });

    expect(recordMovement).toEqual({
      kind: 'ENROLMENT',
      effectiveOn: `${Y}-09-15`,
      orderNumber: '12-у',
      orderDate: `${Y}-09-12`,
      otherSchool: null,
      recordedByName: 'Зуева Наталья Олеговна',
      student: { fullName: 'Новикова Анна', schoolClass: { name: '5Б' } },
      fromClass: null,
      toClass: { name: '5Б' },
    });
  });

  it("transfers a student between classes: the old enrolment ends the day before, history is kept, the old class's groups end", async () => {
    const secretary = await server.as('secretary');

    const { recordMovement } = await secretary.data(RECORD, {
      input: {
        schoolId: schoolId(),
        studentId: studentId('petya'),
        kind: 'TRANSFER',
        effectiveOn: `${Y}-11-10`,
        toClassId: classId('5Б'),
        ...order('40-у', `${Y}-11-07`),
      },
    });

    expect(recordMovement).toMatchObject({ kind: 'TRANSFER', fromClass: { name: '5А' }, toClass: { name: '5Б' }, student: { schoolClass: { name: '5Б' } } });
    // The student's past stays with 5А: the enrolment there is kept, closed on the day before.
    expect(await enrolmentsOf('petya')).toEqual([
      { startsOn: `${Y}-11-10`, endsOn: null, schoolClass: { name: '5Б' } },
      { startsOn: `${Y}-09-01`, endsOn: `${Y}-11-09`, schoolClass: { name: '5А' } },
    ]);
    const memberships = await server.orm.em.fork().find(GroupMember, { student: studentId('petya') }, { populate: ['group'] });
    expect(Object.fromEntries(memberships.map((m) => [m.group.name, m.endsOn ?? null]))).toEqual({
      '5А, гр. 1': `${Y}-11-09`, // a subgroup of the old class ends with it
      'Разговорный клуб': null, // an elective open to every class goes on
    });
  });

  it('transfers a student at the end of the year into a class of the next year', async () => {
    const secretary = await server.as('secretary');
    await secretary.data(RECORD, {
      input: {
        schoolId: schoolId(),
        studentId: studentId('vanya'),
        kind: 'TRANSFER',
        effectiveOn: `${Y + 1}-09-01`,
        toClassId: nextYearClassId,
        ...order('71-у', `${Y}-05-29`),
      },
    });
    expect(await enrolmentsOf('vanya')).toEqual([
      { startsOn: `${Y + 1}-09-01`, endsOn: null, schoolClass: { name: '6А' } },
      { startsOn: `${Y}-09-01`, endsOn: `${Y + 1}-08-31`, schoolClass: { name: '5А' } },
    ]);
  });

  it('records an arrival from another school, naming that school', async () => {
    const id = await newStudent('Зайцев', 'Егор');
    const secretary = await server.as('secretary');
    const { recordMovement } = await secretary.data(RECORD, {
      input: {
        schoolId: schoolId(),
        studentId: id,
        kind: 'ARRIVAL',
        effectiveOn: `${Y}-10-01`,
        toClassId: classId('9А'),
        otherSchool: 'МБОУ СОШ № 3 г. Твери',
        ...order('33-у', `${Y}-09-30`),
      },
    });
    expect(recordMovement).toMatchObject({ kind: 'ARRIVAL', otherSchool: 'МБОУ СОШ № 3 г. Твери', toClass: { name: '9А' }, fromClass: null });
  });

  it.each([
    ['DEPARTURE', 'dima', `${Y}-12-20`, 'Гимназия № 1 г. Казани'],
    ['EXPULSION', 'kolya', `${Y + 1}-03-02`, null],
    ['GRADUATION', 'lena', `${Y + 1}-06-25`, null],
  ])('records a %s: the enrolment closes on that day and the student is in no class any more', async (kind, login, effectiveOn, otherSchool) => {
    const secretary = await server.as('secretary');
    const { recordMovement } = await secretary.data(RECORD, {
      input: { schoolId: schoolId(), studentId: studentId(login), kind, effectiveOn, otherSchool, ...order(`${kind.length}-у`, effectiveOn) },
    });
    expect(recordMovement).toMatchObject({ kind, effectiveOn, toClass: null, student: { schoolClass: null } });
    expect((await enrolmentsOf(login))[0].endsOn).toBe(effectiveOn);
  });

  it('writes each movement to the audit log with its order', async () => {
    const events = await server.orm.em.fork().find(AuditEvent, { action: 'movement.record' });
    expect(events.length).toBeGreaterThanOrEqual(7);
    expect(events.find((e) => e.data?.kind === 'TRANSFER' && e.data?.orderNumber === '40-у')?.data).toMatchObject({ fromClass: '5А', toClass: '5Б' });
  });
});

describe('refused movements: BAD_USER_INPUT naming the problem, nothing written', () => {
  let newcomer: string;
  beforeAll(async () => {
    newcomer = await newStudent('Гусев', 'Тимофей');
  });

  const cases: [string, () => Record<string, unknown>, string, string?][] = [
    [
      'a student who is not in this school',
      () => ({ studentId: studentId('misha'), kind: 'TRANSFER', effectiveOn: `${Y}-10-01`, toClassId: classId('5Б') }),
      'The student is not enrolled in this school.',
    ],
    [
      'a transfer into the class the student is in',
      () => ({ studentId: studentId('petya'), kind: 'TRANSFER', effectiveOn: `${Y}-12-01`, toClassId: classId('5Б') }),
      'The student is already in 5Б.',
    ],
    [
      'a transfer into a class of another school',
      () => ({ studentId: studentId('petya'), kind: 'TRANSFER', effectiveOn: `${Y}-12-01`, toClassId: world.class('5А', 'Школа № 2').id }),
      'The class belongs to another school.',
    ],
    [
      'a transfer into a class of a closed year',
      () => ({ studentId: studentId('petya'), kind: 'TRANSFER', effectiveOn: `${Y}-12-01`, toClassId: closedYearClassId }),
      `The academic year ${Y - 1}/${Y} is closed: no one can join its classes.`,
    ],
    [
      'leaving twice',
      () => ({ studentId: studentId('dima'), kind: 'EXPULSION', effectiveOn: `${Y}-12-25` }),
      `The student has already left the school (DEPARTURE on ${Y}-12-20).`,
    ],
    [
      'an effective date outside the academic year',
      () => ({ studentId: studentId('petya'), kind: 'TRANSFER', effectiveOn: `${Y + 1}-06-10`, toClassId: classId('5А') }),
      `The effective date ${Y + 1}-06-10 is outside the academic year ${Y}/${Y + 1} (${Y}-09-01 – ${Y + 1}-05-26).`,
    ],
    [
      'a departure before the student joined the class',
      () => ({ studentId: studentId('petya'), kind: 'DEPARTURE', effectiveOn: `${Y}-10-01` }),
      `The effective date ${Y}-10-01 is outside the academic year ${Y}/${Y + 1} of 5Б (${Y}-11-10 – ${Y + 1}-08-31).`,
    ],
    [
      'an arrival that does not name the other school',
      () => ({ studentId: newcomer, kind: 'ARRIVAL', effectiveOn: `${Y}-12-01`, toClassId: classId('9А') }),
      'Name the school the student arrives from (otherSchool).',
    ],
    [
      'an enrolment of a student who is in a class already',
      () => ({ studentId: studentId('petya'), kind: 'ENROLMENT', effectiveOn: `${Y}-12-01`, toClassId: classId('5А') }),
      'The student is already in 5Б: record a transfer instead.',
    ],
    [
      'a transfer without the class',
      () => ({ studentId: studentId('petya'), kind: 'TRANSFER', effectiveOn: `${Y}-12-01` }),
      'Name the class of a transfer (toClassId).',
    ],
  ];

  it.each(cases)('refuses %s', async (_what, input, message) => {
    const secretary = await server.as('secretary');
    const before = [await count(StudentMovement), await count(Enrolment), await count(AuditEvent)];

    const result = await secretary.execute(RECORD, { input: { schoolId: schoolId(), ...order('99-у', `${Y}-12-01`), ...input() } });

    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', message });
    expect([await count(StudentMovement), await count(Enrolment), await count(AuditEvent)]).toEqual(before);
  });
});

describe('who records and reads movements', () => {
  const transfer = () => ({
    input: {
      schoolId: schoolId(),
      studentId: studentId('petya'),
      kind: 'TRANSFER',
      effectiveOn: `${Y}-12-01`,
      toClassId: classId('5А'),
      ...order('1', `${Y}-12-01`),
    },
  });

  it('refuses a teacher (FORBIDDEN)', async () => {
    const teacher = await server.as('teacher');
    expect(errorOf(await teacher.execute(RECORD, transfer())).code).toBe('FORBIDDEN');
  });

  it("refuses another school's secretary, for a school they may not know (NOT_FOUND), and writes nothing", async () => {
    const before = await count(StudentMovement);
    const secretary2 = await server.as('secretary2');
    expect(errorOf(await secretary2.execute(RECORD, transfer()))).toMatchObject({
      code: 'NOT_FOUND',
      message: 'No such school.',
    });
    expect(await count(StudentMovement)).toBe(before);
  });

  const MOVEMENTS = `query($schoolId: ID!, $studentId: ID) { movements(schoolId: $schoolId, studentId: $studentId) { kind student { fullName } } }`;

  it('lists the movements of the school for the secretary, latest first, and of one student', async () => {
    const secretary = await server.as('secretary');
    const { movements } = await secretary.data(MOVEMENTS, { schoolId: schoolId() });
    expect(movements.length).toBeGreaterThanOrEqual(7);
    const { movements: petyas } = await secretary.data(MOVEMENTS, { schoolId: schoolId(), studentId: studentId('petya') });
    expect(petyas).toEqual([{ kind: 'TRANSFER', student: { fullName: 'Петров Пётр Ильич' } }]);
  });

  it('shows a class teacher only the movements into or out of their class', async () => {
    const classTeacher = await server.as('orlova'); // 5Б
    const { movements } = await classTeacher.data(MOVEMENTS, { schoolId: schoolId() });
    expect(movements.map((m: { student: { fullName: string } }) => m.student.fullName).sort()).toEqual(['Новикова Анна', 'Петров Пётр Ильич']);
  });

  it('refuses the list to a teacher', async () => {
    const teacher = await server.as('teacher');
    expect(errorOf(await teacher.execute(MOVEMENTS, { schoolId: schoolId() })).code).toBe('FORBIDDEN');
  });
});
