import type { EntityManager } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import type { Config } from '../../config.js';
import { badInput, unauthenticated } from '../../kernel/errors.js';
import type { Viewer } from '../../policy/viewer.js';
import { audit } from '../../kernel/audit.js';
import { actsInSchool } from '../../policy/grant-table.js';
import { RoleGrant, User } from '../school/index.js';
import type { AuthService } from './auth.service.js';
import { hashToken } from './auth.service.js';
import { LoginCode, OidcAttempt, OidcIdentity } from './oidc.entity.js';

const ATTEMPT_TTL_MS = 10 * 60_000;
const LOGIN_CODE_TTL_MS = 60_000;

/** Why a provider sign-in was refused; the web app shows a message per reason. */
export type OidcRefusal = 'OIDC_BAD_STATE' | 'OIDC_NOT_LINKED' | 'OIDC_FAILED';

/**
 * Sign-in through an OpenID Connect provider (authorization code + PKCE, state and nonce).
 * A provider account signs in only when linked to a person: by an administrator, or (if enabled)
 * by the provider's verified e-mail matching the person's.
 */
export class OidcService {
  private configuration?: Promise<oidc.Configuration>;

  constructor(
    private readonly settings: NonNullable<Config['oidc']>,
    private readonly auth: AuthService,
  ) {}

  get redirectUri() {
    return `${this.settings.publicUrl}/auth/oidc/callback`;
  }

  private client(): Promise<oidc.Configuration> {
    this.configuration ??= oidc.discovery(
      new URL(this.settings.issuer),
      this.settings.clientId,
      undefined,
      oidc.ClientSecretPost(this.settings.clientSecret),
      // A provider on plain http is only acceptable on a test bench.
      this.settings.issuer.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : undefined,
    );
    return this.configuration;
  }

  async start(em: EntityManager): Promise<URL> {
    const config = await this.client();
    const attempt = em.create(OidcAttempt, {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
    });
    await em.flush();
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: 'openid email',
      state: attempt.state,
      nonce: attempt.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(attempt.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /** The provider sent the browser back: a one-time login code for the web app, or why not. */
  async callback(em: EntityManager, currentUrl: URL): Promise<{ code: string } | { refused: OidcRefusal }> {
    const state = currentUrl.searchParams.get('state') ?? '';
    const attempt = state ? await em.findOne(OidcAttempt, { state }) : null;
    if (!attempt || Date.now() - attempt.createdAt.getTime() > ATTEMPT_TTL_MS) return { refused: 'OIDC_BAD_STATE' };
    em.remove(attempt); // one use only
    await em.flush();

    const config = await this.client();
    let claims: oidc.IDToken | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
      });
      claims = tokens.claims();
    } catch {
      return { refused: 'OIDC_FAILED' };
    }
    if (!claims) return { refused: 'OIDC_FAILED' };
    const issuer = config.serverMetadata().issuer;
    let identity = await em.findOne(OidcIdentity, { issuer, subject: claims.sub }, { populate: ['user'] });
    if (!identity && this.settings.linkByVerifiedEmail && claims.email_verified === true && typeof claims.email === 'string') {
      const user = await em.findOne(User, { email: claims.email.toLowerCase(), active: true });
      if (user) identity = em.create(OidcIdentity, { user, issuer, subject: claims.sub });
    }
    if (!identity || !identity.user.active) return { refused: 'OIDC_NOT_LINKED' };
    const code = randomBytes(24).toString('base64url');
    em.create(LoginCode, { codeHash: hashToken(code), user: identity.user });
    await em.flush();
    return { code };
  }

  /** Exchanges the one-time code for a session. */
  async redeem(em: EntityManager, code: string, userAgent: string | null) {
    const row = await em.findOne(LoginCode, { codeHash: hashToken(code) }, { populate: ['user'] });
    if (!row || Date.now() - row.createdAt.getTime() > LOGIN_CODE_TTL_MS) throw unauthenticated('The sign-in link has expired: sign in again.', 'LINK_EXPIRED');
    em.remove(row);
    await em.flush();
    return this.auth.startSession(em, row.user, userAgent);
  }

  /** An administrator links a provider account (its subject) to a person (the write rule decided who may). */
  async link(em: EntityManager, viewer: Viewer, input: { userId: string; subject: string; reason: string }, now: Date) {
    const config = await this.client();
    const issuer = config.serverMetadata().issuer;
    const existing = await em.findOne(OidcIdentity, { issuer, subject: input.subject });
    // A provider account already linked to someone else is not silently moved: unlink it there first.
    if (existing && existing.user.id !== input.userId) throw badInput('LINKED_TO_ANOTHER', 'This provider account is linked to another person.', 'subject');
    const schoolId = await auditSchool(em, viewer, input.userId);
    const identity =
      existing ??
      em.create(OidcIdentity, { user: em.getReference(User, input.userId), issuer, subject: input.subject, linkedBy: em.getReference(User, viewer.userId) });
    audit(
      em,
      viewer,
      {
        action: 'identity.link',
        entity: 'OidcIdentity',
        entityId: identity.id,
        schoolId,
        data: { userId: input.userId, issuer, subject: input.subject, reason: input.reason },
      },
      now,
    );
    await em.flush();
    return identity;
  }

  /** Removes the person's provider links; the audit events keep which, by whom and why. */
  async unlink(em: EntityManager, viewer: Viewer, input: { userId: string; reason: string }, now: Date): Promise<number> {
    const identities = await em.find(OidcIdentity, { user: input.userId });
    const schoolId = await auditSchool(em, viewer, input.userId);
    for (const identity of identities) {
      audit(
        em,
        viewer,
        {
          action: 'identity.unlink',
          entity: 'OidcIdentity',
          entityId: identity.id,
          schoolId,
          data: { userId: input.userId, issuer: identity.issuer, subject: identity.subject, reason: input.reason },
        },
        now,
      );
      em.remove(identity);
    }
    await em.flush();
    return identities.length;
  }
}

/** The school a link is audited under: the first of the person's schools where the viewer acts (the write rule saw one). */
async function auditSchool(em: EntityManager, viewer: Viewer, userId: string): Promise<string | null> {
  const grants = await em.find(RoleGrant, { user: userId, revokedAt: null, school: { $ne: null } });
  return grants.map((g) => g.school!.id).find((s) => actsInSchool(viewer, s)) ?? null;
}
