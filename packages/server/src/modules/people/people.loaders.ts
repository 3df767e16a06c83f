import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Enrolment } from './student.entity.js';
import { StudentType } from './people.types.js';

export function peopleLoaders(em: EntityManager) {
  return {
    /** A student with the school and class of their latest enrolment. */
    studentById: new DataLoader<string, StudentType | null>(async (ids) => {
      const rows = await em.find(
        Enrolment,
        { student: { $in: [...ids] } },
        { populate: ['student'], orderBy: { startsOn: 'desc' } },
      );
      const byId = new Map<string, StudentType>();
      for (const e of rows) {
        if (!byId.has(e.student.id)) {
          byId.set(e.student.id, StudentType.from(e.student, e.school.id, e.endsOn ? null : e.schoolClass.id));
        }
      }
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
