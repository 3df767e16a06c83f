import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * Values the server makes for itself once and every instance then shares (the Web Push VAPID key
 * pair): kept in the database so that instances started from the same configuration agree.
 */
@Entity({ tableName: 'server_setting' })
export class ServerSetting {
  @PrimaryKey({ type: 'string', length: 100 })
  key!: string;

  @Property({ type: 'json' })
  value!: unknown;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}
