/**
 * Issue 18, 003 §2.2.2: parents are informed of progress at least every N days (the school's
 * `parentsInformedEveryDays`, 14 by default). On each due date of the PARENTS_INFORMED duty (that day,
 * school time) the notification worker's round makes every pupil's family its progress report of the last N days:
 *
 * - ELECTRONIC: an outbox event `progress.report`; the worker's usual path makes its notice (in-app always,
 *   e-mail and push as each parent chose) for the parents whose diary shows the pupil (notices.ts);
 * - PAPER, for a family none of whose parents takes electronic forms (no consent of theirs in force, or
 *   `paperReports` in their settings; 003, appendix 3: "с использованием распечатки результатов"): the
 *   class teacher prints the list (`/exports/parents-informed/<class>/<due date>.pdf`) and hands it over.
 *
 * One row per pupil and due date (`progress_report_sent`, unique): a second worker, or a round run again,
 * makes nothing twice. When every family of a class got it electronically, the class's duty for that due
 * date is recorded done by the system (`duty_done.done_by_id` null); with families on paper the class
 * teacher records it after handing the printouts over.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { eventColumns } from '../../kernel/events.js';
import { uuidArray } from '../../kernel/dataloader.js';
import { addDays, todayIso } from '../../kernel/dates.js';
import { outboxStamp } from '../../realtime/domain-event.entity.js';
import { DutyKind, dueDates, yearOf, settingsOf } from '../school/index.js';
import { inForceSql } from '../../kernel/in-force.js';

export interface InformedReport {
  /** Families told electronically this round. */
  electronic: number;
  /** Families whose report is to be printed. */
  paper: number;
  /** Classes whose PARENTS_INFORMED duty the system recorded done. */
  dutiesDone: number;
}

/** The progress reports due by `now` in every school, made once (idempotent). */
export async function informParents(em: EntityManager, now: Date): Promise<InformedReport> {
  const report: InformedReport = { electronic: 0, paper: 0, dutiesDone: 0 };
  const schools = await em.getConnection().execute<{ id: string; timezone: string }[]>(`select id, timezone from school`);
  for (const school of schools) {
    const today = todayIso(now, school.timezone);
    const found = await yearOf(em, school.id, today);
    if (!found) continue;
    const settings = await settingsOf(em, school.id);
    // On the due date itself (school time; the worker runs every few seconds): a worker stopped all that day makes
    // no late report, and the duty shows overdue until the class teacher informs the families otherwise.
    const dueOn = today;
    if (!dueDates(settings, found.year, found.periods)[DutyKind.PARENTS_INFORMED].includes(dueOn)) continue;
    const fromDay = addDays(dueOn, 1 - settings.parentsInformedEveryDays);
    const made = await em.fork().transactional((tx) => informSchool(tx, { schoolId: school.id, yearId: found.year.id, dueOn, fromDay, now }));
    report.electronic += made.electronic;
    report.paper += made.paper;
    report.dutiesDone += made.dutiesDone;
  }
  return report;
}

/** One school's reports of one due date, their events and the duties done: one transaction, three statements. */
async function informSchool(tx: EntityManager, a: { schoolId: string; yearId: string; dueOn: string; fromDay: string; now: Date }): Promise<InformedReport> {
  const made = await tx.execute<{ student_id: string; form: 'ELECTRONIC' | 'PAPER' }[]>(
    `with pupils as (
       select distinct e.student_id, e.school_class_id from enrolment e join school_class c on c.id = e.school_class_id
        where c.year_id = ? and ${inForceSql('e', '?::date')}
     ),
     made as (
       insert into progress_report_sent (id, school_id, school_class_id, student_id, due_on, from_day, form, made_at)
       select uuidv7(), ?, p.school_class_id, p.student_id, ?, ?,
              case when exists (${ELECTRONIC_PARENT}) then 'ELECTRONIC' else 'PAPER' end::report_form, ?
         from pupils p
       on conflict (student_id, due_on) do nothing
       returning student_id, form
     ),
     told as (
       insert into domain_event (school_id, student_id, group_id, type, payload, at)
       select ?, student_id, null, ${eventColumns('progress.report', { from: '?::text', to: '?::text' })}, ?
         from made where form = 'ELECTRONIC'
     )
     select student_id, form::text as form from made`,
    // The outbox stamps its rows with the wall clock (`outboxStamp`).
    [a.yearId, a.dueOn, a.dueOn, a.schoolId, a.dueOn, a.fromDay, a.dueOn, a.dueOn, a.now, a.now, a.now, a.schoolId, a.fromDay, a.dueOn, outboxStamp()],
  );
  // Every pupil of the class enrolled on the due date got it electronically: the system records the duty.
  const done = made.length
    ? await tx.execute<{ id: string }[]>(
        `insert into duty_done (id, school_id, kind, school_class_id, due_on, done_at, done_by_id, note)
         select uuidv7(), c.school_id, 'PARENTS_INFORMED', c.id, ?, ?, null, null
           from school_class c
          where c.year_id = ?
            and exists (select 1 from progress_report_sent r where r.school_class_id = c.id and r.due_on = ?)
            and not exists (select 1 from enrolment e where e.school_class_id = c.id and ${inForceSql('e', '?::date')}
                              and not exists (select 1 from progress_report_sent r where r.student_id = e.student_id and r.due_on = ? and r.form = 'ELECTRONIC'))
         on conflict (school_id, kind, school_class_id, due_on) do nothing
         returning id`,
        [a.dueOn, a.now, a.yearId, a.dueOn, a.dueOn, a.dueOn, a.dueOn],
      )
    : [];
  return { electronic: made.filter((m) => m.form === 'ELECTRONIC').length, paper: made.filter((m) => m.form === 'PAPER').length, dutiesDone: done.length };
}

/**
 * A parent of pupil `p` (on the due date) who takes electronic forms: their own consent is in force (their
 * diary shows the pupil, policy.ts `diaryAccess`) and they did not ask for paper.
 */
const ELECTRONIC_PARENT = `
  select 1 from guardianship g
   where g.student_id = p.student_id and ${inForceSql('g', '?::date')}
     and exists (select 1 from consent k where k.student_id = p.student_id and k.given_by_id = g.parent_id
                   and ${inForceSql('k', '?', { from: 'given_at', to: 'withdrawn_at', end: 'exclusive' })})
     and not exists (select 1 from notification_preference n where n.user_id = g.parent_id and n.paper_reports)`;

/** One pupil's report: per subject the marks of the range in order, and the lessons missed and late. */
export interface ProgressLines {
  subjects: { name: string; marks: string[] }[];
  missed: number;
  late: number;
}

/** The progress of some pupils between two dates, in two statements (a notice, the printed list). */
export async function progressLines(em: EntityManager, studentIds: string[], from: string, to: string): Promise<Map<string, ProgressLines>> {
  const lines = new Map<string, ProgressLines>(studentIds.map((id) => [id, { subjects: [], missed: 0, late: 0 }]));
  if (!studentIds.length) return lines;
  const [marks, absences] = await Promise.all([
    em.execute<{ student_id: string; subject: string; marks: string[] }[]>(
      `select m.student_id, s.name as subject, array_agg(m.value order by l.date, l.lesson_number, m.entered_at, m.id) as marks
         from mark m join lesson l on l.id = m.lesson_id join subject s on s.id = m.subject_id
        where m.student_id = any(?::uuid[]) and m.retracted_at is null and l.date between ? and ?
        group by m.student_id, s.name order by s.name`,
      [uuidArray(studentIds), from, to],
    ),
    em.execute<{ student_id: string; missed: number; late: number }[]>(
      `select a.student_id, count(*) filter (where a.status in ('ILL', 'EXCUSED', 'UNEXCUSED'))::int as missed, count(*) filter (where a.status = 'LATE')::int as late
         from attendance a join lesson l on l.id = a.lesson_id
        where a.student_id = any(?::uuid[]) and l.date between ? and ? group by a.student_id`,
      [uuidArray(studentIds), from, to],
    ),
  ]);
  for (const m of marks) lines.get(m.student_id)!.subjects.push({ name: m.subject, marks: m.marks });
  for (const a of absences) Object.assign(lines.get(a.student_id)!, { missed: a.missed, late: a.late });
  return lines;
}

/** A pupil's report as text: "Математика: 5 4 4; Русский язык: 3. Пропущено уроков: 2, опозданий: 1." */
export function progressText(p: ProgressLines): string {
  const marks = p.subjects.length ? p.subjects.map((s) => `${s.name}: ${s.marks.join(' ')}`).join('; ') : 'отметок нет';
  return `${marks}. Пропущено уроков: ${p.missed}, опозданий: ${p.late}.`;
}
