/**
 * R-R7: the administration searches its school's audit log: by who, what action, which object and
 * when, newest first, a page at a time (ids are monotonic, so a page is "older than the cursor").
 */
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../kernel/errors.js';
import { decodeCursor, encodeCursor, pageSize } from '../../kernel/relay.js';
import { canAdministerSchool, ensure } from '../../policy/policy.js';
import type { Viewer } from '../../policy/viewer.js';
import { AuditEvent } from './audit.entity.js';
import { AuditEventConnection, AuditEventEdge, AuditEventType, type AuditFilter } from './audit.types.js';

export const AUDIT_PAGE_MAX = 100;
const CURSOR_KIND = 'audit';

export async function auditLog(
  em: EntityManager,
  viewer: Viewer,
  input: { schoolId: string; filter?: AuditFilter | null; first: number; after?: string | null },
): Promise<AuditEventConnection> {
  ensure(canAdministerSchool(viewer, input.schoolId), "The audit log is for the school's administration.");
  const first = pageSize(input.first, AUDIT_PAGE_MAX);
  const f = input.filter ?? {};
  if (f.from && f.to && f.from > f.to) throw badInput('ENDS_BEFORE_START', '`from` is after `to`.', 'filter');
  const where: FilterQuery<AuditEvent> = { school: input.schoolId };
  if (f.actorId) where.actor = f.actorId;
  if (f.action) where.action = f.action;
  if (f.entityId) where.entityId = f.entityId;
  if (f.from || f.to) where.at = { ...(f.from ? { $gte: f.from } : {}), ...(f.to ? { $lte: f.to } : {}) };
  if (input.after) {
    const id = decodeCursor(CURSOR_KIND, input.after);
    if (!/^\d+$/.test(id)) throw badInput('BAD_CURSOR', '`after` is not a cursor of this list.', 'after');
    where.id = { $lt: id };
  }
  const rows = await em.find(AuditEvent, where, { populate: ['actor'], orderBy: { id: 'desc' }, limit: first + 1 });
  const page = rows.slice(0, first);
  const edges = page.map((event) =>
    Object.assign(new AuditEventEdge(), { cursor: encodeCursor(CURSOR_KIND, String(event.id)), node: AuditEventType.from(event), schoolId: input.schoolId }),
  );
  return Object.assign(new AuditEventConnection(), {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    schoolId: input.schoolId,
  });
}
