import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeededWorld } from '../../db/seeders/school-builder.js';
import type { GraphQLClient } from '../../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { NOW, seedReportsFixture } from './reports.fixture.js';

let server: TestServer;
let world: SeededWorld;
let classTeacher: GraphQLClient;
let director: GraphQLClient;

const codeOf = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;
const q2 = () => world.periodsOf()[1].id;
const class5A = () => world.class('5А').id;

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await seedReportsFixture(server);
  classTeacher = await server.as('smirnov');
  director = await server.as('director');
});
afterAll(() => server.stop());

const SUMMARY = `query($c: ID!, $p: ID!) { classSummary(classId: $c, periodId: $p) {
  schoolClass { name } period { name }
  subjects { subject { name } stats { fives fours threes failing notAttested exempt attested quality success } }
  rows { number student { fullName } cells { periodMark average markCount } attendance { missed ill excused unexcused late } }
} }`;

describe('the summary sheet of a class (R-R1)', () => {
  it('gives the class teacher period marks, weighted averages and absences by reason, as worked out by hand', async () => {
    const { classSummary } = await classTeacher.data(SUMMARY, { c: class5A(), p: q2() });

    expect(classSummary.schoolClass).toEqual({ name: '5А' });
    expect(classSummary.period).toEqual({ name: '2 четверть' });
    expect(classSummary.subjects).toEqual([
      // 4, 3, Н/А: one of three is a 4 or 5; two of three are neither 2 nor Н/А.
      {
        subject: { name: 'Математика' },
        stats: { fives: 0, fours: 1, threes: 1, failing: 0, notAttested: 1, exempt: 0, attested: 3, quality: '33.33', success: '66.67' },
      },
      // 5, 3, ОСВ: the exempt mark counts in neither percentage.
      {
        subject: { name: 'Русский язык' },
        stats: { fives: 1, fours: 0, threes: 1, failing: 0, notAttested: 0, exempt: 1, attested: 2, quality: '50.00', success: '100.00' },
      },
    ]);
    expect(classSummary.rows).toEqual([
      {
        number: 1,
        student: { fullName: 'Алексеев Артём Денисович' },
        // (5×1 + 4×3) / 4 = 4.25; (5×2 + 5×1) / 3 = 5.00
        cells: [
          { periodMark: '4', average: '4.25', markCount: 2 },
          { periodMark: '5', average: '5.00', markCount: 2 },
        ],
        attendance: { missed: 1, ill: 0, excused: 1, unexcused: 0, late: 0 },
      },
      {
        number: 2,
        student: { fullName: 'Борисова Вера Андреевна' },
        // (2×1 + 4×2) / 3 = 3.33
        cells: [
          { periodMark: '3', average: '3.00', markCount: 1 },
          { periodMark: '3', average: '3.33', markCount: 2 },
        ],
        attendance: { missed: 0, ill: 0, excused: 0, unexcused: 0, late: 1 },
      },
      {
        number: 3,
        student: { fullName: 'Васильев Глеб Романович' },
        cells: [
          { periodMark: 'Н/А', average: null, markCount: 0 },
          { periodMark: 'ОСВ', average: '4.00', markCount: 1 },
        ],
        attendance: { missed: 3, ill: 2, excused: 0, unexcused: 1, late: 0 },
      },
    ]);
  });

  it('is the same for the administration, and refused to a subject teacher, a parent and another school', async () => {
    expect((await director.data(SUMMARY, { c: class5A(), p: q2() })).classSummary.rows).toHaveLength(3);
    const teacher = await server.as('ivanova');
    expect(codeOf(await teacher.execute(SUMMARY, { c: class5A(), p: q2() }))).toBe('FORBIDDEN');
    const parent = await server.as('alekseeva');
    expect(codeOf(await parent.execute(SUMMARY, { c: class5A(), p: q2() }))).toBe('FORBIDDEN');
    const otherSchool = await server.as('kuznetsova');
    expect(codeOf(await otherSchool.execute(SUMMARY, { c: class5A(), p: q2() }))).toBe('FORBIDDEN');
    expect(codeOf(await classTeacher.execute(SUMMARY, { c: class5A(), p: world.periodsOf('Школа № 2')[1].id }))).toBe('BAD_USER_INPUT');
  });
});

describe('exports of the summary sheet', () => {
  const download = (path: string, token: string | null) =>
    fetch(`${server.url}/exports/${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('prints an A4 landscape PDF with the class, the Cyrillic names and the lines to sign', async () => {
    const res = await download(`class-summary/${class5A()}/${q2()}.pdf`, classTeacher.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('Сводная ведомость 5А, 2 четверть.pdf'));
    const parser = new PDFParse({ data: new Uint8Array(await res.arrayBuffer()) });
    const { text, pages } = await parser.getText();
    const info = await parser.getInfo();
    await parser.destroy();
    expect(pages).toHaveLength(1);
    expect(info.info.Title).toBe('Сводная ведомость успеваемости и посещаемости: 5А, 2 четверть');
    expect(text).toContain('Класс 5А, 2 четверть (2026-11-05 — 2026-12-28), 2026/2027 учебный год');
    expect(text).toContain('Алексеев Артём');
    expect(text).toContain('Васильев Глеб');
    expect(text).toMatch(/Классный руководитель _+ \/ Смирнов О\. И\. \//);
  });

  it('writes an XLSX that reads back as the sheet', async () => {
    const { classSummary } = await classTeacher.data(SUMMARY, { c: class5A(), p: q2() });
    const res = await download(`class-summary/${class5A()}/${q2()}.xlsx`, director.token);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const ws = book.getWorksheet('Ведомость')!;
    const values = (n: number) => Array.from((ws.getRow(n).values as unknown[]).slice(1), (v) => v ?? null);

    expect(values(2)).toEqual(['Сводная ведомость успеваемости и посещаемости']);
    expect(values(5)).toEqual([
      '№',
      'Ученик',
      'Математика: отметка',
      'Математика: средний балл',
      'Русский язык: отметка',
      'Русский язык: средний балл',
      'Пропущено уроков',
      'По болезни (Б)',
      'По ув. причине (У)',
      'Без ув. причины (Н)',
      'Опозданий',
    ]);
    const asCell = (v: string | null) => (v !== null && /^\d+(\.\d+)?$/.test(v) ? Number(v) : v);
    classSummary.rows.forEach((row: any, i: number) => {
      const a = row.attendance;
      expect(values(6 + i)).toEqual([
        row.number,
        row.student.fullName.split(' ').slice(0, 2).join(' '),
        ...row.cells.flatMap((c: any) => [asCell(c.periodMark), asCell(c.average)]),
        a.missed,
        a.ill,
        a.excused,
        a.unexcused,
        a.late,
      ]);
    });
    expect(values(9)).toEqual([null, 'Качество, %', 33.33, null, 50]);
    expect(values(10)).toEqual([null, 'Успеваемость, %', 66.67, null, 100]);
  });

  it('writes a CSV with semicolons and a BOM, averages as shown', async () => {
    const res = await download(`class-summary/${class5A()}/${q2()}.csv`, classTeacher.token);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[4]).toBe(
      '№;Ученик;Математика: отметка;Математика: средний балл;Русский язык: отметка;Русский язык: средний балл;Пропущено уроков;По болезни (Б);По ув. причине (У);Без ув. причины (Н);Опозданий',
    );
    expect(lines.slice(5, 8)).toEqual([
      '1;Алексеев Артём;4;4.25;5;5.00;1;0;1;0;0',
      '2;Борисова Вера;3;3.00;3;3.33;0;0;0;0;1',
      '3;Васильев Глеб;Н/А;;ОСВ;4.00;3;2;0;1;0',
    ]);
  });

  it('answers without a file to no session, to a subject teacher and for an unknown format', async () => {
    expect((await download(`class-summary/${class5A()}/${q2()}.pdf`, null)).status).toBe(401);
    const teacher = await server.as('ivanova');
    const refused = await download(`class-summary/${class5A()}/${q2()}.pdf`, teacher.token);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    expect((await download(`class-summary/${class5A()}/${q2()}.docx`, classTeacher.token)).status).toBe(400);
    expect((await download(`nothing-here`, classTeacher.token)).status).toBe(404);
  });
});

const FILL_RATE = `query($s: ID!, $p: ID!, $t: ID) { fillRate(schoolId: $s, periodId: $p, teacherId: $t) {
  asOf rows { subject { name } teachers { shortName } studentCount studentsWithoutMarks { fullName } studentsWithOneMark { fullName }
    withoutMarksShare oneMarkShare lessonsHeld lessonsWithoutTopic { date } lessonsWithoutHomework { date } markCount marksBackdated marksLate }
} }`;

describe('fill-rate control (R-R2)', () => {
  it('counts per group: students without marks or with one, lessons without topic or homework, late and back-dated marks', async () => {
    const { fillRate } = await director.data(FILL_RATE, { s: world.school().id, p: q2() });
    const summary = fillRate.rows.map((r: any) => ({
      ...r,
      lessonsWithoutTopic: r.lessonsWithoutTopic.length,
      lessonsWithoutHomework: r.lessonsWithoutHomework.length,
    }));

    expect(fillRate.asOf).toBe('2026-12-24');
    expect(summary).toEqual([
      {
        subject: { name: 'Математика' },
        teachers: [{ shortName: 'Иванова А. П.' }],
        studentCount: 3,
        studentsWithoutMarks: [{ fullName: 'Васильев Глеб Романович' }],
        studentsWithOneMark: [{ fullName: 'Борисова Вера Андреевна' }],
        withoutMarksShare: '33.33',
        oneMarkShare: '33.33',
        // Every weekday from Thursday 5 November to Thursday 24 December: 2 + 6 × 5 + 4.
        lessonsHeld: 36,
        lessonsWithoutTopic: 33,
        lessonsWithoutHomework: 35,
        markCount: 3,
        marksBackdated: 0,
        // Вера's oral answer of the 21st was entered on the 23rd: oral marks go in the same day.
        marksLate: 1,
      },
      {
        subject: { name: 'Русский язык' },
        teachers: [{ shortName: 'Орлова Д. С.' }],
        studentCount: 3,
        studentsWithoutMarks: [],
        studentsWithOneMark: [{ fullName: 'Васильев Глеб Романович' }],
        withoutMarksShare: '0.00',
        oneMarkShare: '33.33',
        // Mondays and Wednesdays from 9 November to 23 December.
        lessonsHeld: 14,
        lessonsWithoutTopic: 14,
        lessonsWithoutHomework: 14,
        markCount: 5,
        marksBackdated: 1,
        marksLate: 1,
      },
    ]);
    expect(fillRate.rows[0].lessonsWithoutHomework.map((l: any) => l.date)).not.toContain('2026-12-22');
  });

  it("drills down to one teacher's groups, and is the administration's only", async () => {
    const { fillRate } = await director.data(FILL_RATE, { s: world.school().id, p: q2(), t: world.user('orlova').id });
    expect(fillRate.rows.map((r: any) => r.subject.name)).toEqual(['Русский язык']);
    expect(codeOf(await classTeacher.execute(FILL_RATE, { s: world.school().id, p: q2() }))).toBe('FORBIDDEN');
  });
});

const REPORT = `query($s: ID!, $p: ID!) { studentPeriodReport(studentId: $s, periodId: $p) {
  student { fullName } period { name } previousPeriod { name }
  subjects { subject { name } average markCount periodMark previousAverage previousPeriodMark trend }
  attendance { missed excused } previousAttendance { missed }
} }`;

describe("a student's period report (R-R3)", () => {
  it('compares the child only with their own previous quarter, for their parent', async () => {
    const parent = await server.as('alekseeva');
    const result = await parent.data(REPORT, { s: world.user('artem').id, p: q2() });

    expect(result.studentPeriodReport).toEqual({
      student: { fullName: 'Алексеев Артём Денисович' },
      period: { name: '2 четверть' },
      previousPeriod: { name: '1 четверть' },
      subjects: [
        { subject: { name: 'Математика' }, average: '4.25', markCount: 2, periodMark: '4', previousAverage: '3.00', previousPeriodMark: '3', trend: 'UP' },
        { subject: { name: 'Русский язык' }, average: '5.00', markCount: 2, periodMark: '5', previousAverage: '5.00', previousPeriodMark: null, trend: 'SAME' },
      ],
      attendance: { missed: 1, excused: 1 },
      previousAttendance: { missed: 0 },
    });
    for (const classmate of ['Борисова', 'Васильев']) expect(JSON.stringify(result)).not.toContain(classmate);
  });

  it("is another family's business: answered as if the student did not exist", async () => {
    const otherParent = await server.as('borisova_m');
    expect(codeOf(await otherParent.execute(REPORT, { s: world.user('artem').id, p: q2() }))).toBe('NOT_FOUND');
  });

  it('prints as a PDF for the parent', async () => {
    const parent = await server.as('alekseeva');
    const res = await fetch(`${server.url}/exports/student-report/${world.user('artem').id}/${q2()}.pdf`, {
      headers: { authorization: `Bearer ${parent.token}` },
    });
    expect(res.status).toBe(200);
    const parser = new PDFParse({ data: new Uint8Array(await res.arrayBuffer()) });
    const { text } = await parser.getText();
    await parser.destroy();
    expect(text).toContain('Алексеев Артём Денисович, 2 четверть');
    expect(text).toContain('выше');
    expect(text).not.toContain('Борисова');
  });
});

const ANALYTICS = `query($p: ID!) { periodAnalytics(periodId: $p) { schoolClass { name } subject { name } stats { attested quality success } } }`;
const AUTHORITY = `query { authorityStatistics(periodNumber: 2) {
  periodNumber
  schools { schoolName periodName studentCount stats { fives fours threes failing notAttested exempt attested quality success }
    attendance { missed ill excused unexcused late } }
  total { fives fours threes failing notAttested exempt attested quality success }
} }`;

describe('analytics of period marks (R-R4)', () => {
  it('gives "качество" and "успеваемость" per subject and class to the administration and the class teacher', async () => {
    const expected = [
      { schoolClass: { name: '5А' }, subject: { name: 'Математика' }, stats: { attested: 3, quality: '33.33', success: '66.67' } },
      { schoolClass: { name: '5А' }, subject: { name: 'Русский язык' }, stats: { attested: 2, quality: '50.00', success: '100.00' } },
    ];
    expect((await director.data(ANALYTICS, { p: q2() })).periodAnalytics).toEqual(expected);
    expect((await classTeacher.data(ANALYTICS, { p: q2() })).periodAnalytics).toEqual(expected);
    const teacher = await server.as('orlova');
    expect(codeOf(await teacher.execute(ANALYTICS, { p: q2() }))).toBe('FORBIDDEN');
  });

  it("gives the inspector the authority's schools in aggregate, and not a single name of a person", async () => {
    const inspector = await server.as('inspector');
    const result = await inspector.data(AUTHORITY);

    expect(result.authorityStatistics).toEqual({
      periodNumber: 2,
      schools: [
        {
          schoolName: 'Школа № 1',
          periodName: '2 четверть',
          studentCount: 3,
          // 4, 3, Н/А, 5, 3, ОСВ
          stats: { fives: 1, fours: 1, threes: 2, failing: 0, notAttested: 1, exempt: 1, attested: 5, quality: '40.00', success: '80.00' },
          attendance: { missed: 4, ill: 2, excused: 1, unexcused: 1, late: 1 },
        },
        {
          schoolName: 'Школа № 2',
          periodName: '2 четверть',
          studentCount: 1,
          stats: { fives: 1, fours: 0, threes: 0, failing: 0, notAttested: 0, exempt: 0, attested: 1, quality: '100.00', success: '100.00' },
          attendance: { missed: 0, ill: 0, excused: 0, unexcused: 0, late: 0 },
        },
      ],
      total: { fives: 2, fours: 1, threes: 2, failing: 0, notAttested: 1, exempt: 1, attested: 6, quality: '50.00', success: '83.33' },
    });
    const text = JSON.stringify(result);
    for (const user of world.users.values()) {
      expect(text).not.toContain(user.lastName);
      expect(text).not.toContain(user.firstName);
    }
    expect(text).not.toContain('Школа № 3');
  });

  it('is for inspectors only', async () => {
    expect(codeOf(await director.execute(AUTHORITY))).toBe('FORBIDDEN');
  });
});
