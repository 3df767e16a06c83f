/**
 * Issue 18: the duties of keeping the journal as tasks with due dates, derived from the school's settings and
 * calendar (nothing to schedule: a task is its kind, class and due date), and the record of each one done.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict } from '../../kernel/errors.js';
import type { Viewer } from '../../policy/viewer.js';
import { addDays, daysBetween, todayIso } from '../../kernel/dates.js';
import { audit } from '../../kernel/audit.js';
import { AcademicYear, ReportingPeriod } from './academic-year.entity.js';
import { DutyDone, DutyKind } from './duties.entity.js';
import { SchoolClass } from './school-class.entity.js';
import { School } from './school.entity.js';
import { settingsOf, type DeadlineSettings } from './settings.js';

export interface Duty {
  kind: DutyKind;
  schoolId: string;
  classId: string | null;
  className: string | null;
  dueOn: string;
  done: DutyDone | null;
  overdue: boolean;
  /** The printable document the duty hands over (reports/exports.router.ts), if it has one. */
  outputUrl: string | null;
}

function lastDayOfMonth(iso: string): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`, -1);
}

/** The due dates of a year: n checks a month (the n-th parts of each month), a report at each month's end, informing every N days, preliminary reports. */
export function dueDates(s: DeadlineSettings, year: { startsOn: string; endsOn: string }, periods: { endsOn: string }[]) {
  const months: string[] = [];
  for (let first = `${year.startsOn.slice(0, 7)}-01`; first <= year.endsOn; first = addDays(lastDayOfMonth(first), 1)) months.push(first);
  const inYear = (d: string) => d >= year.startsOn && d <= year.endsOn;
  const checks = months.flatMap((first) => {
    const days = Number(lastDayOfMonth(first).slice(8));
    return Array.from({ length: s.journalChecksPerMonth }, (_, k) => addDays(first, Math.ceil(((k + 1) * days) / s.journalChecksPerMonth) - 1));
  });
  const informed: string[] = [];
  for (let d = addDays(year.startsOn, s.parentsInformedEveryDays - 1); d <= year.endsOn; d = addDays(d, s.parentsInformedEveryDays)) informed.push(d);
  return {
    [DutyKind.JOURNAL_CHECK]: checks.filter(inYear),
    [DutyKind.PARENTS_INFORMED]: informed,
    [DutyKind.PRELIMINARY_REPORT]: periods.map((p) => addDays(p.endsOn, -s.preliminaryReportDaysBeforeEnd)).filter(inYear),
    [DutyKind.MONTHLY_REPORT]: months.map(lastDayOfMonth).filter(inYear),
  };
}

/** A class duty's printout: the families' reports on paper (003, appendix 3), the preliminary period report (003 §2.2.3). */
function outputOf(kind: DutyKind, classId: string, dueOn: string, s: DeadlineSettings, periods: { id: string; endsOn: string }[]): string | null {
  if (kind === DutyKind.PARENTS_INFORMED) return `/exports/parents-informed/${classId}/${dueOn}.pdf`;
  const period = kind === DutyKind.PRELIMINARY_REPORT && periods.find((p) => addDays(p.endsOn, -s.preliminaryReportDaysBeforeEnd) === dueOn);
  return period ? `/exports/preliminary-report/${classId}/${period.id}.pdf` : null;
}

/** The school's year in force on `day` (its open one), with its classes and periods. */
export async function yearOf(em: EntityManager, schoolId: string, day: string) {
  const year = await em.findOne(AcademicYear, { school: schoolId, startsOn: { $lte: day }, endsOn: { $gte: day } });
  if (!year) return null;
  const [classes, periods] = await Promise.all([
    em.find(SchoolClass, { year }, { orderBy: { grade: 'asc', letter: 'asc' } }),
    em.find(ReportingPeriod, { year }, { orderBy: { startsOn: 'asc' } }),
  ]);
  return { year, classes, periods };
}

/**
 * The duties due in [from, to] the viewer may see: the administration every class's and the monthly report,
 * a class teacher their classes' own.
 */
export async function dutiesOf(
  em: EntityManager,
  viewer: Viewer,
  schoolId: string,
  from: string,
  to: string,
  now: Date,
  administers: boolean,
): Promise<Duty[]> {
  if (to < from) throw badInput('ENDS_BEFORE_START', 'The range ends before it starts.', 'to');
  if (daysBetween(from, to) > 366) throw badInput('RANGE_TOO_LONG', 'Ask for at most a year of duties.', 'to');
  const school = await em.findOneOrFail(School, schoolId);
  const today = todayIso(now, school.timezone);
  const found = await yearOf(em, schoolId, from <= today && today <= to ? today : from);
  if (!found) return [];
  const settings = await settingsOf(em, schoolId);
  const due = dueDates(settings, found.year, found.periods);
  const done = await em.find(DutyDone, { school: schoolId, dueOn: { $gte: from, $lte: to } }, { populate: ['doneBy'] });
  const within = (d: string) => d >= from && d <= to;
  const duty = (kind: DutyKind, dueOn: string, c: SchoolClass | null): Duty => {
    const record = done.find((r) => r.kind === kind && r.dueOn === dueOn && (r.schoolClass?.id ?? null) === (c?.id ?? null)) ?? null;
    return {
      kind,
      schoolId,
      classId: c?.id ?? null,
      className: c?.name ?? null,
      dueOn,
      done: record,
      overdue: !record && dueOn < today,
      outputUrl: c && outputOf(kind, c.id, dueOn, settings, found.periods),
    };
  };
  const classes = found.classes.filter((c) => administers || viewer.ledClassIds.has(c.id));
  const classKinds = [DutyKind.JOURNAL_CHECK, DutyKind.PARENTS_INFORMED, DutyKind.PRELIMINARY_REPORT] as const;
  return [
    ...classes.flatMap((c) => classKinds.flatMap((kind) => due[kind].filter(within).map((d) => duty(kind, d, c)))),
    ...(administers ? due[DutyKind.MONTHLY_REPORT].filter(within).map((d) => duty(DutyKind.MONTHLY_REPORT, d, null)) : []),
  ].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.kind.localeCompare(b.kind) || (a.className ?? '').localeCompare(b.className ?? '', 'ru'));
}

/** Records a duty done; it must be a duty of the school's year on that date. */
export async function recordDutyDone(
  em: EntityManager,
  viewer: Viewer,
  input: { schoolId: string; kind: DutyKind; classId?: string | null; dueOn: string; note?: string | null },
  now: Date,
): Promise<Duty> {
  const classDuty = input.kind !== DutyKind.MONTHLY_REPORT;
  if (classDuty !== !!input.classId)
    throw badInput(
      classDuty ? 'CLASS_REQUIRED' : 'DUTY_OF_SCHOOL',
      classDuty ? 'Name the class of the duty.' : "The monthly report is the school's: name no class.",
      'classId',
    );
  const found = await yearOf(em, input.schoolId, input.dueOn);
  const schoolClass = input.classId ? found?.classes.find((c) => c.id === input.classId) : null;
  const settings = await settingsOf(em, input.schoolId);
  if (!found || (classDuty && !schoolClass) || !dueDates(settings, found.year, found.periods)[input.kind].includes(input.dueOn)) {
    throw badInput('NO_SUCH_DUTY', `No such duty is due on ${input.dueOn}.`, 'dueOn');
  }
  const record = await insertDutyDone(
    em,
    { schoolId: input.schoolId, kind: input.kind, classId: schoolClass?.id ?? null, dueOn: input.dueOn },
    viewer.userId,
    input.note?.trim() || null,
    now,
  );
  // One record per duty and due date (a unique key, nulls not distinct): of two recording it at once, one wins.
  if (!record) throw conflict('This duty is already recorded as done.', undefined, 'DUTY_ALREADY_DONE');
  audit(em, viewer, { action: 'duty.done', entity: 'DutyDone', entityId: record.id, schoolId: input.schoolId, data: { ...input } }, now);
  await em.flush();
  return {
    kind: input.kind,
    schoolId: input.schoolId,
    classId: schoolClass?.id ?? null,
    className: schoolClass?.name ?? null,
    dueOn: input.dueOn,
    done: record,
    overdue: false,
    outputUrl: schoolClass ? outputOf(input.kind, schoolClass.id, input.dueOn, settings, found.periods) : null,
  };
}

/**
 * The record of a duty done, when none stands (`insert … on conflict do nothing`: the unique key decides between
 * writers at once); null when one does. `doneBy` null: recorded by the system (issue 18: parents informed).
 */
export async function insertDutyDone(
  em: EntityManager,
  duty: { schoolId: string; kind: DutyKind; classId: string | null; dueOn: string },
  doneBy: string | null,
  note: string | null,
  now: Date,
): Promise<DutyDone | null> {
  const [row] = await em.execute<{ id: string }[]>(
    `insert into duty_done (id, school_id, kind, school_class_id, due_on, done_at, done_by_id, note) values (uuidv7(), ?, ?, ?, ?, ?, ?, ?)
     on conflict (school_id, kind, school_class_id, due_on) do nothing returning id`,
    [duty.schoolId, duty.kind, duty.classId, duty.dueOn, now, doneBy, note],
  );
  return row ? em.findOneOrFail(DutyDone, row.id, { populate: ['doneBy'] }) : null;
}
