import type { EntityManager } from '@mikro-orm/postgresql';
import { Attendance, FinalMark, Mark, Remark } from '../modules/journal/journal.entity.js';
import { AttendanceType, FinalMarkType, MarkType, RemarkType } from '../modules/journal/journal.types.js';
import { Lesson } from '../modules/timetable/timetable.entity.js';
import { LessonType } from '../modules/timetable/timetable.types.js';
import type { OutboxRow } from './outbox.js';
import { LIVE_TYPES, type Affected } from './realtime.types.js';

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** The objects of one event, and for the policy the group and class they belong to. */
export type AffectedObjects = Affected & { groupId: string | null; classId: string | null };

/**
 * The objects a batch of events is about, read in one fork with one statement per kind (not per
 * event): marks, attendance entries, final marks, remarks, lessons, as they are now. Keyed by event id;
 * an event of a kind the streams do not carry is left out.
 */
export async function loadAffected(em: EntityManager, rows: OutboxRow[]): Promise<Map<string, AffectedObjects>> {
  const ids = { mark: new Set<string>(), final: new Set<string>(), remark: new Set<string>(), lesson: new Set<string>() };
  const attendanceKeys: { lesson: string; student: string }[] = [];
  for (const row of rows) {
    const p = row.payload;
    switch (row.type) {
      case 'mark.created':
      case 'mark.changed':
      case 'mark.retracted':
        if (str(p.markId)) ids.mark.add(str(p.markId)!);
        break;
      case 'finalMark.set':
        if (str(p.finalMarkId)) ids.final.add(str(p.finalMarkId)!);
        break;
      case 'remark.added':
        if (str(p.remarkId)) ids.remark.add(str(p.remarkId)!);
        break;
      case 'lesson.changed':
        if (str(p.lessonId)) ids.lesson.add(str(p.lessonId)!);
        break;
      case 'attendance.changed':
        if (str(p.lessonId) && row.studentId) attendanceKeys.push({ lesson: str(p.lessonId)!, student: row.studentId });
        break;
    }
  }
  const none = Promise.resolve([]);
  const [marks, finals, remarks, lessons, attendance] = await Promise.all([
    ids.mark.size ? em.find(Mark, { id: { $in: [...ids.mark] } }, { populate: ['lesson', 'group'] }) : none,
    ids.final.size ? em.find(FinalMark, { id: { $in: [...ids.final] } }, { populate: ['group'] }) : none,
    ids.remark.size ? em.find(Remark, { id: { $in: [...ids.remark] } }, { populate: ['lesson.group'] }) : none,
    ids.lesson.size ? em.find(Lesson, { id: { $in: [...ids.lesson] } }, { populate: ['group'] }) : none,
    attendanceKeys.length ? em.find(Attendance, { $or: attendanceKeys }, { populate: ['lesson.group'] }) : none,
  ]);
  const markOf = new Map((marks as Mark[]).map((m) => [m.id, m]));
  const finalOf = new Map((finals as FinalMark[]).map((f) => [f.id, f]));
  const remarkOf = new Map((remarks as Remark[]).map((r) => [r.id, r]));
  const lessonOf = new Map((lessons as Lesson[]).map((l) => [l.id, l]));
  const attendanceOf = new Map((attendance as Attendance[]).map((a) => [`${a.lesson.id}/${a.student.id}`, a]));

  const result = new Map<string, AffectedObjects>();
  for (const row of rows) {
    if (!LIVE_TYPES[row.type]) continue;
    const p = row.payload;
    const affected: AffectedObjects = {
      mark: null,
      attendance: null,
      finalMark: null,
      remark: null,
      lesson: null,
      groupId: row.groupId,
      classId: null,
    };
    const m = markOf.get(str(p.markId) ?? '');
    const f = finalOf.get(str(p.finalMarkId) ?? '');
    const r = remarkOf.get(str(p.remarkId) ?? '');
    const l = lessonOf.get(str(p.lessonId) ?? '');
    const a = row.type === 'attendance.changed' ? attendanceOf.get(`${str(p.lessonId)}/${row.studentId}`) : undefined;
    if (row.type.startsWith('mark.') && m) {
      affected.classId = m.group.schoolClass?.id ?? null;
      affected.mark = MarkType.from(m, affected.classId);
    } else if (row.type === 'finalMark.set' && f) {
      affected.classId = f.group.schoolClass?.id ?? null;
      affected.finalMark = FinalMarkType.from(f, affected.classId);
    } else if (row.type === 'remark.added' && r) {
      affected.classId = r.lesson.group.schoolClass?.id ?? null;
      affected.remark = RemarkType.from(r, r.lesson.group.id, affected.classId);
    } else if (row.type === 'attendance.changed' && a) {
      affected.classId = a.lesson.group.schoolClass?.id ?? null;
      affected.attendance = AttendanceType.from(a, a.lesson.group.id, affected.classId);
    } else if (row.type === 'lesson.changed' && l) {
      affected.classId = l.group.schoolClass?.id ?? null;
      affected.lesson = LessonType.from(l);
    }
    result.set(row.id, affected);
  }
  return result;
}
