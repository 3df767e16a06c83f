import { TextArg } from '../../kernel/input-fields.js';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { viewerOf, type Context } from '../../policy/context.js';
import { PushSubscription } from './push.entity.js';
import { registerPushSubscription, unregisterPushSubscription, type PushSettings } from './push.service.js';
import { PushSubscriptionType, RegisterPushSubscriptionInput } from './push.types.js';

/** Web Push (issue 10): the server's public key, and the viewer's own devices. */
@Resolver()
export class PushResolver {
  constructor(private readonly settings: PushSettings | null = null) {}

  @Query(() => String, { nullable: true, description: "The server's VAPID public key (base64url): `applicationServerKey` for `pushManager.subscribe`" })
  pushPublicKey(): string | null {
    return this.settings?.publicKey ?? null;
  }

  @Query(() => [PushSubscriptionType], { description: "The viewer's devices with push on, newest first" })
  async pushSubscriptions(@Ctx() ctx: Context): Promise<PushSubscriptionType[]> {
    const rows = await ctx.em.find(PushSubscription, { user: viewerOf(ctx).userId }, { orderBy: { createdAt: 'desc', id: 'asc' } });
    return rows.map(PushSubscriptionType.from);
  }

  @Mutation(() => PushSubscriptionType, {
    description: 'Push on for this browser (its PushSubscription), for the viewer; again with the same endpoint updates it',
  })
  async registerPushSubscription(
    @Arg('input', () => RegisterPushSubscriptionInput) input: RegisterPushSubscriptionInput,
    @Ctx() ctx: Context,
  ): Promise<PushSubscriptionType> {
    return PushSubscriptionType.from(await registerPushSubscription(ctx.em, viewerOf(ctx), input, this.settings, ctx.userAgent, ctx.clock()));
  }

  @Mutation(() => Boolean, { description: "Push off for a browser of the viewer's; false when there was none" })
  unregisterPushSubscription(@TextArg('endpoint', { max: 2000 }) endpoint: string, @Ctx() ctx: Context): Promise<boolean> {
    return unregisterPushSubscription(ctx.em, viewerOf(ctx), endpoint, ctx.clock());
  }
}
