/** Journal rows written straight through the ORM, as the journal's writes would have stored them: fixtures of big pages. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Mark, MarkChange, MarkChangeKind, type WorkType } from '../modules/journal/journal.entity.js';
import type { User } from '../modules/school/user.entity.js';
import type { StudyGroup } from '../modules/school/study-group.entity.js';
import type { Lesson } from '../modules/timetable/timetable.entity.js';

export interface MarkRow {
  /** The mark's column, its `period` loaded; its teacher entered the mark. */
  lesson: Lesson;
  /** The lesson's group (the mark copies its subject). */
  group: StudyGroup;
  student: User;
  /** The mark weighs what its work type weighs. */
  workType: WorkType;
  /** As shown: "5", "зач"; a number's points are the number. */
  value: string;
  /** When it was entered. */
  at: Date;
  /** Entered after the allowed window, with the reason (R-J5). */
  backdated?: { reason: string };
  /** Retracted by its teacher since. */
  retracted?: { at: Date; reason: string };
}

/** A mark and its history (created, then retracted if it was), flushed with `em`. */
export function markRow(em: EntityManager, row: MarkRow): Mark {
  const { lesson, workType, value, at } = row;
  const backdated = row.backdated !== undefined;
  const mark = em.create(Mark, {
    school: lesson.school,
    lesson,
    group: row.group,
    subject: row.group.subject,
    period: lesson.period,
    student: row.student,
    workType,
    value,
    points: /^\d+$/.test(value) ? Number(value) : null,
    weight: workType.weight,
    enteredBy: lesson.teacher,
    enteredAt: at,
    backdated,
    retractedAt: row.retracted?.at ?? null,
    version: row.retracted ? 2 : 1,
  });
  const change = { school: lesson.school, mark, author: lesson.teacher };
  em.create(MarkChange, {
    ...change,
    version: 1,
    kind: MarkChangeKind.CREATED,
    newValue: value,
    newWorkType: workType.code,
    backdated,
    at,
    reason: row.backdated?.reason ?? null,
  });
  if (row.retracted) {
    em.create(MarkChange, {
      ...change,
      version: 2,
      kind: MarkChangeKind.RETRACTED,
      oldValue: value,
      oldWorkType: workType.code,
      backdated: false,
      at: row.retracted.at,
      reason: row.retracted.reason,
    });
  }
  return mark;
}
