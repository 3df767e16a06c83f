import { OptimisticLockError, type EntityClass, type FilterQuery, type RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { newId } from '../../kernel/ids.js';
import { badInput, conflict, notFound } from '../../kernel/errors.js';
import type { Clock } from '../../kernel/clock.js';
import type { Viewer } from '../../policy/viewer.js';
import { daysBetween, todayIso } from '../../kernel/dates.js';
import { recordEvent } from '../../realtime/domain-event.entity.js';
import { audit } from '../../kernel/audit.js';
import {
  Enrolment,
  User,
  ReportingPeriod,
  GroupKind,
  GroupMember,
  StudyGroup,
  describeScale,
  parseMark,
  SPECIAL_MARKS,
  type GradingScale,
} from '../school/index.js';
import { LessonType } from '../timetable/index.js';
import { attendanceDueAt, homeworkDueAt, lateness, markDueAt, periodMarkDueAt, recordLate } from './deadlines.js';
import { FinalMarkChange, LateEntryKind } from './history.entity.js';
import { AttendanceStatus, FinalMark, FinalMarkKind, MarkChangeKind } from './journal.entity.js';
import {
  AttendanceType,
  MarkType,
  RemarkType,
  type AddRemarkInput,
  type ChangeMarkInput,
  type PutMarkInput,
  type SetAttendanceInput,
  type SetFinalMarkInput,
  type SetLessonContentInput,
} from './journal.types.js';
import {
  attendanceOf,
  insertAttendance,
  insertMark,
  insertRemark,
  markVersion,
  deadlineSettings,
  readLesson,
  readMark,
  updateAttendance,
  updateLessonContent,
  updateMark,
  yearClosed,
  type AttendanceEntry,
  type LateWrite,
  type LessonRow,
  type LessonTarget,
  type MarkRow,
  type MarkUpdate,
  type NewMark,
  type Writer,
} from './journal.writes.sql.js';
import { inForceOn } from '../../kernel/in-force.js';

/** R-J6: period marks are given in the last week of the period (or later). */
const PERIOD_MARK_WINDOW_DAYS = 7;

type Versioned = { id: string; version: number };

/**
 * Flushes a change of a versioned row (Mark, Attendance, FinalMark) with its history, audit and outbox rows,
 * in one transaction. The ORM writes the row as `UPDATE … SET version = version + 1 WHERE id = ? AND version = ?`
 * with the version this request read (and compared with the client's): of concurrent writers exactly one
 * matches; each other one rolls back everything it wrote and gets CONFLICT with the version that won.
 */
export async function flushVersioned<T extends Versioned>(
  em: EntityManager,
  entity: EntityClass<T>,
  row: T,
  stale: (current: number) => string,
): Promise<void> {
  try {
    await em.flush();
  } catch (err) {
    if (!(err instanceof OptimisticLockError)) throw err;
    // No row at all: it is gone, not changed.
    const current = await em.fork().findOne(entity, { id: row.id } as FilterQuery<T>);
    if (!current) throw notFound('Not found: it was removed meanwhile.');
    throw conflict(stale(current.version), current.version);
  }
}

/**
 * The first row for a unique key (attendance per lesson and student, a final mark per student, group, kind and
 * period), as `INSERT … ON CONFLICT DO NOTHING`: under any interleaving one writer inserts it. Returns the row
 * (managed by `tx`), or null when a concurrent writer holds the key: the INSERT waited for that writer's commit,
 * so the caller's next read sees its row.
 */
async function insertFirst<T extends Versioned>(tx: EntityManager, entity: EntityClass<T>, data: RequiredEntityData<T> & { id: string }): Promise<T | null> {
  const { affectedRows } = await tx.createQueryBuilder(entity).insert(data).onConflict().ignore().execute<{ affectedRows: number }>('run');
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

const staleMark = (current: number, edited: number) => `The mark was changed meanwhile (now version ${current}, you edited ${edited}): reload and try again.`;

/** A lesson's column of an open year: what every write to it checks first. */
function openLesson<T extends LessonRow>(row: T | null): T {
  // The write rule has found the lesson (and let the viewer keep its journal): a missing one is refused there.
  if (!row) throw notFound('No such lesson.');
  if (row.yearClosed) throw yearClosed(row.yearName);
  return row;
}

function studentInGroup(lesson: LessonTarget) {
  if (!lesson.studentInGroup) throw badInput('STUDENT_NOT_IN_GROUP', `The student is not in ${lesson.groupName} on ${lesson.date}.`, 'studentId');
  if (lesson.studentHomeSchooled) {
    throw badInput('HOME_SCHOOLED', `The student is taught at home on ${lesson.date}: their progress is kept in the paper journal.`, 'studentId');
  }
}

/** The API's mark from what the write read and wrote; `retracted` follows `retractedAt`. */
const markType = (m: Omit<MarkType, 'retracted'>): MarkType => Object.assign(new MarkType(), m, { retracted: !!m.retractedAt });

/**
 * The teacher's side of the journal. Every write is checked, then the change, its history row, its audit row
 * and its domain event go to the database in one transaction. The lesson-journal writes (marks, attendance,
 * remarks, lesson content) are one read, shared with their write rule, and one write (journal.writes.sql.ts).
 */
export class JournalService {
  constructor(private readonly clock: Clock) {}

  private parse(group: { scale: GradingScale }, raw: string) {
    const parsed = parseMark(group.scale, raw);
    if (!parsed) throw badInput('NOT_ON_SCALE', `"${raw}" is not a mark of this group's scale: use ${describeScale(group.scale)}.`, 'value');
    return parsed;
  }

  private writer(viewer: Viewer, schoolId: string, at: Date): Writer {
    return { viewer, schoolId, at };
  }

  async setLessonContent(em: EntityManager, viewer: Viewer, input: SetLessonContentInput): Promise<LessonType> {
    const lesson = openLesson(await readLesson(em, { lessonId: input.lessonId, planTopicId: input.planTopicId }));
    let topic: string | null | undefined;
    if (input.planTopicId) {
      if (!lesson.planTopicId) throw badInput('TOPIC_NOT_IN_PLAN', "The topic is not in this group's thematic plan.", 'planTopicId');
      topic = lesson.planTopic;
    }
    if (input.topic != null) topic = input.topic.trim() || null;
    const homework = input.homework != null ? input.homework.trim() || null : undefined;
    const now = this.clock();
    // Issue 18: homework set after its deadline (deadlines.ts) needs a reason and leaves a late_entry row.
    let late: LateWrite | null = null;
    if (homework && homework !== lesson.homework) {
      const dueAt = await homeworkDueAt(em, await deadlineSettings(em, lesson.schoolId), lesson);
      if (lateness(dueAt, now, input.reason, 'The homework')) late = { kind: LateEntryKind.HOMEWORK, dueAt, reason: input.reason! };
    }
    const answer = Object.assign(new LessonType(), {
      id: lesson.lessonId,
      date: lesson.date,
      lessonNumber: lesson.lessonNumber,
      room: lesson.room,
      substitutionReason: lesson.substitutionReason,
      substitutionApproved: lesson.substitutionApproved,
      topic: topic === undefined ? lesson.topic : topic,
      homework: homework === undefined ? lesson.homework : homework,
      schoolId: lesson.schoolId,
      groupId: lesson.groupId,
      periodId: lesson.periodId,
      teacherId: lesson.teacherId,
      substituteId: lesson.substituteId,
    });
    const written = await updateLessonContent(
      em,
      this.writer(viewer, lesson.schoolId, now),
      { lesson, planTopicId: input.planTopicId || undefined, topic, homework, auditData: { ...input }, late },
      answer,
    );
    // As it stands after the change (another tab may have set the other field meanwhile).
    return Object.assign(answer, written);
  }

  async putMark(em: EntityManager, viewer: Viewer, input: PutMarkInput): Promise<MarkType> {
    const lesson = openLesson(await readLesson(em, { lessonId: input.lessonId, studentId: input.studentId, workTypeId: input.workTypeId }));
    const now = this.clock();
    const today = todayIso(now, lesson.timezone);
    if (lesson.date > today) throw badInput('LESSON_NOT_STARTED', `The lesson of ${lesson.date} has not happened yet: marks go in after it.`, 'lessonId');
    studentInGroup(lesson);
    if (!lesson.workTypeId) throw badInput('NO_SUCH_WORK_TYPE', 'No such work type in this school.', 'workTypeId');
    const { value, points } = this.parse(lesson, input.value);
    // Issue 18: late after the work type's deadline (deadlines.ts): a reason, the flag, a late_entry row.
    const dueAt = markDueAt(await deadlineSettings(em, lesson.schoolId), lesson, { entryDays: lesson.workTypeEntryDays! });
    const backdated = lateness(dueAt, now, input.reason, 'The mark');
    const mark: NewMark = {
      id: newId(),
      lesson,
      studentId: input.studentId,
      workTypeId: lesson.workTypeId,
      workTypeCode: lesson.workTypeCode!,
      value,
      points,
      weight: lesson.workTypeWeight!,
      comment: input.comment?.trim() || null,
      backdated,
      reason: input.reason?.trim() || null,
      late: backdated ? { kind: LateEntryKind.MARK, dueAt, reason: input.reason! } : null,
    };
    const answer = markType({
      id: mark.id,
      value,
      points,
      weight: mark.weight,
      comment: mark.comment,
      backdated,
      flagged: false,
      workTypeId: mark.workTypeId,
      studentId: input.studentId,
      enteredAt: now,
      retractedAt: null,
      version: 1,
      date: lesson.date,
      lessonId: lesson.lessonId,
      subjectId: lesson.subjectId,
      schoolId: lesson.schoolId,
      groupId: lesson.groupId,
      classId: lesson.classId,
    });
    await insertMark(em, this.writer(viewer, lesson.schoolId, now), mark, answer);
    return answer;
  }

  /** The mark to change: of an open year, at the version the change is based on, not retracted. */
  private async keptMark(em: EntityManager, markId: string, version: number, workTypeId?: string | null): Promise<MarkRow> {
    const mark = await readMark(em, markId, workTypeId);
    if (!mark) throw notFound('No such mark.');
    openLesson(mark);
    // A stale version first: whoever lost a race to a retraction is told of the conflict, like any other loser.
    if (mark.version !== version) throw conflict(staleMark(mark.version, version), mark.version);
    if (mark.retracted) throw badInput('MARK_RETRACTED', 'The mark was retracted; put a new one instead.');
    return mark;
  }

  /**
   * Writes a versioned change of a mark, whose answer is `answer` (at the next version); a concurrent writer who
   * won first makes it a CONFLICT naming their version.
   */
  private async changed(em: EntityManager, w: Writer, change: MarkUpdate, answer: MarkType): Promise<MarkType> {
    const version = await updateMark(em, w, change, answer);
    if (version !== null) return Object.assign(answer, { version });
    const current = await markVersion(em, change.mark.markId);
    throw conflict(staleMark(current, change.version), current);
  }

  private markOf(
    m: MarkRow,
    change: { value: string; points: number | null; weight: number; workTypeId: string; retractedAt: Date | null; version: number; flagged?: boolean },
  ): MarkType {
    return markType({
      id: m.markId,
      comment: m.comment,
      enteredAt: new Date(m.enteredAt),
      backdated: m.backdated,
      flagged: m.flagged,
      date: m.date,
      lessonId: m.lessonId,
      subjectId: m.subjectId,
      schoolId: m.schoolId,
      studentId: m.studentId,
      groupId: m.groupId,
      classId: m.classId,
      ...change,
    });
  }

  async changeMark(em: EntityManager, viewer: Viewer, input: ChangeMarkInput): Promise<MarkType> {
    const mark = await this.keptMark(em, input.markId, input.version, input.workTypeId);
    const next = { value: mark.value, points: mark.points, workTypeId: mark.markWorkTypeId, workTypeCode: mark.markWorkTypeCode, weight: mark.weight };
    if (input.value != null) Object.assign(next, this.parse(mark, input.value));
    if (input.workTypeId != null) {
      if (!mark.workTypeId) throw badInput('NO_SUCH_WORK_TYPE', 'No such work type in this school.', 'workTypeId');
      Object.assign(next, { workTypeId: mark.workTypeId, workTypeCode: mark.workTypeCode!, weight: mark.workTypeWeight! });
    }
    const old = { value: mark.value, workType: mark.markWorkTypeCode };
    if (old.value === next.value && old.workType === next.workTypeCode) throw badInput('NOTHING_TO_CHANGE', 'Nothing to change: the mark is already so.');
    const now = this.clock();
    // A correction after the mark was due is flagged in its history.
    const backdated = now > markDueAt(await deadlineSettings(em, mark.schoolId), mark, { entryDays: mark.markWorkTypeEntryDays });
    return this.changed(
      em,
      this.writer(viewer, mark.schoolId, now),
      {
        mark,
        version: input.version,
        set: next,
        history: {
          kind: MarkChangeKind.CHANGED,
          oldValue: old.value,
          newValue: next.value,
          oldWorkType: old.workType,
          newWorkType: next.workTypeCode,
          reason: input.reason.trim(),
          backdated,
        },
        audit: { action: 'mark.change', data: { old, value: next.value, reason: input.reason } },
        event: { type: 'mark.changed', payload: { markId: mark.markId, value: next.value, oldValue: old.value } },
      },
      this.markOf(mark, {
        value: next.value,
        points: next.points,
        weight: next.weight,
        workTypeId: next.workTypeId,
        retractedAt: null,
        version: input.version + 1,
      }),
    );
  }

  async retractMark(em: EntityManager, viewer: Viewer, markId: string, version: number, reason: string): Promise<MarkType> {
    if (reason.trim().length < 3) throw badInput('RETRACTION_REASON_REQUIRED', 'Say why the mark is retracted.', 'reason');
    const mark = await this.keptMark(em, markId, version);
    const now = this.clock();
    return this.changed(
      em,
      this.writer(viewer, mark.schoolId, now),
      {
        mark,
        version,
        set: { retractedAt: now },
        history: {
          kind: MarkChangeKind.RETRACTED,
          oldValue: mark.value,
          newValue: null,
          oldWorkType: mark.markWorkTypeCode,
          newWorkType: null,
          reason: reason.trim(),
          backdated: false,
        },
        audit: { action: 'mark.retract', data: { value: mark.value, reason } },
        event: { type: 'mark.retracted', payload: { markId: mark.markId, value: mark.value } },
      },
      this.markOf(mark, {
        value: mark.value,
        points: mark.points,
        weight: mark.weight,
        workTypeId: mark.markWorkTypeId,
        retractedAt: now,
        version: version + 1,
      }),
    );
  }

  /**
   * Issue 18, R-A2: the director's or the journal administrator's decision on a mark flagged after a compromise
   * report, recorded in its history with the reason; a versioned change like a teacher's (one of two reviewers
   * at once wins, the other is told of the conflict). A retraction reaches the family like a teacher's; a
   * confirmed mark stands as it was shown, and counts again.
   */
  async reviewFlaggedMark(em: EntityManager, viewer: Viewer, input: { markId: string; version: number; confirm: boolean; reason: string }): Promise<MarkType> {
    const reason = input.reason.trim();
    if (reason.length < 3) throw badInput('REASON_REQUIRED', 'Say why.', 'reason');
    const mark = await this.keptMark(em, input.markId, input.version);
    if (!mark.flagged) throw badInput('MARK_NOT_FLAGGED', 'The mark is not awaiting review.', 'markId');
    const now = this.clock();
    const retractedAt = input.confirm ? null : now;
    return this.changed(
      em,
      this.writer(viewer, mark.schoolId, now),
      {
        mark,
        version: input.version,
        set: { reviewed: { retractedAt } },
        history: {
          kind: input.confirm ? MarkChangeKind.CONFIRMED : MarkChangeKind.RETRACTED,
          oldValue: mark.value,
          newValue: input.confirm ? mark.value : null,
          oldWorkType: mark.markWorkTypeCode,
          newWorkType: input.confirm ? mark.markWorkTypeCode : null,
          reason,
          backdated: false,
        },
        audit: { action: input.confirm ? 'mark.confirm' : 'mark.retract', data: { value: mark.value, reason } },
        // A retraction reaches the family like a teacher's; a confirmed mark stands as shown but counts in the averages
        // again: its outbox row (no live event, no notice) drops the screens kept for it (graphql/screen-cache.ts).
        event: { type: input.confirm ? 'mark.confirmed' : 'mark.retracted', payload: { markId: mark.markId, value: mark.value } },
      },
      this.markOf(mark, {
        value: mark.value,
        points: mark.points,
        weight: mark.weight,
        workTypeId: mark.markWorkTypeId,
        retractedAt,
        version: input.version + 1,
        flagged: false,
      }),
    );
  }

  /**
   * R-J3. Asking for what is already recorded answers the entry as it is and writes nothing, so a repeated or
   * concurrent identical request (a second tab, the offline queue's replay) gets the same answer whenever it
   * arrives. A change needs a reason; with `version`, a stale one is a CONFLICT.
   */
  async setAttendance(em: EntityManager, viewer: Viewer, input: SetAttendanceInput): Promise<AttendanceType> {
    const lesson = openLesson(await readLesson(em, { lessonId: input.lessonId, studentId: input.studentId }));
    const now = this.clock();
    if (lesson.date > todayIso(now, lesson.timezone)) throw badInput('LESSON_NOT_STARTED', `The lesson of ${lesson.date} has not happened yet.`, 'lessonId');
    studentInGroup(lesson);
    if (input.status === AttendanceStatus.LATE && !input.minutesLate) throw badInput('MINUTES_LATE_REQUIRED', 'Say how many minutes late.', 'minutesLate');
    const minutesLate = input.status === AttendanceStatus.LATE ? input.minutesLate! : null;
    const isAsked = (a: AttendanceEntry) => a.status === input.status && (a.minutesLate ?? null) === minutesLate;
    const stale = (current: number) => `Attendance at this lesson is already recorded otherwise (version ${current}): reload; a change needs a reason.`;
    const answer = (a: AttendanceEntry) =>
      Object.assign(new AttendanceType(), {
        ...a,
        date: lesson.date,
        lessonId: lesson.lessonId,
        schoolId: lesson.schoolId,
        studentId: input.studentId,
        groupId: lesson.groupId,
        classId: lesson.classId,
      });
    const w = this.writer(viewer, lesson.schoolId, now);
    const write = (oldStatus: AttendanceStatus | null, late: LateWrite | null = null) => ({
      lesson,
      studentId: input.studentId,
      status: input.status,
      minutesLate,
      oldStatus,
      reason: input.reason?.trim() || null,
      auditData: { ...input, oldStatus },
      late,
    });
    // What the write answers if it goes through: judged before it is sent (policy/single-write.ts).
    const asked = (id: string, version: number) => answer({ id, status: input.status, minutesLate, version });

    if (!lesson.attendanceId) {
      if (input.status === AttendanceStatus.PRESENT) throw badInput('NOTHING_TO_CHANGE', 'Present is the default: nothing to record.');
      const dueAt = attendanceDueAt(await deadlineSettings(em, lesson.schoolId), lesson);
      const late = lateness(dueAt, now, input.reason, 'Attendance') ? { kind: LateEntryKind.ATTENDANCE, dueAt, reason: input.reason! } : null;
      const id = newId();
      const entry = await insertAttendance(em, w, id, write(null, late), asked(id, 1));
      // Another writer recorded this cell first: the same entry is the same answer, another one a conflict.
      return answer(entry ?? standingOrConflict(await attendanceOf(em, lesson.lessonId, input.studentId), isAsked, stale));
    }
    const existing: AttendanceEntry = {
      id: lesson.attendanceId,
      status: lesson.attendanceStatus!,
      minutesLate: lesson.minutesLate,
      version: lesson.attendanceVersion!,
    };
    if (isAsked(existing)) return answer(existing);
    if (isStale(input, existing)) throw conflict(stale(existing.version), existing.version);
    if (!input.reason?.trim()) throw badInput('CORRECTION_REASON_REQUIRED', 'Changing an attendance entry needs a reason.', 'reason');
    const entry = await updateAttendance(em, w, write(existing.status), existing, asked(existing.id, existing.version + 1));
    if (entry) return answer(entry);
    const current = await attendanceOf(em, lesson.lessonId, input.studentId);
    throw conflict(stale(current.version), current.version);
  }

  /**
   * R-J6. One mark per student, group, kind and period (annual, exam and final ones have none): the first is
   * inserted with ON CONFLICT DO NOTHING, a change is a versioned UPDATE. Giving the mark that already stands
   * answers it as it is and writes nothing; a change needs a reason; with `version`, a stale one is a CONFLICT.
   */
  async setFinalMark(em: EntityManager, viewer: Viewer, input: SetFinalMarkInput): Promise<FinalMark> {
    const group = await em.findOneOrFail(StudyGroup, input.groupId, { populate: ['year', 'school'] });
    if (group.year.closedAt) throw badInput('YEAR_CLOSED', `The year ${group.year.name} is closed.`);
    const now = this.clock();
    const today = todayIso(now, group.school.timezone);

    let period: ReportingPeriod | null = null;
    let dueAt: Date | null = null;
    if (input.kind === FinalMarkKind.PERIOD) {
      if (!input.periodId) throw badInput('PERIOD_REQUIRED', 'A period mark needs its period.', 'periodId');
      period = await em.findOne(ReportingPeriod, { id: input.periodId, year: group.year });
      if (!period) throw badInput('PERIOD_NOT_OF_YEAR', "The period is not a period of the group's year.", 'periodId');
      if (daysBetween(today, period.endsOn) > PERIOD_MARK_WINDOW_DAYS) {
        throw badInput(
          'PERIOD_MARK_TOO_EARLY',
          `Period marks are given in the last week of the period (from ${period.endsOn} minus ${PERIOD_MARK_WINDOW_DAYS} days).`,
          'periodId',
        );
      }
      dueAt = periodMarkDueAt(await deadlineSettings(em, group.school.id), period, group.school.timezone);
    } else if (input.periodId) {
      throw badInput('YEAR_MARK_HAS_NO_PERIOD', `A ${input.kind.toLowerCase()} mark is for the whole year: leave the period out.`, 'periodId');
    }
    const anyDay = period ?? { startsOn: group.year.startsOn, endsOn: group.year.endsOn };
    const inGroup =
      group.kind === GroupKind.WHOLE_CLASS
        ? await em.count(Enrolment, {
            student: input.studentId,
            schoolClass: group.schoolClass,
            ...inForceOn({ first: anyDay.startsOn, last: anyDay.endsOn }),
          })
        : await em.count(GroupMember, {
            student: input.studentId,
            group,
            ...inForceOn({ first: anyDay.startsOn, last: anyDay.endsOn }),
          });
    if (!inGroup) throw badInput('STUDENT_NOT_IN_GROUP', `The student is not in ${group.name} in that period.`, 'studentId');

    let value: string | null = null;
    let points: number | null = null;
    if (input.value === undefined || input.value === null) {
      if (!input.postponedUntil) throw badInput('FINAL_MARK_VALUE_REQUIRED', 'Give a mark, ОСВ, Н/А, or a date to postpone attestation to.', 'value');
      if (!input.reason?.trim()) throw badInput('POSTPONEMENT_REASON_REQUIRED', 'Say why attestation is postponed.', 'reason');
    } else if ((SPECIAL_MARKS as readonly string[]).includes(input.value.toUpperCase())) {
      value = input.value.toUpperCase();
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
          id: newId(),
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
        if (late)
          recordLate(
            tx,
            viewer,
            {
              kind: LateEntryKind.PERIOD_MARK,
              schoolId: group.school.id,
              groupId: group.id,
              periodId: period!.id,
              recordId: mark.id,
              dueAt: dueAt!,
              reason: input.reason!,
            },
            now,
          );
        return mark;
      });
    }
    if (isAsked(existing)) return existing;
    if (isStale(input, existing)) throw conflict(stale(existing.version), existing.version);
    if (!input.reason?.trim()) throw badInput('CORRECTION_REASON_REQUIRED', 'Changing a final mark needs a reason.', 'reason');
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
    recordEvent(em, {
      type: 'finalMark.set',
      schoolId: mark.school.id,
      studentId: mark.student.id,
      groupId: mark.group.id,
      payload: { finalMarkId: mark.id, kind: mark.kind, value: mark.value ?? null },
    });
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
        if (acknowledged.affectedRows) {
          audit(tx, viewer, { action: 'finalMark.acknowledge', entity: 'FinalMark', entityId: mark.id, schoolId: mark.school.id }, now);
          // The journal shows who saw the mark: its outbox row (no live event, no notice) drops the kept screens (graphql/screen-cache.ts).
          recordEvent(tx, {
            type: 'finalMark.acknowledged',
            schoolId: mark.school.id,
            studentId: mark.student.id,
            groupId: mark.group.id,
            payload: { finalMarkId: mark.id },
          });
        }
      });
      await em.refresh(mark);
    }
    return mark;
  }

  async addRemark(em: EntityManager, viewer: Viewer, input: AddRemarkInput): Promise<RemarkType> {
    const lesson = openLesson(await readLesson(em, { lessonId: input.lessonId, studentId: input.studentId }));
    studentInGroup(lesson);
    const now = this.clock();
    const remark = { id: newId(), lesson, studentId: input.studentId, kind: input.kind, text: input.text.trim() };
    const answer = Object.assign(new RemarkType(), {
      id: remark.id,
      kind: remark.kind,
      text: remark.text,
      at: now,
      lessonId: lesson.lessonId,
      authorId: viewer.userId,
      schoolId: lesson.schoolId,
      studentId: input.studentId,
      groupId: lesson.groupId,
      classId: lesson.classId,
    });
    await insertRemark(em, this.writer(viewer, lesson.schoolId, now), remark, answer);
    return answer;
  }
}
