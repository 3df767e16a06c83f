import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound } from '../../kernel/errors.js';
import { canAdministerSchool } from '../../policy/policy.js';
import type { Clock } from '../../kernel/clock.js';
import type { Viewer } from '../../policy/viewer.js';
import { eachDate, isoWeekday, isValidIsoDate } from '../../kernel/dates.js';
import { recordEvent } from '../../realtime/domain-event.entity.js';
import { audit } from '../../kernel/audit.js';
import { staffMemberOf, User, Holiday, ReportingPeriod, StudyGroup, TeachingAssignment } from '../school/index.js';
import { Lesson, TimetableSlot } from './timetable.entity.js';
import type { AddLessonInput, RecordSubstitutionInput, SetTimetableSlotInput } from './timetable.types.js';
import { inForce, inForceOn, inForceSql } from '../../kernel/in-force.js';

/**
 * A lesson was added or got a substitute: its outbox row, committed with the change and its audit row. The
 * diaries of its group's members and the screens that show the group read again (graphql/screen-cache.ts);
 * live diaries hear LESSON_CHANGED.
 */
function lessonChanged(em: EntityManager, lesson: Lesson) {
  recordEvent(em, { type: 'lesson.changed', schoolId: lesson.school.id, groupId: lesson.group.id, payload: { lessonId: lesson.id } });
}

const WEEKDAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The holiday a date falls on, if any. */
export function holidayOn(holidays: Pick<Holiday, 'name' | 'startsOn' | 'endsOn'>[], date: string) {
  return holidays.find((h) => inForce(h, date));
}

/**
 * R-O4: the weekly timetable per group, the dated lessons it generates (holidays skipped), extra
 * lessons and substitutions.
 */
export class TimetableService {
  constructor(private readonly clock: Clock) {}

  /** A group of an open year (the write rule has let the viewer administer its school). */
  private async openGroup(em: EntityManager, groupId: string): Promise<StudyGroup> {
    const group = await em.findOneOrFail(StudyGroup, groupId, { populate: ['year'] });
    if (group.year.closedAt) throw badInput('YEAR_CLOSED', `The year ${group.year.name} is closed.`);
    return group;
  }

  async setSlot(em: EntityManager, viewer: Viewer, input: SetTimetableSlotInput): Promise<TimetableSlot> {
    const group = await this.openGroup(em, input.groupId);
    const period = await em.findOne(ReportingPeriod, { id: input.periodId, year: group.year });
    if (!period) throw badInput('PERIOD_NOT_OF_YEAR', "The period is not a period of the group's year.", 'periodId');
    const teacher = await staffMemberOf(em, group.school.id, input.teacherId, 'teacher', 'teacherId');
    const at = { period, weekday: input.weekday, lessonNumber: input.lessonNumber };
    const when = `${WEEKDAYS[input.weekday]}, lesson ${input.lessonNumber}`;

    const busy = await em.find(TimetableSlot, { ...at, group: { $ne: group } }, { populate: ['group'] });
    const teacherBusy = busy.find((s) => s.teacher.id === teacher.id);
    if (teacherBusy) throw badInput('TEACHER_BUSY', `The teacher already teaches ${teacherBusy.group.name} on ${when}.`, 'teacherId');
    const roomBusy = input.room ? busy.find((s) => s.room === input.room) : undefined;
    if (roomBusy) throw badInput('ROOM_TAKEN', `Room ${input.room} is taken by ${roomBusy.group.name} on ${when}.`, 'room');

    const slot = (await em.findOne(TimetableSlot, { ...at, group })) ?? em.create(TimetableSlot, { school: group.school, group, teacher, ...at });
    slot.teacher = teacher;
    slot.room = input.room ?? null;
    audit(em, viewer, { action: 'timetable.setSlot', entity: 'TimetableSlot', entityId: slot.id, schoolId: group.school.id, data: { ...input } }, this.clock());
    await em.flush();
    return slot;
  }

  async removeSlot(em: EntityManager, viewer: Viewer, slotId: string): Promise<boolean> {
    const slot = await em.findOneOrFail(TimetableSlot, slotId);
    await this.openGroup(em, slot.group.id);
    audit(em, viewer, { action: 'timetable.removeSlot', entity: 'TimetableSlot', entityId: slot.id, schoolId: slot.school.id }, this.clock());
    em.remove(slot);
    await em.flush();
    return true;
  }

  /**
   * Creates the dated lessons of a period from its timetable, skipping holidays. Idempotent:
   * lessons that exist are kept as they are (with whatever the journal holds for them).
   */
  async generateLessons(em: EntityManager, viewer: Viewer, periodId: string): Promise<number> {
    const period = await em.findOneOrFail(ReportingPeriod, periodId, { populate: ['year'] });
    if (period.year.closedAt) throw badInput('YEAR_CLOSED', `The year ${period.year.name} is closed.`);
    const now = this.clock();
    return em.transactional(async (tx) => {
      const { created, groupIds } = await generateLessonsOfPeriod(tx, period, now);
      audit(tx, viewer, { action: 'timetable.generate', entity: 'ReportingPeriod', entityId: period.id, schoolId: period.school.id, data: { created } }, now);
      // One outbox row per group that got lessons (no live event, no notice): its kept screens are read again (graphql/screen-cache.ts).
      for (const groupId of groupIds) recordEvent(tx, { type: 'lessons.generated', schoolId: period.school.id, groupId, payload: { periodId: period.id } });
      return created;
    });
  }

  /** An extra or moved lesson outside the weekly timetable; never on a holiday. */
  async addLesson(em: EntityManager, viewer: Viewer, input: AddLessonInput): Promise<Lesson> {
    const group = await this.openGroup(em, input.groupId);
    if (!isValidIsoDate(input.date)) throw badInput('BAD_DATE', 'date must be YYYY-MM-DD.', 'date');
    const period = await em.findOne(ReportingPeriod, { year: group.year, startsOn: { $lte: input.date }, endsOn: { $gte: input.date } });
    if (!period) throw badInput('DATE_OUTSIDE_PERIODS', `${input.date} is not in any reporting period of ${group.year.name}.`, 'date');
    const holiday = holidayOn(await em.find(Holiday, { year: group.year }), input.date);
    if (holiday) throw badInput('HOLIDAY', `${input.date} is a holiday (${holiday.name}): no lessons on that day.`, 'date');
    if (await em.count(Lesson, { group, date: input.date, lessonNumber: input.lessonNumber })) {
      throw badInput('LESSON_NUMBER_TAKEN', `${group.name} already has lesson ${input.lessonNumber} on ${input.date}.`, 'lessonNumber');
    }
    const assignment = await em.findOne(TeachingAssignment, { group, ...inForceOn(input.date) }, { populate: ['teacher'] });
    if (!assignment) throw badInput('NO_TEACHER_ASSIGNED', `Nobody teaches ${group.name} on ${input.date}: assign a teacher first.`, 'groupId');
    const now = this.clock();
    const lesson = em.create(Lesson, {
      school: group.school,
      group,
      period,
      date: input.date,
      lessonNumber: input.lessonNumber,
      room: input.room ?? null,
      teacher: assignment.teacher,
      createdAt: now,
    });
    audit(em, viewer, { action: 'lesson.add', entity: 'Lesson', entityId: lesson.id, schoolId: group.school.id, data: { ...input } }, now);
    lessonChanged(em, lesson);
    await em.flush();
    return lesson;
  }

  /**
   * Recorded by the administration (approved at once), or asked for by the substitute themself: a
   * request that gives no rights on the lesson until the administration approves it.
   */
  async recordSubstitution(em: EntityManager, viewer: Viewer, input: RecordSubstitutionInput): Promise<Lesson> {
    const lesson = await em.findOneOrFail(Lesson, input.lessonId, { populate: ['school'] });
    const now = this.clock();
    const substitute = await staffMemberOf(em, lesson.school.id, input.substituteId, 'substitute', 'substituteId');
    if (substitute.id === lesson.teacher.id) throw badInput('SUBSTITUTE_IS_TEACHER', "The substitute is the lesson's own teacher.", 'substituteId');
    const byAdministration = canAdministerSchool(viewer, lesson.school.id);
    lesson.substitute = substitute;
    lesson.substitutionReason = input.reason.trim();
    lesson.substitutionRecordedAt = now;
    lesson.substitutionApprovedAt = byAdministration ? now : null;
    lesson.substitutionApprovedBy = byAdministration ? em.getReference(User, viewer.userId) : null;
    audit(
      em,
      viewer,
      {
        action: byAdministration ? 'lesson.substitute' : 'lesson.substitute.request',
        entity: 'Lesson',
        entityId: lesson.id,
        schoolId: lesson.school.id,
        data: { ...input },
      },
      now,
    );
    lessonChanged(em, lesson);
    await em.flush();
    return lesson;
  }

  /** The administration approves a substitute's own request: from now on they keep the lesson's journal. */
  async approveSubstitution(em: EntityManager, viewer: Viewer, lessonId: string): Promise<Lesson> {
    const lesson = await em.findOneOrFail(Lesson, lessonId, { populate: ['school'] });
    if (!lesson.substitute) throw badInput('NO_SUBSTITUTION_REQUEST', 'Nobody asked to substitute at this lesson.', 'lessonId');
    if (lesson.substitutionApprovedAt) throw badInput('ALREADY_APPROVED', 'The substitution is already approved.', 'lessonId');
    const now = this.clock();
    lesson.substitutionApprovedAt = now;
    lesson.substitutionApprovedBy = em.getReference(User, viewer.userId);
    audit(
      em,
      viewer,
      { action: 'lesson.substitute.approve', entity: 'Lesson', entityId: lesson.id, schoolId: lesson.school.id, data: { substituteId: lesson.substitute.id } },
      now,
    );
    lessonChanged(em, lesson);
    await em.flush();
    return lesson;
  }

  /** Substitutions teachers asked for that wait for the administration, in a school it administers. */
  async substitutionRequests(em: EntityManager, viewer: Viewer, schoolId: string): Promise<Lesson[]> {
    if (!canAdministerSchool(viewer, schoolId)) throw notFound('No such school.');
    return em.find(Lesson, { school: schoolId, substitute: { $ne: null }, substitutionApprovedAt: null }, { orderBy: { date: 'asc', lessonNumber: 'asc' } });
  }
}

/** Shared by the service and the demo seed: the lessons a period's timetable gives, holidays skipped; how many, and the groups that got some. */
export async function generateLessonsOfPeriod(em: EntityManager, period: ReportingPeriod, now: Date): Promise<{ created: number; groupIds: string[] }> {
  const slots = await em.find(TimetableSlot, { period });
  const holidays = await em.find(Holiday, { year: period.year });
  const existing = new Set(
    (await em.find(Lesson, { period }, { fields: ['group', 'date', 'lessonNumber'] })).map((l) => `${l.group.id}/${l.date}/${l.lessonNumber}`),
  );
  let created = 0;
  const groupIds = new Set<string>();
  for (const date of eachDate(period.startsOn, period.endsOn)) {
    if (holidayOn(holidays, date)) continue;
    const weekday = isoWeekday(date);
    for (const slot of slots) {
      if (slot.weekday !== weekday || existing.has(`${slot.group.id}/${date}/${slot.lessonNumber}`)) continue;
      em.create(Lesson, {
        school: period.school,
        group: slot.group,
        period,
        date,
        lessonNumber: slot.lessonNumber,
        room: slot.room ?? null,
        teacher: slot.teacher,
        createdAt: now,
      });
      created++;
      groupIds.add(slot.group.id);
    }
  }
  await em.flush();
  return { created, groupIds: [...groupIds] };
}

/**
 * SQL: the student (an SQL expression) attends lesson `l` of group `g`: a whole-class group of the class they
 * are enrolled in on its date, or a group they are a member of on its date.
 */
export const attendsLesson = (student: string) => `(
  exists (select 1 from enrolment e where e.student_id = ${student} and g.kind = 'WHOLE_CLASS' and e.school_class_id = g.school_class_id
          and ${inForceSql('e', 'l.date')})
  or exists (select 1 from group_member m where m.student_id = ${student} and m.group_id = g.id
          and ${inForceSql('m', 'l.date')}))`;

/** The lessons a student attends in a date range: their class's whole-class groups on each date, and their own groups. */
const STUDENT_LESSONS_SQL = `select l.id from lesson l join study_group g on g.id = l.group_id where l.date between ? and ? and ${attendsLesson('?')}`;

export async function lessonsOfStudent(em: EntityManager, studentId: string, from: string, to: string): Promise<Lesson[]> {
  const ids = await em.getConnection().execute<{ id: string }[]>(STUDENT_LESSONS_SQL, [from, to, studentId, studentId]);
  return em.find(Lesson, { id: { $in: ids.map((r) => r.id) } }, { orderBy: { date: 'asc', lessonNumber: 'asc' } });
}
