import { OptionalProps } from '@mikro-orm/core';
import { newId } from '../../kernel/ids.js';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { User } from '../school/index.js';

/** A person's account at the state identity provider (ЕСИА/Госуслуги or any OIDC issuer), linked to a user. */
@Entity({ tableName: 'oidc_identity' })
@Unique({ properties: ['issuer', 'subject'] })
export class OidcIdentity {
  [OptionalProps]?: 'linkedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => User)
  user!: User;

  @Property({ type: 'string' })
  issuer!: string;

  @Property({ type: 'string' })
  subject!: string;

  /** The administrator who linked it; null when linked by a verified claim. */
  @ManyToOne(() => User, { nullable: true })
  linkedBy?: User | null;

  @Property({ type: 'datetime' })
  linkedAt: Date = new Date();
}

/**
 * One sign-in in flight: state, nonce and the PKCE verifier live in the database, not in server
 * memory, so the callback may land on any instance. Used once; expires after 10 minutes.
 */
@Entity({ tableName: 'oidc_attempt' })
export class OidcAttempt {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'string' })
  state!: string;

  @Property({ type: 'string' })
  nonce!: string;

  @Property({ type: 'string' })
  codeVerifier!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}

/**
 * A one-time code handed to the web app after a successful provider sign-in, exchanged for a
 * session by `redeemLoginCode`: the session token never travels in a URL.
 */
@Entity({ tableName: 'login_code' })
export class LoginCode {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'string' })
  codeHash!: string;

  @ManyToOne(() => User)
  user!: User;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
