import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../kernel/errors.js';
import { STAFF_ROLES } from '../../policy/policy.js';
import { RoleGrant } from './role-grant.entity.js';
import type { User } from './user.entity.js';

/** The person, if they are on the staff of the school now; else a BAD_USER_INPUT naming the role asked for. */
export async function staffMemberOf(em: EntityManager, schoolId: string, userId: string, what: string, field?: string): Promise<User> {
  const grant = await em.findOne(RoleGrant, { user: userId, school: schoolId, role: { $in: STAFF_ROLES }, revokedAt: null }, { populate: ['user'] });
  if (!grant) throw badInput('NOT_ON_STAFF', `The ${what} is not on the staff of this school.`, field);
  return grant.user;
}
