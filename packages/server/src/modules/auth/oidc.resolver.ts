import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { viewerOf, type Context } from '../../graphql/context.js';
import { AppError, badInput, notFound } from '../../graphql/errors.js';
import { ensure } from '../../policy/policy.js';
import type { Viewer } from '../../policy/viewer.js';
import { actsInSchool, mayLinkIdentity } from '../people/grant-table.js';
import { reasonOf } from '../people/people.service.js';
import { RoleGrant } from '../people/role-grant.entity.js';
import { LoginPayload, ViewerType } from './auth.types.js';
import type { OidcService } from './oidc.service.js';

const notConfigured = () => new AppError('BAD_USER_INPUT', 'Sign-in through the identity provider is not configured on this server.');

@Resolver()
export class OidcResolver {
  constructor(private readonly oidc: OidcService | null) {}

  @Query(() => String, { nullable: true, description: 'Where the web app sends the browser to sign in with the identity provider; null when not configured' })
  oidcSignInUrl(): string | null {
    return this.oidc ? '/auth/oidc/start' : null;
  }

  @Mutation(() => LoginPayload, { description: 'Exchanges the one-time code from the identity provider sign-in for a session' })
  async redeemLoginCode(@Arg('code', () => String) code: string, @Ctx() ctx: Context): Promise<LoginPayload> {
    if (!this.oidc) throw notConfigured();
    const { token, session, user, viewer } = await this.oidc.redeem(ctx.em, code, ctx.userAgent);
    ctx.viewer = viewer;
    return Object.assign(new LoginPayload(), { token, expiresAt: session.expiresAt, viewer: ViewerType.from(user, viewer), userId: user.id });
  }

  @Mutation(() => Boolean, { description: 'Links a person to their identity provider account (its subject, e.g. the ЕСИА id), with the reason, audited' })
  async linkOidcIdentity(
    @Arg('userId', () => ID) userId: string,
    @Arg('subject', () => String) subject: string,
    @Arg('reason', () => String, { description: 'The document or request the link is made on' }) reason: string,
    @Ctx() ctx: Context,
  ) {
    if (!this.oidc) throw notConfigured();
    const viewer = viewerOf(ctx);
    const schoolId = await ensureMayLinkIdentity(ctx.em, viewer, userId);
    if (!subject.trim()) throw badInput('Give the subject of the provider account.', 'subject');
    await this.oidc.link(ctx.em, viewer, { userId, subject: subject.trim(), reason: reasonOf(reason), schoolId });
    return true;
  }

  @Mutation(() => Int, { description: "Removes a person's identity provider links, with the reason, audited; the number removed" })
  async unlinkOidcIdentity(@Arg('userId', () => ID) userId: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: Context) {
    if (!this.oidc) throw notConfigured();
    const viewer = viewerOf(ctx);
    const schoolId = await ensureMayLinkIdentity(ctx.em, viewer, userId);
    return this.oidc.unlink(ctx.em, viewer, { userId, reason: reasonOf(reason), schoolId });
  }
}

/**
 * Whoever holds a person's provider link signs in as them: only the journal or system administrator,
 * never for themself nor for someone of a higher role (grant-table.ts). Returns the school to audit under.
 */
async function ensureMayLinkIdentity(em: EntityManager, viewer: Viewer, userId: string): Promise<string> {
  const grants = await em.find(RoleGrant, { user: userId, revokedAt: null });
  const schoolIds = grants.flatMap((g) => (g.school ? [g.school.id] : []));
  const visible = schoolIds.find((s) => actsInSchool(viewer, s));
  if (!visible) throw notFound('No such person.');
  ensure(
    mayLinkIdentity(viewer, { id: userId, roles: grants.map((g) => g.role), schoolIds }),
    'Only the journal administrator links accounts, never their own nor one of a higher role.',
  );
  return visible;
}
