import { newId } from '../../kernel/ids.js';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { User } from '../school/index.js';

/** What a session may send: the web app's documents only, or any document (an API client; trusted documents). */
export enum SessionScope {
  WEB = 'WEB',
  API = 'API',
}

/** A signed-in device. Only the SHA-256 of the token is stored: a database leak yields no usable tokens. */
@Entity({ tableName: 'session' })
@Index({ properties: ['user'] })
export class Session {
  [OptionalProps]?: 'createdAt' | 'scope';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => User)
  user!: User;

  @Property({ type: 'string', unique: true })
  tokenHash!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;

  @Property({ type: 'string', nullable: true })
  userAgent?: string | null;

  @Enum({ items: () => SessionScope, default: SessionScope.WEB })
  scope: SessionScope = SessionScope.WEB;
}
