import type { EntityManager } from '@mikro-orm/postgresql';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string;
  schoolId: string | null;
  data?: Record<string, unknown>;
}

/** Who made a change, as the viewer of its request says (policy/viewer.ts); its address when there is a request. */
export interface AuditActor {
  userId: string;
  sessionId: string;
  ip?: string | null;
}

/** The audit module's entity (modules/audit/audit.entity.ts), looked up by name in the ORM's metadata. */
const AUDIT_EVENT = 'AuditEvent';

/** An `audit_event` row as written (the entity, with its reading, is the audit module's `AuditEvent`). */
interface AuditRow {
  actor: string;
  school: string | null;
  action: string;
  entity: string;
  entityId: string;
  data: Record<string, unknown> | null;
  sessionId: string;
  ip: string | null;
  at: Date;
}

/**
 * Adds an audit row to the unit of work: it is written by the same flush, in the same
 * transaction, as the change it describes (never one without the other). `at` is the domain time of
 * the change (the same clock as the change's own stamps, and as a compromise report's `since`).
 * Every module writes it; the entity is named, not imported, so the log sits below the modules whose people
 * and schools it points at (MikroORM takes the actor's and the school's ids for the relations).
 */
export function audit(em: EntityManager, actor: AuditActor, entry: AuditEntry, at: Date): void {
  em.create(em.getMetadata().getByClassName<AuditRow>(AUDIT_EVENT).class, {
    actor: actor.userId,
    school: entry.schoolId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    data: entry.data ?? null,
    sessionId: actor.sessionId,
    ip: actor.ip ?? null,
    at,
  });
}
