import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { SchoolClass } from './school-class.entity.js';
import { School } from './school.entity.js';
import { SchoolClassType, SchoolType } from './school.types.js';

/** Loaders only fetch; whether the viewer may see a result is the policy's business. */
export function schoolLoaders(em: EntityManager) {
  return {
    schoolById: new DataLoader<string, SchoolType | null>(async (ids) => {
      const rows = await em.find(School, { id: { $in: [...ids] } });
      const byId = new Map(rows.map((s) => [s.id, SchoolType.from(s)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    classById: new DataLoader<string, SchoolClassType | null>(async (ids) => {
      const rows = await em.find(SchoolClass, { id: { $in: [...ids] } });
      const byId = new Map(rows.map((c) => [c.id, SchoolClassType.from(c)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
