/** Read and write rules of sign-in: the credential is the only fact; signing out and linking accounts need a viewer. */
import { anyoneMayTry, ownThings, writeRule, type WriteCheck } from '../../policy/write-rule.js';
import { actsInSchool, mayLinkIdentity } from '../../policy/grant-table.js';
import { RoleGrant } from '../school/index.js';
import type { Role } from '../../policy/roles.js';
import { anyone } from '../../policy/policy.js';
import type { ModuleRules } from '../../policy/module-rules.js';

/** A person with the roles they hold (for rank) and the schools they hold them in. */
interface IdentityFacts {
  id: string;
  roles: Role[];
  schoolIds: string[];
}

/**
 * Whoever holds a person's provider link signs in as them: only the journal or system administrator
 * links and unlinks, never for themself nor for someone of a higher role (grant-table.ts). A person of
 * no school the viewer acts in is not known to them.
 */
const identityLinks = writeRule<IdentityFacts, { userId: string }>({
  missing: 'No such person.',
  load: async (em, a) => {
    const grants = await em.find(RoleGrant, { user: a.userId, revokedAt: null });
    if (!grants.length) return null;
    return { id: a.userId, roles: grants.map((g) => g.role), schoolIds: grants.flatMap((g) => (g.school ? [g.school.id] : [])) };
  },
  visible: (viewer, p) => p.schoolIds.some((s) => actsInSchool(viewer, s)),
  allow: (viewer, p) =>
    mayLinkIdentity(viewer, p) || {
      code: 'FORBIDDEN',
      reason: 'NOT_ALLOWED',
      message: 'Only the journal administrator links accounts, never their own nor one of a higher role.',
    },
});

export const authWriteRules = {
  login: anyoneMayTry,
  redeemLoginCode: anyoneMayTry, // the one-time code is the credential
  logout: ownThings, // the viewer's own session
  linkOidcIdentity: identityLinks,
  unlinkOidcIdentity: identityLinks,
} satisfies Record<string, WriteCheck>;

/** The auth module's rules, read and write (`defineModule({ rules })`), merged into THE policy by graphql/schema.ts. */
export const authRules = {
  query: {
    viewer: anyone, // answers null to an anonymous caller
    oidcSignInUrl: anyone,
  },
  mutation: authWriteRules,
  types: {
    Viewer: (viewer, o) => viewer?.userId === o.id,
    LoginPayload: (viewer, o) => viewer?.userId === o.userId,
    ViewerAbilities: (viewer, o) => viewer?.userId === o.userId,
  },
} satisfies ModuleRules;
