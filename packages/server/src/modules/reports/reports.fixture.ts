/**
 * The hand-computed journal the report tests read (reports.test.ts, archive.test.ts, backup.test.ts).
 * Marks are written as rows with the day they were entered, so timeliness is exact; everything else
 * goes through the seed DSL. Expected values are worked out in reports.test.ts.
 *
 * 5А of Школа № 1, 2026/2027; Математика every weekday (Иванова), Русский язык Mon and Wed (Орлова).
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { markRow } from '../../testing/journal-rows.js';
import type { TestServer } from '../../testing/test-server.js';
import { Attendance, AttendanceStatus, FinalMark, FinalMarkKind } from '../journal/journal.entity.js';
import { Role } from '../../policy/roles.js';
import type { StudyGroup } from '../school/study-group.entity.js';
import { Lesson } from '../timetable/timetable.entity.js';

/** Thursday 24 December 2026, the last week of the 2nd quarter (5 November – 28 December). */
export const NOW = new Date('2026-12-24T09:00:00Z');
const EVERY_WEEKDAY: [number, number, string][] = [1, 2, 3, 4, 5].map((d) => [d, 1, '21']);

export async function seedReportsFixture(server: Pick<TestServer, 'seed' | 'orm'>): Promise<SeededWorld> {
  const world = await server.seed(
    [
      school('Школа № 1')
        .inYear(2026)
        .withSubjects('Математика', { name: 'Русский язык', shortName: 'Рус. яз.' })
        .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
        .withStaff('orlova', 'Орлова Дарья Сергеевна', [Role.TEACHER])
        .withStaff('smirnov', 'Смирнов Олег Ильич', [Role.TEACHER])
        .withStaff('director', 'Тихонов Виктор Павлович', [Role.DIRECTOR])
        .withClass('5А', { classTeacher: 'smirnov' })
        .withParent('alekseeva', 'Алексеева Ольга Николаевна')
        .withParent('borisova_m', 'Борисова Марина Юрьевна')
        .withStudent('artem', 'Алексеев Артём Денисович', { inClass: '5А', parents: ['alekseeva'] })
        .withStudent('vera', 'Борисова Вера Андреевна', { inClass: '5А', parents: ['borisova_m'] })
        .withStudent('gleb', 'Васильев Глеб Романович', { inClass: '5А' })
        .withConsent('artem')
        .withConsent('vera')
        .withGroup('Математика', '5А', { teacher: 'ivanova', slots: EVERY_WEEKDAY })
        .withGroup('Русский язык', '5А', {
          teacher: 'orlova',
          slots: [
            [1, 2, '22'],
            [3, 2, '22'],
          ],
        })
        .withInspector('inspector', 'Орехов Павел Ильич'),
      school('Школа № 2')
        .inYear(2026)
        .withSubjects('Математика')
        .withStaff('kuznetsova', 'Кузнецова Ирина Львовна', [Role.TEACHER])
        .withClass('6Б')
        .withStudent('denis', 'Григорьев Денис Олегович', { inClass: '6Б' })
        .withGroup('Математика', '6Б', { teacher: 'kuznetsova', slots: [[2, 3, '5']] }),
      school('Школа № 3', { authority: 'Другое управление' })
        .inYear(2026)
        .withSubjects('Математика')
        .withStaff('zaitseva', 'Зайцева Алла Петровна', [Role.TEACHER])
        .withClass('7В')
        .withStudent('egor', 'Егоров Егор Егорович', { inClass: '7В' })
        .withGroup('Математика', '7В', { teacher: 'zaitseva', slots: [[2, 3, '5']] }),
    ],
    { lessons: true },
  );
  const journal = new FixtureJournal(server.orm, world);
  const math = world.group('Математика', '5А');
  const russian = world.group('Русский язык', '5А');
  const [q1, q2] = world.periodsOf();

  // 1st quarter: what Артём's trend is measured against.
  await journal.mark(math, 'artem', '2026-10-20', '3', 'КР', '2026-10-20');
  await journal.mark(russian, 'artem', '2026-10-21', '5', 'У', '2026-10-21');
  await journal.periodMark(math, 'artem', q1.id, '3');

  // 2nd quarter, Математика: Артём 5 (У) and 4 (КР, weight 3); Вера 3 (У) entered two days late; Глеб nothing.
  await journal.mark(math, 'artem', '2026-12-21', '5', 'У', '2026-12-21');
  await journal.mark(math, 'artem', '2026-12-22', '4', 'КР', '2026-12-24');
  await journal.mark(math, 'vera', '2026-12-21', '3', 'У', '2026-12-23');
  // Русский язык: Артём 5 (ПР) and 5 (У); Вера 2 (У) and 4 (ПР); Глеб 4 (У) back-dated by two weeks.
  await journal.mark(russian, 'artem', '2026-12-21', '5', 'ПР', '2026-12-21');
  await journal.mark(russian, 'artem', '2026-12-23', '5', 'У', '2026-12-23');
  await journal.mark(russian, 'vera', '2026-12-21', '2', 'У', '2026-12-21');
  await journal.mark(russian, 'vera', '2026-12-23', '4', 'ПР', '2026-12-23');
  await journal.mark(russian, 'gleb', '2026-12-09', '4', 'У', '2026-12-23', { backdated: true });

  await journal.periodMark(math, 'artem', q2.id, '4');
  await journal.periodMark(math, 'vera', q2.id, '3');
  await journal.periodMark(math, 'gleb', q2.id, 'Н/А');
  await journal.periodMark(russian, 'artem', q2.id, '5');
  await journal.periodMark(russian, 'vera', q2.id, '3');
  await journal.periodMark(russian, 'gleb', q2.id, 'ОСВ');

  await journal.absent(math, 'gleb', '2026-12-21', AttendanceStatus.ILL);
  await journal.absent(math, 'gleb', '2026-12-22', AttendanceStatus.ILL);
  await journal.absent(russian, 'gleb', '2026-12-23', AttendanceStatus.UNEXCUSED);
  await journal.absent(math, 'vera', '2026-12-22', AttendanceStatus.LATE);
  await journal.absent(math, 'artem', '2026-12-23', AttendanceStatus.EXCUSED);

  // Topics for three mathematics lessons, homework for one.
  await journal.content(math, '2026-12-21', 'Дроби', null);
  await journal.content(math, '2026-12-22', 'Сложение дробей', '№ 12, 14');
  await journal.content(math, '2026-12-23', 'Вычитание дробей', null);

  // Another school of the authority, and one of another authority (never in the inspector's figures).
  const s2 = world.periodsOf('Школа № 2')[1];
  await journal.mark(world.group('Математика', '6Б', 'Школа № 2'), 'denis', '2026-12-22', '5', 'У', '2026-12-22', { school: 'Школа № 2' });
  await journal.periodMark(world.group('Математика', '6Б', 'Школа № 2'), 'denis', s2.id, '5', 'Школа № 2');
  const s3 = world.periodsOf('Школа № 3')[1];
  await journal.periodMark(world.group('Математика', '7В', 'Школа № 3'), 'egor', s3.id, '2', 'Школа № 3');
  return world;
}

/** Writes journal rows as a teacher would have, on the day they say. */
class FixtureJournal {
  constructor(
    private readonly orm: MikroORM,
    private readonly world: SeededWorld,
  ) {}

  private teacherOf(group: StudyGroup, em: MikroORM['em']) {
    return em.findOneOrFail(Lesson, { group }, { populate: ['teacher'] }).then((l) => l.teacher);
  }

  async mark(
    group: StudyGroup,
    student: string,
    date: string,
    value: string,
    code: string,
    enteredOn: string,
    opts: { backdated?: boolean; school?: string } = {},
  ) {
    const em = this.orm.em.fork();
    const lesson = await em.findOneOrFail(Lesson, { group, date }, { populate: ['period'] });
    markRow(em, {
      lesson,
      group,
      student: this.world.user(student),
      workType: this.world.workType(code, opts.school),
      value,
      at: new Date(`${enteredOn}T09:00:00Z`),
      backdated: opts.backdated ? { reason: 'Болел, писал позже' } : undefined,
    });
    await em.flush();
  }

  async periodMark(group: StudyGroup, student: string, periodId: string, value: string, schoolName?: string) {
    const em = this.orm.em.fork();
    const points = /^\d+$/.test(value) ? Number(value) : null;
    em.create(FinalMark, {
      school: this.world.school(schoolName),
      student: this.world.user(student),
      group,
      subject: group.subject,
      kind: FinalMarkKind.PERIOD,
      period: periodId,
      value,
      points,
      enteredBy: await this.teacherOf(group, em),
      enteredAt: NOW,
    });
    await em.flush();
  }

  async absent(group: StudyGroup, student: string, date: string, status: AttendanceStatus) {
    const em = this.orm.em.fork();
    const lesson = await em.findOneOrFail(Lesson, { group, date });
    em.create(Attendance, {
      school: lesson.school,
      lesson,
      student: this.world.user(student),
      status,
      minutesLate: status === AttendanceStatus.LATE ? 10 : null,
      updatedAt: new Date(`${date}T09:00:00Z`),
    });
    await em.flush();
  }

  async content(group: StudyGroup, date: string, topic: string, homework: string | null) {
    const em = this.orm.em.fork();
    const lesson = await em.findOneOrFail(Lesson, { group, date });
    Object.assign(lesson, { topic, homework, topicEnteredAt: new Date(`${date}T09:00:00Z`) });
    await em.flush();
  }
}
