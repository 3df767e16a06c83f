/**
 * `viewer.can` tells the web app what to offer: for every role, each ability must say exactly what
 * the server then does when that role tries the action through the API (allowed: the answer is
 * anything but FORBIDDEN, NOT_FOUND or UNAUTHENTICATED, e.g. data or a domain refusal such as
 * CONFLICT; refused: one of those three).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../db/seeders/school-builder.js';
import { Role } from './roles.js';
import { Lesson } from '../modules/timetable/timetable.entity.js';
import type { Abilities } from './abilities.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';

/** Wednesday 23 December 2026: the second quarter. */
const NOW = new Date('2026-12-23T09:00:00Z');
const TODAY = '2026-12-23';
const ROLES = ['director', 'deputy', 'secretary', 'hr', 'teacher', 'class_teacher', 'parent', 'student', 'inspector'] as const;

let server: TestServer;
let world: SeededWorld;
/** A mark of the school (not flagged): reviewing it is a domain refusal for whoever may review. */
let markId: string;

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    [
      school('Школа № 1')
        .inYear(2026)
        .withSubjects('Математика')
        .withStaff('director', 'Директорова Дина Олеговна', [Role.DIRECTOR])
        .withStaff('deputy', 'Завучева Зоя Олеговна', [Role.DEPUTY_DIRECTOR])
        .withStaff('secretary', 'Зуева Наталья Олеговна', [Role.SECRETARY])
        .withStaff('hr', 'Кадрова Клара Олеговна', [Role.HR])
        .withStaff('teacher', 'Иванова Анна Петровна', [Role.TEACHER])
        .withStaff('class_teacher', 'Смирнов Олег Ильич', [Role.TEACHER])
        .withInspector('inspector', 'Проверкина Инна Павловна')
        .withClass('9А', { classTeacher: 'class_teacher' })
        .withParent('parent', 'Петрова Мария Ивановна')
        .withStudent('student', 'Петров Пётр Ильич', { inClass: '9А', parents: ['parent'] })
        .withConsent('student')
        .withGroup('Математика', '9А', { teacher: 'teacher', slots: [[1, 1]] }),
    ],
    { lessons: true },
  );
  const lesson = await server.orm.em
    .fork()
    .findOneOrFail(Lesson, { group: world.group('Математика', '9А'), date: { $lte: TODAY } }, { orderBy: { date: 'desc' } });
  const { putMark } = await (
    await server.as('teacher')
  ).data<{ putMark: { id: string } }>(`mutation($input: PutMarkInput!) { putMark(input: $input) { id } }`, {
    input: { lessonId: lesson.id, studentId: world.user('student').id, value: '5', workTypeId: world.workType('У').id, reason: 'ответ у доски' },
  });
  markId = putMark.id;
}, 120_000);
afterAll(() => server?.stop());

const ABILITIES = `query { viewer { can {
  listPeople addPeople planYear editClasses editCurriculum editTimetable approveSubstitutions
  keepStudentRecords readAuditLog readFillRate readClassReports readAuthorityStatistics editSchoolSettings
  controlJournals reviewFlaggedMarks keepExamRegister promoteStudents } } }`;

/** The action behind each ability, as the web app's screen would try it; each is harmless or refused by a domain rule when allowed. */
function attempts(): Record<keyof Abilities, [string, Record<string, unknown>]> {
  const schoolId = world.school('Школа № 1').id;
  const schoolClass = world.class('9А');
  const yearId = schoolClass.year.id;
  const period = world.periodsOf().find((p) => p.startsOn <= TODAY && TODAY <= p.endsOn)!;
  const csv = Buffer.from('role;lastName;firstName\n').toString('base64');
  return {
    listPeople: ['query($s: ID!) { people(schoolId: $s) { id } }', { s: schoolId }],
    addPeople: [
      'mutation($s: ID!, $c: String!) { importPeople(input: { schoolId: $s, format: CSV, mode: ALL_OR_NOTHING, contentBase64: $c }) { committed } }',
      { s: schoolId, c: csv },
    ],
    // A year that overlaps the open one: a domain refusal for whoever may plan years.
    planYear: [
      'mutation($s: ID!) { createAcademicYear(input: { schoolId: $s, name: "2026/2027", startsOn: "2026-09-01", endsOn: "2027-05-31", periodKind: HALF_YEAR, periods: [{ startsOn: "2026-09-01", endsOn: "2026-12-31" }, { startsOn: "2027-01-09", endsOn: "2027-05-31" }] }) { id } }',
      { s: schoolId },
    ],
    editClasses: ['mutation($y: ID!) { createClass(input: { yearId: $y, grade: 9, letter: "А" }) { id } }', { y: yearId }],
    editCurriculum: [
      'mutation($y: ID!, $subj: ID!) { setCurriculumHours(input: { yearId: $y, subjectId: $subj, grade: 9, hoursPerWeek: 5 }) { id } }',
      { y: yearId, subj: world.subject('Математика').id },
    ],
    editTimetable: ['mutation($p: ID!) { generateLessons(periodId: $p) }', { p: period.id }],
    approveSubstitutions: ['query($s: ID!) { substitutionRequests(schoolId: $s) { id } }', { s: schoolId }],
    // Enrolling a student already enrolled: a domain refusal for whoever keeps movements.
    keepStudentRecords: [
      'mutation($s: ID!, $st: ID!, $c: ID!) { recordMovement(input: { schoolId: $s, studentId: $st, toClassId: $c, kind: ENROLMENT, effectiveOn: "2026-12-23", orderDate: "2026-12-23", orderNumber: "1" }) { id } }',
      { s: schoolId, st: world.user('student').id, c: schoolClass.id },
    ],
    readAuditLog: ['query($s: ID!) { auditLog(schoolId: $s, first: 1) { edges { cursor } } }', { s: schoolId }],
    readFillRate: ['query($s: ID!, $p: ID!) { fillRate(schoolId: $s, periodId: $p) { rows { lessonsHeld } } }', { s: schoolId, p: period.id }],
    readClassReports: ['query($c: ID!, $p: ID!) { classSummary(classId: $c, periodId: $p) { rows { number } } }', { c: schoolClass.id, p: period.id }],
    readAuthorityStatistics: ['query { authorityStatistics(periodNumber: 2) { schools { id } } }', {}],
    // The default window again: allowed, it changes nothing.
    editSchoolSettings: ['mutation($s: ID!) { updateSchoolSettings(input: { schoolId: $s, homeworkMinutesAfterDay: 120 }) { schoolId } }', { s: schoolId }],
    controlJournals: ['query($p: ID!) { lateEntries(periodId: $p) { id } }', { p: period.id }],
    // The mark is not flagged: MARK_NOT_FLAGGED for whoever may review.
    reviewFlaggedMarks: ['mutation($m: ID!) { reviewFlaggedMark(markId: $m, version: 1, confirm: true, reason: "проверено") { id } }', { m: markId }],
    // ОГЭ in maths: the first keeper registers it, the next is refused by a domain rule (already chosen).
    keepExamRegister: [
      'mutation($st: ID!, $subj: ID!) { chooseExam(studentId: $st, subjectId: $subj, kind: OGE) { id } }',
      { st: world.user('student').id, subj: world.subject('Математика').id },
    ],
    // The year is under way and has no next one: a domain refusal for whoever may promote.
    promoteStudents: [
      'mutation($y: ID!) { commitYearTransition(input: { yearId: $y, orderNumber: "1", orderDate: "2026-12-23", closeYear: false }) { promoted } }',
      { y: yearId },
    ],
  };
}

const REFUSED = new Set(['FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED']);

describe('viewer.can', () => {
  it.each(ROLES)('for %s, says of every screen exactly what the server then allows', async (login) => {
    const client = await server.as(login);
    const { viewer } = await client.data<{ viewer: { can: Abilities } }>(ABILITIES);
    const done: Record<string, boolean> = {};
    for (const [ability, [document, variables]] of Object.entries(attempts())) {
      const result = await client.execute(document, variables);
      const code = result.errors?.[0]?.extensions?.code;
      if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'INTERNAL_SERVER_ERROR' || code === 'INTERNAL')
        throw new Error(`${ability}: ${JSON.stringify(result.errors)}`);
      done[ability] = !REFUSED.has(String(code));
    }
    expect(viewer.can).toEqual(done);
  });

  it('offers the administration its screens, and a teacher none of them', async () => {
    const director = (await (await server.as('director')).data<{ viewer: { can: Abilities } }>(ABILITIES)).viewer.can;
    const teacher = (await (await server.as('teacher')).data<{ viewer: { can: Abilities } }>(ABILITIES)).viewer.can;
    expect(
      Object.entries(director)
        .filter(([, v]) => !v)
        .map(([k]) => k),
    ).toEqual(['readAuthorityStatistics']);
    expect(Object.values(teacher).every((v) => !v)).toBe(true);
  });
});
