/** Read and write rules of the audit area: R-A2, an account reported compromised by its owner or their school's administration. */
import { ADMIN_ROLES, canAdministerSchool, withRole } from '../../policy/policy.js';
import { writeRule, type WriteCheck } from '../../policy/write-rule.js';
import { RoleGrant, User } from '../school/index.js';
import type { ModuleRules } from '../../policy/module-rules.js';

interface AccountFacts {
  /** null: the viewer's own account. */
  userId: string | null;
  schoolIds: string[];
}

export const auditWriteRules = {
  reportCompromise: writeRule<AccountFacts, { input: { userId?: string | null } }>({
    missing: 'No such person.',
    load: async (em, { input }) => {
      if (!input.userId) return { userId: null, schoolIds: [] };
      if (!(await em.findOne(User, input.userId))) return null;
      const grants = await em.find(RoleGrant, { user: input.userId, revokedAt: null });
      return { userId: input.userId, schoolIds: grants.flatMap((g) => (g.school ? [g.school.id] : [])) };
    },
    // Someone else's account is known only to the administration of a school where they are.
    visible: (viewer, a) => a.userId === null || a.userId === viewer.userId || a.schoolIds.some((s) => canAdministerSchool(viewer, s)),
    allow: () => true,
  }),
} satisfies Record<string, WriteCheck>;

/** The audit module's rules, read and write (`defineModule({ rules })`), merged into THE policy by graphql/schema.ts. */
export const auditRules = {
  query: {
    flaggedChanges: withRole(...ADMIN_ROLES),
    auditLog: withRole(...ADMIN_ROLES),
  },
  mutation: auditWriteRules,
  types: {
    AuditEvent: (viewer, o) => !!o.schoolId && canAdministerSchool(viewer, o.schoolId),
    CompromiseReport: (viewer, o) => viewer?.userId === o.reportedById,
    AuditEventConnection: (viewer, o) => canAdministerSchool(viewer, o.schoolId),
    AuditEventEdge: (viewer, o) => canAdministerSchool(viewer, o.schoolId),
  },
} satisfies ModuleRules;
