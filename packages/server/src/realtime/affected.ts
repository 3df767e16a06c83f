import type { EntityManager } from '@mikro-orm/postgresql';
import { Attendance, AttendanceType, FinalMark, FinalMarkType, Mark, MarkType, Remark, RemarkType, WorkTypeType } from '../modules/journal/index.js';
import { SubjectType } from '../modules/school/index.js';
import { Lesson, LessonType } from '../modules/timetable/index.js';
import { unhandledEvent } from '../kernel/events.js';
import type { Loaders } from '../kernel/loaders.js';
import type { Announcement, OutboxRecord } from './outbox.js';
import type { Affected } from './realtime.types.js';

/** The objects of one event, and for the policy the group and class they belong to. */
export type AffectedObjects = Affected & { groupId: string | null; classId: string | null };

/**
 * The objects a batch of events is about, read in one fork with one statement per kind (not per
 * event): marks, attendance entries, final marks, remarks, lessons, as they are now. Keyed by event id;
 * an event of a kind the streams do not carry is left out.
 *
 * The work types and subjects of the marks and final marks come in the same statements and prime
 * `loaders` (the batch's, delivery.ts): executing the events reads none of them again.
 */
export async function loadAffected(
  em: EntityManager,
  rows: OutboxRecord[],
  loaders?: Pick<Loaders, 'workTypeById' | 'subjectById'>,
): Promise<Map<string, AffectedObjects>> {
  const ids = { mark: new Set<string>(), final: new Set<string>(), remark: new Set<string>(), lesson: new Set<string>() };
  const attendanceKeys: { lesson: string; student: string }[] = [];
  // A row's payload is its type's (kernel/events.ts); a row put in by hand without its id (tests do) reads nothing.
  for (const row of rows) {
    switch (row.type) {
      case 'mark.created':
      case 'mark.changed':
      case 'mark.retracted':
        if (row.payload.markId) ids.mark.add(row.payload.markId);
        break;
      case 'finalMark.set':
        if (row.payload.finalMarkId) ids.final.add(row.payload.finalMarkId);
        break;
      case 'remark.added':
        if (row.payload.remarkId) ids.remark.add(row.payload.remarkId);
        break;
      case 'lesson.changed':
        if (row.payload.lessonId) ids.lesson.add(row.payload.lessonId);
        break;
      case 'attendance.changed':
        if (row.payload.lessonId && row.studentId) attendanceKeys.push({ lesson: row.payload.lessonId, student: row.studentId });
        break;
    }
  }
  const none = Promise.resolve([]);
  const [marks, finals, remarks, lessons, attendance] = await Promise.all([
    ids.mark.size ? em.find(Mark, { id: { $in: [...ids.mark] } }, { populate: ['lesson', 'group', 'workType', 'subject'] }) : none,
    ids.final.size ? em.find(FinalMark, { id: { $in: [...ids.final] } }, { populate: ['group', 'subject'] }) : none,
    ids.remark.size ? em.find(Remark, { id: { $in: [...ids.remark] } }, { populate: ['lesson.group'] }) : none,
    ids.lesson.size ? em.find(Lesson, { id: { $in: [...ids.lesson] } }, { populate: ['group'] }) : none,
    attendanceKeys.length ? em.find(Attendance, { $or: attendanceKeys }, { populate: ['lesson.group'] }) : none,
  ]);
  const markOf = new Map((marks as Mark[]).map((m) => [m.id, m]));
  const finalOf = new Map((finals as FinalMark[]).map((f) => [f.id, f]));
  const remarkOf = new Map((remarks as Remark[]).map((r) => [r.id, r]));
  const lessonOf = new Map((lessons as Lesson[]).map((l) => [l.id, l]));
  const attendanceOf = new Map((attendance as Attendance[]).map((a) => [`${a.lesson.id}/${a.student.id}`, a]));
  if (loaders) {
    for (const m of markOf.values()) {
      loaders.workTypeById.prime(m.workType.id, WorkTypeType.from(m.workType));
      loaders.subjectById.prime(m.subject.id, SubjectType.from(m.subject));
    }
    for (const f of finalOf.values()) loaders.subjectById.prime(f.subject.id, SubjectType.from(f.subject));
  }

  const result = new Map<string, AffectedObjects>();
  for (const row of rows) {
    const affected: AffectedObjects = {
      mark: null,
      attendance: null,
      finalMark: null,
      remark: null,
      lesson: null,
      groupId: row.groupId,
      classId: null,
    };
    // Each live type's object, as it is now (one that is gone leaves the event without it); other types are left out.
    switch (row.type) {
      case 'mark.created':
      case 'mark.changed':
      case 'mark.retracted': {
        const m = markOf.get(row.payload.markId);
        if (!m) break;
        affected.classId = m.group.schoolClass?.id ?? null;
        affected.mark = MarkType.from(m, affected.classId);
        break;
      }
      case 'finalMark.set': {
        const f = finalOf.get(row.payload.finalMarkId);
        if (!f) break;
        affected.classId = f.group.schoolClass?.id ?? null;
        affected.finalMark = FinalMarkType.from(f, affected.classId);
        break;
      }
      case 'remark.added': {
        const r = remarkOf.get(row.payload.remarkId);
        if (!r) break;
        affected.classId = r.lesson.group.schoolClass?.id ?? null;
        affected.remark = RemarkType.from(r, r.lesson.group.id, affected.classId);
        break;
      }
      case 'attendance.changed': {
        const a = attendanceOf.get(`${row.payload.lessonId}/${row.studentId}`);
        if (!a) break;
        affected.classId = a.lesson.group.schoolClass?.id ?? null;
        affected.attendance = AttendanceType.from(a, a.lesson.group.id, affected.classId);
        break;
      }
      case 'lesson.changed': {
        const l = lessonOf.get(row.payload.lessonId);
        if (!l) break;
        affected.classId = l.group.schoolClass?.id ?? null;
        affected.lesson = LessonType.from(l);
        break;
      }
      case 'mark.confirmed':
      case 'mark.flagged':
      case 'finalMark.acknowledged':
      case 'intendedMark.announced':
      case 'lessons.generated':
      case 'exam.result':
      case 'student.moved':
      case 'progress.report':
      case 'message.received':
      case 'message.retracted':
      case 'message.read':
      case 'conversation.overdue':
      case 'wall.posted':
      case 'unknown':
        continue;
      default:
        unhandledEvent(row);
    }
    result.set(row.id, affected);
  }
  return result;
}

/** An object as JSON carries it: its times `D` as ISO strings. */
type Carried<T, D extends keyof T> = Omit<T, D> & { [K in D]: string | Extract<T[K], null> };

/**
 * The objects of a mark, attendance or remark event as its notification carries them
 * (Migration20261203071001_announce_objects): the GraphQL types' fields; absent when the object was gone.
 */
export interface CarriedObjects {
  classId: string | null;
  mark?: Carried<MarkType, 'enteredAt' | 'retractedAt'>;
  workType?: WorkTypeType;
  subject?: SubjectType;
  attendance?: AttendanceType;
  remark?: Carried<RemarkType, 'at'>;
}

/**
 * The objects of an event as its notification carried them (Migration20261203071001_announce_objects): the same
 * objects `loadAffected` reads, made without a read; the work type and subject of a mark prime `loaders` as a read does.
 */
export function carriedObjects(
  row: OutboxRecord,
  announced: NonNullable<Announcement['objects']>,
  loaders: Pick<Loaders, 'workTypeById' | 'subjectById'>,
): AffectedObjects {
  // The trigger's JSON (Migration20261203071001_announce_objects), typed by what it builds.
  const carried = announced as CarriedObjects;
  const { mark, attendance, remark, workType, subject } = carried;
  if (workType) loaders.workTypeById.prime(workType.id, Object.assign(new WorkTypeType(), workType));
  if (subject) loaders.subjectById.prime(subject.id, Object.assign(new SubjectType(), subject));
  return {
    mark: mark
      ? Object.assign(new MarkType(), mark, { enteredAt: new Date(mark.enteredAt), retractedAt: mark.retractedAt === null ? null : new Date(mark.retractedAt) })
      : null,
    attendance: attendance ? Object.assign(new AttendanceType(), attendance) : null,
    finalMark: null,
    remark: remark ? Object.assign(new RemarkType(), remark, { at: new Date(remark.at) }) : null,
    lesson: null,
    groupId: row.groupId,
    classId: carried.classId,
  };
}
