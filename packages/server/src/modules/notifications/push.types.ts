import { TextField } from '../../kernel/input-fields.js';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import type { PushSubscription } from './push.entity.js';

@ObjectType('PushSubscription', { description: "One of the viewer's devices that get notices by Web Push" })
export class PushSubscriptionType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: "The push service URL: equal to `pushManager.getSubscription()`'s on this device" }) endpoint!: string;
  @Field(() => String, { description: 'The name the person gave the device' }) device!: string;
  @Field(() => String, { nullable: true, description: 'The browser that registered it' }) userAgent!: string | null;
  @Field(() => DateTimeISOResolver) createdAt!: Date;
  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When a notice last reached its push service' }) lastSuccessAt!: Date | null;
  userId!: string;

  static from(s: PushSubscription): PushSubscriptionType {
    return Object.assign(new PushSubscriptionType(), {
      id: s.id,
      endpoint: s.endpoint,
      device: s.device,
      userAgent: s.userAgent ?? null,
      createdAt: s.createdAt,
      lastSuccessAt: s.lastSuccessAt ?? null,
      userId: s.user.id,
    });
  }
}

/** What the browser's `PushSubscription.toJSON()` gives, and a name for the device. */
@InputType()
export class RegisterPushSubscriptionInput {
  @TextField({ max: 2000 }) endpoint!: string;
  @TextField({ max: 100, description: "keys.p256dh: the browser's P-256 public key, base64url" }) p256dh!: string;
  @TextField({ max: 50, description: "keys.auth: the browser's 16-byte secret, base64url" }) auth!: string;
  @TextField({ max: 100, description: 'A name for the device ("Телефон")' }) device!: string;
}

/** The sources of this file's GraphQL object types, for their type rules (policy/type-rule.ts). */
declare module '../../policy/type-rule.js' {
  interface TypeSources {
    PushSubscription: PushSubscriptionType;
  }
}
