import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../policy/viewer.js';
import { School } from '../modules/school/school.entity.js';
import { User } from '../modules/people/user.entity.js';
import { AuditEvent } from '../modules/audit/audit.entity.js';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string;
  schoolId: string | null;
  data?: Record<string, unknown>;
}

/**
 * Adds an audit row to the unit of work: it is written by the same flush, in the same
 * transaction, as the change it describes (never one without the other). `at` is the domain time of
 * the change (the same clock as the change's own stamps, and as a compromise report's `since`).
 */
export function audit(em: EntityManager, viewer: Viewer, entry: AuditEntry, at: Date): AuditEvent {
  return em.create(AuditEvent, {
    actor: em.getReference(User, viewer.userId),
    school: entry.schoolId ? em.getReference(School, entry.schoolId) : null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    data: entry.data ?? null,
    sessionId: viewer.sessionId,
    ip: viewer.ip ?? null,
    at,
  });
}
