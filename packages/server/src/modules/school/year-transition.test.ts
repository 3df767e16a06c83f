/**
 * Issue 17: the year transition (перевод учащихся). At the end of 2025/2026 the director plans 2026/2027,
 * reviews the promotion (5А → 6А with its class teacher, 9А → 10А, 11А graduates), decides for the pupils
 * with academic debts, commits the order once, and a promoted pupil's diary shows the new class in September.
 */
import type { EntityName } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { errorOf, type GraphQLClient } from '../../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { AuditEvent } from '../audit/audit.entity.js';
import { FinalMark, FinalMarkKind } from '../journal/journal.entity.js';
import { StudentMovement } from '../people/movement.entity.js';
import { Role } from '../../policy/roles.js';
import { Enrolment } from './enrolment.entity.js';
import { DomainEvent } from '../../realtime/domain-event.entity.js';
import { AcademicYear } from './academic-year.entity.js';
import { SchoolClass } from './school-class.entity.js';
import { StudyGroup, TeachingAssignment } from './study-group.entity.js';
import { YearTransition } from './year-transition.entity.js';

/** The year 2025/2026 ends on 26 May 2026 (its 4th quarter's last day). */
const IN_MAY = new Date('2026-05-20T09:00:00Z');
const IN_JUNE = new Date('2026-06-15T09:00:00Z');
const IN_SEPTEMBER = new Date('2026-09-07T09:00:00Z');
let now = IN_MAY;

let server: TestServer;
let world: SeededWorld;
let director: GraphQLClient;

beforeAll(async () => {
  server = await startTestServer({ clock: () => now });
  world = await server.seed([
    school('Школа № 1')
      .inYear(2025)
      .withSubjects('Математика', 'Русский язык')
      .withStaff('director', 'Тихонов Виктор Павлович', [Role.DIRECTOR])
      .withStaff('sobolev', 'Соболев Андрей Николаевич', [Role.TEACHER])
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withInspector('inspector', 'Проверкина Инна Павловна')
      .withClass('5А', { classTeacher: 'sobolev' })
      .withClass('9А')
      .withClass('11А')
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withStudent('vanya', 'Сидоров Иван Олегович', { inClass: '5А' })
      .withStudent('dima', 'Дмитриев Дмитрий', { inClass: '9А' })
      .withStudent('kolya', 'Колесников Николай', { inClass: '9А' })
      .withStudent('lena', 'Ленина Елена', { inClass: '11А' })
      .withConsent('petya')
      .withGroup('Математика', '5А', { teacher: 'ivanova' })
      .withGroup('Русский язык', '5А', { teacher: 'sobolev' })
      .withGroup('Математика', '9А', { teacher: 'ivanova' })
      .withGroup('Математика', '11А', { teacher: 'ivanova' }),
    // A bigger school for the statement count and the race.
    withPupils(
      school('Школа № 2')
        .inYear(2025)
        .withSubjects('Математика')
        .withStaff('director2', 'Гусева Ольга Петровна', [Role.DIRECTOR])
        .withStaff('deputy2', 'Зуева Наталья Олеговна', [Role.DEPUTY_DIRECTOR])
        .withClass('5А')
        .withClass('6А')
        .withClass('7Б')
        .withGroup('Математика', '5А')
        .withGroup('Математика', '6А')
        .withGroup('Математика', '7Б'),
      12,
    ),
  ]);
  // Annual marks, as the teachers gave them: Ваня has a 2 in mathematics, Коля is not attested (Н/А).
  const em = server.orm.em.fork();
  const annual = (student: string, className: string, value: string) =>
    em.create(FinalMark, {
      school: world.school(),
      student: world.user(student),
      group: world.group('Математика', className),
      subject: world.subject('Математика'),
      kind: FinalMarkKind.ANNUAL,
      period: null,
      value,
      points: /^\d+$/.test(value) ? Number(value) : null,
      enteredBy: world.user('ivanova'),
      enteredAt: IN_MAY,
    });
  annual('petya', '5А', '5');
  annual('vanya', '5А', '2');
  annual('dima', '9А', '4');
  annual('kolya', '9А', 'Н/А');
  annual('lena', '11А', '5');
  await em.flush();
  director = await server.as('director');
}, 120_000);
afterAll(() => server.stop());

/** Twelve pupils spread over the classes of a builder. */
function withPupils(b: ReturnType<typeof school>, n: number) {
  const classes = b.classes.map((c) => c.name);
  for (let i = 0; i < n; i++) b.withStudent(`pupil${i}`, `Ученикова${i} Ученица`, { inClass: classes[i % classes.length] });
  return b;
}

const PREVIEW = `query($input: YearTransitionInput!) {
  yearTransition(input: $input) {
    fromYear { name closed } toYear { name } problems orderNumber orderDate
    classes { fromClassName toClassName toClassExists classTeacherName
      pupils { fullName debts { subjectName value } suggested decision allowed toClassName } }
  }
}`;
const COMMIT = `mutation($input: CommitYearTransitionInput!) {
  commitYearTransition(input: $input) {
    fromYear { name closed } toYear { name } classesCreated groupsCreated promoted promotedConditionally repeating graduated left
  }
}`;
const PLAN_YEAR = `mutation($input: CreateAcademicYearInput!) { createAcademicYear(input: $input) { id name } }`;

const yearId = (schoolName = 'Школа № 1') => world.years.get(schoolName)!.id;
const id = (login: string) => world.user(login).id;
const count = <T extends object>(entity: EntityName<T>) => server.orm.em.fork().count(entity);
const ORDER = { orderNumber: '45-у', orderDate: '2026-05-29' };
const STATEMENTS_OF_COMMIT = 16;

/** The decisions the director gives for the pupils with debts (and Дима, who leaves after the 9th). */
const DECISIONS = [
  { studentId: 'vanya', decision: 'PROMOTE_CONDITIONALLY' },
  { studentId: 'kolya', decision: 'REPEAT' },
  { studentId: 'dima', decision: 'GRADUATE' },
];
const decisions = () => DECISIONS.map((d) => ({ ...d, studentId: id(d.studentId) }));

async function planNextYear(client: GraphQLClient, schoolId: string) {
  return client.data(PLAN_YEAR, {
    input: {
      schoolId,
      name: '2026/2027',
      startsOn: '2026-09-01',
      endsOn: '2027-05-26',
      periodKind: 'HALF_YEAR',
      periods: [
        { startsOn: '2026-09-01', endsOn: '2026-12-28' },
        { startsOn: '2027-01-12', endsOn: '2027-05-26' },
      ],
    },
  });
}

/** Everything a commit writes, counted: a refused one must leave every number as it was. */
async function footprint() {
  return {
    transitions: await count(YearTransition),
    classes: await count(SchoolClass),
    groups: await count(StudyGroup),
    enrolments: await count(Enrolment),
    openEnrolments: await server.orm.em.fork().count(Enrolment, { endsOn: null }),
    movements: await count(StudentMovement),
    audit: await count(AuditEvent),
    events: await count(DomainEvent),
  };
}

describe('the year transition', () => {
  it("is the administration's: a teacher and an inspector are refused, the preview and the commit alike", async () => {
    const teacher = await server.as('ivanova');
    const inspector = await server.as('inspector');
    for (const client of [teacher, inspector]) {
      expect(errorOf(await client.execute(PREVIEW, { input: { yearId: yearId() } })).code).toBe('FORBIDDEN');
      expect(errorOf(await client.execute(COMMIT, { input: { yearId: yearId(), closeYear: false, ...ORDER } })).code).toMatch(/FORBIDDEN|NOT_FOUND/);
    }
    // Another school's director does not even learn the year exists.
    const other = await server.as('director2');
    expect(errorOf(await other.execute(PREVIEW, { input: { yearId: yearId() } })).code).toBe('NOT_FOUND');
    expect(errorOf(await other.execute(COMMIT, { input: { yearId: yearId(), closeYear: false, ...ORDER } })).code).toBe('NOT_FOUND');
    expect((await director.data(`{ viewer { can { promoteStudents } } }`)).viewer.can.promoteStudents).toBe(true);
    expect((await teacher.data(`{ viewer { can { promoteStudents } } }`)).viewer.can.promoteStudents).toBe(false);
  });

  it('in May, before the year ends and with no next year, says why it cannot be made, and a commit writes nothing', async () => {
    now = IN_MAY;
    const { yearTransition } = await director.data(PREVIEW, { input: { yearId: yearId() } });
    expect(yearTransition.problems).toEqual(['YEAR_NOT_ENDED', 'NEXT_YEAR_MISSING', 'DECISION_REQUIRED']);
    const before = await footprint();
    const refused = await director.execute(COMMIT, { input: { yearId: yearId(), closeYear: true, ...ORDER } });
    expect(errorOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NEXT_YEAR_MISSING' });
    expect(await footprint()).toEqual(before);

    await planNextYear(director, world.school().id);
    const planned = await footprint();
    const early = await director.execute(COMMIT, { input: { yearId: yearId(), closeYear: true, ...ORDER, decisions: decisions() } });
    expect(errorOf(early)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'YEAR_NOT_ENDED' });
    expect(await footprint()).toEqual(planned);
  });

  it('in June, previews each class into the next year with its class teacher, and the pupils with debts without a decision', async () => {
    now = IN_JUNE;
    const { yearTransition } = await director.data(PREVIEW, { input: { yearId: yearId() } });
    expect(yearTransition).toMatchObject({
      fromYear: { name: '2025/2026', closed: false },
      toYear: { name: '2026/2027' },
      problems: ['DECISION_REQUIRED'],
      orderNumber: null,
    });
    expect(yearTransition.classes.map((c: any) => [c.fromClassName, c.toClassName, c.classTeacherName])).toEqual([
      ['5А', '6А', 'Соболев Андрей Николаевич'],
      ['9А', '10А', null],
      ['11А', null, null],
    ]);
    const pupils = Object.fromEntries(yearTransition.classes.flatMap((c: any) => c.pupils.map((p: any) => [p.fullName, p])));
    expect(pupils['Петров Пётр Ильич']).toMatchObject({ debts: [], suggested: 'PROMOTE', decision: 'PROMOTE', toClassName: '6А' });
    expect(pupils['Сидоров Иван Олегович']).toMatchObject({
      debts: [{ subjectName: 'Математика', value: '2' }],
      suggested: null,
      decision: null,
      toClassName: null,
    });
    expect(pupils['Колесников Николай']).toMatchObject({ debts: [{ subjectName: 'Математика', value: 'Н/А' }], decision: null });
    expect(pupils['Дмитриев Дмитрий']).toMatchObject({ decision: 'PROMOTE', allowed: ['PROMOTE', 'PROMOTE_CONDITIONALLY', 'REPEAT', 'GRADUATE', 'LEAVE'] });
    expect(pupils['Ленина Елена']).toMatchObject({ decision: 'GRADUATE', allowed: ['GRADUATE', 'REPEAT', 'LEAVE'], toClassName: null });
  });

  it('costs the same few statements for 5 pupils as for 12 (not a statement per pupil or class)', async () => {
    now = IN_JUNE;
    const director2 = await server.as('director2');
    const small = await server.countStatements(() => director.data(PREVIEW, { input: { yearId: yearId() } }));
    const big = await server.countStatements(() => director2.data(PREVIEW, { input: { yearId: yearId('Школа № 2') } }));
    console.log(`year transition preview: 5 pupils in 3 classes → ${small} statements; 12 pupils in 3 classes → ${big}`);
    expect(big).toBe(small);
    // The viewer, the year with the next one, the classes with their pupils, the failing annual marks.
    expect(big).toBe(4);
  });

  it('shows the decisions the director changes, and refuses one the grade does not allow', async () => {
    const { yearTransition } = await director.data(PREVIEW, { input: { yearId: yearId(), decisions: decisions() } });
    expect(yearTransition.problems).toEqual([]);
    const pupils = Object.fromEntries(yearTransition.classes.flatMap((c: any) => c.pupils.map((p: any) => [p.fullName, [p.decision, p.toClassName]])));
    expect(pupils).toEqual({
      'Петров Пётр Ильич': ['PROMOTE', '6А'],
      'Сидоров Иван Олегович': ['PROMOTE_CONDITIONALLY', '6А'],
      'Дмитриев Дмитрий': ['GRADUATE', null],
      'Колесников Николай': ['REPEAT', '9А'],
      'Ленина Елена': ['GRADUATE', null],
    });
    const wrong = await director.execute(PREVIEW, { input: { yearId: yearId(), decisions: [{ studentId: id('lena'), decision: 'PROMOTE' }] } });
    expect(errorOf(wrong)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DECISION_NOT_FOR_GRADE' });
    const stranger = await director.execute(PREVIEW, { input: { yearId: yearId(), decisions: [{ studentId: id('pupil1'), decision: 'PROMOTE' }] } });
    expect(errorOf(stranger)).toMatchObject({ reason: 'STUDENT_NOT_IN_YEAR' });
  });

  it('refuses to commit while a pupil with debts has no decision, writing nothing', async () => {
    const before = await footprint();
    const refused = await director.execute(COMMIT, { input: { yearId: yearId(), closeYear: true, ...ORDER, decisions: [decisions()[0]] } });
    expect(errorOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DECISION_REQUIRED' });
    expect(await footprint()).toEqual(before);
  });

  it("commits the order: the next year's classes and groups, enrolments from 1 September, a movement per pupil, the year closed", async () => {
    const before = await footprint();
    let commitYearTransition: Record<string, unknown> = {};
    const statements = await server.countStatements(async () => {
      ({ commitYearTransition } = await director.data(COMMIT, { input: { yearId: yearId(), closeYear: true, ...ORDER, decisions: decisions() } }));
    });
    // A fixed number for the school, not per pupil: the viewer, begin, the rule's read, the year, the claim, the pupils
    // and the debts, the classes, the class teacher's grant, the groups, two enrolment updates, the movements, the
    // year's closing, the order's audit rows, commit.
    console.log(`year transition commit: 5 pupils in 3 classes → ${statements} statements`);
    expect(statements).toBe(STATEMENTS_OF_COMMIT);
    expect(commitYearTransition).toEqual({
      fromYear: { name: '2025/2026', closed: true },
      toYear: { name: '2026/2027' },
      // 6А and 10А move up; 9А is made for Коля, who repeats it.
      classesCreated: 3,
      // 6А: mathematics and Russian (as 5А learnt them), 10А and 9А: mathematics.
      groupsCreated: 4,
      promoted: 1,
      promotedConditionally: 1,
      repeating: 1,
      graduated: 2,
      left: 0,
    });

    const em = server.orm.em.fork();
    const next = await em.findOneOrFail(AcademicYear, { school: world.school(), name: '2026/2027' });
    const classes = await em.find(SchoolClass, { year: next }, { populate: ['classTeacher'], orderBy: { grade: 'asc' } });
    expect(classes.map((c) => [c.name, c.classTeacher?.lastName ?? null])).toEqual([
      ['6А', 'Соболев'],
      ['9А', null],
      ['10А', null],
    ]);
    const groups = await em.find(StudyGroup, { year: next }, { populate: ['subject'], orderBy: { name: 'asc', subject: { name: 'asc' } } });
    expect(groups.map((g) => `${g.name} ${g.subject.name} ${g.kind}`)).toEqual([
      '10А Математика WHOLE_CLASS',
      '6А Математика WHOLE_CLASS',
      '6А Русский язык WHOLE_CLASS',
      '9А Математика WHOLE_CLASS',
    ]);
    // The teachers stay with their classes.
    const teachers = await em.find(TeachingAssignment, { group: { year: next } }, { populate: ['group', 'teacher'] });
    expect(teachers.map((t) => `${t.group.name} ${t.teacher.lastName} ${t.startsOn}`).sort()).toEqual([
      '10А Иванова 2026-09-01',
      '6А Иванова 2026-09-01',
      '6А Соболев 2026-09-01',
      '9А Иванова 2026-09-01',
    ]);

    const enrolments = await em.find(
      Enrolment,
      { student: { $in: ['petya', 'vanya', 'dima', 'kolya', 'lena'].map(id) } },
      { populate: ['schoolClass', 'student'] },
    );
    const of = (login: string) =>
      enrolments
        .filter((e) => e.student.id === id(login))
        .map((e) => `${e.schoolClass.name} ${e.startsOn}…${e.endsOn ?? ''}`)
        .sort();
    expect(of('petya')).toEqual(['5А 2025-09-01…2026-08-31', '6А 2026-09-01…']);
    expect(of('vanya')).toEqual(['5А 2025-09-01…2026-08-31', '6А 2026-09-01…']);
    expect(of('kolya')).toEqual(['9А 2025-09-01…2026-08-31', '9А 2026-09-01…']);
    expect(of('dima')).toEqual(['9А 2025-09-01…2026-08-31']);
    expect(of('lena')).toEqual(['11А 2025-09-01…2026-08-31']);

    const movements = await em.find(StudentMovement, { school: world.school() }, { populate: ['student', 'fromClass', 'toClass'] });
    expect(
      movements
        .map((m) => `${m.student.lastName} ${m.kind} ${m.fromClass?.name}→${m.toClass?.name ?? '-'} ${m.effectiveOn} №${m.orderNumber} ${m.orderDate}`)
        .sort(),
    ).toEqual([
      'Дмитриев GRADUATION 9А→- 2026-08-31 №45-у 2026-05-29',
      'Колесников REPETITION 9А→9А 2026-09-01 №45-у 2026-05-29',
      'Ленина GRADUATION 11А→- 2026-08-31 №45-у 2026-05-29',
      'Петров PROMOTION 5А→6А 2026-09-01 №45-у 2026-05-29',
      'Сидоров CONDITIONAL_PROMOTION 5А→6А 2026-09-01 №45-у 2026-05-29',
    ]);
    const after = await footprint();
    // A movement audit row per pupil, the order's own row and the year's closing; an outbox event per pupil.
    expect({ audit: after.audit - before.audit, events: after.events - before.events }).toEqual({ audit: 5 + 2, events: 5 });
    const actions = (await em.find(AuditEvent, { school: world.school() }, { orderBy: { id: 'desc' }, limit: 7 })).map((a) => a.action).sort();
    expect(actions).toEqual(['movement.record', 'movement.record', 'movement.record', 'movement.record', 'movement.record', 'year.close', 'year.transition']);

    const { yearTransition } = await director.data(PREVIEW, { input: { yearId: yearId() } });
    expect(yearTransition).toMatchObject({ problems: ['ALREADY_PROMOTED'], ...ORDER });
  });

  it("opens the promoted pupil's diary in September in the new class", async () => {
    now = IN_SEPTEMBER;
    const petrova = await server.as('petrova');
    const { diary } = await petrova.data(`query($s: ID!) { diary(studentId: $s, weekOf: "2026-09-07") { student { schoolClass { name } } } }`, {
      s: id('petya'),
    });
    expect(diary.student.schoolClass.name).toBe('6А');
    now = IN_JUNE;
  });

  it('runs once: a second commit is refused by the database and writes nothing', async () => {
    const before = await footprint();
    const again = await director.execute(COMMIT, { input: { yearId: yearId(), closeYear: false, ...ORDER } });
    expect(errorOf(again)).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_PROMOTED' });
    expect(await footprint()).toEqual(before);
  });

  it('two commits at the same moment: one promotes, the other is refused', async () => {
    now = IN_JUNE;
    const [director2, deputy2] = await Promise.all([server.as('director2'), server.as('deputy2')]);
    await planNextYear(director2, world.school('Школа № 2').id);
    const before = await footprint();
    const input = { yearId: yearId('Школа № 2'), closeYear: false, ...ORDER };
    const results = await Promise.all([director2.execute(COMMIT, { input }), deputy2.execute(COMMIT, { input })]);
    const winners = results.filter((r) => !r.errors?.length);
    expect(winners).toHaveLength(1);
    expect(winners[0].data!.commitYearTransition).toMatchObject({ classesCreated: 3, promoted: 12 });
    expect(errorOf(results.find((r) => r.errors?.length)!)).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_PROMOTED' });
    const after = await footprint();
    expect(after.movements - before.movements).toBe(12);
    expect(after.transitions - before.transitions).toBe(1);
    expect(after.openEnrolments).toBe(before.openEnrolments);
  });
});
