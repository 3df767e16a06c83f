import { newId } from '../../kernel/ids.js';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { User, SchoolClass, School, StudyGroup } from '../school/index.js';

export enum ConversationKind {
  /** One person with another (R-C1). */
  DIRECT = 'DIRECT',
  /** A chat of a teacher with all parents of a study group or a class, who see each other in it (asked for explicitly). */
  PARENTS = 'PARENTS',
  /**
   * A teacher's announcement to the parents of a group or class: one conversation per family, so each
   * family answers the teacher privately and no parent sees another (issue 17).
   */
  ANNOUNCEMENT = 'ANNOUNCEMENT',
}

/** R-C1: a conversation within one school; who is in it is in `conversation_participant`. */
@Entity({ tableName: 'conversation' })
@Index({ properties: ['school', 'answerDueAt'] })
export class Conversation {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @Enum({ items: () => ConversationKind, nativeEnumName: 'conversation_kind' })
  kind!: ConversationKind;

  @Property({ type: 'string' })
  subject!: string;

  @ManyToOne(() => User)
  startedBy!: User;

  @Property({ type: 'datetime' })
  startedAt!: Date;

  /** The child a family's conversation is about: decides the class teacher who gets a copy. */
  @ManyToOne(() => User, { nullable: true })
  student?: User | null;

  /** The class concerned (the child's, or the audience's): its class teacher gets a copy and sees it overdue. */
  @ManyToOne(() => SchoolClass, { nullable: true })
  schoolClass?: SchoolClass | null;

  /** PARENTS: the study group whose parents were addressed (null for a whole class). */
  @ManyToOne(() => StudyGroup, { nullable: true })
  group?: StudyGroup | null;

  @Property({ type: 'datetime' })
  lastMessageAt!: Date;

  /** R-C2: when the oldest family letter not yet answered by staff arrived; null when none waits. */
  @Property({ type: 'datetime', nullable: true })
  awaitingSince?: Date | null;

  /** R-C2: the end of the second working day after `awaitingSince` (school calendar and time). */
  @Property({ type: 'datetime', nullable: true })
  answerDueAt?: Date | null;

  /** When the overdue letter was announced to the copies (once per wait). */
  @Property({ type: 'datetime', nullable: true })
  overdueFlaggedAt?: Date | null;

  /**
   * The sender's idempotency key: a letter sent twice with one key (a double click, a retry) is one letter, or
   * one conversation per family for an announcement (unique index conversation_request_unique).
   */
  @Property({ type: 'uuid', nullable: true })
  requestId?: string | null;
}

export enum ParticipantKind {
  MEMBER = 'MEMBER',
  /** R-C2: the class teacher and the deputy director read along (and may answer). */
  COPY = 'COPY',
}

@Entity({ tableName: 'conversation_participant' })
@Unique({ properties: ['conversation', 'user'] })
@Index({ properties: ['user'] })
export class ConversationParticipant {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => Conversation)
  conversation!: Conversation;

  @ManyToOne(() => User)
  user!: User;

  @Enum({ items: () => ParticipantKind, nativeEnumName: 'participant_kind' })
  kind!: ParticipantKind;

  @Property({ type: 'datetime' })
  addedAt!: Date;
}

/** A message is never deleted: its author may retract it, and everyone sees that it was retracted. */
@Entity({ tableName: 'message' })
@Index({ properties: ['conversation', 'sentAt'] })
export class Message {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => Conversation)
  conversation!: Conversation;

  @ManyToOne(() => User)
  author!: User;

  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'datetime' })
  sentAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  retractedAt?: Date | null;

  @Property({ type: 'string', nullable: true })
  retractionReason?: string | null;
}

/** A read receipt: who read a message, when (one row per reader and message). */
@Entity({ tableName: 'message_read' })
@Unique({ properties: ['message', 'reader'] })
@Index({ properties: ['reader'] })
export class MessageRead {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => Message)
  message!: Message;

  @ManyToOne(() => User)
  reader!: User;

  @Property({ type: 'datetime' })
  readAt!: Date;
}

/**
 * A file attached to a message, kept in the database (bytea) with the rest of the school's data.
 * Uploaded first (`POST /attachments`), then attached by `sendMessage`/`startConversation`;
 * until then only its uploader may use it, and an unsent upload is purged after a day.
 */
@Entity({ tableName: 'attachment' })
@Index({ properties: ['message'] })
@Index({ properties: ['uploadedBy', 'message'] })
export class Attachment {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  /** Set when it is attached (the upload itself belongs to no school yet). */
  @ManyToOne(() => School, { nullable: true })
  school?: School | null;

  @ManyToOne(() => Message, { nullable: true })
  message?: Message | null;

  @ManyToOne(() => User)
  uploadedBy!: User;

  @Property({ type: 'datetime' })
  uploadedAt!: Date;

  @Property({ type: 'string' })
  fileName!: string;

  @Property({ type: 'string' })
  contentType!: string;

  @Property({ type: 'integer' })
  size!: number;

  /** Read only when the file is downloaded. */
  @Property({ type: 'blob', lazy: true })
  data!: Buffer;
}

/** R-C3: an announcement on a class wall, posted by its class teacher. */
@Entity({ tableName: 'wall_post' })
@Index({ properties: ['schoolClass', 'postedAt'] })
export class WallPost {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => SchoolClass)
  schoolClass!: SchoolClass;

  @ManyToOne(() => User)
  author!: User;

  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'datetime' })
  postedAt!: Date;
}
