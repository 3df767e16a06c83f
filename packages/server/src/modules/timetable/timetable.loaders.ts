import type { EntityManager } from '@mikro-orm/postgresql';
import { grouped } from '../../kernel/dataloader.js';
import { TimetableSlot } from './timetable.entity.js';
import { TimetableSlotType } from './timetable.types.js';

declare module '../../kernel/loaders.js' {
  /** This module's part of the request's loaders. */
  interface Loaders extends ReturnType<typeof timetableLoaders> {}
}

export function timetableLoaders(em: EntityManager) {
  return {
    /** Key: `${periodId}/${groupId}`. */
    slotsByPeriodGroup: grouped(
      async (keys) => {
        const pairs = keys.map((k) => k.split('/') as [string, string]);
        const rows = await em.find(
          TimetableSlot,
          { $or: pairs.map(([period, group]) => ({ period, group })) },
          { orderBy: { weekday: 'asc', lessonNumber: 'asc' } },
        );
        return rows.map(TimetableSlotType.from);
      },
      (s) => `${s.periodId}/${s.groupId}`,
    ),
  };
}
