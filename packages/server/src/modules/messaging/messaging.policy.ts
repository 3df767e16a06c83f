/**
 * Read and write rules of messaging (R-C1..R-C3): who may write to whom (`mayWriteTo`, `mayAddressParentsOf`),
 * and that a conversation, its messages and people are its participants' only: to anyone else a
 * conversation or message answers exactly like a missing one.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type Addressee,
  ADMIN_ROLES,
  canSeeOverdueLetters,
  canSeeSchool,
  isParticipant,
  isStaffOf,
  mayAddressParentsOf,
  mayPostToClassWall,
  mayWriteTo,
  signedIn,
  withRole,
} from '../../policy/policy.js';
import type { Viewer } from '../../policy/viewer.js';
import { writeRule, type WriteCheck } from '../../policy/write-rule.js';
import { todayIso } from '../../kernel/dates.js';
import { SchoolClass, School, type OfSchool, StudyGroup } from '../school/index.js';
import { ConversationParticipant, Message } from './messaging.entity.js';
import { addresseesOn } from './messaging.service.js';
import type { ModuleRules } from '../../policy/module-rules.js';
import { Role } from '../../policy/roles.js';

interface ConversationFacts {
  participantIds: string[];
}

/** A new conversation: with one person (what they are to the school today), or with the parents of a group or class. */
interface NewConversationFacts extends OfSchool {
  to: Addressee | null;
  toPerson: boolean;
  groupId: string | null;
  classId: string | null;
}

async function conversationFacts(em: EntityManager, conversationId: string): Promise<ConversationFacts | null> {
  const participants = await em.find(ConversationParticipant, { conversation: conversationId });
  return participants.length ? { participantIds: participants.map((p) => p.user.id) } : null;
}

const inConversation = <A>(conversationId: (args: A) => string): WriteCheck =>
  writeRule<ConversationFacts, A>({
    missing: 'No such conversation.',
    load: (em, a) => conversationFacts(em, conversationId(a)),
    visible: isParticipant,
    allow: () => true,
  });

const WRITE_TO_FAMILIES = "Families write to the school's teachers and administration, not to other families.";

export const messagingWriteRules = {
  startConversation: writeRule<NewConversationFacts, { input: { schoolId: string; to?: string | null; groupId?: string | null; classId?: string | null } }>({
    missing: 'No such school.',
    load: async (em, { input }, now) => {
      const school = await em.findOne(School, input.schoolId);
      if (!school) return null;
      const to = input.to ? ((await addresseesOn(em, school.id, todayIso(now, school.timezone), [input.to])).get(input.to) ?? null) : null;
      const group = input.groupId ? await em.findOne(StudyGroup, { id: input.groupId, school }) : null;
      const schoolClass = !group && input.classId ? await em.findOne(SchoolClass, { id: input.classId, school }) : null;
      return {
        schoolId: school.id,
        to,
        toPerson: !!input.to,
        groupId: group?.id ?? null,
        classId: group ? (group.schoolClass?.id ?? null) : (schoolClass?.id ?? null),
      };
    },
    visible: (viewer, c) => canSeeSchool(viewer, c.schoolId),
    // Someone who is nobody to the school is refused like a stranger to the family: no oracle of who exists.
    allow: (viewer: Viewer, c) =>
      c.toPerson
        ? (!!c.to && mayWriteTo(viewer, c.to)) || { code: 'FORBIDDEN', reason: 'FAMILIES_WRITE_TO_STAFF', message: WRITE_TO_FAMILIES }
        : mayAddressParentsOf(viewer, c) || {
            code: 'FORBIDDEN',
            reason: 'NOT_TEACHER_OF_GROUP',
            message: "Only the group's teacher, the class teacher or the administration write to all its parents.",
          },
  }),
  sendMessage: inConversation<{ input: { conversationId: string } }>((a) => a.input.conversationId),
  markConversationRead: inConversation<{ conversationId: string }>((a) => a.conversationId),
  retractMessage: writeRule<ConversationFacts & { authorId: string }, { messageId: string }>({
    missing: 'No such message.',
    load: async (em, a) => {
      const message = await em.findOne(Message, a.messageId);
      const conversation = message && (await conversationFacts(em, message.conversation.id));
      return conversation && { ...conversation, authorId: message.author.id };
    },
    visible: isParticipant,
    allow: (viewer, m) => m.authorId === viewer.userId || { code: 'FORBIDDEN', reason: 'ONLY_AUTHOR', message: 'Only its author retracts a message.' },
  }),
  postToClassWall: writeRule<OfSchool & { classId: string }, { classId: string }>({
    missing: 'No such class.',
    load: async (em, a) => {
      const schoolClass = await em.findOne(SchoolClass, a.classId);
      return schoolClass && { schoolId: schoolClass.school.id, classId: schoolClass.id };
    },
    visible: (viewer, c) => canSeeSchool(viewer, c.schoolId),
    allow: mayPostToClassWall,
  }),
} satisfies Record<string, WriteCheck>;

/** The messaging module's rules, read and write (`defineModule({ rules })`), merged into THE policy by graphql/schema.ts. */
export const messagingRules = {
  query: {
    // Messaging (R-C1..R-C3): conversations are the participants' own; the services check the school.
    conversations: signedIn,
    conversation: signedIn,
    unreadMessageCount: signedIn,
    contacts: signedIn,
    overdueLetters: withRole(...ADMIN_ROLES, Role.CLASS_TEACHER),
    classWall: signedIn,
  },
  mutation: messagingWriteRules,
  types: {
    // Messaging (R-C1..R-C3): only the people in a conversation see it, its messages, files and people.
    Conversation: isParticipant,
    Participant: isParticipant,
    Message: isParticipant,
    Attachment: isParticipant,
    ReadReceipt: (viewer, o) => viewer?.userId === o.authorId || viewer?.userId === o.readerId,
    Contact: (viewer, o) => mayWriteTo(viewer, o),
    // Named to staff only: a family's contacts are staff, who list no children.
    ContactChild: (viewer, o) => isStaffOf(viewer, o.schoolId),
    OverdueLetter: canSeeOverdueLetters,
    // A wall post is an announcement, like a class event: not personal; `classWall` scopes it to the class.
    WallPost: (viewer, o) => canSeeSchool(viewer, o.schoolId),
  },
} satisfies ModuleRules;
