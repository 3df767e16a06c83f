import type { EntityManager } from '@mikro-orm/postgresql';
import { byId, grouped, uuidArray } from '../../kernel/dataloader.js';
import { FinalMarkChange } from './history.entity.js';
import { AttendanceChange, WorkType } from './journal.entity.js';
import { readLessonFiles } from './lesson-file.service.js';
import { MARK_CHANGE_COLUMNS, toMarkChange } from './journal.queries.js';
import { WorkTypeType, type MarkChangeRow } from './journal.types.js';

declare module '../../kernel/loaders.js' {
  /** This module's part of the request's loaders. */
  interface Loaders extends ReturnType<typeof journalLoaders> {}
}

export function journalLoaders(em: EntityManager) {
  return {
    workTypeById: byId(async (ids) => (await em.find(WorkType, { id: { $in: ids } })).map(WorkTypeType.from)),
    workTypesBySchool: grouped(
      async (ids) => (await em.find(WorkType, { school: { $in: ids } }, { orderBy: { weight: 'asc', code: 'asc' } })).map(WorkTypeType.from),
      (w) => w.schoolId,
    ),
    /** Read as rows, the columns the big screens read them with (journal.queries.ts), which prime this loader. */
    changesByMark: grouped(
      async (ids) =>
        (
          await em
            .getConnection()
            .execute<MarkChangeRow[]>(`select ${MARK_CHANGE_COLUMNS} from mark_change c where c.mark_id = any(?::uuid[]) order by c.version`, [uuidArray(ids)])
        ).map(toMarkChange),
      (c) => c.markId,
    ),
    changesByAttendance: grouped(
      (ids) => em.find(AttendanceChange, { attendance: { $in: ids } }, { orderBy: { at: 'asc' } }),
      (c) => c.attendance.id,
    ),
    changesByFinalMark: grouped(
      (ids) => em.find(FinalMarkChange, { finalMark: { $in: ids } }, { orderBy: { at: 'asc', version: 'asc' } }),
      (c) => c.finalMark.id,
    ),
    /** R-J1: the homework files of all lessons of an answer (the diary week), one statement. */
    filesByLesson: grouped(
      (ids) => readLessonFiles(em, ids),
      (f) => f.lessonId,
    ),
  };
}
