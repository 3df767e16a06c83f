/**
 * The class teacher's view of their class (R-A4): today's marks and absences for the live monitor,
 * and the absence register over a range of dates. The class first (the access check decides on it),
 * then one statement per collection, kept in the process's ScreenCache (graphql/screen-cache.ts) until
 * a commit touches the class or one of its groups.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { KeptScreens } from '../../kernel/screens.js';
import { badInput, notFound } from '../../kernel/errors.js';
import { canWatchClass, ensure } from '../../policy/policy.js';
import type { Viewer } from '../../policy/viewer.js';
import { addDays, todayIso, zonedInstant } from '../../kernel/dates.js';
import { Attendance, AttendanceStatus, Mark, AttendanceType, MarkType } from '../journal/index.js';
import { SchoolClass, StudyGroup } from '../school/index.js';
import { Lesson, LessonType } from '../timetable/index.js';
import { ClassRecordsType } from './monitor.types.js';

/** The longest range one request reads: a quarter and a little more. */
export const MAX_RANGE_DAYS = 100;

export interface ClassRange {
  classId: string;
  /** Default: the school's today by the clock. */
  from?: string | null;
  /** Default: `from`. */
  to?: string | null;
  /** The marks too (the monitor), or only the absences (the register). */
  withMarks: boolean;
}

export async function classRecords(em: EntityManager, screens: KeptScreens, viewer: Viewer, range: ClassRange, now: Date): Promise<ClassRecordsType> {
  const schoolClass = await em.findOne(SchoolClass, range.classId, { populate: ['school'] });
  if (!schoolClass) throw notFound('No such class.');
  ensure(canWatchClass(viewer, { id: schoolClass.id, schoolId: schoolClass.school.id }), 'Only the class teacher and the administration see this class.');
  const from = range.from ?? todayIso(now, schoolClass.school.timezone);
  const to = range.to ?? from;
  if (to < from) throw badInput('ENDS_BEFORE_START', 'The range ends before it starts.', 'to');
  if (addDays(from, MAX_RANGE_DAYS) < to) throw badInput('RANGE_TOO_LONG', `Ask for at most ${MAX_RANGE_DAYS} days at a time.`, 'to');

  const timeZone = schoolClass.school.timezone;
  const records = await screens.read(
    'classDay',
    `${schoolClass.id}/${from}/${to}/${range.withMarks}`,
    () => readClassRecords(em, { classId: schoolClass.id, from, to, withMarks: range.withMarks, timeZone }),
    (r) => ({ classIds: [schoolClass.id], groupIds: r.groupIds }),
  );
  return Object.assign(new ClassRecordsType(), {
    from,
    to,
    lessons: records.lessons,
    marks: records.marks,
    absences: records.absences,
    schoolId: schoolClass.school.id,
    classId: schoolClass.id,
  });
}

/** The class's lessons, absences and (when asked) marks in the range, as the API's types: no viewer decided on them. */
async function readClassRecords(em: EntityManager, q: { classId: string; from: string; to: string; withMarks: boolean; timeZone: string }) {
  const { classId, from, to, timeZone } = q;
  const groups = await em.find(StudyGroup, { schoolClass: classId });
  const lessons = await em.find(
    Lesson,
    { group: { $in: groups }, date: { $gte: from, $lte: to } },
    { orderBy: { date: 'asc', lessonNumber: 'asc', id: 'asc' } },
  );
  const absences = await em.find(
    Attendance,
    { lesson: { $in: lessons }, status: { $ne: AttendanceStatus.PRESENT } },
    { populate: ['lesson'], orderBy: { lesson: { date: 'asc', lessonNumber: 'asc' }, id: 'asc' } },
  );
  // A mark is the day's news on the day it was entered (school time), whatever lesson it stands at.
  const marks = q.withMarks
    ? await em.find(
        Mark,
        {
          group: { $in: groups },
          enteredAt: { $gte: zonedInstant(from, '00:00', timeZone), $lt: zonedInstant(addDays(to, 1), '00:00', timeZone) },
        },
        { populate: ['lesson'], orderBy: { enteredAt: 'asc', id: 'asc' } },
      )
    : [];
  const groupOf = new Map(lessons.map((l) => [l.id, l.group.id]));
  return {
    groupIds: groups.map((g) => g.id),
    lessons: lessons.map((l) => LessonType.from(l)),
    marks: marks.map((m) => MarkType.from(m, classId)),
    absences: absences.map((a) => AttendanceType.from(a, groupOf.get(a.lesson.id)!, classId)),
  };
}
