/**
 * Issue 18 (R-T1, R-T3): when each journal entry is due, in school time, by the school's settings
 * (modules/school/settings.ts). An entry after its moment needs a reason, is flagged, and leaves a
 * `late_entry` row that the fill-rate report counts. Entering ahead of time is always allowed (003 §2.1.3).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../../kernel/errors.js';
import type { Viewer } from '../../policy/viewer.js';
import { addDays, zonedInstant } from '../../kernel/dates.js';
import { User, type DeadlineSettings, School, StudyGroup } from '../school/index.js';
import { LateEntry, LateEntryKind } from './history.entity.js';

/** A lesson as its deadlines see it: its day and number, the school's time zone, its group and the class's grade. */
export interface LessonWhen {
  date: string;
  lessonNumber: number;
  timezone: string;
  groupId: string;
  classId: string | null;
  /** Null for a group of no one class. */
  grade: number | null;
}

/** The moment a local date plus `minutes` after its midnight happens (1440 = the next midnight). */
function localMoment(date: string, minutes: number, timeZone: string): Date {
  const day = addDays(date, Math.floor(minutes / 1440));
  const m = minutes % 1440;
  return zonedInstant(day, `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`, timeZone);
}

const endOfDay = (date: string, timeZone: string) => localMoment(date, 1440, timeZone);

/** Grades 10–11 have the longer window for written work (003 §2.1.4); a group of no one class, the shorter. */
const isSenior = (lesson: LessonWhen) => (lesson.grade ?? 0) >= 10;

/**
 * A mark: a work of the day (a work type with no entry days, e.g. an oral answer) by the same-day time of the
 * lesson's day; written work by the end of the 5th (grades 2–9) or 7th (10–11) day after the lesson.
 */
export function markDueAt(s: DeadlineSettings, lesson: LessonWhen, workType: { entryDays: number }): Date {
  const timeZone = lesson.timezone;
  if (workType.entryDays === 0) return localMoment(lesson.date, s.sameDayUntilMinutes, timeZone);
  const days = isSenior(lesson) ? s.writtenWorkDaysSenior : s.writtenWorkDaysJunior;
  return endOfDay(addDays(lesson.date, days), timeZone);
}

/** Attendance: the same day, by the same-day time. */
export const attendanceDueAt = (s: DeadlineSettings, lesson: LessonWhen) => localMoment(lesson.date, s.sameDayUntilMinutes, lesson.timezone);

/**
 * Homework: within the set minutes after the pupils' school day ends, i.e. after the last lesson that day of the
 * group's class (of the group itself when it belongs to no one class), by the school's bell schedule.
 */
export async function homeworkDueAt(em: EntityManager, s: DeadlineSettings, lesson: LessonWhen): Promise<Date> {
  const [row] = await em.getConnection().execute<{ last: number }[]>(
    `select max(l.lesson_number)::int as last from lesson l join study_group g on g.id = l.group_id
      where l.date = ? and (l.group_id = ? or g.school_class_id = ?)`,
    [lesson.date, lesson.groupId, lesson.classId],
  );
  const last = Math.max(row?.last ?? lesson.lessonNumber, lesson.lessonNumber);
  const ends = s.lessonEndTimes[Math.min(last, s.lessonEndTimes.length) - 1];
  const [h, m] = ends.split(':').map(Number) as [number, number];
  return localMoment(lesson.date, h * 60 + m + s.homeworkMinutesAfterDay, lesson.timezone);
}

/** A period mark: by the end of the day `periodMarkDaysBeforeEnd` days before the period's last day. */
export const periodMarkDueAt = (s: DeadlineSettings, period: { endsOn: string }, timeZone: string) =>
  endOfDay(addDays(period.endsOn, -s.periodMarkDaysBeforeEnd), timeZone);

/** Is the entry late? A late one without a reason is refused with a stable reason, naming the moment it was due. */
export function lateness(dueAt: Date, now: Date, reason: string | null | undefined, what: string): boolean {
  if (now <= dueAt) return false;
  if (!reason?.trim()) {
    throw new AppError('BAD_USER_INPUT', 'LATE_ENTRY', `${what} was due by ${dueAt.toISOString()}: say why it is entered late.`, {
      field: 'reason',
      dueAt: dueAt.toISOString(),
    });
  }
  return true;
}

/** The record of a late entry, flushed with the entry. */
export function recordLate(
  em: EntityManager,
  viewer: Viewer,
  entry: { kind: LateEntryKind; schoolId: string; groupId: string; periodId: string; recordId: string; dueAt: Date; reason: string },
  now: Date,
): void {
  em.create(LateEntry, {
    school: em.getReference(School, entry.schoolId),
    group: em.getReference(StudyGroup, entry.groupId),
    period: entry.periodId,
    kind: entry.kind,
    recordId: entry.recordId,
    dueAt: entry.dueAt,
    at: now,
    author: em.getReference(User, viewer.userId),
    reason: entry.reason.trim(),
  });
}
