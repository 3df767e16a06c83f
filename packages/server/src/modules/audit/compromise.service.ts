/**
 * R-A2: a compromised account. The person (or an administrator of their school) names the
 * moment T from which the account was in other hands: every session ends, the password is
 * replaced, and every change the account made since T is flagged invalid in the audit log
 * (the rows other modules show next to the data they describe: marks included).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../kernel/errors.js';
import { canAdministerSchool, ensure } from '../../policy/policy.js';
import type { Viewer } from '../../policy/viewer.js';
import { hashPassword, newInitialPassword } from '../people/index.js';
import { flagMarksMadeBy } from '../journal/index.js';
import { Session } from '../auth/index.js';
import { PushSubscription } from '../notifications/index.js';
import { RoleGrant, User } from '../school/index.js';
import { AuditEvent } from './audit.entity.js';
import { audit } from '../../kernel/audit.js';
import { CompromiseReport, type ReportCompromiseInput } from './audit.types.js';

export const COMPROMISE_ACTION = 'account.compromise';

export async function reportCompromise(em: EntityManager, viewer: Viewer, input: ReportCompromiseInput, now: Date): Promise<CompromiseReport> {
  const userId = input.userId ?? viewer.userId;
  const self = userId === viewer.userId;
  const user = await em.findOneOrFail(User, userId);
  const grants = await em.find(RoleGrant, { user, revokedAt: null });
  // The audit row goes to the school of the report: the person's own, or the administrator's (audit.policy.ts decided who may).
  const schoolId = grants.find((g) => g.school && (self || canAdministerSchool(viewer, g.school.id)))?.school?.id ?? null;
  if (input.since > now) throw badInput('DATE_IN_FUTURE', 'The moment of compromise cannot be in the future.', 'since');
  if (self && !input.newPassword) {
    throw badInput('NEW_PASSWORD_REQUIRED', 'Choose a new password: the old one is known to whoever used the account.', 'newPassword');
  }
  if (!self && input.newPassword)
    throw badInput('PASSWORD_IS_ISSUED', 'An administrator does not choose the password: a one-time one is issued.', 'newPassword');

  const since = user.compromisedSince && user.compromisedSince < input.since ? user.compromisedSince : input.since;
  const issued = self ? null : newInitialPassword();
  const passwordHash = await hashPassword(self ? input.newPassword! : issued!);

  return em.transactional(async (tx) => {
    const sessionsRevoked = await tx.nativeUpdate(Session, { user: userId, revokedAt: null }, { revokedAt: now });
    // Whoever had the account may have turned push on for their own device: it must stop telling them.
    const pushDevicesRemoved = await tx.nativeDelete(PushSubscription, { user: userId });
    const flaggedChanges = await tx.nativeUpdate(
      AuditEvent,
      { actor: userId, at: { $gte: since }, invalidatedAt: null, action: { $ne: COMPROMISE_ACTION } },
      { invalidatedAt: now, invalidReason: `Made from the account ${user.login} after it was reported compromised (since ${since.toISOString()})` },
    );
    // Issue 18: the account's marks since then leave every average until the administration reviews them.
    const flaggedMarks = await flagMarksMadeBy(tx, userId, since, now);
    const target = await tx.findOneOrFail(User, userId);
    target.compromisedSince = since;
    target.passwordHash = passwordHash;
    audit(
      tx,
      viewer,
      {
        action: COMPROMISE_ACTION,
        entity: 'User',
        entityId: userId,
        schoolId,
        data: { since: since.toISOString(), sessionsRevoked, pushDevicesRemoved, flaggedChanges, flaggedMarks, byAdministrator: !self },
      },
      now,
    );
    return Object.assign(new CompromiseReport(), {
      userId,
      since,
      sessionsRevoked,
      flaggedChanges,
      flaggedMarks,
      newPassword: issued,
      reportedById: viewer.userId,
    });
  });
}

/** The changes flagged invalid in a school, latest first: for its administration. */
export async function flaggedChanges(em: EntityManager, viewer: Viewer, schoolId: string, limit = 200): Promise<AuditEvent[]> {
  ensure(canAdministerSchool(viewer, schoolId));
  if (limit < 1 || limit > 1000) throw badInput('OUT_OF_RANGE', 'limit is between 1 and 1000.', 'limit');
  return em.find(AuditEvent, { school: schoolId, invalidatedAt: { $ne: null } }, { populate: ['actor'], orderBy: { at: 'desc', id: 'desc' }, limit });
}
