import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { STAFF_ROLES } from '../../policy/policy.js';
import { grouped, uuidArray } from '../../kernel/dataloader.js';
import { bySurname, RoleGrant } from '../school/index.js';
import { Attachment, ConversationParticipant, Message, MessageRead } from './messaging.entity.js';
import { ParticipantType } from './messaging.types.js';

declare module '../../kernel/loaders.js' {
  /** This module's part of the request's loaders. */
  interface Loaders extends ReturnType<typeof messagingLoaders> {}
}

/** Loaders only fetch; whether the viewer may see a result is the policy's business. */
export function messagingLoaders(em: EntityManager) {
  return {
    /** The people of each conversation (members, then copies; by surname), each knowing the whole list (the policy decides by it). */
    participantsByConversation: new DataLoader<string, ParticipantType[]>(async (ids) => {
      const rows = (await em.find(ConversationParticipant, { conversation: { $in: [...ids] } }, { populate: ['user'] })).sort(
        (a, b) => a.kind.localeCompare(b.kind) * -1 || bySurname(a.user, b.user),
      );
      const grants = await em.find(RoleGrant, { user: { $in: rows.map((r) => r.user.id) }, role: { $in: STAFF_ROLES }, revokedAt: null });
      const staff = new Set(grants.map((g) => `${g.user.id}/${g.school?.id}`));
      return ids.map((id) => {
        const own = rows.filter((r) => r.conversation.id === id);
        const participantIds = own.map((r) => r.user.id);
        return own.map((r) => ParticipantType.from(r.user, r.kind, staff.has(`${r.user.id}/${r.school.id}`), participantIds));
      });
    }),

    lastMessageByConversation: new DataLoader<string, Message | null>(async (ids) => {
      const latest = await em
        .getConnection()
        .execute<{ id: string }[]>(
          'select distinct on (conversation_id) id from message where conversation_id = any(?::uuid[]) order by conversation_id, sent_at desc, id desc',
          [uuidArray(ids)],
        );
      const messages = await em.find(Message, { id: { $in: latest.map((r) => r.id) } }, { populate: ['author'] });
      return ids.map((id) => messages.find((m) => m.conversation.id === id) ?? null);
    }),

    /** Keyed "conversationId/userId": messages of others the person has not read. */
    unreadByConversationAndUser: new DataLoader<string, number>(async (keys) => {
      const pairs = keys.map((k) => k.split('/') as [string, string]);
      const rows = await em.getConnection().execute<{ conversation_id: string; reader: string; unread: string }[]>(
        `select m.conversation_id, p.reader, count(*) as unread
         from unnest(?::uuid[], ?::uuid[]) as p(conversation_id, reader)
         join message m on m.conversation_id = p.conversation_id and m.author_id <> p.reader and m.retracted_at is null
         where not exists (select 1 from message_read r where r.message_id = m.id and r.reader_id = p.reader)
         group by m.conversation_id, p.reader`,
        [uuidArray(pairs.map((p) => p[0])), uuidArray(pairs.map((p) => p[1]))],
      );
      const counts = new Map(rows.map((r) => [`${r.conversation_id}/${r.reader}`, Number(r.unread)]));
      return keys.map((k) => counts.get(k) ?? 0);
    }),

    attachmentsByMessage: grouped(
      (ids) => em.find(Attachment, { message: { $in: ids } }, { orderBy: { uploadedAt: 'asc' } }),
      (a) => a.message!.id,
    ),

    readsByMessage: grouped(
      (ids) => em.find(MessageRead, { message: { $in: ids } }, { orderBy: { readAt: 'asc' } }),
      (r) => r.message.id,
    ),
  };
}
