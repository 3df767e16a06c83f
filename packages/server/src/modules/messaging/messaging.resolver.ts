import { IdArg, IntArg, PAGE_MAX, TEXT, TextArg } from '../../kernel/input-fields.js';
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { viewerOf, type Context } from '../../policy/context.js';
import { badInput, notFound } from '../../kernel/errors.js';
import { present } from '../../kernel/dataloader.js';
import { shortName } from '../school/index.js';
import { ConversationParticipant, Message, ParticipantKind, type Conversation } from './messaging.entity.js';
import { MessagingService } from './messaging.service.js';
import {
  AttachmentType,
  ContactType,
  ConversationType,
  MessageType,
  OverdueLetterType,
  ReadReceiptType,
  SendMessageInput,
  StartConversationInput,
  WallPostType,
} from './messaging.types.js';

const pageSize = (first: number) => {
  if (first < 1 || first > 200) throw badInput('OUT_OF_RANGE', 'Ask for 1 to 200 items.', 'first');
  return first;
};

@Resolver(() => ConversationType)
export class MessagingResolver {
  constructor(private readonly service: MessagingService) {}

  private async typed(ctx: Context, conversations: Conversation[]): Promise<ConversationType[]> {
    const participants = await ctx.loaders.participantsByConversation.loadMany(conversations.map((c) => c.id));
    return conversations.map((c, i) => ConversationType.from(c, present([participants[i]])[0]));
  }

  @Query(() => [ConversationType], { description: "The viewer's conversations, latest activity first" })
  async conversations(@IntArg('first', { min: 1, max: PAGE_MAX, defaultValue: 50 }) first: number, @Ctx() ctx: Context): Promise<ConversationType[]> {
    const rows = await ctx.em.find(
      ConversationParticipant,
      { user: viewerOf(ctx).userId },
      { populate: ['conversation'], orderBy: { conversation: { lastMessageAt: 'desc' } }, limit: pageSize(first) },
    );
    return this.typed(
      ctx,
      rows.map((r) => r.conversation),
    );
  }

  @Query(() => ConversationType)
  async conversation(@IdArg('id') id: string, @Ctx() ctx: Context): Promise<ConversationType> {
    const { conversation } = await this.service.participation(ctx.em, viewerOf(ctx), id);
    return (await this.typed(ctx, [conversation]))[0];
  }

  @Query(() => Int, { description: 'Messages of others the viewer has not read, in all their conversations (the inbox badge)' })
  async unreadMessageCount(@Ctx() ctx: Context): Promise<number> {
    const [row] = await ctx.em.getConnection().execute<{ unread: string }[]>(
      `select count(*) as unread from conversation_participant p
       join message m on m.conversation_id = p.conversation_id and m.author_id <> p.user_id and m.retracted_at is null
       where p.user_id = ? and not exists (select 1 from message_read r where r.message_id = m.id and r.reader_id = p.user_id)`,
      [viewerOf(ctx).userId],
    );
    return Number(row?.unread ?? 0);
  }

  @Query(() => [ContactType], { description: 'People of a school the viewer may start a conversation with (50 at most)' })
  contacts(
    @IdArg('schoolId') schoolId: string,
    @TextArg('search', { max: 100, allowEmpty: true, defaultValue: '' }) search: string,
    @IdArg('parentsOf', { nullable: true, description: 'Only the parents of this pupil' }) parentsOf: string | null,
    @Ctx() ctx: Context,
  ) {
    return this.service.contacts(ctx.em, viewerOf(ctx), schoolId, search, parentsOf ?? null);
  }

  @Query(() => [OverdueLetterType], {
    description: "R-C2: families' letters past their answer date: the class teacher's classes, or the whole school for the administration",
  })
  async overdueLetters(@IdArg('schoolId') schoolId: string, @Ctx() ctx: Context): Promise<OverdueLetterType[]> {
    const conversations = await this.service.overdueLetters(ctx.em, viewerOf(ctx), schoolId);
    const ids = conversations.map((c) => c.id);
    const [participants, last] = await Promise.all([ctx.loaders.participantsByConversation.loadMany(ids), ctx.loaders.lastMessageByConversation.loadMany(ids)]);
    return conversations.map((c, i) => {
      const people = present([participants[i]])[0];
      const lastMessage = present([last[i]!])[0];
      return Object.assign(new OverdueLetterType(), {
        conversationId: c.id,
        subject: c.subject,
        awaitingSince: c.awaitingSince!,
        answerDueAt: c.answerDueAt!,
        from: lastMessage ? shortName(lastMessage.author) : '',
        to: people.filter((p) => p.staff && p.kind === ParticipantKind.MEMBER).map((p) => p.shortName),
        className: c.schoolClass?.name ?? null,
        studentId: c.student?.id ?? null,
        schoolId: c.school.id,
        classId: c.schoolClass?.id ?? null,
      });
    });
  }

  @Query(() => [WallPostType], { description: 'R-C3: the class wall, newest first: for the class, its families and the staff' })
  async classWall(@IdArg('classId') classId: string, @IntArg('first', { min: 1, max: PAGE_MAX, defaultValue: 20 }) first: number, @Ctx() ctx: Context) {
    return (await this.service.classWall(ctx.em, viewerOf(ctx), classId, pageSize(first))).map(WallPostType.from);
  }

  @Mutation(() => ConversationType, {
    description: 'R-C1: starts a conversation with its first message; copies go to the class teacher and deputy director (R-C2)',
  })
  async startConversation(@Arg('input', () => StartConversationInput) input: StartConversationInput, @Ctx() ctx: Context) {
    const conversation = await this.service.startConversation(ctx.em, viewerOf(ctx), input);
    return (await this.typed(ctx, [conversation]))[0];
  }

  @Mutation(() => MessageType)
  async sendMessage(@Arg('input', () => SendMessageInput) input: SendMessageInput, @Ctx() ctx: Context): Promise<MessageType> {
    const message = await this.service.sendMessage(ctx.em, viewerOf(ctx), input);
    return this.message(ctx, message);
  }

  @Mutation(() => MessageType, { description: 'Retracts one of your messages: it stays, marked retracted, without its text and files' })
  async retractMessage(
    @IdArg('messageId') messageId: string,
    @TextArg('reason', { max: TEXT.line, nullable: true }) reason: string | null,
    @Ctx() ctx: Context,
  ): Promise<MessageType> {
    return this.message(ctx, await this.service.retractMessage(ctx.em, viewerOf(ctx), messageId, reason));
  }

  @Mutation(() => ConversationType, { description: 'Read receipts for every message in the conversation' })
  async markConversationRead(@IdArg('conversationId') conversationId: string, @Ctx() ctx: Context) {
    return (await this.typed(ctx, [await this.service.markRead(ctx.em, viewerOf(ctx), conversationId)]))[0];
  }

  @Mutation(() => WallPostType, { description: 'R-C3: an announcement on the class wall (the class teacher)' })
  async postToClassWall(@IdArg('classId') classId: string, @TextArg('text', { max: TEXT.message, multiline: true }) text: string, @Ctx() ctx: Context) {
    return WallPostType.from(await this.service.postToClassWall(ctx.em, viewerOf(ctx), classId, text));
  }

  private async message(ctx: Context, message: Message): Promise<MessageType> {
    const participants = await ctx.loaders.participantsByConversation.load(message.conversation.id);
    return MessageType.from(
      message,
      participants.map((p) => p.id),
    );
  }

  @FieldResolver(() => [MessageType], { description: 'The latest `first` messages (older than the message `before`), oldest first' })
  async messages(
    @Root() conversation: ConversationType,
    @IntArg('first', { min: 1, max: PAGE_MAX, defaultValue: 50 }) first: number,
    @IdArg('before', { nullable: true, description: 'A message of this conversation, the oldest one the reader has: the page ends just before it' })
    before: string | null,
    @Ctx() ctx: Context,
  ): Promise<MessageType[]> {
    // A page ends at a message, not at a moment: messages sent in one instant (a class's broadcast, a retry) are
    // ordered by id after time, and the next page starts right after the last one read, so none is skipped.
    const last = before ? await ctx.em.findOne(Message, { id: before, conversation: conversation.id }) : null;
    if (before && !last) throw notFound('No such message in this conversation.');
    const older = last ? { $or: [{ sentAt: { $lt: last.sentAt } }, { sentAt: last.sentAt, id: { $lt: last.id } }] } : {};
    const rows = await ctx.em.find(Message, { conversation: conversation.id, ...older }, { orderBy: { sentAt: 'desc', id: 'desc' }, limit: pageSize(first) });
    return rows.reverse().map((m) => MessageType.from(m, conversation.participantIds));
  }

  @FieldResolver(() => MessageType, { nullable: true })
  async lastMessage(@Root() conversation: ConversationType, @Ctx() ctx: Context): Promise<MessageType | null> {
    const message = await ctx.loaders.lastMessageByConversation.load(conversation.id);
    return message && MessageType.from(message, conversation.participantIds);
  }

  @FieldResolver(() => Int, { description: 'Messages of others the viewer has not read' })
  unreadCount(@Root() conversation: ConversationType, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.unreadByConversationAndUser.load(`${conversation.id}/${viewerOf(ctx).userId}`);
  }
}

@Resolver(() => MessageType)
export class MessageResolver {
  @FieldResolver(() => [AttachmentType], { description: 'None once the message is retracted' })
  async attachments(@Root() message: MessageType, @Ctx() ctx: Context): Promise<AttachmentType[]> {
    if (message.retractedAt) return [];
    return (await ctx.loaders.attachmentsByMessage.load(message.id)).map((a) => AttachmentType.from(a, message.participantIds));
  }

  @FieldResolver(() => [ReadReceiptType], { description: 'Who read it, when: its author sees every receipt, a reader their own' })
  async readBy(@Root() message: MessageType, @Ctx() ctx: Context): Promise<ReadReceiptType[]> {
    return (await ctx.loaders.readsByMessage.load(message.id)).map((r) =>
      Object.assign(new ReadReceiptType(), { readerId: r.reader.id, at: r.readAt, authorId: message.authorId }),
    );
  }
}
