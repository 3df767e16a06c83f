/**
 * Issue 18: the class journal printed on paper (002 §2.14: pages of the journal once a quarter; 003 §5.7:
 * the whole journal at the end of the year, signed by the director, sealed and bound for the archive;
 * 003 §5.9: the year's summary sheet of final marks, kept 25 years). Laid out like the paper journal:
 * per subject, a page of marks and attendance (students × lesson dates, then the period marks) facing a
 * page of what was taught (date, topic, homework). A period prints that period; the year prints every
 * period of the year, the annual, exam and final marks, and the year's summary sheet.
 *
 * Read with the class summary's rule (its class teacher and the administration): the same people keep
 * and print the class's documents.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../../kernel/errors.js';
import type { Viewer } from '../../policy/viewer.js';
import { groupBy } from '../../kernel/collections.js';
import { Attendance, AttendanceStatus, FinalMark, FinalMarkKind, Mark } from '../journal/index.js';
import { fullName, shortName, ReportingPeriod, PERIOD_NAMES, GroupKind, GroupMember, TeachingAssignment } from '../school/index.js';
import { Lesson } from '../timetable/index.js';
import { groupsOfClass, readableClass, readableClassPeriod, studentsOfClassIn } from './summary.service.js';

/** The whole year rather than one period: `/exports/printed-journal/<class>/year.pdf`. */
export const WHOLE_YEAR = 'year';

/** As the paper journal writes an absence: н (no good reason), б (ill), у (a good reason), оп (late). */
export const ATTENDANCE_LETTERS: Record<Exclude<AttendanceStatus, AttendanceStatus.PRESENT>, string> = {
  [AttendanceStatus.UNEXCUSED]: 'н',
  [AttendanceStatus.ILL]: 'б',
  [AttendanceStatus.EXCUSED]: 'у',
  [AttendanceStatus.LATE]: 'оп',
};

const FINAL_COLUMNS: Record<Exclude<FinalMarkKind, FinalMarkKind.PERIOD>, string> = {
  [FinalMarkKind.ANNUAL]: 'Год',
  [FinalMarkKind.EXAM]: 'Экз.',
  [FinalMarkKind.FINAL]: 'Итог',
};

export interface PrintedLesson {
  date: string;
  number: number;
  topic: string;
  homework: string;
}

export interface PrintedSubject {
  subject: string;
  group: string;
  teachers: string;
  lessons: PrintedLesson[];
  /** Headings of the final columns: the periods printed, then (for the year) annual, exam, final. */
  finalColumns: string[];
  students: { number: number; name: string; cells: string[]; finals: string[] }[];
}

export interface PrintedJournal {
  schoolId: string;
  classId: string;
  school: string;
  className: string;
  year: string;
  classTeacher: string | null;
  /** "1 четверть (2026-09-01 — 2026-10-26)" or "2026/2027 учебный год". */
  span: string;
  subjects: PrintedSubject[];
  /** The year's summary sheet (003 §5.9): students × subjects, the final mark of each; only for the year. */
  yearSummary: { subjects: string[]; rows: { number: number; name: string; marks: string[] }[] } | null;
}

const finalText = (f: FinalMark | undefined) => (f ? (f.value ?? (f.postponedUntil ? 'отл.' : '')) : '');

export async function printedJournal(em: EntityManager, viewer: Viewer, classId: string, periodId: string): Promise<PrintedJournal> {
  const wholeYear = periodId === WHOLE_YEAR;
  const { schoolClass, period } = wholeYear
    ? { ...(await readableClass(em, viewer, classId)), period: null }
    : await readableClassPeriod(em, viewer, classId, periodId);
  const periods = wholeYear ? await em.find(ReportingPeriod, { year: schoolClass.year }, { orderBy: { startsOn: 'asc' } }) : [period!];
  if (!periods.length) throw notFound('The year has no periods yet.');
  const span = { startsOn: periods[0].startsOn, endsOn: periods.at(-1)!.endsOn };
  const students = await studentsOfClassIn(em, classId, span);
  const studentIds = students.map((s) => s.id);
  const groups = (await groupsOfClass(em, schoolClass, studentIds)).sort(
    (a, b) => a.subject.name.localeCompare(b.subject.name, 'ru') || a.name.localeCompare(b.name, 'ru'),
  );
  const groupIds = groups.map((g) => g.id);
  const periodIds = periods.map((p) => p.id);
  const [lessons, marks, absences, finals, members, assignments] = await Promise.all([
    em.find(Lesson, { group: { $in: groupIds }, period: { $in: periodIds } }, { orderBy: { date: 'asc', lessonNumber: 'asc' } }),
    em.find(Mark, { group: { $in: groupIds }, period: { $in: periodIds }, student: { $in: studentIds }, retractedAt: null }, { orderBy: { enteredAt: 'asc' } }),
    em.find(Attendance, {
      lesson: { group: { $in: groupIds }, period: { $in: periodIds } },
      student: { $in: studentIds },
      status: { $ne: AttendanceStatus.PRESENT },
    }),
    em.find(FinalMark, {
      group: { $in: groupIds },
      student: { $in: studentIds },
      ...(wholeYear ? {} : { kind: FinalMarkKind.PERIOD, period: period! }),
    }),
    em.find(GroupMember, { group: { $in: groupIds }, student: { $in: studentIds } }),
    em.find(TeachingAssignment, { group: { $in: groupIds } }, { populate: ['teacher'] }),
  ]);
  const lessonsOf = groupBy(lessons, (l) => l.group.id);
  const marksOf = groupBy(marks, (m) => `${m.lesson.id}/${m.student.id}`);
  const absenceOf = new Map(absences.map((a) => [`${a.lesson.id}/${a.student.id}`, a.status as keyof typeof ATTENDANCE_LETTERS]));
  const finalOf = new Map(finals.map((f) => [`${f.group.id}/${f.student.id}/${f.kind}/${f.period?.id ?? ''}`, f]));
  const membersOf = groupBy(members, (m) => m.group.id);
  const teachersOf = groupBy(assignments, (a) => a.group.id);
  const number = new Map(students.map((s, i) => [s.id, i + 1]));
  const finalKeys = [
    ...periods.map((p) => ({ heading: `${p.number} ${PERIOD_NAMES[p.kind].slice(0, 4)}.`, kind: FinalMarkKind.PERIOD, periodId: p.id })),
    ...(wholeYear ? Object.entries(FINAL_COLUMNS).map(([kind, heading]) => ({ heading, kind: kind as FinalMarkKind, periodId: '' })) : []),
  ];

  const subjects = groups.map((group): PrintedSubject => {
    const own = lessonsOf.get(group.id) ?? [];
    const memberIds = new Set((membersOf.get(group.id) ?? []).map((m) => m.student.id));
    const learners = group.kind === GroupKind.WHOLE_CLASS ? students : students.filter((s) => memberIds.has(s.id));
    return {
      subject: group.subject.name,
      group: group.name,
      teachers: [...new Map((teachersOf.get(group.id) ?? []).map((a) => [a.teacher.id, shortName(a.teacher)])).values()].join(', '),
      lessons: own.map((l) => ({ date: l.date, number: l.lessonNumber, topic: l.topic ?? '', homework: l.homework ?? '' })),
      finalColumns: finalKeys.map((k) => k.heading),
      students: learners.map((s) => ({
        number: number.get(s.id)!,
        name: `${s.lastName} ${s.firstName}`,
        cells: own.map((l) => {
          const key = `${l.id}/${s.id}`;
          const absence = absenceOf.get(key);
          return [...(marksOf.get(key) ?? []).map((m) => m.value), ...(absence ? [ATTENDANCE_LETTERS[absence]] : [])].join(' ');
        }),
        finals: finalKeys.map((k) => finalText(finalOf.get(`${group.id}/${s.id}/${k.kind}/${k.periodId}`))),
      })),
    };
  });

  // The year's summary: per subject the final mark where there is one, else the annual.
  const yearSummary = wholeYear
    ? (() => {
        const subjectNames = [...new Set(groups.map((g) => g.subject.name))];
        const ofStudentSubject = groupBy(finals, (f) => `${f.student.id}/${f.subject.name}`);
        return {
          subjects: subjectNames,
          rows: students.map((s) => ({
            number: number.get(s.id)!,
            name: `${s.lastName} ${s.firstName}`,
            marks: subjectNames.map((name) => {
              const own = ofStudentSubject.get(`${s.id}/${name}`) ?? [];
              return finalText(own.find((f) => f.kind === FinalMarkKind.FINAL) ?? own.find((f) => f.kind === FinalMarkKind.ANNUAL));
            }),
          })),
        };
      })()
    : null;

  return {
    schoolId: schoolClass.school.id,
    classId: schoolClass.id,
    school: schoolClass.school.name,
    className: schoolClass.name,
    year: schoolClass.year.name,
    classTeacher: schoolClass.classTeacher ? fullName(schoolClass.classTeacher) : null,
    span: wholeYear ? `${schoolClass.year.name} учебный год` : `${period!.number} ${PERIOD_NAMES[period!.kind]} (${period!.startsOn} — ${period!.endsOn})`,
    subjects,
    yearSummary,
  };
}
