import { OptimisticLockError, type EntityClass, type FilterQuery, type RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { badInput, conflict } from '../../graphql/errors.js';
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
import { settingsOf } from '../school/settings.js';
import { PlanTopic } from './keeping.entity.js';
import { attendanceDueAt, homeworkDueAt, lateness, markDueAt, periodMarkDueAt, recordLate } from './deadlines.js';
import { FinalMarkChange, LateEntryKind } from './history.entity.js';
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

type Versioned = { id: string; version: number };

/**
 * Flushes a change of a versioned row (Mark, Attendance, FinalMark) with its history, audit and outbox rows,
 * in one transaction. The ORM writes the row as `UPDATE … SET version = version + 1 WHERE id = ? AND version = ?`
 * with the version this request read (and compared with the client's): of concurrent writers exactly one
 * matches; each other one rolls back everything it wrote and gets CONFLICT with the version that won.
 */
export async function flushVersioned<T extends Versioned>(em: EntityManager, entity: EntityClass<T>, row: T, stale: (current: number) => string): Promise<void> {
  try {
    await em.flush();
  } catch (err) {
    if (!(err instanceof OptimisticLockError)) throw err;
    const { version } = await em.fork().findOneOrFail(entity, { id: row.id } as FilterQuery<T>);
    throw conflict(stale(version), version);
  }
}

/**
 * The first row for a unique key (attendance per lesson and student, a final mark per student, group, kind and
 * period), as `INSERT … ON CONFLICT DO NOTHING`: under any interleaving one writer inserts it. Returns the row
 * (managed by `tx`), or null when a concurrent writer holds the key: the INSERT waited for that writer's commit,
 * so the caller's next read sees its row.
 */
async function insertFirst<T extends Versioned>(tx: EntityManager, entity: EntityClass<T>, data: RequiredEntityData<T> & { id: string }): Promise<T | null> {
  const { affectedRows } = await tx.createQueryBuilder(entity).insert(data).onConflict().ignore().execute('run');
  return affectedRows ? tx.findOneOrFail(entity, { id: data.id } as FilterQuery<T>) : null;
}

/**
 * A request to set an entry that stands otherwise is stale when its version is not the current one, or when it
 * has neither version nor reason: it was written for an empty cell (a second tab, the offline queue) and
 * would overwrite what someone else recorded meanwhile. With a reason and no version it is a deliberate change.
 */
const isStale = (input: { version?: number | null; reason?: string | null }, current: Versioned) =>
  input.version == null ? !input.reason?.trim() : input.version !== current.version;

/** What a writer gets who finds the entry already standing: the entry when it is what they asked for, else CONFLICT. */
function standingOrConflict<T extends Versioned>(current: T, isAsked: (row: T) => boolean, stale: (current: number) => string): T {
  if (isAsked(current)) return current;
  throw conflict(stale(current.version), current.version);
}

const staleMark = (current: number, edited: number) =>
  `The mark was changed meanwhile (now version ${current}, you edited ${edited}): reload and try again.`;

/**
 * The teacher's side of the journal (R-J1..R-J8). Every write is checked, then the change, its
 * history row, its audit row and its domain event go to the database in one transaction.
 */
export class JournalService {
  constructor(private readonly clock: Clock) {}

  /** The lesson of an open year (its write rule has let the viewer keep its journal: journal.policy.ts). */
  private async keptLesson(em: EntityManager, lessonId: string): Promise<Lesson> {
    // The class's grade decides the window for written work (deadlines.ts).
    const lesson = await em.findOneOrFail(Lesson, lessonId, { populate: ['group', 'group.year', 'group.schoolClass', 'school'] });
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
    const now = this.clock();
    const homework = input.homework === undefined ? lesson.homework : input.homework.trim() || null;
    if (homework && homework !== lesson.homework) {
      const dueAt = await homeworkDueAt(em, await settingsOf(em, lesson.school.id), lesson);
      if (lateness(dueAt, now, input.reason, 'The homework')) {
        recordLate(em, viewer, { kind: LateEntryKind.HOMEWORK, group: lesson.group, periodId: lesson.period.id, recordId: lesson.id, dueAt, reason: input.reason! }, now);
      }
    }
    lesson.homework = homework;
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
    // Issue 18: late after the work type's deadline (deadlines.ts): a reason, the flag, a late_entry row.
    const dueAt = markDueAt(await settingsOf(em, lesson.school.id), lesson, workType);
    const backdated = lateness(dueAt, now, input.reason, 'The mark');
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
    if (backdated) recordLate(em, viewer, { kind: LateEntryKind.MARK, group: lesson.group, periodId: lesson.period.id, recordId: mark.id, dueAt, reason: input.reason! }, now);
    audit(em, viewer, { action: 'mark.create', entity: 'Mark', entityId: mark.id, schoolId: lesson.school.id, data: { value, studentId: student.id } }, now);
    this.event(em, 'mark.created', lesson.school.id, student.id, lesson.group.id, { markId: mark.id, lessonId: lesson.id, value });
    await em.flush();
    return mark;
  }

  private async keptMark(em: EntityManager, markId: string, version: number): Promise<Mark> {
    const mark = await em.findOneOrFail(Mark, markId, { populate: ['workType'] });
    await this.keptLesson(em, mark.lesson.id);
    // A stale version first: whoever lost a race to a retraction is told of the conflict, like any other loser.
    if (mark.version !== version) throw conflict(staleMark(mark.version, version), mark.version);
    if (mark.retractedAt) throw badInput('The mark was retracted; put a new one instead.');
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
    const now = this.clock();
    // A correction after the mark was due is flagged in its history.
    const backdated = now > markDueAt(await settingsOf(em, mark.school.id), mark.lesson, mark.workType);
    em.create(MarkChange, {
      school: mark.school,
      mark,
      version: input.version + 1,
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
    await flushVersioned(em, Mark, mark, (current) => staleMark(current, input.version));
    return mark;
  }

  async retractMark(em: EntityManager, viewer: Viewer, markId: string, version: number, reason: string): Promise<Mark> {
    if (reason.trim().length < 3) throw badInput('Say why the mark is retracted.', 'reason');
    const mark = await this.keptMark(em, markId, version);
    const now = this.clock();
    mark.retractedAt = now;
    em.create(MarkChange, {
      school: mark.school,
      mark,
      version: version + 1,
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
    await flushVersioned(em, Mark, mark, (current) => staleMark(current, version));
    return mark;
  }

  /**
   * R-J3. Asking for what is already recorded answers the entry as it is and writes nothing, so a repeated or
   * concurrent identical request (a second tab, the offline queue's replay) gets the same answer whenever it
   * arrives. A change needs a reason; with `version`, a stale one is a CONFLICT.
   */
  async setAttendance(em: EntityManager, viewer: Viewer, input: SetAttendanceInput): Promise<Attendance> {
    const lesson = await this.keptLesson(em, input.lessonId);
    const now = this.clock();
    if (lesson.date > todayIso(now, lesson.school.timezone)) throw badInput(`The lesson of ${lesson.date} has not happened yet.`, 'lessonId');
    const student = await this.studentAt(em, lesson, input.studentId);
    if (input.status === AttendanceStatus.LATE && !input.minutesLate) throw badInput('Say how many minutes late.', 'minutesLate');
    const minutesLate = input.status === AttendanceStatus.LATE ? input.minutesLate! : null;
    const isAsked = (a: Attendance) => a.status === input.status && (a.minutesLate ?? null) === minutesLate;
    const stale = (current: number) => `Attendance at this lesson is already recorded otherwise (version ${current}): reload; a change needs a reason.`;

    const existing = await em.findOne(Attendance, { lesson, student });
    if (!existing) {
      if (input.status === AttendanceStatus.PRESENT) throw badInput('Present is the default: nothing to record.');
      const dueAt = attendanceDueAt(await settingsOf(em, lesson.school.id), lesson);
      const late = lateness(dueAt, now, input.reason, 'Attendance');
      return em.transactional(async (tx) => {
        const attendance = await insertFirst(tx, Attendance, {
          id: randomUUID(),
          school: lesson.school,
          lesson,
          student,
          status: input.status,
          minutesLate,
          updatedAt: now,
          version: 1,
        });
        // Another writer recorded this cell first: the same entry is the same answer, another one a conflict.
        if (!attendance) return standingOrConflict(await tx.findOneOrFail(Attendance, { lesson, student }), isAsked, stale);
        this.recordAttendanceChange(tx, viewer, attendance, null, input, now);
        if (late) recordLate(tx, viewer, { kind: LateEntryKind.ATTENDANCE, group: lesson.group, periodId: lesson.period.id, recordId: attendance.id, dueAt, reason: input.reason! }, now);
        return attendance;
      });
    }
    if (isAsked(existing)) return existing;
    if (isStale(input, existing)) throw conflict(stale(existing.version), existing.version);
    if (!input.reason?.trim()) throw badInput('Changing an attendance entry needs a reason.', 'reason');
    const oldStatus = existing.status;
    Object.assign(existing, { status: input.status, minutesLate, updatedAt: now });
    this.recordAttendanceChange(em, viewer, existing, oldStatus, input, now);
    await flushVersioned(em, Attendance, existing, stale);
    return existing;
  }

  /** The history, audit and outbox rows of an attendance entry, flushed with it. */
  private recordAttendanceChange(em: EntityManager, viewer: Viewer, attendance: Attendance, oldStatus: AttendanceStatus | null, input: SetAttendanceInput, now: Date) {
    const lesson = attendance.lesson;
    em.create(AttendanceChange, {
      school: attendance.school,
      attendance,
      oldStatus,
      newStatus: input.status,
      reason: input.reason?.trim() || null,
      author: em.getReference(User, viewer.userId),
      at: now,
    });
    audit(em, viewer, { action: 'attendance.set', entity: 'Attendance', entityId: attendance.id, schoolId: attendance.school.id, data: { ...input, oldStatus } }, now);
    this.event(em, 'attendance.changed', attendance.school.id, attendance.student.id, lesson.group.id, { lessonId: lesson.id, status: input.status });
  }

  /**
   * R-J6. One mark per student, group, kind and period (annual, exam and final ones have none): the first is
   * inserted with ON CONFLICT DO NOTHING, a change is a versioned UPDATE. Giving the mark that already stands
   * answers it as it is and writes nothing; a change needs a reason; with `version`, a stale one is a CONFLICT.
   */
  async setFinalMark(em: EntityManager, viewer: Viewer, input: SetFinalMarkInput): Promise<FinalMark> {
    const group = await em.findOneOrFail(StudyGroup, input.groupId, { populate: ['year', 'school'] });
    if (group.year.closedAt) throw badInput(`The year ${group.year.name} is closed.`);
    const now = this.clock();
    const today = todayIso(now, group.school.timezone);

    let period: ReportingPeriod | null = null;
    let dueAt: Date | null = null;
    if (input.kind === FinalMarkKind.PERIOD) {
      if (!input.periodId) throw badInput('A period mark needs its period.', 'periodId');
      period = await em.findOne(ReportingPeriod, { id: input.periodId, year: group.year });
      if (!period) throw badInput("The period is not a period of the group's year.", 'periodId');
      if (daysBetween(today, period.endsOn) > PERIOD_MARK_WINDOW_DAYS) {
        throw badInput(`Period marks are given in the last week of the period (from ${period.endsOn} minus ${PERIOD_MARK_WINDOW_DAYS} days).`, 'periodId');
      }
      dueAt = periodMarkDueAt(await settingsOf(em, group.school.id), period, group.school.timezone);
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
    const postponedUntil = value ? null : input.postponedUntil!;
    const fields = { value, points, postponedUntil, reason: input.reason?.trim() || null };
    const isAsked = (m: FinalMark) => (m.value ?? null) === value && (m.postponedUntil ?? null) === postponedUntil;
    const stale = (current: number) => `The ${input.kind.toLowerCase()} mark is already given otherwise (version ${current}): reload; a change needs a reason.`;
    const key = { student: input.studentId, group, kind: input.kind, period };

    const existing = await em.findOne(FinalMark, key);
    if (!existing) {
      // Issue 18: a period mark given after its deadline needs a reason and is flagged (deadlines.ts).
      const late = !!dueAt && lateness(dueAt, now, input.reason, 'The period mark');
      return em.transactional(async (tx) => {
        const mark = await insertFirst(tx, FinalMark, {
          id: randomUUID(),
          school: group.school,
          student: input.studentId,
          group,
          subject: group.subject,
          kind: input.kind,
          period,
          ...fields,
          enteredBy: viewer.userId,
          enteredAt: now,
          version: 1,
        });
        // Another writer gave this mark first: the same mark is the same answer, another one a conflict.
        if (!mark) return standingOrConflict(await tx.findOneOrFail(FinalMark, key), isAsked, stale);
        this.recordFinalMarkSet(tx, viewer, mark, null, late, input, now);
        if (late) recordLate(tx, viewer, { kind: LateEntryKind.PERIOD_MARK, group, periodId: period!.id, recordId: mark.id, dueAt: dueAt!, reason: input.reason! }, now);
        return mark;
      });
    }
    if (isAsked(existing)) return existing;
    if (isStale(input, existing)) throw conflict(stale(existing.version), existing.version);
    if (!input.reason?.trim()) throw badInput('Changing a final mark needs a reason.', 'reason');
    const old = { value: existing.value ?? null, postponedUntil: existing.postponedUntil ?? null };
    // A changed mark is acknowledged anew.
    Object.assign(existing, fields, { acknowledgedAt: null, acknowledgedBy: null });
    this.recordFinalMarkSet(em, viewer, existing, old, !!dueAt && now > dueAt, input, now);
    await flushVersioned(em, FinalMark, existing, stale);
    return existing;
  }

  /** The history, audit and outbox rows of a final mark, flushed with it; `old` is null for the first entry. */
  private recordFinalMarkSet(
    em: EntityManager,
    viewer: Viewer,
    mark: FinalMark,
    old: { value: string | null; postponedUntil: string | null } | null,
    late: boolean,
    input: SetFinalMarkInput,
    now: Date,
  ) {
    em.create(FinalMarkChange, {
      school: mark.school,
      finalMark: mark,
      // The UPDATE of a change raises the version as it flushes.
      version: old ? mark.version + 1 : mark.version,
      oldValue: old?.value ?? null,
      newValue: mark.value ?? null,
      oldPostponedUntil: old?.postponedUntil ?? null,
      newPostponedUntil: mark.postponedUntil ?? null,
      reason: input.reason?.trim() || null,
      late,
      author: em.getReference(User, viewer.userId),
      at: now,
    });
    audit(em, viewer, { action: 'finalMark.set', entity: 'FinalMark', entityId: mark.id, schoolId: mark.school.id, data: { ...input } }, now);
    this.event(em, 'finalMark.set', mark.school.id, mark.student.id, mark.group.id, { finalMarkId: mark.id, kind: mark.kind, value: mark.value ?? null });
  }

  /**
   * R-D4: a parent (or the student) confirms they saw a period or final mark. The first confirmation stands:
   * `UPDATE … WHERE acknowledged_at IS NULL` lets one of concurrent ones through (and leaves the version alone,
   * so a teacher's change based on it is not refused for it).
   */
  async acknowledgeFinalMark(em: EntityManager, viewer: Viewer, finalMarkId: string): Promise<FinalMark> {
    const mark = await em.findOneOrFail(FinalMark, finalMarkId);
    if (!mark.acknowledgedAt) {
      const now = this.clock();
      await em.transactional(async (tx) => {
        const acknowledged = await tx
          .getConnection()
          .execute<{ affectedRows: number }>(
            'update final_mark set acknowledged_at = ?, acknowledged_by_id = ? where id = ? and acknowledged_at is null',
            [now, viewer.userId, mark.id],
            'run',
            tx.getTransactionContext(),
          );
        if (acknowledged.affectedRows) audit(tx, viewer, { action: 'finalMark.acknowledge', entity: 'FinalMark', entityId: mark.id, schoolId: mark.school.id }, now);
      });
      await em.refresh(mark);
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
