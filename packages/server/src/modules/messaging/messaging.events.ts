/**
 * The outbox events of messaging (kernel/events.ts). The message events are written once per person they are for
 * (`recipientId`, which routes them to that person's `messageEvents` stream); no student, no group.
 */
declare module '../../kernel/events.js' {
  interface DomainEvents {
    /** R-C1: a message for a participant (`copy`: a copy to the class teacher or deputy); a notice. */
    'message.received': { recipientId: string; conversationId: string; messageId: string; copy: boolean };
    'message.retracted': { recipientId: string; conversationId: string; messageId: string };
    /** For the author: `readerId` read their messages of the conversation. */
    'message.read': { recipientId: string; conversationId: string; readerId: string };
    /** R-C2: a family's letter past its answer date, for each staff member in it; a notice. */
    'conversation.overdue': { recipientId: string; conversationId: string };
    /** R-C3: a post on a class wall; a notice to the class's families. */
    'wall.posted': { classId: string; postId: string };
  }
}

export {};
