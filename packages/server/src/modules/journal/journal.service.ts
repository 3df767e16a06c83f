import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, badInput } from '../../graphql/errors.js';
import type { Clock } from '../../kernel/clock.js';
import type { Viewer } from '../../policy/viewer.js';
import { daysBetween, todayIso } from '../../shared/dates.js';
import { DomainEvent } from '../../realtime/domain-event.entity.js';
import { audit } from '../audit/audit.service.js';
import { Enrolment } from '../people/student.entity.js';
import { User } from '../people/user.entity.js';
import { ReportingPeriod } from '../school/academic-year.entity.js';
import { GroupKind, GroupMember, StudyGroup } from '../school/study-group.entity.js';
import { Lesson } from '../timetable/timetable.entity.js';
import { PlanTopic } from './keeping.entity.js';
import { describeScale, parseMark, SPECIAL_MARKS, type SpecialMark } from './grading.js';
import {
  Attendance,
  AttendanceChange,
  AttendanceStatus,
  FinalMark,
  FinalMarkKind,
  Mark,
  MarkChange,
  MarkChangeKind,
  Remark,
  WorkType,
} from './journal.entity.js';
import type {
  AddRemarkInput,
  ChangeMarkInput,
  PutMarkInput,
  SetAttendanceInput,
  SetFinalMarkInput,
  SetLessonContentInput,
} from './journal.types.js';

/** R-J6: period marks are given in the last week of the period (or later). */
const PERIOD_MARK_WINDOW_DAYS = 7;

/**
 * The teacher's side of the journal (R-J1..R-J8). Every write is checked, then the change, its
 * history row, its audit row and its domain event go to the database in one transaction.
 */
export class JournalService {
  constructor(private readonly clock: Clock) {}

  /** The lesson of an open year (its write rule has let the viewer keep its journal: journal.policy.ts). */
  private async keptLesson(em: EntityManager, lessonId: string): Promise<Lesson> {
    const lesson = await em.findOneOrFail(Lesson, lessonId, { populate: ['group', 'group.year', 'school'] });
    if (lesson.group.year.closedAt) throw badInput(`The year ${lesson.group.year.name} is closed: its journal is final.`);
    return lesson;
  }

  /** The student, if they are in the lesson's group on the lesson's date. */
  private async studentAt(em: EntityManager, lesson: Lesson, studentId: string): Promise<User> {
    const group = lesson.group;
    const onDate = { startsOn: { $lte: lesson.date }, $or: [{ endsOn: null }, { endsOn: { $gte: lesson.date } }] };
    const row =
      group.kind === GroupKind.WHOLE_CLASS
        ? await em.findOne(Enrolment, { student: studentId, schoolClass: group.schoolClass, ...onDate }, { populate: ['student'] })
        : await em.findOne(GroupMember, { student: studentId, group, ...onDate }, { populate: ['student'] });
    if (!row) throw badInput(`The student is not in ${group.name} on ${lesson.date}.`, 'studentId');
    return row.student;
  }

  private async workType(em: EntityManager, schoolId: string, id: string): Promise<WorkType> {
    const workType = await em.findOne(WorkType, { id, school: schoolId });
    if (!workType) throw badInput('No such work type in this school.', 'workTypeId');
    return workType;
  }

  private parse(group: StudyGroup, raw: string) {
    const parsed = parseMark(group.scale, raw);
    if (!parsed) throw badInput(`"${raw}" is not a mark of this group's scale: use ${describeScale(group.scale)}.`, 'value');
    return parsed;
  }

  private event(em: EntityManager, type: string, schoolId: string, studentId: string, groupId: string, payload: Record<string, unknown>) {
    em.create(DomainEvent, { schoolId, type, studentId, groupId, payload });
  }

  async setLessonContent(em: EntityManager, viewer: Viewer, input: SetLessonContentInput): Promise<Lesson> {
    const lesson = await this.keptLesson(em, input.lessonId);
    if (input.planTopicId) {
      const planTopic = await em.findOne(PlanTopic, { id: input.planTopicId, group: lesson.group });
      if (!planTopic) throw badInput("The topic is not in this group's thematic plan.", 'planTopicId');
      lesson.planTopic = planTopic;
      lesson.topic = planTopic.topic;
    }
    if (input.topic !== undefined) lesson.topic = input.topic.trim() || null;
    if (input.homework !== undefined) lesson.homework = input.homework.trim() || null;
    const now = this.clock();
    lesson.topicEnteredAt = now;
    audit(em, viewer, { action: 'lesson.content', entity: 'Lesson', entityId: lesson.id, schoolId: lesson.school.id, data: { ...input } }, now);
    em.create(DomainEvent, {
      schoolId: lesson.school.id,
      type: 'lesson.changed',
      groupId: lesson.group.id,
      payload: { lessonId: lesson.id, topic: lesson.topic, homework: lesson.homework },
    });
    await em.flush();
    return lesson;
  }

  async putMark(em: EntityManager, viewer: Viewer, input: PutMarkInput): Promise<Mark> {
    const lesson = await this.keptLesson(em, input.lessonId);
    const now = this.clock();
    const today = todayIso(now, lesson.school.timezone);
    if (lesson.date > today) throw badInput(`The lesson of ${lesson.date} has not happened yet: marks go in after it.`, 'lessonId');
    const student = await this.studentAt(em, lesson, input.studentId);
    const workType = await this.workType(em, lesson.school.id, input.workTypeId);
    const { value, points } = this.parse(lesson.group, input.value);
    const backdated = daysBetween(lesson.date, today) > lesson.school.backdateAfterDays;
    if (backdated && !input.reason?.trim()) {
      throw badInput(
        `The lesson was ${daysBetween(lesson.date, today)} days ago (more than ${lesson.school.backdateAfterDays}): say why the mark is entered late.`,
        'reason',
      );
    }
    const mark = em.create(Mark, {
      school: lesson.school,
      lesson,
      group: lesson.group,
      subject: lesson.group.subject,
      period: lesson.period,
      student,
      workType,
      value,
      points,
      weight: workType.weight,
      comment: input.comment?.trim() || null,
      enteredBy: em.getReference(User, viewer.userId),
      enteredAt: now,
      backdated,
    });
    em.create(MarkChange, {
      school: lesson.school,
      mark,
      version: 1,
      kind: MarkChangeKind.CREATED,
      newValue: value,
      newWorkType: workType.code,
      reason: input.reason?.trim() || null,
      backdated,
      author: em.getReference(User, viewer.userId),
      at: now,
    });
    audit(em, viewer, { action: 'mark.create', entity: 'Mark', entityId: mark.id, schoolId: lesson.school.id, data: { value, studentId: student.id } }, now);
    this.event(em, 'mark.created', lesson.school.id, student.id, lesson.group.id, { markId: mark.id, lessonId: lesson.id, value });
    await em.flush();
    return mark;
  }

  private async keptMark(em: EntityManager, markId: string, version: number | null): Promise<Mark> {
    const mark = await em.findOneOrFail(Mark, markId, { populate: ['workType'] });
    await this.keptLesson(em, mark.lesson.id);
    if (mark.retractedAt) throw badInput('The mark was retracted; put a new one instead.');
    if (version !== null && mark.version !== version) {
      throw new AppError('CONFLICT', `The mark was changed meanwhile (now version ${mark.version}, you edited ${version}): reload and try again.`);
    }
    return mark;
  }

  async changeMark(em: EntityManager, viewer: Viewer, input: ChangeMarkInput): Promise<Mark> {
    const mark = await this.keptMark(em, input.markId, input.version);
    const old = { value: mark.value, workType: mark.workType.code };
    if (input.value !== undefined) Object.assign(mark, this.parse(mark.lesson.group, input.value));
    if (input.workTypeId !== undefined) {
      mark.workType = await this.workType(em, mark.school.id, input.workTypeId);
      mark.weight = mark.workType.weight;
    }
    if (old.value === mark.value && old.workType === mark.workType.code) throw badInput('Nothing to change: the mark is already so.');
    mark.version += 1;
    const now = this.clock();
    const backdated = daysBetween(mark.lesson.date, todayIso(now, mark.lesson.school.timezone)) > mark.lesson.school.backdateAfterDays;
    em.create(MarkChange, {
      school: mark.school,
      mark,
      version: mark.version,
      kind: MarkChangeKind.CHANGED,
      oldValue: old.value,
      newValue: mark.value,
      oldWorkType: old.workType,
      newWorkType: mark.workType.code,
      reason: input.reason.trim(),
      backdated,
      author: em.getReference(User, viewer.userId),
      at: now,
    });
    audit(em, viewer, { action: 'mark.change', entity: 'Mark', entityId: mark.id, schoolId: mark.school.id, data: { old, value: mark.value, reason: input.reason } }, now);
    this.event(em, 'mark.changed', mark.school.id, mark.student.id, mark.group.id, { markId: mark.id, value: mark.value, oldValue: old.value });
    await em.flush();
    return mark;
  }

  async retractMark(em: EntityManager, viewer: Viewer, markId: string, version: number, reason: string): Promise<Mark> {
    if (reason.trim().length < 3) throw badInput('Say why the mark is retracted.', 'reason');
    const mark = await this.keptMark(em, markId, version);
    const now = this.clock();
    mark.retractedAt = now;
    mark.version += 1;
    em.create(MarkChange, {
      school: mark.school,
      mark,
      version: mark.version,
      kind: MarkChangeKind.RETRACTED,
      oldValue: mark.value,
      oldWorkType: mark.workType.code,
      reason: reason.trim(),
      backdated: false,
      author: em.getReference(User, viewer.userId),
      at: now,
    });
    audit(em, viewer, { action: 'mark.retract', entity: 'Mark', entityId: mark.id, schoolId: mark.school.id, data: { value: mark.value, reason } }, now);
    this.event(em, 'mark.retracted', mark.school.id, mark.student.id, mark.group.id, { markId: mark.id, value: mark.value });
    await em.flush();
    return mark;
  }

  async setAttendance(em: EntityManager, viewer: Viewer, input: SetAttendanceInput): Promise<Attendance> {
    const lesson = await this.keptLesson(em, input.lessonId);
    const now = this.clock();
    if (lesson.date > todayIso(now, lesson.school.timezone)) throw badInput(`The lesson of ${lesson.date} has not happened yet.`, 'lessonId');
    const student = await this.studentAt(em, lesson, input.studentId);
    if (input.status === AttendanceStatus.LATE && !input.minutesLate) throw badInput('Say how many minutes late.', 'minutesLate');
    const existing = await em.findOne(Attendance, { lesson, student });
    if (existing && !input.reason?.trim()) throw badInput('Changing an attendance entry needs a reason.', 'reason');
    if (!existing && input.status === AttendanceStatus.PRESENT) throw badInput('Present is the default: nothing to record.');
    const attendance = existing ?? em.create(Attendance, { school: lesson.school, lesson, student, status: input.status, updatedAt: now });
    const oldStatus = existing ? existing.status : null;
    if (existing) {
      if (existing.status === input.status && existing.minutesLate === (input.minutesLate ?? null)) throw badInput('Nothing to change.');
      existing.status = input.status;
      existing.version += 1;
      existing.updatedAt = now;
    }
    attendance.minutesLate = input.status === AttendanceStatus.LATE ? input.minutesLate! : null;
    em.create(AttendanceChange, {
      school: lesson.school,
      attendance,
      oldStatus,
      newStatus: input.status,
      reason: input.reason?.trim() || null,
      author: em.getReference(User, viewer.userId),
      at: now,
    });
    audit(em, viewer, { action: 'attendance.set', entity: 'Attendance', entityId: attendance.id, schoolId: lesson.school.id, data: { ...input, oldStatus } }, now);
    this.event(em, 'attendance.changed', lesson.school.id, student.id, lesson.group.id, { lessonId: lesson.id, status: input.status });
    await em.flush();
    return attendance;
  }

  async setFinalMark(em: EntityManager, viewer: Viewer, input: SetFinalMarkInput): Promise<FinalMark> {
    const group = await em.findOneOrFail(StudyGroup, input.groupId, { populate: ['year', 'school'] });
    if (group.year.closedAt) throw badInput(`The year ${group.year.name} is closed.`);
    const now = this.clock();
    const today = todayIso(now, group.school.timezone);

    let period: ReportingPeriod | null = null;
    if (input.kind === FinalMarkKind.PERIOD) {
      if (!input.periodId) throw badInput('A period mark needs its period.', 'periodId');
      period = await em.findOne(ReportingPeriod, { id: input.periodId, year: group.year });
      if (!period) throw badInput("The period is not a period of the group's year.", 'periodId');
      if (daysBetween(today, period.endsOn) > PERIOD_MARK_WINDOW_DAYS) {
        throw badInput(`Period marks are given in the last week of the period (from ${period.endsOn} minus ${PERIOD_MARK_WINDOW_DAYS} days).`, 'periodId');
      }
    } else if (input.periodId) {
      throw badInput(`A ${input.kind.toLowerCase()} mark is for the whole year: leave the period out.`, 'periodId');
    }
    const anyDay = period ?? { startsOn: group.year.startsOn, endsOn: group.year.endsOn };
    const inGroup =
      group.kind === GroupKind.WHOLE_CLASS
        ? await em.count(Enrolment, { student: input.studentId, schoolClass: group.schoolClass, startsOn: { $lte: anyDay.endsOn }, $or: [{ endsOn: null }, { endsOn: { $gte: anyDay.startsOn } }] })
        : await em.count(GroupMember, { student: input.studentId, group, startsOn: { $lte: anyDay.endsOn }, $or: [{ endsOn: null }, { endsOn: { $gte: anyDay.startsOn } }] });
    if (!inGroup) throw badInput(`The student is not in ${group.name} in that period.`, 'studentId');

    let value: string | null = null;
    let points: number | null = null;
    if (input.value === undefined || input.value === null) {
      if (!input.postponedUntil) throw badInput('Give a mark, ОСВ, Н/А, or a date to postpone attestation to.', 'value');
      if (!input.reason?.trim()) throw badInput('Say why attestation is postponed.', 'reason');
    } else if ((SPECIAL_MARKS as readonly string[]).includes(input.value.toUpperCase())) {
      value = input.value.toUpperCase() as SpecialMark;
    } else {
      ({ value, points } = this.parse(group, input.value));
    }

    const existing = await em.findOne(FinalMark, { student: input.studentId, group, kind: input.kind, period });
    if (existing && !input.reason?.trim()) throw badInput('Changing a final mark needs a reason.', 'reason');
    const mark =
      existing ??
      em.create(FinalMark, {
        school: group.school,
        student: em.getReference(User, input.studentId),
        group,
        subject: group.subject,
        kind: input.kind,
        period,
        enteredBy: em.getReference(User, viewer.userId),
        enteredAt: now,
      });
    if (existing) {
      existing.version += 1;
      existing.acknowledgedAt = null;
      existing.acknowledgedBy = null;
    }
    Object.assign(mark, { value, points, postponedUntil: value ? null : input.postponedUntil, reason: input.reason?.trim() || null });
    audit(em, viewer, { action: 'finalMark.set', entity: 'FinalMark', entityId: mark.id, schoolId: group.school.id, data: { ...input } }, now);
    this.event(em, 'finalMark.set', group.school.id, input.studentId, group.id, { finalMarkId: mark.id, kind: input.kind, value });
    await em.flush();
    return mark;
  }

  /** R-D4: a parent (or the student) confirms they saw a period or final mark. */
  async acknowledgeFinalMark(em: EntityManager, viewer: Viewer, finalMarkId: string): Promise<FinalMark> {
    const mark = await em.findOneOrFail(FinalMark, finalMarkId);
    if (!mark.acknowledgedAt) {
      const now = this.clock();
      mark.acknowledgedAt = now;
      mark.acknowledgedBy = em.getReference(User, viewer.userId);
      audit(em, viewer, { action: 'finalMark.acknowledge', entity: 'FinalMark', entityId: mark.id, schoolId: mark.school.id }, now);
      await em.flush();
    }
    return mark;
  }

  async addRemark(em: EntityManager, viewer: Viewer, input: AddRemarkInput): Promise<Remark> {
    const lesson = await this.keptLesson(em, input.lessonId);
    const student = await this.studentAt(em, lesson, input.studentId);
    const now = this.clock();
    const remark = em.create(Remark, {
      school: lesson.school,
      lesson,
      student,
      kind: input.kind,
      text: input.text.trim(),
      author: em.getReference(User, viewer.userId),
      at: now,
    });
    audit(em, viewer, { action: 'remark.add', entity: 'Remark', entityId: remark.id, schoolId: lesson.school.id, data: { kind: input.kind } }, now);
    this.event(em, 'remark.added', lesson.school.id, student.id, lesson.group.id, { remarkId: remark.id, kind: input.kind });
    await em.flush();
    return remark;
  }

}
