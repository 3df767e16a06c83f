import type { EntityManager } from '@mikro-orm/postgresql';
import { byId, grouped } from '../../shared/dataloader.js';
import { FinalMarkChange } from './history.entity.js';
import { AttendanceChange, MarkChange, WorkType } from './journal.entity.js';
import { WorkTypeType } from './journal.types.js';

export function journalLoaders(em: EntityManager) {
  return {
    workTypeById: byId(async (ids) => (await em.find(WorkType, { id: { $in: ids } })).map(WorkTypeType.from)),
    workTypesBySchool: grouped(
      async (ids) => (await em.find(WorkType, { school: { $in: ids } }, { orderBy: { weight: 'asc', code: 'asc' } })).map(WorkTypeType.from),
      (w) => w.schoolId,
    ),
    changesByMark: grouped(
      (ids) => em.find(MarkChange, { mark: { $in: ids } }, { orderBy: { version: 'asc' } }),
      (c) => c.mark.id,
    ),
    changesByAttendance: grouped(
      (ids) => em.find(AttendanceChange, { attendance: { $in: ids } }, { orderBy: { at: 'asc' } }),
      (c) => c.attendance.id,
    ),
    changesByFinalMark: grouped(
      (ids) => em.find(FinalMarkChange, { finalMark: { $in: ids } }, { orderBy: { at: 'asc', version: 'asc' } }),
      (c) => c.finalMark.id,
    ),
  };
}
