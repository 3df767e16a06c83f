/**
 * Issue 18: parents informed of progress every 2 weeks (003 §2.2.2) through their chosen channel, on paper
 * for families who declined electronic forms (003, appendix 3), the duty recorded by the system once every
 * family of a class got it; and the preliminary period report to the deputy directors (003 §2.2.3).
 *
 * Due dates of PARENTS_INFORMED run every 14 days from 1 September: … 23 November, 7 December, 21 December.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { Consent } from '../people/consent.entity.js';
import { Role } from '../../policy/roles.js';
import { Lesson } from '../timetable/timetable.entity.js';
import { NotificationWorker } from './worker.js';

/** Monday 7 December 2026, 18:00 in Moscow: a due date, outside anyone's quiet hours. */
let now = new Date('2026-12-07T15:00:00Z');
const EVERY_WEEKDAY: [number, number, string][] = [1, 2, 3, 4, 5].map((d) => [d, 1, '21']);
const dir = mkdtempSync(join(tmpdir(), 'dnevnik-informed-'));

let server: TestServer;
let world: SeededWorld;
let worker: NotificationWorker;

const sql = <T>(text: string, params: unknown[] = []) => server.orm.em.fork().getConnection().execute<T[]>(text, params);
const DUTIES = `query($s: ID!, $f: LocalDate!, $t: LocalDate!) { duties(schoolId: $s, from: $f, to: $t) { kind className dueOn doneAt doneBySystem doneBy { shortName } outputUrl } }`;
type DutyRow = {
  kind: string;
  className: string;
  dueOn: string;
  doneAt: string | null;
  doneBySystem: boolean;
  doneBy: { shortName: string } | null;
  outputUrl: string | null;
};
const dutiesOf = async (login: string, from: string, to: string): Promise<DutyRow[]> =>
  (await (await server.as(login)).data(DUTIES, { s: world.school().id, f: from, t: to })).duties;

/** A printout as `login` downloads it, and its text (poppler's pdftotext). */
async function download(login: string, url: string): Promise<{ status: number; type: string | null; text: string }> {
  const { token } = await server.as(login);
  const res = await fetch(`${server.url}${url}`, { headers: { authorization: `Bearer ${token}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200 || !url.endsWith('.pdf')) return { status: res.status, type: res.headers.get('content-type'), text: '' };
  const file = join(dir, `${login}-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  const { stdout } = await promisify(execFile)('pdftotext', ['-layout', file, '-']);
  return { status: 200, type: res.headers.get('content-type'), text: stdout };
}

beforeAll(async () => {
  server = await startTestServer({ clock: () => now });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withStaff('smirnov', 'Смирнов Олег Ильич', [Role.TEACHER])
      .withStaff('orlov', 'Орлов Илья Петрович', [Role.TEACHER])
      .withStaff('deputy', 'Зайцева Ольга Ивановна', [Role.DEPUTY_DIRECTOR])
      .withClass('5А', { classTeacher: 'smirnov' })
      .withClass('6А', { classTeacher: 'orlov' })
      .withParent('petrova', 'Петрова Мария Ивановна', { email: 'petrova@mail.test' })
      .withParent('sidorova', 'Сидорова Анна Олеговна')
      .withParent('kozlova', 'Козлова Елена Петровна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withStudent('vanya', 'Сидоров Иван Андреевич', { inClass: '5А', parents: ['sidorova'] })
      .withStudent('masha', 'Козлова Мария Ивановна', { inClass: '6А', parents: ['kozlova'] })
      .withGroup('Математика', '5А', { teacher: 'ivanova', slots: EVERY_WEEKDAY })
      .withGroup('Математика', '6А', { teacher: 'ivanova', slots: EVERY_WEEKDAY }),
    { lessons: true },
  );
  // Petrova and Kozlova consented to the electronic diary; Sidorova did not: her family is informed on paper.
  const em = server.orm.em.fork();
  for (const [student, parent] of [
    ['petya', 'petrova'],
    ['masha', 'kozlova'],
  ] as const) {
    em.create(Consent, { school: world.school(), student: world.user(student), givenBy: world.user(parent), givenAt: new Date('2026-09-01T06:00:00Z') });
  }
  await em.flush();
  // Petrova wants e-mail as well (the in-app notice is always made).
  await (await server.as('petrova')).data(`mutation { setNotificationSettings(input: { emailMode: INSTANT, smsKinds: [] }) { emailMode } }`);
  // A worker with e-mail configured (to nowhere: the e-mail rows are made, their sending retried).
  worker = new NotificationWorker(
    server.orm,
    pino({ level: 'silent' }),
    { mailFrom: 'Дневник <noreply@school.test>', smtpUrl: 'smtp://127.0.0.1:1' },
    server.clock,
  );

  const teacher = await server.as('ivanova');
  const lesson = await server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date: '2026-12-07' });
  for (const value of ['5', '4']) {
    await teacher.data(`mutation($i: PutMarkInput!) { putMark(input: $i) { id } }`, {
      i: { lessonId: lesson.id, studentId: world.user('petya').id, value, workTypeId: world.workType('У').id },
    });
  }
  await teacher.data(`mutation($i: PutMarkInput!) { putMark(input: $i) { id } }`, {
    i: { lessonId: lesson.id, studentId: world.user('vanya').id, value: '3', workTypeId: world.workType('У').id },
  });
  await teacher.data(`mutation($i: SetAttendanceInput!) { setAttendance(input: $i) { status } }`, {
    i: {
      lessonId: (await server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', '5А'), date: '2026-12-04' })).id,
      studentId: world.user('vanya').id,
      status: 'ILL',
      reason: 'справка',
    },
  });
});
afterAll(async () => {
  worker.close();
  await server.stop();
});

describe('parents informed of progress every 2 weeks (003 §2.2.2)', () => {
  it("sends each family the fortnight's report through the parent's channels, on its due date", async () => {
    const round = await worker.round();

    expect(round.informed).toEqual({ electronic: 2, paper: 1, dutiesDone: 1 });
    const notices = (await (await server.as('petrova')).data(`{ notices { kind title body url } }`)).notices;
    expect(notices.filter((n: { kind: string }) => n.kind === 'PROGRESS_REPORT')).toEqual([
      {
        kind: 'PROGRESS_REPORT',
        title: 'Петров П. И.: успеваемость и посещаемость за 24.11.2026–07.12.2026',
        body: 'Математика: 5 4. Пропущено уроков: 0, опозданий: 0.',
        url: `#/diary/${world.user('petya').id}?week=2026-12-07`,
      },
    ]);
    const channels = await sql<{ channel: string }>(
      `select channel from notification_delivery where recipient_id = ? and kind = 'PROGRESS_REPORT' order by channel::text`,
      [world.user('petrova').id],
    );
    expect(channels.map((c) => c.channel)).toEqual(['EMAIL', 'IN_APP']);
    // Kozlova chose no e-mail: in-app only. Sidorova declined electronic forms: nothing electronic at all.
    expect(await sql(`select channel from notification_delivery where recipient_id = ?`, [world.user('kozlova').id])).toEqual([{ channel: 'IN_APP' }]);
    expect(await sql(`select 1 from notification_delivery where recipient_id = ?`, [world.user('sidorova').id])).toEqual([]);
  });

  it('makes each report once: another round, or two workers at once, make nothing more', async () => {
    const rounds = await Promise.all([worker.round(), worker.round(), worker.round()]);

    expect(rounds.map((r) => r.informed)).toEqual(Array(3).fill({ electronic: 0, paper: 0, dutiesDone: 0 }));
    expect(await sql(`select form::text, count(*)::int as n from progress_report_sent group by form order by form`)).toEqual([
      { form: 'ELECTRONIC', n: 2 },
      { form: 'PAPER', n: 1 },
    ]);
    expect(await sql(`select count(*)::int as n from domain_event where type = 'progress.report'`)).toEqual([{ n: 2 }]);
    expect(await sql(`select count(*)::int as n from notification_delivery where kind = 'PROGRESS_REPORT' and channel = 'IN_APP'`)).toEqual([{ n: 2 }]);
  });

  it("records 6А's duty done by the system; 5А's waits for the class teacher, who prints the list for the family on paper", async () => {
    const informed = (await dutiesOf('deputy', '2026-12-07', '2026-12-07')).filter((d) => d.kind === 'PARENTS_INFORMED');
    expect(informed).toEqual([
      {
        kind: 'PARENTS_INFORMED',
        className: '5А',
        dueOn: '2026-12-07',
        doneAt: null,
        doneBySystem: false,
        doneBy: null,
        outputUrl: `/exports/parents-informed/${world.class('5А').id}/2026-12-07.pdf`,
      },
      {
        kind: 'PARENTS_INFORMED',
        className: '6А',
        dueOn: '2026-12-07',
        doneAt: now.toISOString(),
        doneBySystem: true,
        doneBy: null,
        outputUrl: `/exports/parents-informed/${world.class('6А').id}/2026-12-07.pdf`,
      },
    ]);

    const printout = await download('smirnov', informed[0].outputUrl!);
    expect(printout.status).toBe(200);
    expect(printout.text).toMatch(/Информирование родителей об успеваемости и посещаемости\s+Класс 5А, 24\.11\.2026 — 07\.12\.2026/);
    expect(printout.text).toMatch(
      /Сидоров Иван Андреевич\s+Предмет\s+Отметки\s+Математика\s+3\s+Пропущено уроков: 1, опозданий: 0\.\s+С результатами ознакомлен\(а\)/,
    );
    expect(printout.text).not.toContain('Петров');
    // The class's document, as its summary sheet: not another class's teacher.
    expect((await download('orlov', informed[0].outputUrl!)).status).toBe(403);

    const done = await (
      await server.as('smirnov')
    ).data(`mutation($i: RecordDutyDoneInput!) { recordDutyDone(input: $i) { doneBySystem doneBy { shortName } } }`, {
      i: { schoolId: world.school().id, kind: 'PARENTS_INFORMED', classId: world.class('5А').id, dueOn: '2026-12-07', note: 'распечатка вручена' },
    });
    expect(done.recordDutyDone).toEqual({ doneBySystem: false, doneBy: { shortName: 'Смирнов О. И.' } });
  });

  it('prints the report for a parent who asked for paper in their settings, from the next due date', async () => {
    await (
      await server.as('kozlova')
    ).data(`mutation { setNotificationSettings(input: { emailMode: OFF, smsKinds: [], paperReports: true }) { paperReports } }`);
    now = new Date('2026-12-21T15:00:00Z');

    expect((await worker.round()).informed).toEqual({ electronic: 1, paper: 2, dutiesDone: 0 });
    expect(await sql(`select form::text from progress_report_sent where student_id = ? order by due_on`, [world.user('masha').id])).toEqual([
      { form: 'ELECTRONIC' },
      { form: 'PAPER' },
    ]);
    expect((await download('orlov', `/exports/parents-informed/${world.class('6А').id}/2026-12-21.pdf`)).text).toContain('Козлова Мария Ивановна');
  });
});

describe('the preliminary period report to the deputy directors (003 §2.2.3)', () => {
  it("is the duty's printout: the class's progress and attendance so far, as PDF and XLSX, for its class teacher and the administration", async () => {
    now = new Date('2026-12-14T09:00:00Z');
    const [preliminary] = (await dutiesOf('smirnov', '2026-12-14', '2026-12-14')).filter((d) => d.kind === 'PRELIMINARY_REPORT');
    const period = world.periodsOf()[1];
    expect(preliminary.outputUrl).toBe(`/exports/preliminary-report/${world.class('5А').id}/${period.id}.pdf`);

    const pdf = await download('smirnov', preliminary.outputUrl!);
    expect(pdf.status).toBe(200);
    expect(pdf.text).toMatch(
      /Предварительный отчёт об успеваемости и посещаемости\s+Класс 5А, 2 четверть \(2026-11-05 — 2026-12-28\), 2026\/2027 учебный год; по состоянию на 14\.12\.2026/,
    );
    // Marks so far (the average under the period mark not given yet) and absences by reason.
    expect(pdf.text).toMatch(/1\s+Петров Пётр\s+0\s+0\s+0\s+0\s+0\s+4\.50\n/);
    expect(pdf.text).toMatch(/2\s+Сидоров Иван\s+1\s+1\s+0\s+0\s+0\s+3\.00\n/);
    const xlsx = await download('deputy', preliminary.outputUrl!.replace(/\.pdf$/, '.xlsx'));
    expect(xlsx).toMatchObject({ status: 200, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect((await download('ivanova', preliminary.outputUrl!)).status).toBe(403);
  });
});
