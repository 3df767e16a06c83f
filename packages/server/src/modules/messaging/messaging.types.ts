import { IdField, IdListField, TEXT, TextField } from '../../kernel/input-fields.js';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { fullName, shortName, type User } from '../school/index.js';
import { ConversationKind, ParticipantKind, type Attachment, type Conversation, type Message, type WallPost } from './messaging.entity.js';

registerEnumType(ConversationKind, {
  name: 'ConversationKind',
  description:
    "DIRECT: one person with another; PARENTS: a shared chat of a teacher with all parents of a group or class; ANNOUNCEMENT: a teacher's letter to all parents of a group or class, one private conversation per family",
});
registerEnumType(ParticipantKind, { name: 'ParticipantKind', description: 'COPY: the class teacher or deputy director reading along (R-C2)' });

/** Most files on one message (the longest message is TEXT.message). */
export const MAX_ATTACHMENTS = 5;

/** Unexposed on every messaging object: who is in its conversation, for the policy. */
interface InConversation {
  participantIds: readonly string[];
}

@ObjectType('Participant', { description: 'A person in a conversation, as the others in it see them' })
export class ParticipantType implements InConversation {
  @Field(() => ID, { description: 'The person' }) id!: string;
  @Field(() => String) fullName!: string;
  @Field(() => String, { description: 'Фамилия И. О.' }) shortName!: string;
  @Field(() => ParticipantKind) kind!: ParticipantKind;
  @Field(() => Boolean, { description: 'On the staff of the school' }) staff!: boolean;
  participantIds!: readonly string[];

  static from(user: User, kind: ParticipantKind, staff: boolean, participantIds: readonly string[]): ParticipantType {
    return Object.assign(new ParticipantType(), { id: user.id, fullName: fullName(user), shortName: shortName(user), kind, staff, participantIds });
  }
}

@ObjectType('Attachment', { description: 'A file on a message; download it from `url` with the same bearer token' })
export class AttachmentType implements InConversation {
  @Field(() => ID) id!: string;
  @Field(() => String) fileName!: string;
  @Field(() => String) contentType!: string;
  @Field(() => Int, { description: 'Bytes' }) size!: number;
  @Field(() => String, { description: 'Path of the file on this server: GET it with `Authorization: Bearer`' }) url!: string;
  participantIds!: readonly string[];

  static from(a: Attachment, participantIds: readonly string[]): AttachmentType {
    return Object.assign(new AttachmentType(), {
      id: a.id,
      fileName: a.fileName,
      contentType: a.contentType,
      size: a.size,
      url: `/attachments/${a.id}`,
      participantIds,
    });
  }
}

@ObjectType('ReadReceipt', { description: 'Who read a message, and when: shown to its author' })
export class ReadReceiptType {
  @Field(() => ID) readerId!: string;
  @Field(() => DateTimeISOResolver) at!: Date;
  authorId!: string;
}

@ObjectType('Message', { description: 'A message; a retracted one keeps its place, without its text and files' })
export class MessageType implements InConversation {
  @Field(() => ID) id!: string;
  @Field(() => ID) conversationId!: string;
  @Field(() => ID) authorId!: string;
  @Field(() => String, { nullable: true, description: 'null once retracted' }) body!: string | null;
  @Field(() => DateTimeISOResolver) sentAt!: Date;
  @Field(() => DateTimeISOResolver, { nullable: true }) retractedAt!: Date | null;
  @Field(() => String, { nullable: true }) retractionReason!: string | null;
  participantIds!: readonly string[];

  static from(m: Message, participantIds: readonly string[]): MessageType {
    return Object.assign(new MessageType(), {
      id: m.id,
      conversationId: m.conversation.id,
      authorId: m.author.id,
      body: m.retractedAt ? null : m.body,
      sentAt: m.sentAt,
      retractedAt: m.retractedAt ?? null,
      retractionReason: m.retractionReason ?? null,
      participantIds,
    });
  }
}

@ObjectType('Conversation', { description: 'R-C1: a conversation within a school; seen by the people in it only' })
export class ConversationType implements InConversation {
  @Field(() => ID) id!: string;
  @Field(() => ConversationKind) kind!: ConversationKind;
  @Field(() => String) subject!: string;
  @Field(() => DateTimeISOResolver) startedAt!: Date;
  @Field(() => DateTimeISOResolver) lastMessageAt!: Date;
  @Field(() => [ParticipantType]) participants!: ParticipantType[];
  @Field(() => DateTimeISOResolver, { nullable: true, description: "R-C2: when a family's letter waits for an answer, by when it is due" })
  answerDueAt!: Date | null;
  @Field(() => ID, { nullable: true, description: 'The child the conversation is about' }) studentId!: string | null;
  @Field(() => ID, { nullable: true }) classId!: string | null;
  @Field(() => ID, { nullable: true }) groupId!: string | null;
  schoolId!: string;
  participantIds!: readonly string[];

  static from(c: Conversation, participants: ParticipantType[]): ConversationType {
    return Object.assign(new ConversationType(), {
      id: c.id,
      kind: c.kind,
      subject: c.subject,
      startedAt: c.startedAt,
      lastMessageAt: c.lastMessageAt,
      participants,
      answerDueAt: c.awaitingSince ? (c.answerDueAt ?? null) : null,
      studentId: c.student?.id ?? null,
      classId: c.schoolClass?.id ?? null,
      groupId: c.group?.id ?? null,
      schoolId: c.school.id,
      participantIds: participants.map((p) => p.id),
    });
  }
}

/** Facts the policy's `mayWriteTo` decides by, carried unexposed. */
interface AddresseeFacts {
  schoolId: string;
  staff: boolean;
  student: boolean;
  parent: boolean;
}

@ObjectType('ContactChild', { description: "A parent contact's child in the school: whom a letter to that parent may be about" })
export class ContactChildType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Фамилия И. О.' }) shortName!: string;
  @Field(() => String, { description: 'The class, e.g. "5А"' }) className!: string;
  schoolId!: string;
}

@ObjectType('Contact', { description: 'Someone the viewer may start a conversation with' })
export class ContactType implements AddresseeFacts {
  @Field(() => ID) id!: string;
  @Field(() => String) fullName!: string;
  @Field(() => String) shortName!: string;
  @Field(() => String, { nullable: true, description: "A staff member's position, a student's class, a parent's children" }) note!: string | null;
  @Field(() => Boolean) staff!: boolean;
  @Field(() => Boolean) student!: boolean;
  @Field(() => Boolean) parent!: boolean;
  @Field(() => [ContactChildType], { description: "A parent's children in the school today (a letter to a parent of several names one: `studentId`)" })
  children!: ContactChildType[];
  schoolId!: string;
}

@ObjectType('OverdueLetter', { description: "R-C2: a family's letter not answered within 2 working days" })
export class OverdueLetterType {
  @Field(() => ID) conversationId!: string;
  @Field(() => String) subject!: string;
  @Field(() => DateTimeISOResolver) awaitingSince!: Date;
  @Field(() => DateTimeISOResolver) answerDueAt!: Date;
  @Field(() => String, { description: 'Who wrote: Фамилия И. О.' }) from!: string;
  @Field(() => [String], { description: 'The staff members it was written to' }) to!: string[];
  @Field(() => String, { nullable: true, description: 'The class, e.g. "5А"' }) className!: string | null;
  @Field(() => ID, { nullable: true }) studentId!: string | null;
  schoolId!: string;
  classId!: string | null;
}

@ObjectType('WallPost', { description: 'R-C3: an announcement on a class wall by the class teacher' })
export class WallPostType {
  @Field(() => ID) id!: string;
  @Field(() => ID) classId!: string;
  @Field(() => String) body!: string;
  @Field(() => DateTimeISOResolver) postedAt!: Date;
  @Field(() => String, { description: 'Фамилия И. О. of the class teacher' }) author!: string;
  schoolId!: string;

  static from(p: WallPost): WallPostType {
    return Object.assign(new WallPostType(), {
      id: p.id,
      classId: p.schoolClass.id,
      body: p.body,
      postedAt: p.postedAt,
      author: shortName(p.author),
      schoolId: p.school.id,
    });
  }
}

@InputType({ description: 'Exactly one of `to`, `groupId`, `classId`' })
export class StartConversationInput {
  @IdField() schoolId!: string;
  @IdField({ nullable: true, description: 'One person (DIRECT)' }) to?: string;
  @IdField({ nullable: true, description: 'All parents of a study group: an ANNOUNCEMENT, one conversation per family (or a PARENTS chat with `parentsChat`)' })
  groupId?: string;
  @IdField({ nullable: true, description: 'All parents of a class: an ANNOUNCEMENT, one conversation per family (or a PARENTS chat with `parentsChat`)' })
  classId?: string;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'With groupId or classId: one shared chat in which the parents see each other (PARENTS), instead of an announcement each family answers privately',
  })
  parentsChat?: boolean;
  @IdField({ nullable: true, description: 'The child it is about, when the family has several in the school' })
  studentId?: string;
  @TextField({ max: 200 }) subject!: string;
  @TextField({ max: TEXT.message, multiline: true }) body!: string;
  @IdListField({ max: MAX_ATTACHMENTS, nullable: true, description: 'Files uploaded with POST /attachments' })
  attachmentIds?: string[];
  @IdField({
    nullable: true,
    description: 'An idempotency key (a UUID the client makes per letter): the same letter sent twice with it, at once or later, is sent once',
  })
  requestId?: string;
}

@InputType()
export class SendMessageInput {
  @IdField() conversationId!: string;
  @TextField({ max: TEXT.message, multiline: true }) body!: string;
  @IdListField({ max: MAX_ATTACHMENTS, nullable: true, description: 'Files uploaded with POST /attachments' })
  attachmentIds?: string[];
}

/** The sources of this file's GraphQL object types, for their type rules (policy/type-rule.ts). */
declare module '../../policy/type-rule.js' {
  interface TypeSources {
    Participant: ParticipantType;
    Attachment: AttachmentType;
    ReadReceipt: ReadReceiptType;
    Message: MessageType;
    Conversation: ConversationType;
    ContactChild: ContactChildType;
    Contact: ContactType;
    OverdueLetter: OverdueLetterType;
    WallPost: WallPostType;
  }
}
