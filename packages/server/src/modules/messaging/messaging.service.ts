import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { updateWhile } from '../../db/update-while.js';
import { badInput, notFound } from '../../kernel/errors.js';
import { canAdministerSchool, canSeeSchool, hasRoleIn, isStaffOf, mayReadClassWall, mayWriteTo, STAFF_ROLES, type Addressee } from '../../policy/policy.js';
import type { Clock } from '../../kernel/clock.js';
import type { Viewer } from '../../policy/viewer.js';
import { recordEvent } from '../../realtime/domain-event.entity.js';
import { uuidArray } from '../../kernel/dataloader.js';
import { todayIso } from '../../kernel/dates.js';
import { inForceOn, inForceSql } from '../../kernel/in-force.js';
import { audit } from '../../kernel/audit.js';
import { Role } from '../../policy/roles.js';
import { RoleGrant, Enrolment, fullName, shortName, User, SchoolClass, School, GroupKind, GroupMember, StudyGroup } from '../school/index.js';
import { Guardianship } from '../people/index.js';
import { answerDueAt } from './deadline.js';
import { Attachment, Conversation, ConversationKind, ConversationParticipant, Message, ParticipantKind, WallPost } from './messaging.entity.js';
import { ContactChildType, ContactType, type SendMessageInput, type StartConversationInput } from './messaging.types.js';

/** Enrolment, group membership or guardianship in force on day `?` (bound twice per use). */

const ADDRESSEE_SQL = `
select u.id,
  exists (select 1 from role_grant g where g.user_id = u.id and g.school_id = ? and g.revoked_at is null and g.role::text = any(?::text[])) as staff,
  exists (select 1 from enrolment e where e.student_id = u.id and e.school_id = ? and ${inForceSql('e', '?::date')}) as student,
  exists (select 1 from guardianship gs join enrolment e on e.student_id = gs.student_id
          where gs.parent_id = u.id and e.school_id = ? and ${inForceSql('e', '?::date')} and ${inForceSql('gs', '?::date')}) as parent
from app_user u where u.id = any(?::uuid[]) and u.active`;

const CONTACTS_SQL = `
with people as (
  select g.user_id as id, 'staff' as kind, g.position as note from role_grant g
   where g.school_id = ? and g.revoked_at is null and g.role::text = any(?::text[])
  union all
  select e.student_id, 'student', c.grade || c.letter from enrolment e join school_class c on c.id = e.school_class_id
   where e.school_id = ? and ${inForceSql('e', '?::date')}
  union all
  select gs.parent_id, 'parent', s.last_name || ' ' || s.first_name || ', ' || c.grade || c.letter
   from guardianship gs join enrolment e on e.student_id = gs.student_id
   join school_class c on c.id = e.school_class_id join app_user s on s.id = gs.student_id
   where e.school_id = ? and ${inForceSql('e', '?::date')} and ${inForceSql('gs', '?::date')} and (?::uuid is null or gs.student_id = ?::uuid)
)
select u.id, u.last_name, u.first_name, u.middle_name, bool_or(p.kind = 'staff') as staff,
  bool_or(p.kind = 'student') as student, bool_or(p.kind = 'parent') as parent, string_agg(distinct p.note, '; ' order by p.note) as note
from people p join app_user u on u.id = p.id
where u.active and p.kind = any(?::text[]) and concat_ws(' ', u.last_name, u.first_name, u.middle_name) ilike ?
group by u.id order by u.last_name, u.first_name, u.middle_name, u.id limit 50`;

/** The children of parents in one school on a day, with their class (the `children` of parent contacts). */
const CONTACT_CHILDREN_SQL = `
select gs.parent_id, s.id, s.last_name, s.first_name, s.middle_name, c.grade || c.letter as class_name
from guardianship gs join enrolment e on e.student_id = gs.student_id
join school_class c on c.id = e.school_class_id join app_user s on s.id = gs.student_id
where gs.parent_id = any(?::uuid[]) and e.school_id = ? and ${inForceSql('e', '?::date')} and ${inForceSql('gs', '?::date')}
order by s.last_name, s.first_name, s.middle_name, s.id`;

/** What `mayWriteTo` needs to know about people, in one school, on `day` (the service, and the write rule of startConversation). */
export async function addresseesOn(em: EntityManager, schoolId: string, day: string, userIds: string[]): Promise<Map<string, Addressee>> {
  const rows = await em.execute<{ id: string; staff: boolean; student: boolean; parent: boolean }[]>(ADDRESSEE_SQL, [
    schoolId,
    `{${STAFF_ROLES.join(',')}}`,
    schoolId,
    day,
    day,
    schoolId,
    day,
    day,
    day,
    day,
    uuidArray(userIds),
  ]);
  return new Map(rows.map((r) => [r.id, { id: r.id, schoolId, staff: r.staff, student: r.student, parent: r.parent }]));
}

/**
 * R-C1..R-C3: conversations, messages, read receipts, the 2-day rule and the class wall. Every write
 * goes to the database in one flush with its audit row and its outbox events (one `message.received`
 * per recipient, with `recipientId` in the payload, for the live message stream and the notices).
 */
export class MessagingService {
  constructor(private readonly clock: Clock) {}

  private today(school: { timezone: string }) {
    return todayIso(this.clock(), school.timezone);
  }

  /** What `mayWriteTo` needs to know about people, in one school, today. */
  addressees(em: EntityManager, school: School, userIds: string[]): Promise<Map<string, Addressee>> {
    return addresseesOn(em, school.id, this.today(school), userIds);
  }

  /**
   * R-C1: the people of a school the viewer may start a conversation with (a page of 50), matching
   * `search` in their name: staff for families; staff, students and parents for staff; with
   * `parentsOf`, only the parents of that pupil (the journal's "написать родителям"). A parent comes
   * with their children in the school, so a letter can say which child it is about.
   */
  async contacts(em: EntityManager, viewer: Viewer, schoolId: string, search: string, parentsOf: string | null = null): Promise<ContactType[]> {
    const school = await em.findOne(School, schoolId);
    if (!school || !canSeeSchool(viewer, schoolId)) throw notFound('No such school.');
    const day = this.today(school);
    const kinds = !isStaffOf(viewer, schoolId) ? ['staff'] : parentsOf ? ['parent'] : ['staff', 'student', 'parent'];
    const pattern = `%${search.trim().replace(/[\\%_]/g, '\\$&')}%`;
    const rows = await em.getConnection().execute<
      {
        id: string;
        last_name: string;
        first_name: string;
        middle_name: string | null;
        staff: boolean;
        student: boolean;
        parent: boolean;
        note: string | null;
      }[]
    >(CONTACTS_SQL, [schoolId, `{${STAFF_ROLES.join(',')}}`, schoolId, day, day, schoolId, day, day, day, day, parentsOf, parentsOf, `{${kinds.join(',')}}`, pattern]);
    const contacts = rows
      .map((r) => {
        const names = { lastName: r.last_name, firstName: r.first_name, middleName: r.middle_name };
        return Object.assign(new ContactType(), {
          id: r.id,
          fullName: fullName(names),
          shortName: shortName(names),
          note: r.note,
          staff: r.staff,
          student: r.student,
          parent: r.parent,
          children: [] as ContactChildType[],
          schoolId,
        });
      })
      .filter((c) => mayWriteTo(viewer, c));
    const parents = contacts.filter((c) => c.parent);
    if (parents.length) {
      const children = await em
        .getConnection()
        .execute<{ parent_id: string; id: string; last_name: string; first_name: string; middle_name: string | null; class_name: string }[]>(
          CONTACT_CHILDREN_SQL,
          [uuidArray(parents.map((p) => p.id)), schoolId, day, day, day, day],
        );
      for (const parent of parents) {
        parent.children = children
          .filter((c) => c.parent_id === parent.id)
          .map((c) =>
            Object.assign(new ContactChildType(), {
              id: c.id,
              shortName: shortName({ lastName: c.last_name, firstName: c.first_name, middleName: c.middle_name }),
              className: c.class_name,
              schoolId,
            }),
          );
      }
    }
    return contacts;
  }

  /** The students of a class, or of a study group, today. */
  private async studentsOf(em: EntityManager, school: School, target: { schoolClass: SchoolClass } | { group: StudyGroup }): Promise<string[]> {
    const day = this.today(school);
    if ('group' in target && target.group.kind !== GroupKind.WHOLE_CLASS) {
      return (await em.find(GroupMember, { group: target.group, ...inForceOn(day) })).map((m) => m.student.id);
    }
    const schoolClass = 'group' in target ? target.group.schoolClass! : target.schoolClass;
    return (await em.find(Enrolment, { schoolClass, ...inForceOn(day) })).map((e) => e.student.id);
  }

  /** A student's class today. */
  private async classOf(em: EntityManager, school: School, studentId: string): Promise<SchoolClass | null> {
    const day = this.today(school);
    const enrolment = await em.findOne(Enrolment, { student: studentId, school, ...inForceOn(day) }, { populate: ['schoolClass'] });
    return enrolment?.schoolClass ?? null;
  }

  /**
   * The child a one-to-one conversation of a family is about: named, or the family's only child in
   * the school. The family side is whichever side is not staff.
   */
  private async childConcerned(
    em: EntityManager,
    school: School,
    family: { id: string; student: boolean; parent: boolean },
    studentId: string | undefined,
  ): Promise<string | null> {
    if (family.student && !family.parent) return family.id;
    const children = (await em.find(Guardianship, { parent: family.id, school, ...inForceOn(this.today(school)) })).map((g) => g.student.id);
    const enrolled = await this.addressees(em, school, children);
    const current = children.filter((id) => enrolled.get(id)?.student);
    if (studentId) {
      if (!current.includes(studentId)) throw badInput('NOT_THE_FAMILYS_CHILD', "The student is not this family's child in this school.", 'studentId');
      return studentId;
    }
    if (current.length > 1)
      throw badInput('CHILD_REQUIRED', 'The family has several children in the school: say which one the conversation is about.', 'studentId');
    return current[0] ?? null;
  }

  async startConversation(em: EntityManager, viewer: Viewer, input: StartConversationInput): Promise<Conversation> {
    // Whether the viewer may write to this person or these parents is the write rule's (messaging.policy.ts).
    const school = await em.findOneOrFail(School, input.schoolId);
    const subject = input.subject.trim();
    if (!subject) throw badInput('BLANK', 'The subject is empty.', 'subject');
    const body = this.checkedBody(input.body);
    const targets = [input.to, input.groupId, input.classId].filter(Boolean);
    if (targets.length !== 1) throw badInput('ONE_ADDRESSEE', 'Write to one person (`to`), or to the parents of one group (`groupId`) or class (`classId`).');
    // A letter sent again with its key is answered with what the first sending made. Two sendings at once are
    // decided by the unique index on the key: the second waits for the first's commit and is refused (CONFLICT).
    if (input.requestId) {
      const sent = await em.findOne(
        Conversation,
        { startedBy: viewer.userId, requestId: input.requestId },
        { orderBy: { student: { lastName: 'asc', firstName: 'asc' } } },
      );
      if (sent) return sent;
    }
    if (!input.to && !input.parentsChat) return this.announce(em, viewer, school, input, subject, body);

    let kind = ConversationKind.DIRECT;
    let student: string | null = null;
    let schoolClass: SchoolClass | null = null;
    let group: StudyGroup | null = null;
    const members = new Map<string, ParticipantKind>([[viewer.userId, ParticipantKind.MEMBER]]);

    if (input.to) {
      const to = (await this.addressees(em, school, [input.to])).get(input.to)!;
      members.set(to.id, ParticipantKind.MEMBER);
      const self = (await this.addressees(em, school, [viewer.userId])).get(viewer.userId)!;
      const family = isStaffOf(viewer, school.id) ? (to.staff ? null : to) : self;
      if (family) {
        student = await this.childConcerned(em, school, family, input.studentId);
        schoolClass = student ? await this.classOf(em, school, student) : null;
        await this.addCopies(em, school, schoolClass, members);
      }
    } else {
      kind = ConversationKind.PARENTS;
      ({ group, schoolClass } = await this.audienceOf(em, school, input));
      const students = await this.studentsOf(em, school, group ? { group } : { schoolClass: schoolClass! });
      const parents = await em.find(Guardianship, { student: { $in: students }, ...inForceOn(this.today(school)) });
      for (const p of parents) if (p.parent.id !== viewer.userId) members.set(p.parent.id, ParticipantKind.MEMBER);
      if (members.size === 1) throw badInput('NO_PARENTS_ON_RECORD', 'Nobody to write to: no parents of current students are on record.');
      await this.addCopies(em, school, schoolClass, members);
    }

    const conversation = this.open(em, viewer, school, { kind, subject, student, schoolClass, group, requestId: input.requestId ?? null }, members);
    // `em` is the mutation's transaction (policy/apply-policy.ts): the files are claimed under a row lock until its commit (see post).
    await this.post(em, viewer, conversation.conversation, conversation.participants, body, input.attachmentIds ?? []);
    await em.flush();
    return conversation.conversation;
  }

  /** The group or class whose parents a letter is for (the write rule has checked the viewer may address them). */
  private async audienceOf(em: EntityManager, school: School, input: StartConversationInput) {
    if (input.groupId) {
      const group = await em.findOne(StudyGroup, { id: input.groupId, school }, { populate: ['schoolClass'] });
      if (!group) throw badInput('NO_SUCH_GROUP', 'No such study group in this school.', 'groupId');
      return { group, schoolClass: group.schoolClass ?? null };
    }
    const schoolClass = await em.findOne(SchoolClass, { id: input.classId!, school });
    if (!schoolClass) throw badInput('NO_SUCH_CLASS', 'No such class in this school.', 'classId');
    return { group: null, schoolClass };
  }

  /** R-C2: families' conversations go in copy to the class teacher and the deputy directors. */
  private async addCopies(em: EntityManager, school: School, schoolClass: SchoolClass | null, members: Map<string, ParticipantKind>) {
    const copies = [
      ...(schoolClass?.classTeacher ? [schoolClass.classTeacher.id] : []),
      ...(await em.find(RoleGrant, { school, role: Role.DEPUTY_DIRECTOR, revokedAt: null })).map((g) => g.user.id),
    ];
    for (const id of copies) if (!members.has(id)) members.set(id, ParticipantKind.COPY);
  }

  /** A new conversation with its participants and its audit row (not flushed). */
  private open(
    em: EntityManager,
    viewer: Viewer,
    school: School,
    what: {
      kind: ConversationKind;
      subject: string;
      student: string | null;
      schoolClass: SchoolClass | null;
      group: StudyGroup | null;
      requestId: string | null;
    },
    members: Map<string, ParticipantKind>,
  ) {
    const conversation = em.create(Conversation, {
      school,
      kind: what.kind,
      subject: what.subject,
      startedBy: em.getReference(User, viewer.userId),
      startedAt: this.clock(),
      student: what.student ? em.getReference(User, what.student) : null,
      schoolClass: what.schoolClass,
      group: what.group,
      lastMessageAt: this.clock(),
      requestId: what.requestId,
    });
    const participants = [...members].map(([id, pk]) =>
      em.create(ConversationParticipant, { school, conversation, user: em.getReference(User, id), kind: pk, addedAt: this.clock() }),
    );
    audit(
      em,
      viewer,
      {
        action: 'conversation.start',
        entity: 'Conversation',
        entityId: conversation.id,
        schoolId: school.id,
        data: { kind: what.kind, participants: participants.length, studentId: what.student },
      },
      this.clock(),
    );
    return { conversation, participants };
  }

  /**
   * Issue 17: a letter to all parents of a group or class is an announcement: each family (the parents
   * of one child, or of brothers and sisters in it together) gets its own conversation with the
   * teacher, copied as any family's letter is, and answers there privately — no parent sees another
   * parent's name or answer. Files are refused: one stored file belongs to one message. Returns the
   * conversation of the first family (by the child's name); each has the same subject and text.
   */
  private async announce(
    em: EntityManager,
    viewer: Viewer,
    school: School,
    input: StartConversationInput,
    subject: string,
    body: string,
  ): Promise<Conversation> {
    if (input.attachmentIds?.length)
      throw badInput('ANNOUNCEMENT_WITHOUT_FILES', 'An announcement to all parents carries no files: send them in a conversation.', 'attachmentIds');
    const { group, schoolClass } = await this.audienceOf(em, school, input);
    const day = this.today(school);
    const studentIds = await this.studentsOf(em, school, group ? { group } : { schoolClass: schoolClass });
    const links = await em.find(
      Guardianship,
      { student: { $in: studentIds }, ...inForceOn(day) },
      { populate: ['student'], orderBy: { student: { lastName: 'asc', firstName: 'asc' } } },
    );
    // A family is the parents of one child, joined with those of a brother or sister who shares a parent.
    const families: { student: string; parents: Set<string> }[] = [];
    const familyOf = new Map<string, (typeof families)[number]>();
    for (const link of links) {
      if (link.parent.id === viewer.userId) continue;
      const studentsParents = links.filter((l) => l.student.id === link.student.id).map((l) => l.parent.id);
      const family = studentsParents.map((p) => familyOf.get(p)).find(Boolean) ?? { student: link.student.id, parents: new Set<string>() };
      if (!families.includes(family)) families.push(family);
      family.parents.add(link.parent.id);
      familyOf.set(link.parent.id, family);
    }
    if (families.length === 0) throw badInput('NO_PARENTS_ON_RECORD', 'Nobody to write to: no parents of current students are on record.');
    // Each family's copies: the class teacher of its child's class (a cross-class group has no one class).
    const classOfStudent = new Map(
      (await em.find(Enrolment, { student: { $in: families.map((f) => f.student) }, school, ...inForceOn(day) }, { populate: ['schoolClass'] })).map(
        (e) => [e.student.id, e.schoolClass] as const,
      ),
    );
    const deputies = (await em.find(RoleGrant, { school, role: Role.DEPUTY_DIRECTOR, revokedAt: null })).map((g) => g.user.id);
    const opened = [];
    for (const family of families) {
      const members = new Map<string, ParticipantKind>([[viewer.userId, ParticipantKind.MEMBER]]);
      for (const p of family.parents) members.set(p, ParticipantKind.MEMBER);
      const familyClass = classOfStudent.get(family.student) ?? schoolClass;
      for (const id of [...(familyClass?.classTeacher ? [familyClass.classTeacher.id] : []), ...deputies])
        if (!members.has(id)) members.set(id, ParticipantKind.COPY);
      const conversation = this.open(
        em,
        viewer,
        school,
        { kind: ConversationKind.ANNOUNCEMENT, subject, student: family.student, schoolClass: familyClass, group, requestId: input.requestId ?? null },
        members,
      );
      await this.post(em, viewer, conversation.conversation, conversation.participants, body, []);
      opened.push(conversation.conversation);
    }
    await em.flush();
    return opened[0];
  }

  private checkedBody(raw: string): string {
    const body = raw.trim();
    if (!body) throw badInput('BLANK', 'The message is empty.', 'body');
    return body;
  }

  /** The conversation with its participants, if the viewer is one of them. */
  async participation(em: EntityManager, viewer: Viewer, conversationId: string) {
    const found = await this.conversationWith(em, conversationId);
    if (!found?.participants.some((p) => p.user.id === viewer.userId)) throw notFound('No such conversation.');
    return found;
  }

  /** The conversation with its participants (a write rule has found the viewer among them: messaging.policy.ts). */
  private async conversationWith(em: EntityManager, conversationId: string) {
    const participants = await em.find(ConversationParticipant, { conversation: conversationId }, { populate: ['conversation.school'] });
    return participants[0] ? { conversation: participants[0].conversation, participants } : null;
  }

  private async existingConversation(em: EntityManager, conversationId: string) {
    const found = await this.conversationWith(em, conversationId);
    if (!found) throw notFound('No such conversation.');
    return found;
  }

  async sendMessage(em: EntityManager, viewer: Viewer, input: SendMessageInput): Promise<Message> {
    const body = this.checkedBody(input.body);
    // The messages of a conversation are written one at a time (its row stays locked until the commit): the
    // waiting state (R-C2) and the unsent files are read as the previous message left them, so a parent's
    // letter arriving with a staff answer cannot be left unawaited, and a file goes with one message only.
    return em.transactional(async (tx) => {
      await tx.getConnection().execute('select 1 from conversation where id = ? for no key update', [input.conversationId], 'all', tx.getTransactionContext());
      const { conversation, participants } = await this.existingConversation(tx, input.conversationId);
      return this.post(tx, viewer, conversation, participants, body, input.attachmentIds ?? []);
    });
  }

  /** Adds a message (not flushed; in a transaction): files, the 2-day rule, one outbox event per recipient. */
  private async post(
    em: EntityManager,
    viewer: Viewer,
    conversation: Conversation,
    participants: ConversationParticipant[],
    body: string,
    attachmentIds: string[],
  ): Promise<Message> {
    const now = this.clock();
    const school = conversation.school;
    const message = em.create(Message, { school, conversation, author: em.getReference(User, viewer.userId), body, sentAt: now });
    if (attachmentIds.length) {
      // Locked until the commit: a concurrent message claiming the same file waits, then no longer finds it unsent.
      const files = await em.find(
        Attachment,
        { id: { $in: attachmentIds }, uploadedBy: viewer.userId, message: null },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (files.length !== new Set(attachmentIds).size) throw badInput('FILE_NOT_YOURS', 'A file is not among your unsent uploads.', 'attachmentIds');
      for (const f of files) Object.assign(f, { message, school });
    }
    conversation.lastMessageAt = now;
    // R-C2: a parent's letter waits for the staff; any staff member's answer ends the wait.
    if (isStaffOf(viewer, school.id)) {
      Object.assign(conversation, { awaitingSince: null, answerDueAt: null, overdueFlaggedAt: null });
    } else if (hasRoleIn(viewer, school.id, [Role.PARENT]) && !conversation.awaitingSince) {
      Object.assign(conversation, { awaitingSince: now, answerDueAt: await answerDueAt(em, school, now), overdueFlaggedAt: null });
    }
    for (const p of participants) {
      if (p.user.id === viewer.userId) continue;
      recordEvent(em, {
        schoolId: school.id,
        type: 'message.received',
        payload: { recipientId: p.user.id, conversationId: conversation.id, messageId: message.id, copy: p.kind === ParticipantKind.COPY },
      });
    }
    audit(
      em,
      viewer,
      {
        action: 'message.send',
        entity: 'Message',
        entityId: message.id,
        schoolId: school.id,
        data: { conversationId: conversation.id, attachments: attachmentIds.length },
      },
      now,
    );
    return message;
  }

  /** Messages are never deleted: the author retracts one, and everyone sees that it was retracted. */
  async retractMessage(em: EntityManager, viewer: Viewer, messageId: string, reason: string | null): Promise<Message> {
    const message = await em.findOneOrFail(Message, messageId);
    const { participants } = await this.existingConversation(em, message.conversation.id);
    const alreadyRetracted = () => badInput('ALREADY_RETRACTED', 'The message is already retracted.');
    if (message.retractedAt) throw alreadyRetracted();
    // Of concurrent retractions the first stands: one event per recipient, one audit row.
    const now = this.clock();
    const change = { retractedAt: now, retractionReason: reason?.trim() || null };
    return updateWhile(em, Message, message, { retractedAt: null }, change, alreadyRetracted, (tx) => {
      for (const p of participants) {
        if (p.user.id === viewer.userId) continue;
        recordEvent(tx, {
          schoolId: message.school.id,
          type: 'message.retracted',
          payload: { recipientId: p.user.id, conversationId: message.conversation.id, messageId: message.id },
        });
      }
      audit(tx, viewer, { action: 'message.retract', entity: 'Message', entityId: message.id, schoolId: message.school.id }, now);
    });
  }

  /**
   * Read receipts for every message of the conversation the viewer had not read. Receipts are the
   * record of reading themselves, so no audit row repeats them; authors learn of them live.
   */
  async markRead(em: EntityManager, viewer: Viewer, conversationId: string): Promise<Conversation> {
    const { conversation } = await this.existingConversation(em, conversationId);
    const now = this.clock();
    await em.transactional(async (tx) => {
      const read = await tx.execute<{ author_id: string }[]>(
        `insert into message_read (id, school_id, message_id, reader_id, read_at)
         select uuidv7(), m.school_id, m.id, ?, ? from message m where m.conversation_id = ? and m.author_id <> ?
         on conflict (message_id, reader_id) do nothing
         returning (select author_id from message where id = message_id)`,
        [viewer.userId, now, conversationId, viewer.userId],
      );
      for (const authorId of new Set(read.map((r) => r.author_id))) {
        recordEvent(tx, {
          schoolId: conversation.school.id,
          type: 'message.read',
          payload: { recipientId: authorId, conversationId, readerId: viewer.userId },
        });
      }
    });
    return conversation;
  }

  /** R-C2: letters past their answer date, for the class teacher (of their classes) and the administration. */
  async overdueLetters(em: EntityManager, viewer: Viewer, schoolId: string): Promise<Conversation[]> {
    if (!isStaffOf(viewer, schoolId)) throw notFound('No such school.');
    const scope = canAdministerSchool(viewer, schoolId) ? {} : { schoolClass: { $in: [...viewer.ledClassIds] } };
    return em.find(
      Conversation,
      { school: schoolId, awaitingSince: { $ne: null }, answerDueAt: { $lte: this.clock() }, ...scope },
      { populate: ['schoolClass'], orderBy: { answerDueAt: 'asc' } },
    );
  }

  /** R-C3: the class teacher posts to the class wall; families and staff of the class's school read it. */
  async postToClassWall(em: EntityManager, viewer: Viewer, classId: string, text: string): Promise<WallPost> {
    const schoolClass = await em.findOneOrFail(SchoolClass, classId);
    const body = text.trim();
    if (!body) throw badInput('BLANK', 'The post is empty.', 'text');
    const post = em.create(WallPost, { school: schoolClass.school, schoolClass, author: em.getReference(User, viewer.userId), body, postedAt: this.clock() });
    recordEvent(em, { type: 'wall.posted', schoolId: schoolClass.school.id, payload: { classId: schoolClass.id, postId: post.id } });
    audit(em, viewer, { action: 'wall.post', entity: 'WallPost', entityId: post.id, schoolId: schoolClass.school.id, data: { classId } }, this.clock());
    await em.flush();
    await em.populate(post, ['author']);
    return post;
  }

  async classWall(em: EntityManager, viewer: Viewer, classId: string, first: number): Promise<WallPost[]> {
    const schoolClass = await em.findOne(SchoolClass, classId, { populate: ['school'] });
    const studentIds = schoolClass ? await this.studentsOf(em, schoolClass.school, { schoolClass }) : [];
    if (!schoolClass || !mayReadClassWall(viewer, { schoolId: schoolClass.school.id, studentIds })) throw notFound('No such class.');
    return em.find(WallPost, { schoolClass }, { populate: ['author'], orderBy: { postedAt: 'desc' }, limit: first });
  }
}
