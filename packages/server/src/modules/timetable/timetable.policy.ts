/**
 * Read and write rules of the timetable (R-O4): the administration keeps it. A teacher may ask to be a
 * lesson's substitute; only the administration's approval makes them keeper of that lesson's journal.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { ADMIN_ROLES, canAdministerSchool, canSeeSchool, isStaffOf, signedIn, STAFF_ROLES, withRole } from '../../policy/policy.js';
import type { Viewer } from '../../policy/viewer.js';
import { writeRule, type WriteCheck } from '../../policy/write-rule.js';
import { substitutesLesson, teachesGroup, type Ground } from '../../policy/single-write.js';
import { todayIso } from '../../kernel/dates.js';
import { ReportingPeriod, byAdministration, groupFacts, type GroupFacts } from '../school/index.js';
import { Lesson, TimetableSlot } from './timetable.entity.js';
import type { ModuleRules } from '../../policy/module-rules.js';

/** A dated lesson: its group, and the substitute the administration approved (if any). */
export interface LessonFacts extends GroupFacts {
  lessonId: string;
  approvedSubstituteId: string | null;
}

export async function lessonFacts(em: EntityManager, lessonId: string): Promise<LessonFacts | null> {
  const lesson = await em.findOne(Lesson, lessonId, { populate: ['group'] });
  return (
    lesson && {
      lessonId: lesson.id,
      groupId: lesson.group.id,
      schoolId: lesson.school.id,
      classId: lesson.group.schoolClass?.id ?? null,
      approvedSubstituteId: lesson.substitutionApprovedAt ? (lesson.substitute?.id ?? null) : null,
    }
  );
}

/** Who keeps a lesson's journal: the group's teacher, or its substitute once the administration approved them. */
export const keepsLessonJournal = (viewer: Viewer, lesson: LessonFacts) =>
  viewer.taughtGroupIds.has(lesson.groupId) || lesson.approvedSubstituteId === viewer.userId;

/** What `keepsLessonJournal` rests on, which a single write's statement checks again (policy/single-write.ts). */
export const lessonKeeping = (lesson: LessonFacts): Ground[] => [teachesGroup(lesson.groupId), substitutesLesson(lesson.lessonId)];

export const timetableWriteRules = {
  setTimetableSlot: byAdministration<{ input: { groupId: string } }>('No such group.', (em, a) => groupFacts(em, a.input.groupId)),
  addLesson: byAdministration<{ input: { groupId: string } }>('No such group.', (em, a) => groupFacts(em, a.input.groupId)),
  removeTimetableSlot: byAdministration<{ slotId: string }>('No such timetable slot.', async (em, a) => {
    const slot = await em.findOne(TimetableSlot, a.slotId);
    return slot && { schoolId: slot.school.id };
  }),
  generateLessons: byAdministration<{ periodId: string }>('No such period.', async (em, a) => {
    const period = await em.findOne(ReportingPeriod, a.periodId);
    return period && { schoolId: period.school.id };
  }),
  approveSubstitution: byAdministration<{ lessonId: string }>('No such lesson.', (em, a) => lessonFacts(em, a.lessonId)),
  // The administration records a substitution; a teacher of the school may only ask for themself, on the lesson's day.
  recordSubstitution: writeRule<LessonFacts & { substituteId: string; onLessonDay: boolean }, { input: { lessonId: string; substituteId: string } }>({
    missing: 'No such lesson.',
    load: async (em, a, now) => {
      const lesson = await em.findOne(Lesson, a.input.lessonId, { populate: ['school'] });
      const facts = lesson && (await lessonFacts(em, lesson.id));
      return facts && { ...facts, substituteId: a.input.substituteId, onLessonDay: lesson.date === todayIso(now, lesson.school.timezone) };
    },
    visible: (viewer, l) => canSeeSchool(viewer, l.schoolId),
    allow: (viewer, l) =>
      canAdministerSchool(viewer, l.schoolId) ||
      (viewer.userId === l.substituteId &&
        isStaffOf(viewer, l.schoolId) &&
        (l.onLessonDay || {
          code: 'FORBIDDEN',
          reason: 'NOT_ON_LESSON_DAY',
          message: 'A substitute asks on the day of the lesson; later, the administration records the substitution.',
        })),
  }),
} satisfies Record<string, WriteCheck>;

/** The timetable module's rules, read and write (`defineModule({ rules })`), merged into THE policy by graphql/schema.ts. */
export const timetableRules = {
  query: {
    timetable: signedIn,
    lessons: withRole(...STAFF_ROLES),
    teacherDay: withRole(...STAFF_ROLES), // the viewer's own lessons
    substitutionRequests: withRole(...ADMIN_ROLES), // of a school the viewer administers (the service checks which)
    studentWeek: signedIn, // the diary gate (consent, family) is checked per student
  },
  mutation: timetableWriteRules,
  types: {
    TimetableSlot: (viewer, o) => canSeeSchool(viewer, o.schoolId),
    Lesson: (viewer, o) => canSeeSchool(viewer, o.schoolId),
  },
} satisfies ModuleRules;
