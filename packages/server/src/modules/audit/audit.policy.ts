/** Write rules of the audit area: R-A2, an account reported compromised by its owner or their school's administration. */
import { canAdministerSchool } from '../../policy/policy.js';
import { writeRule, type WriteCheck } from '../../policy/write-rule.js';
import { RoleGrant, User } from '../school/index.js';

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
