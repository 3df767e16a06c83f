import { IdArg, TEXT, TextArg } from '../../kernel/input-fields.js';
import { Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { viewerOf, type Context } from '../../policy/context.js';
import { AppError, badInput } from '../../kernel/errors.js';
import { reasonOf } from '../people/index.js';
import { LoginPayload, ViewerType } from './auth.types.js';
import type { OidcService } from './oidc.service.js';

const notConfigured = () => new AppError('BAD_USER_INPUT', 'OIDC_NOT_CONFIGURED', 'Sign-in through the identity provider is not configured on this server.');

@Resolver()
export class OidcResolver {
  constructor(private readonly oidc: OidcService | null) {}

  @Query(() => String, { nullable: true, description: 'Where the web app sends the browser to sign in with the identity provider; null when not configured' })
  oidcSignInUrl(): string | null {
    return this.oidc ? '/auth/oidc/start' : null;
  }

  @Mutation(() => LoginPayload, { description: 'Exchanges the one-time code from the identity provider sign-in for a session' })
  async redeemLoginCode(@TextArg('code', { max: 200 }) code: string, @Ctx() ctx: Context): Promise<LoginPayload> {
    if (!this.oidc) throw notConfigured();
    const { token, session, user, viewer } = await this.oidc.redeem(ctx.em, code, ctx.userAgent);
    ctx.viewer = viewer;
    return Object.assign(new LoginPayload(), {
      token,
      expiresAt: session.expiresAt,
      viewer: ViewerType.from(user, viewer),
      deviceToken: null,
      userId: user.id,
    });
  }

  @Mutation(() => Boolean, { description: 'Links a person to their identity provider account (its subject, e.g. the ЕСИА id), with the reason, audited' })
  async linkOidcIdentity(
    @IdArg('userId') userId: string,
    @TextArg('subject', { max: TEXT.line }) subject: string,
    @TextArg('reason', { max: TEXT.line, description: 'The document or request the link is made on' }) reason: string,
    @Ctx() ctx: Context,
  ) {
    if (!this.oidc) throw notConfigured();
    const viewer = viewerOf(ctx);
    // Who may link whom is the write rule's (auth.policy.ts); here only what the input must be.
    if (!subject.trim()) throw badInput('SUBJECT_REQUIRED', 'Give the subject of the provider account.', 'subject');
    await this.oidc.link(ctx.em, viewer, { userId, subject: subject.trim(), reason: reasonOf(reason) }, ctx.clock());
    return true;
  }

  @Mutation(() => Int, { description: "Removes a person's identity provider links, with the reason, audited; the number removed" })
  async unlinkOidcIdentity(@IdArg('userId') userId: string, @TextArg('reason', { max: TEXT.line }) reason: string, @Ctx() ctx: Context) {
    if (!this.oidc) throw notConfigured();
    return this.oidc.unlink(ctx.em, viewerOf(ctx), { userId, reason: reasonOf(reason) }, ctx.clock());
  }
}
