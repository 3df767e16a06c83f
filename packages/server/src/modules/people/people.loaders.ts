import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Consent, consentInForce } from './consent.entity.js';
import { ConsentType } from './consent.types.js';
import type { Clock } from '../../kernel/clock.js';
import { addDays, todayIso } from '../../kernel/dates.js';
import { inForceOn } from '../../kernel/in-force.js';
import { StudentMovement } from './movement.entity.js';
import { StudentMovementType } from './movement.types.js';
import { EnrolmentType, GuardianType, PersonType, RoleGrantType } from './people.types.js';
import { StudentType, RoleGrant, Enrolment, User, inForceAtItsSchool } from '../school/index.js';
import { Role } from '../../policy/roles.js';
import { Guardianship } from './student.entity.js';

declare module '../../kernel/loaders.js' {
  /** This module's part of the request's loaders. */
  interface Loaders extends ReturnType<typeof peopleLoaders> {}
}

const groupBy = <T, K>(items: T[], key: (item: T) => K) => {
  const map = new Map<K, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
};

/** Loaders only fetch; whether the viewer may see a result is the policy's business. */
export function peopleLoaders(em: EntityManager, clock: Clock) {
  const studentById = new DataLoader<string, StudentType | null>(async (ids) => {
    const now = clock();
    // The school comes joined to its enrolment: "today" is each school's own local date.
    const rows = await em.find(Enrolment, { student: { $in: [...ids] } }, { populate: ['student', 'school'], orderBy: { startsOn: 'desc' } });
    const byStudent = groupBy(rows, (e) => e.student.id);
    // Not enrolled yet: the STUDENT grant tells the school.
    const missing = ids.filter((id) => !byStudent.has(id));
    const grants = missing.length
      ? await em.find(RoleGrant, { user: { $in: missing }, role: Role.STUDENT }, { populate: ['user'], orderBy: { grantedAt: 'desc' } })
      : [];
    return ids.map((id) => {
      const enrolments = byStudent.get(id);
      if (enrolments) {
        const current = enrolments.find((e) => inForceAtItsSchool(e, now));
        const e = current ?? enrolments[0];
        return StudentType.from(e.student, e.school.id, current ? current.schoolClass.id : null);
      }
      const grant = grants.find((g) => g.user.id === id && g.school);
      return grant ? StudentType.from(grant.user, grant.school!.id, null) : null;
    });
  });

  return {
    /** A student with the school and the class they are in today (else their latest school). */
    studentById,

    personById: new DataLoader<string, PersonType | null>(async (ids) => {
      const [users, grants] = await Promise.all([em.find(User, { id: { $in: [...ids] } }), em.find(RoleGrant, { user: { $in: [...ids] } })]);
      const grantsOf = groupBy(grants, (g) => g.user.id);
      const byId = new Map(users.map((u) => [u.id, PersonType.from(u, grantsOf.get(u.id) ?? [])]));
      return ids.map((id) => byId.get(id) ?? null);
    }),

    /** Every grant of a person, revoked ones too, oldest first. */
    grantsByUser: new DataLoader<string, RoleGrantType[]>(async (ids) => {
      const rows = await em.find(RoleGrant, { user: { $in: [...ids] } }, { orderBy: { grantedAt: 'asc' } });
      const byUser = groupBy(rows, (g) => g.user.id);
      return ids.map((id) => (byUser.get(id) ?? []).map(RoleGrantType.from));
    }),

    /** A student's parents, each with whether their own consent is in force. */
    guardiansByStudent: new DataLoader<string, GuardianType[]>(async (ids) => {
      const now = clock();
      // Loaders serve every viewer alike (graphql/context.ts): each link is judged on its own school's local date,
      // which is within a day of UTC's; the query takes the links in force on one of those three days.
      const utc = todayIso(now, 'UTC');
      const [near, consents] = await Promise.all([
        em.find(
          Guardianship,
          { student: { $in: [...ids] }, ...inForceOn({ first: addDays(utc, -1), last: addDays(utc, 1) }) },
          { populate: ['parent', 'school'] },
        ),
        em.find(Consent, { student: { $in: [...ids] } }),
      ]);
      const links = near.filter((g) => inForceAtItsSchool(g, now));
      const consented = new Set(consents.filter((c) => consentInForce(c, now)).map((c) => `${c.student.id}/${c.givenBy.id}`));
      const byStudent = groupBy(links, (g) => g.student.id);
      return ids.map((id) =>
        (byStudent.get(id) ?? [])
          .map((g) => GuardianType.from(g, consented.has(`${id}/${g.parent.id}`)))
          .sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru')),
      );
    }),

    /** Every consent recorded for a student, latest first. */
    consentsByStudent: new DataLoader<string, ConsentType[]>(async (ids) => {
      const [consents, students] = await Promise.all([
        em.find(Consent, { student: { $in: [...ids] } }, { populate: ['givenBy', 'receivedBy'], orderBy: { givenAt: 'desc' } }),
        studentById.loadMany(ids),
      ]);
      const classOf = new Map(students.flatMap((s) => (s && !(s instanceof Error) ? [[s.id, s.classId] as const] : [])));
      const byStudent = groupBy(consents, (c) => c.student.id);
      return ids.map((id) => (byStudent.get(id) ?? []).map((c) => ConsentType.from(c, classOf.get(id) ?? null, clock())));
    }),

    /** A student's class history, latest first. */
    enrolmentsByStudent: new DataLoader<string, EnrolmentType[]>(async (ids) => {
      const rows = await em.find(Enrolment, { student: { $in: [...ids] } }, { orderBy: { startsOn: 'desc' } });
      const byStudent = groupBy(rows, (e) => e.student.id);
      return ids.map((id) => (byStudent.get(id) ?? []).map(EnrolmentType.from));
    }),

    movementsByStudent: new DataLoader<string, StudentMovementType[]>(async (ids) => {
      const rows = await em.find(
        StudentMovement,
        { student: { $in: [...ids] } },
        { populate: ['recordedBy'], orderBy: { effectiveOn: 'desc', recordedAt: 'desc' } },
      );
      const byStudent = groupBy(rows, (m) => m.student.id);
      return ids.map((id) => (byStudent.get(id) ?? []).map(StudentMovementType.from));
    }),
  };
}
