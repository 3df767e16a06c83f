import { IdArg, TEXT, TextArg } from '../../graphql/input-fields.js';
import { Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { viewerOf, type Context } from '../../graphql/context.js';
import { AppError } from '../../graphql/errors.js';
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
  async redeemLoginCode(@TextArg('code', { max: 200 }) code: string, @Ctx() ctx: Context): Promise<LoginPayload> {
    if (!this.oidc) throw notConfigured();
    const { token, session, user, viewer } = await this.oidc.redeem(ctx.em, code, ctx.userAgent);
    ctx.viewer = viewer;
    return Object.assign(new LoginPayload(), { token, expiresAt: session.expiresAt, viewer: ViewerType.from(user, viewer), deviceToken: null, userId: user.id });
  }

  @Mutation(() => Boolean, { description: "Links a person to their identity provider account (its subject, e.g. the ЕСИА id)" })
  async linkOidcIdentity(@IdArg('userId') userId: string, @TextArg('subject', { max: TEXT.line }) subject: string, @Ctx() ctx: Context) {
    if (!this.oidc) throw notConfigured();
    const viewer = viewerOf(ctx);
    await this.oidc.link(ctx.em, userId, subject.trim(), viewer.userId);
    return true;
  }
}
