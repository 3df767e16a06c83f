import type { EntityManager } from '@mikro-orm/postgresql';
import { newId } from '../../kernel/ids.js';
import { badInput } from '../../kernel/errors.js';
import { STAFF_ROLES } from '../../policy/policy.js';
import type { Role } from '../../policy/roles.js';
import { RoleGrant } from './role-grant.entity.js';
import type { User } from './user.entity.js';

/** The person, if they are on the staff of the school now; else a BAD_USER_INPUT naming the role asked for. */
export async function staffMemberOf(em: EntityManager, schoolId: string, userId: string, what: string, field?: string): Promise<User> {
  const grant = await em.findOne(RoleGrant, { user: userId, school: schoolId, role: { $in: STAFF_ROLES }, revokedAt: null }, { populate: ['user'] });
  if (!grant) throw badInput('NOT_ON_STAFF', `The ${what} is not on the staff of this school.`, field);
  return grant.user;
}

/**
 * Grants `role` in the school unless the person holds it already, as `INSERT … ON CONFLICT DO NOTHING` against
 * the one-active-grant index: concurrent callers (two children linked to one parent at once) all succeed, and
 * one grant exists. Runs in the caller's transaction; true when this call granted it.
 */
export async function grantOnce(tx: EntityManager, userId: string, schoolId: string, role: Role, now: Date): Promise<boolean> {
  const { affectedRows } = await tx
    .createQueryBuilder(RoleGrant)
    .insert({ id: newId(), user: userId, school: schoolId, role, grantedAt: now })
    .onConflict()
    .ignore()
    .execute<{ affectedRows: number }>('run');
  return affectedRows > 0;
}
