import { ArrayType, BigIntType, OptionalProps } from '@mikro-orm/core';
import { newId } from '../../kernel/ids.js';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { User } from '../school/index.js';

/** What a notice is about; SMS and push are chosen per kind. */
export enum NoticeKind {
  MARK = 'MARK',
  ATTENDANCE = 'ATTENDANCE',
  REMARK = 'REMARK',
  FINAL_MARK = 'FINAL_MARK',
  /** R-J7, R-C5: the teacher's warning that the period mark will be below the average (the prognosis). */
  MARK_WARNING = 'MARK_WARNING',
  EXAM_RESULT = 'EXAM_RESULT',
  MESSAGE = 'MESSAGE',
  CLASS_WALL = 'CLASS_WALL',
  /** R-C2: a family's letter unanswered for 2 working days (for the staff in the conversation). */
  OVERDUE_LETTER = 'OVERDUE_LETTER',
  /** Issue 18, 003 §2.2.2: the family's progress report of the last fortnight (the school's `parentsInformedEveryDays`). */
  PROGRESS_REPORT = 'PROGRESS_REPORT',
}

/** R-C4: quiet hours unless the person chose others (school time). */
export const DEFAULT_QUIET_HOURS = { from: '21:00', to: '08:00' };

/** Push goes to a person's registered devices for every kind until they choose fewer. */
export const DEFAULT_PUSH_KINDS: NoticeKind[] = Object.values(NoticeKind);

export enum EmailMode {
  OFF = 'OFF',
  INSTANT = 'INSTANT',
  DAILY_DIGEST = 'DAILY_DIGEST',
}

/** R-C4: how a person wants to be told. In-app notices are always on; without a row the defaults apply. */
@Entity({ tableName: 'notification_preference' })
export class NotificationPreference {
  [OptionalProps]?: 'emailMode' | 'smsKinds' | 'pushKinds' | 'quietFrom' | 'quietTo' | 'paperReports';

  @ManyToOne(() => User, { primary: true })
  user!: User;

  @Enum({ items: () => EmailMode, nativeEnumName: 'email_mode' })
  emailMode: EmailMode = EmailMode.OFF;

  /** The kinds that also go by SMS. */
  @Property({ type: ArrayType, runtimeType: 'string[]' })
  smsKinds: NoticeKind[] = [];

  /** The kinds that go to the person's devices by Web Push (when they registered any). */
  @Property({ type: ArrayType, runtimeType: 'string[]', defaultRaw: `'{${DEFAULT_PUSH_KINDS.join(',')}}'` })
  pushKinds: NoticeKind[] = [...DEFAULT_PUSH_KINDS];

  /** Quiet hours in school time ("HH:MM"): e-mail, SMS and push wait until `quietTo`. Equal: no quiet hours. */
  @Property({ type: 'string', length: 5 })
  quietFrom: string = DEFAULT_QUIET_HOURS.from;

  @Property({ type: 'string', length: 5 })
  quietTo: string = DEFAULT_QUIET_HOURS.to;

  /** A parent who declined electronic forms: the fortnightly progress report is printed for them (003, appendix 3). */
  @Property({ type: 'boolean', default: false })
  paperReports: boolean = false;

  @Property({ type: 'datetime' })
  updatedAt!: Date;
}

/**
 * The delivery worker's position in the outbox, per school: ids are handed out in commit order
 * within a school only (see the outbox trigger), so one global cursor could skip a late commit.
 */
@Entity({ tableName: 'notification_cursor' })
export class NotificationCursor {
  @PrimaryKey({ type: 'uuid' })
  schoolId!: string;

  @Property({ type: new BigIntType('string') })
  lastEventId!: string;
}

export enum Channel {
  IN_APP = 'IN_APP',
  EMAIL = 'EMAIL',
  SMS = 'SMS',
  /** Web Push to each of the recipient's registered devices (push_subscription). */
  PUSH = 'PUSH',
}

export enum DeliveryStatus {
  PENDING = 'PENDING',
  /** Claimed by a worker until `dueAt`; a worker that died leaves it to be claimed again. */
  SENDING = 'SENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
}

/**
 * One notice on one channel to one person. The unique key (event, channel, recipient) is the
 * idempotency key: re-reading the outbox never makes a second row, and a retry resends the same row.
 * On IN_APP the row is the notice itself (sent when made).
 */
@Entity({ tableName: 'notification_delivery' })
@Unique({ properties: ['eventId', 'channel', 'recipient'] })
@Index({ properties: ['status', 'dueAt'] })
@Index({ properties: ['recipient', 'channel', 'createdAt'] })
export class NotificationDelivery {
  [OptionalProps]?: 'attempts' | 'digest' | 'url' | 'sentAt' | 'readAt' | 'lastError';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  /** The outbox row (domain_event.id) the notice comes from. */
  @Property({ type: new BigIntType('string') })
  eventId!: string;

  @Property({ type: 'uuid' })
  schoolId!: string;

  @Enum({ items: () => Channel, nativeEnumName: 'notification_channel' })
  channel!: Channel;

  @ManyToOne(() => User)
  recipient!: User;

  @Enum({ items: () => NoticeKind, nativeEnumName: 'notice_kind' })
  kind!: NoticeKind;

  @Property({ type: 'string' })
  title!: string;

  @Property({ type: 'text' })
  body!: string;

  /** Where the notice opens in the web app (a path: the diary at the mark, the conversation…). */
  @Property({ type: 'text', nullable: true })
  url?: string | null;

  /** E-mail: goes out with the daily digest rather than alone. */
  @Property({ type: 'boolean' })
  digest: boolean = false;

  @Enum({ items: () => DeliveryStatus, nativeEnumName: 'delivery_status' })
  status!: DeliveryStatus;

  @Property({ type: 'smallint' })
  attempts: number = 0;

  /** Not before: after quiet hours, at the digest hour, or after a retry's backoff. */
  @Property({ type: 'datetime' })
  dueAt!: Date;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  sentAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  /** IN_APP: when the person read it. */
  @Property({ type: 'datetime', nullable: true })
  readAt?: Date | null;
}
