import { IntArg, PAGE_MAX } from '../../kernel/input-fields.js';
import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { viewerOf, type Context } from '../../policy/context.js';
import { badInput } from '../../kernel/errors.js';
import type { Viewer } from '../../policy/viewer.js';
import { audit } from '../../kernel/audit.js';
import { User } from '../school/index.js';
import { Channel, EmailMode, NotificationDelivery, NotificationPreference } from './notifications.entity.js';
import { NoticeType, NotificationSettingsInput, NotificationSettingsType } from './notifications.types.js';

@Resolver()
export class NotificationsResolver {
  private async settings(ctx: Context, viewer: Viewer): Promise<NotificationSettingsType> {
    const [user, pref] = await Promise.all([ctx.em.findOneOrFail(User, viewer.userId), ctx.em.findOne(NotificationPreference, { user: viewer.userId })]);
    const current = pref ?? new NotificationPreference();
    return Object.assign(new NotificationSettingsType(), {
      emailMode: current.emailMode,
      smsKinds: current.smsKinds,
      pushKinds: current.pushKinds,
      quietFrom: current.quietFrom,
      quietTo: current.quietTo,
      paperReports: current.paperReports,
      email: user.email ?? null,
      phone: user.phone ?? null,
      userId: viewer.userId,
    });
  }

  @Query(() => NotificationSettingsType)
  notificationSettings(@Ctx() ctx: Context): Promise<NotificationSettingsType> {
    return this.settings(ctx, viewerOf(ctx));
  }

  @Mutation(() => NotificationSettingsType, { description: 'R-C4: e-mail (instant or daily digest), SMS and push per kind, quiet hours' })
  async setNotificationSettings(@Arg('input', () => NotificationSettingsInput) input: NotificationSettingsInput, @Ctx() ctx: Context) {
    const viewer = viewerOf(ctx);
    const user = await ctx.em.findOneOrFail(User, viewer.userId);
    if (input.emailMode !== EmailMode.OFF && !user.email)
      throw badInput('NO_EMAIL_ON_RECORD', 'There is no e-mail address in your personal data: add one first.', 'emailMode');
    if (input.smsKinds.length && !user.phone)
      throw badInput('NO_PHONE_ON_RECORD', 'There is no phone number in your personal data: add one first.', 'smsKinds');
    const now = ctx.clock();
    const pref = (await ctx.em.findOne(NotificationPreference, { user })) ?? ctx.em.create(NotificationPreference, { user, updatedAt: now });
    Object.assign(pref, {
      emailMode: input.emailMode,
      smsKinds: [...new Set(input.smsKinds)],
      pushKinds: input.pushKinds ? [...new Set(input.pushKinds)] : pref.pushKinds,
      quietFrom: input.quietFrom ?? pref.quietFrom,
      quietTo: input.quietTo ?? pref.quietTo,
      paperReports: input.paperReports ?? pref.paperReports,
      updatedAt: now,
    });
    audit(
      ctx.em,
      viewer,
      { action: 'notifications.settings', entity: 'NotificationPreference', entityId: viewer.userId, schoolId: null, data: { ...input } },
      now,
    );
    await ctx.em.flush();
    return this.settings(ctx, viewer);
  }

  @Query(() => [NoticeType], { description: "The viewer's in-app notices, newest first" })
  async notices(@IntArg('first', { min: 1, max: PAGE_MAX, defaultValue: 30 }) first: number, @Ctx() ctx: Context): Promise<NoticeType[]> {
    if (first < 1 || first > 200) throw badInput('OUT_OF_RANGE', 'Ask for 1 to 200 items.', 'first');
    const rows = await ctx.em.find(
      NotificationDelivery,
      { recipient: viewerOf(ctx).userId, channel: Channel.IN_APP },
      { orderBy: { createdAt: 'desc', eventId: 'desc' }, limit: first },
    );
    return rows.map(NoticeType.from);
  }

  @Query(() => Int)
  unreadNoticeCount(@Ctx() ctx: Context): Promise<number> {
    return ctx.em.count(NotificationDelivery, { recipient: viewerOf(ctx).userId, channel: Channel.IN_APP, readAt: null });
  }

  /** Reading one's notices is not an audited change: the read time on each notice is the record. */
  @Mutation(() => Int, { description: 'Marks every in-app notice read; answers how many were unread' })
  markNoticesRead(@Ctx() ctx: Context): Promise<number> {
    return ctx.em.nativeUpdate(NotificationDelivery, { recipient: viewerOf(ctx).userId, channel: Channel.IN_APP, readAt: null }, { readAt: ctx.clock() });
  }
}
