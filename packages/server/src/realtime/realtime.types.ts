import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { AttendanceType, FinalMarkType, MarkType, RemarkType } from '../modules/journal/index.js';
import { LessonType } from '../modules/timetable/index.js';
import type { EventType } from '../kernel/events.js';

/** What happened; the affected object is in the field of the same name. */
export enum LiveEventType {
  MARK_CREATED = 'MARK_CREATED',
  MARK_CHANGED = 'MARK_CHANGED',
  MARK_RETRACTED = 'MARK_RETRACTED',
  ATTENDANCE_CHANGED = 'ATTENDANCE_CHANGED',
  FINAL_MARK_SET = 'FINAL_MARK_SET',
  REMARK_ADDED = 'REMARK_ADDED',
  LESSON_CHANGED = 'LESSON_CHANGED',
}
registerEnumType(LiveEventType, {
  name: 'LiveEventType',
  description: 'The kind of a live event. New kinds may be added: a client ignores kinds it does not know.',
});

/**
 * What each outbox type (kernel/events.ts) is to the diary and class streams: its live kind, or null where they
 * skip it (the cursor still moves past it). Every type is listed: a new one must be placed here to compile.
 */
export const LIVE_TYPES: Readonly<Record<EventType, LiveEventType | null>> = {
  'mark.created': LiveEventType.MARK_CREATED,
  'mark.changed': LiveEventType.MARK_CHANGED,
  'mark.retracted': LiveEventType.MARK_RETRACTED,
  'attendance.changed': LiveEventType.ATTENDANCE_CHANGED,
  'finalMark.set': LiveEventType.FINAL_MARK_SET,
  'remark.added': LiveEventType.REMARK_ADDED,
  'lesson.changed': LiveEventType.LESSON_CHANGED,
  // Rows for the kept screens (graphql/screen-cache.ts), notices or the message streams only.
  'mark.confirmed': null,
  'mark.flagged': null,
  'finalMark.acknowledged': null,
  'intendedMark.announced': null,
  'lessons.generated': null,
  'exam.result': null,
  'student.moved': null,
  'progress.report': null,
  'message.received': null,
  'message.retracted': null,
  'message.read': null,
  'conversation.overdue': null,
  'wall.posted': null,
};

/** The affected object of an event, read when the event is delivered (its state now, not a copy). */
export interface Affected {
  mark: MarkType | null;
  attendance: AttendanceType | null;
  finalMark: FinalMarkType | null;
  remark: RemarkType | null;
  lesson: LessonType | null;
}

@ObjectType()
export abstract class LiveEvent implements Affected {
  @Field(() => ID, { description: 'The cursor: a decimal number, increasing. Pass the last one seen as `after` to resume.' })
  id!: string;

  @Field(() => LiveEventType)
  type!: LiveEventType;

  @Field(() => DateTimeISOResolver, { description: 'When the change was made' })
  at!: Date;

  @Field(() => MarkType, { nullable: true, description: 'MARK_*: the mark as it is now (a retracted one has `retracted: true`)' })
  mark!: MarkType | null;

  @Field(() => AttendanceType, { nullable: true, description: 'ATTENDANCE_CHANGED: the entry as it is now' })
  attendance!: AttendanceType | null;

  @Field(() => FinalMarkType, { nullable: true, description: 'FINAL_MARK_SET' })
  finalMark!: FinalMarkType | null;

  @Field(() => RemarkType, { nullable: true, description: 'REMARK_ADDED' })
  remark!: RemarkType | null;

  @Field(() => LessonType, { nullable: true, description: 'LESSON_CHANGED: topic, homework, substitution' })
  lesson!: LessonType | null;

  /** Unexposed, for the policy: the record's school, student (for a lesson: the diary's student, or null), group and its class. */
  schoolId!: string;
  studentId!: string | null;
  groupId!: string | null;
  classId!: string | null;
}

@ObjectType('DiaryEvent', { description: "A change in a student's diary, delivered live (`diaryEvents`)" })
export class DiaryEventType extends LiveEvent {
  declare studentId: string;
}

@ObjectType('ClassEvent', { description: 'A change about a student of a class, or a lesson of the class, delivered live (`classEvents`)' })
export class ClassEventType extends LiveEvent {
  /** The class whose stream carries the event (the student's class today). */
  watchedClassId!: string;
}

/** Outbox types of the message stream (`messageEvents`), each written once per recipient (messaging module). */
export enum MessageEventKind {
  MESSAGE_RECEIVED = 'MESSAGE_RECEIVED',
  MESSAGE_RETRACTED = 'MESSAGE_RETRACTED',
  MESSAGE_READ = 'MESSAGE_READ',
  CONVERSATION_OVERDUE = 'CONVERSATION_OVERDUE',
}
registerEnumType(MessageEventKind, { name: 'MessageEventKind', description: 'New kinds may be added: a client ignores kinds it does not know.' });

/** What each outbox type is to the message stream (`messageEvents`): its kind, or null where it skips it. */
export const MESSAGE_TYPES: Readonly<Record<EventType, MessageEventKind | null>> = {
  'message.received': MessageEventKind.MESSAGE_RECEIVED,
  'message.retracted': MessageEventKind.MESSAGE_RETRACTED,
  'message.read': MessageEventKind.MESSAGE_READ,
  'conversation.overdue': MessageEventKind.CONVERSATION_OVERDUE,
  'mark.created': null,
  'mark.changed': null,
  'mark.retracted': null,
  'mark.confirmed': null,
  'mark.flagged': null,
  'attendance.changed': null,
  'remark.added': null,
  'finalMark.set': null,
  'finalMark.acknowledged': null,
  'intendedMark.announced': null,
  'lesson.changed': null,
  'lessons.generated': null,
  'exam.result': null,
  'wall.posted': null,
  'student.moved': null,
  'progress.report': null,
};

/** The outbox types of the message stream, for its replay. */
export const MESSAGE_EVENT_TYPES = (Object.keys(MESSAGE_TYPES) as EventType[]).filter((type) => MESSAGE_TYPES[type]);

@ObjectType('MessageEvent', { description: "A change in the viewer's conversations, delivered live (`messageEvents`): refetch what it names" })
export class MessageEventType {
  @Field(() => ID, { description: 'The cursor: a decimal number, increasing within the school. Pass the last one seen as `after` to resume.' })
  id!: string;

  @Field(() => MessageEventKind)
  type!: MessageEventKind;

  @Field(() => DateTimeISOResolver)
  at!: Date;

  @Field(() => ID)
  conversationId!: string;

  @Field(() => ID, { nullable: true, description: 'The message, for MESSAGE_RECEIVED and MESSAGE_RETRACTED' })
  messageId!: string | null;

  /** Unexposed, for the policy: whom the event is for. */
  recipientId!: string;
  schoolId!: string;
}

/** The sources of this file's GraphQL object types, for their type rules (policy/type-rule.ts). */
declare module '../policy/type-rule.js' {
  interface TypeSources {
    DiaryEvent: DiaryEventType;
    ClassEvent: ClassEventType;
    MessageEvent: MessageEventType;
  }
}
