/** Messaging's timed duties, run by the notification worker on each of its rounds. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { STAFF_ROLES } from '../../policy/policy.js';
import { recordEvent } from '../../realtime/domain-event.entity.js';
import { RoleGrant } from '../school/index.js';
import { UNSENT_KEPT_HOURS } from './attachments.http.js';
import { Attachment, Conversation, ConversationParticipant } from './messaging.entity.js';

/**
 * R-C2, "flagged live": once a letter's answer date passes, each staff member in the conversation
 * (the teacher, the class teacher and deputy director in copy) gets a `conversation.overdue` event,
 * once per wait. The flag is set by a conditional update, so two workers never announce it twice.
 */
export async function flagOverdueLetters(em: EntityManager, now: Date): Promise<number> {
  const due = await em.find(Conversation, { awaitingSince: { $ne: null }, answerDueAt: { $lte: now }, overdueFlaggedAt: null }, { limit: 500 });
  let flagged = 0;
  for (const conversation of due) {
    await em.fork().transactional(async (tx) => {
      const claimed = await tx.nativeUpdate(
        Conversation,
        { id: conversation.id, overdueFlaggedAt: null, awaitingSince: { $ne: null } },
        { overdueFlaggedAt: now },
      );
      if (!claimed) return;
      const people = await tx.find(ConversationParticipant, { conversation: conversation.id });
      const staff = await tx.find(RoleGrant, {
        user: { $in: people.map((p) => p.user.id) },
        school: conversation.school.id,
        role: { $in: STAFF_ROLES },
        revokedAt: null,
      });
      for (const recipientId of new Set(staff.map((g) => g.user.id))) {
        recordEvent(tx, { type: 'conversation.overdue', schoolId: conversation.school.id, payload: { recipientId, conversationId: conversation.id } });
      }
      flagged++;
    });
  }
  return flagged;
}

/** Uploads never attached to a message are not kept. */
export function purgeUnsentUploads(em: EntityManager, now: Date): Promise<number> {
  return em.nativeDelete(Attachment, { message: null, uploadedAt: { $lt: new Date(now.getTime() - UNSENT_KEPT_HOURS * 3600_000) } });
}
