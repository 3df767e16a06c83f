import { TextField } from '../../kernel/input-fields.js';
import { ArrayMaxSize, IsOptional } from 'class-validator';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { EmailMode, NoticeKind, type NotificationDelivery } from './notifications.entity.js';

registerEnumType(NoticeKind, { name: 'NoticeKind', description: 'What a notice is about (SMS and push are chosen per kind)' });
registerEnumType(EmailMode, { name: 'EmailMode', description: 'E-mail notices: none, each at once, or one digest a day (18:00 school time)' });

const QUIET_TIME = { regex: /^([01]\d|2[0-3]):[0-5]\d$/, hint: 'a time "HH:MM"' };

@ObjectType('NotificationSettings', { description: 'R-C4: how the viewer is told; in-app notices are always on' })
export class NotificationSettingsType {
  @Field(() => EmailMode) emailMode!: EmailMode;
  @Field(() => [NoticeKind], { description: 'The kinds that also go by SMS' }) smsKinds!: NoticeKind[];
  @Field(() => [NoticeKind], { description: 'The kinds that also go by Web Push to the devices in `pushSubscriptions` (every kind unless chosen)' })
  pushKinds!: NoticeKind[];
  @Field(() => String, { description: 'Quiet hours start, "HH:MM" school time: e-mail, SMS and push wait until they end' }) quietFrom!: string;
  @Field(() => String) quietTo!: string;
  @Field(() => Boolean, {
    description: 'Issue 18: the parent declined electronic forms: the fortnightly progress report is printed for them by the class teacher',
  })
  paperReports!: boolean;
  @Field(() => String, { nullable: true, description: 'Where e-mail goes (kept in the personal data)' }) email!: string | null;
  @Field(() => String, { nullable: true, description: 'Where SMS goes (kept in the personal data)' }) phone!: string | null;
  userId!: string;
}

@InputType()
export class NotificationSettingsInput {
  @Field(() => EmailMode) emailMode!: EmailMode;
  @Field(() => [NoticeKind]) @ArrayMaxSize(20) smsKinds!: NoticeKind[];
  @Field(() => [NoticeKind], { nullable: true, description: 'Unchanged when left out' }) @IsOptional() @ArrayMaxSize(20) pushKinds?: NoticeKind[];
  @TextField({ max: 5, nullable: true, pattern: QUIET_TIME }) quietFrom?: string;
  @TextField({ max: 5, nullable: true, pattern: QUIET_TIME }) quietTo?: string;
  @Field(() => Boolean, { nullable: true, description: 'Progress reports on paper instead of electronically; unchanged when left out' }) paperReports?: boolean;
}

@ObjectType('Notice', { description: 'An in-app notice' })
export class NoticeType {
  @Field(() => ID) id!: string;
  @Field(() => NoticeKind) kind!: NoticeKind;
  @Field(() => String) title!: string;
  @Field(() => String) body!: string;
  @Field(() => DateTimeISOResolver) at!: Date;
  @Field(() => DateTimeISOResolver, { nullable: true }) readAt!: Date | null;
  @Field(() => ID, { description: 'The outbox event it tells of (the live streams carry the same id)' }) eventId!: string;
  @Field(() => String, { nullable: true, description: 'Where it opens in the web app (its hash route: the diary week at the mark, the conversation…)' }) url!:
    string | null;
  recipientId!: string;

  static from(d: NotificationDelivery): NoticeType {
    return Object.assign(new NoticeType(), {
      id: d.id,
      kind: d.kind,
      title: d.title,
      body: d.body,
      at: d.createdAt,
      readAt: d.readAt ?? null,
      eventId: d.eventId,
      url: d.url ?? null,
      recipientId: d.recipient.id,
    });
  }
}

/** The sources of this file's GraphQL object types, for their type rules (policy/type-rule.ts). */
declare module '../../policy/type-rule.js' {
  interface TypeSources {
    NotificationSettings: NotificationSettingsType;
    Notice: NoticeType;
  }
}
