import { OptionalProps } from '@mikro-orm/core';
import { newId } from '../../kernel/ids.js';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { User } from '../school/index.js';
import { NotificationDelivery } from './notifications.entity.js';

/**
 * One browser's Web Push subscription (issue 10): the push service's URL for it and the keys the
 * payload is encrypted to (RFC 8291). A person has one per device; the endpoint is unique, so a
 * browser belongs to whoever registered it last.
 */
@Entity({ tableName: 'push_subscription' })
export class PushSubscription {
  [OptionalProps]?: 'userAgent' | 'lastSuccessAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => User, { index: true })
  user!: User;

  /** A capability URL at the browser's push service: whoever knows it may send to the browser. */
  @Property({ type: 'text', unique: true })
  endpoint!: string;

  /** The browser's P-256 public key (base64url, 65 bytes). */
  @Property({ type: 'string', length: 100 })
  p256dh!: string;

  /** The browser's authentication secret (base64url, 16 bytes). */
  @Property({ type: 'string', length: 50 })
  auth!: string;

  /** The person's name for the device ("Телефон", "Chrome на ноутбуке"). */
  @Property({ type: 'string', length: 100 })
  device!: string;

  @Property({ type: 'text', nullable: true })
  userAgent?: string | null;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  /** When a push last reached the push service for it. */
  @Property({ type: 'datetime', nullable: true })
  lastSuccessAt?: Date | null;
}

/**
 * A PUSH delivery reached one device. A delivery goes to every device of its recipient; when one
 * device fails, the retry sends to the devices without a receipt only (one notice per event, device
 * and person).
 */
@Entity({ tableName: 'push_receipt' })
export class PushReceipt {
  @ManyToOne(() => NotificationDelivery, { primary: true, deleteRule: 'cascade' })
  delivery!: NotificationDelivery;

  @ManyToOne(() => PushSubscription, { primary: true, deleteRule: 'cascade' })
  subscription!: PushSubscription;

  @Property({ type: 'datetime' })
  sentAt!: Date;
}
