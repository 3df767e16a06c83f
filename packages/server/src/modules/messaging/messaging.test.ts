import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { errorOf, type GraphQLClient } from '../../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { Role } from '../../policy/roles.js';
import { Attachment, Conversation, Message } from './messaging.entity.js';

let server: TestServer;
let world: SeededWorld;
/** The school's clock: tests move it to send letters on chosen days. */
let now = new Date('2026-11-26T07:00:00Z'); // Thursday, 10:00 in Moscow

const count = (entity: typeof Conversation | typeof Message | typeof Attachment) => server.orm.em.fork().count(entity as typeof Conversation, {});

const START = `mutation($input: StartConversationInput!) {
  startConversation(input: $input) { id kind subject answerDueAt studentId participants { shortName kind staff } lastMessage { body } }
}`;
const SEND = `mutation($input: SendMessageInput!) { sendMessage(input: $input) { id body attachments { fileName size url } } }`;
const CONVERSATION = `query($id: ID!) {
  conversation(id: $id) { subject unreadCount answerDueAt messages { id body authorId retractedAt retractionReason attachments { fileName } readBy { readerId } } }
}`;

beforeAll(async () => {
  server = await startTestServer({ clock: () => now });
  world = await server.seed([
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('director', 'Белов Олег Викторович', [Role.DIRECTOR])
      .withStaff('zavuch', 'Громова Людмила Андреевна', [Role.DEPUTY_DIRECTOR])
      .withStaff('klass5', 'Соболева Ирина Павловна', [Role.TEACHER], { position: 'учитель русского языка' })
      .withStaff('math', 'Иванова Анна Петровна', [Role.TEACHER], { position: 'учитель математики' })
      .withStaff('klass6', 'Орехов Павел Сергеевич', [Role.TEACHER])
      .withClass('5А', { classTeacher: 'klass5' })
      .withClass('6Б', { classTeacher: 'klass6' })
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withParent('sidorova', 'Сидорова Анна Львовна')
      .withStudent('masha', 'Сидорова Мария Олеговна', { inClass: '5А', parents: ['sidorova'] })
      .withParent('orlova', 'Орлова Вера Павловна')
      .withStudent('ilya', 'Орлов Илья Андреевич', { inClass: '6Б', parents: ['orlova'] })
      .withParent('kuznetsova', 'Кузнецова Ольга Игоревна')
      .withStudent('kolya', 'Кузнецов Николай Петрович', { inClass: '5А', parents: ['kuznetsova'] })
      .withStudent('nina', 'Кузнецова Нина Петровна', { inClass: '6Б', parents: ['kuznetsova'] })
      .withGroup('Математика', '5А', { teacher: 'math' }),
    school('Школа № 2').inYear(2026).withStaff('stranger', 'Чужой Учитель Петрович', [Role.TEACHER]),
  ]);
});
afterAll(() => server.stop());

const schoolId = () => world.school('Школа № 1').id;

describe('who may write to whom (R-C1)', () => {
  it("lets a parent write to a teacher of their child's school, with copies to the class teacher and the deputy director", async () => {
    const parent = await server.as('petrova');
    const { startConversation } = await parent.data(START, {
      input: { schoolId: schoolId(), to: world.user('math').id, subject: 'Домашнее задание', body: 'Здравствуйте! Какие задачи решать?' },
    });
    expect(startConversation).toMatchObject({ kind: 'DIRECT', studentId: world.user('petya').id, lastMessage: { body: 'Здравствуйте! Какие задачи решать?' } });
    expect(startConversation.participants).toEqual([
      { shortName: 'Иванова А. П.', kind: 'MEMBER', staff: true },
      { shortName: 'Петрова М. И.', kind: 'MEMBER', staff: false },
      { shortName: 'Громова Л. А.', kind: 'COPY', staff: true },
      { shortName: 'Соболева И. П.', kind: 'COPY', staff: true },
    ]);

    // The copies read it; a teacher of another class and the director (not in it) do not.
    for (const login of ['klass5', 'zavuch']) {
      expect((await (await server.as(login)).data(CONVERSATION, { id: startConversation.id })).conversation.subject).toBe('Домашнее задание');
    }
    for (const login of ['klass6', 'director', 'sidorova']) {
      expect(errorOf(await (await server.as(login)).execute(CONVERSATION, { id: startConversation.id })).code).toBe('NOT_FOUND');
    }
  });

  it("refuses a parent writing to another parent, or to another family's child, and stores nothing", async () => {
    const parent = await server.as('petrova');
    const before = [await count(Conversation), await count(Message)];
    for (const to of ['sidorova', 'masha']) {
      const result = await parent.execute(START, { input: { schoolId: schoolId(), to: world.user(to).id, subject: 'Привет', body: 'Давайте дружить' } });
      expect(errorOf(result)).toEqual({
        code: 'FORBIDDEN',
        message: "Families write to the school's teachers and administration, not to other families.",
        reason: 'FAMILIES_WRITE_TO_STAFF',
      });
    }
    // A teacher of another school is nobody to write to here either.
    const stranger = await parent.execute(START, { input: { schoolId: schoolId(), to: world.user('stranger').id, subject: 'Вопрос', body: 'Здравствуйте' } });
    expect(errorOf(stranger).code).toBe('FORBIDDEN');
    expect([await count(Conversation), await count(Message)]).toEqual(before);
  });

  it("makes a teacher's letter to all parents of a group an announcement: each family answers privately, seeing no other parent", async () => {
    const teacher = await server.as('math');
    const { startConversation } = await teacher.data(START, {
      input: {
        schoolId: schoolId(),
        groupId: world.group('Математика', '5А').id,
        subject: 'Контрольная в пятницу',
        body: 'Уважаемые родители, в пятницу контрольная.',
      },
    });
    expect(startConversation.kind).toBe('ANNOUNCEMENT');

    // Each family of the group has its own conversation with the teacher and the copies: no other parent in it.
    const INBOX = `{ conversations { id kind subject studentId participants { shortName kind } lastMessage { body } } }`;
    type Inbox = {
      id: string;
      kind: string;
      subject: string;
      studentId: string;
      participants: { shortName: string; kind: string }[];
      lastMessage: { body: string };
    }[];
    const inboxOf = async (login: string) =>
      ((await (await server.as(login)).data(INBOX)).conversations as Inbox).filter((c) => c.subject === 'Контрольная в пятницу');
    const names = (c: Inbox[number]) => c.participants.map((p) => `${p.shortName} ${p.kind}`).sort();
    const [petrova] = await inboxOf('petrova');
    const [sidorova] = await inboxOf('sidorova');
    expect(names(petrova)).toEqual(['Громова Л. А. COPY', 'Иванова А. П. MEMBER', 'Петрова М. И. MEMBER', 'Соболева И. П. COPY']);
    expect(names(sidorova)).toEqual(['Громова Л. А. COPY', 'Иванова А. П. MEMBER', 'Сидорова А. Л. MEMBER', 'Соболева И. П. COPY']);
    expect(petrova).toMatchObject({
      kind: 'ANNOUNCEMENT',
      studentId: world.user('petya').id,
      lastMessage: { body: 'Уважаемые родители, в пятницу контрольная.' },
    });
    // The teacher has one conversation per family (Кузнецова's son Коля is in the group too).
    expect((await inboxOf('math')).map((c) => c.studentId).sort()).toEqual([world.user('kolya').id, world.user('masha').id, world.user('petya').id].sort());

    // Сидорова answers: the teacher reads it; Петрова does not, neither in her conversation nor in Сидорова's.
    await (await server.as('sidorova')).data(SEND, { input: { conversationId: sidorova.id, body: 'Спасибо, Маша подготовится.' } });
    const teacherView = (await teacher.data(CONVERSATION, { id: sidorova.id })).conversation;
    expect(teacherView.messages.map((m: { body: string }) => m.body)).toEqual(['Уважаемые родители, в пятницу контрольная.', 'Спасибо, Маша подготовится.']);
    const petrovaView = (await (await server.as('petrova')).data(CONVERSATION, { id: petrova.id })).conversation;
    expect(petrovaView.messages.map((m: { body: string }) => m.body)).toEqual(['Уважаемые родители, в пятницу контрольная.']);
    expect(errorOf(await (await server.as('petrova')).execute(CONVERSATION, { id: sidorova.id })).code).toBe('NOT_FOUND');
    expect(await inboxOf('orlova')).toEqual([]);

    const other = await server.as('klass6');
    const refused = await other.execute(START, {
      input: { schoolId: schoolId(), groupId: world.group('Математика', '5А').id, subject: 'Чужая группа', body: 'Текст' },
    });
    expect(errorOf(refused)).toEqual({
      code: 'FORBIDDEN',
      message: "Only the group's teacher, the class teacher or the administration write to all its parents.",
      reason: 'NOT_TEACHER_OF_GROUP',
    });
  });

  it("keeps the shared parents' chat for whoever asks for it explicitly", async () => {
    const { startConversation } = await (
      await server.as('math')
    ).data(START, {
      input: {
        schoolId: schoolId(),
        groupId: world.group('Математика', '5А').id,
        parentsChat: true,
        subject: 'Чат родителей',
        body: 'Здесь можно обсуждать поездку.',
      },
    });
    expect(startConversation.kind).toBe('PARENTS');
    expect(startConversation.participants.filter((p: { staff: boolean }) => !p.staff)).toHaveLength(3);
  });

  it('asks which child a letter to a parent of two pupils is about, and files it under that child', async () => {
    const teacher = await server.as('math');
    const before = [await count(Conversation), await count(Message)];
    const input = { schoolId: schoolId(), to: world.user('kuznetsova').id, subject: 'О Коле', body: 'Коля забыл тетрадь.' };
    expect(errorOf(await teacher.execute(START, { input }))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CHILD_REQUIRED' });
    expect([await count(Conversation), await count(Message)]).toEqual(before);

    const { startConversation } = await teacher.data(START, { input: { ...input, studentId: world.user('kolya').id } });
    expect(startConversation).toMatchObject({ kind: 'DIRECT', studentId: world.user('kolya').id });
    // The copy goes to Коля's class teacher, not Нина's.
    expect(startConversation.participants.map((p: { shortName: string }) => p.shortName)).toContain('Соболева И. П.');
    expect(startConversation.participants.map((p: { shortName: string }) => p.shortName)).not.toContain('Орехов П. С.');
  });

  it('offers a parent only staff as contacts, and a teacher the families too', async () => {
    const CONTACTS = `query($s: ID!, $q: String) { contacts(schoolId: $s, search: $q) { shortName note staff parent } }`;
    const parentContacts = (await (await server.as('petrova')).data(CONTACTS, { s: schoolId() })).contacts as { shortName: string; staff: boolean }[];
    expect(parentContacts.every((c) => c.staff)).toBe(true);
    expect(parentContacts.map((c) => c.shortName)).toContain('Иванова А. П.');
    const teacherContacts = (await (await server.as('math')).data(CONTACTS, { s: schoolId(), q: 'сидоров' })).contacts;
    expect(teacherContacts).toEqual([
      { shortName: 'Сидорова А. Л.', note: 'Сидорова Мария, 5А', staff: false, parent: true },
      { shortName: 'Сидорова М. О.', note: '5А', staff: false, parent: false },
    ]);
  });
});

describe('bad input is refused with nothing stored', () => {
  it('refuses an empty message', async () => {
    const parent = await server.as('petrova');
    const before = [await count(Conversation), await count(Message)];
    const result = await parent.execute(START, { input: { schoolId: schoolId(), to: world.user('math').id, subject: 'Вопрос', body: '   ' } });
    expect(errorOf(result)).toEqual({ code: 'BAD_USER_INPUT', message: 'body must not be blank.', reason: 'BLANK' });
    expect([await count(Conversation), await count(Message)]).toEqual(before);
  });
});

describe('the 2-day rule (R-C2)', () => {
  const OVERDUE = `query($s: ID!) { overdueLetters(schoolId: $s) { subject from to className answerDueAt } }`;
  const overdueFor = async (login: string) =>
    ((await (await server.as(login)).data(OVERDUE, { s: schoolId() })).overdueLetters as { subject: string }[]).map((l) => l.subject);

  it('gives the answer until the end of the second working day: a Thursday letter is due by Monday night', async () => {
    now = new Date('2026-11-26T07:00:00Z'); // Thursday 10:00
    const { startConversation } = await (
      await server.as('petrova')
    ).data(START, {
      input: { schoolId: schoolId(), to: world.user('math').id, subject: 'Оценка за контрольную', body: 'Почему тройка?' },
    });
    expect(startConversation.answerDueAt).toBe('2026-11-30T21:00:00.000Z'); // Monday 24:00 in Moscow

    now = new Date('2026-11-30T20:59:00Z');
    expect(await overdueFor('klass5')).not.toContain('Оценка за контрольную');
    now = new Date('2026-11-30T21:00:00Z');
    // The class teacher of 5А and the deputy director see it overdue; the class teacher of 6Б does not.
    expect(await overdueFor('klass5')).toContain('Оценка за контрольную');
    expect(await overdueFor('zavuch')).toContain('Оценка за контрольную');
    expect(await overdueFor('klass6')).not.toContain('Оценка за контрольную');
    const letter = ((await (await server.as('zavuch')).data(OVERDUE, { s: schoolId() })).overdueLetters as { subject: string }[]).find(
      (l) => l.subject === 'Оценка за контрольную',
    );
    expect(letter).toEqual({
      subject: 'Оценка за контрольную',
      from: 'Петрова М. И.',
      to: ['Иванова А. П.'],
      className: '5А',
      answerDueAt: '2026-11-30T21:00:00.000Z',
    });

    // The teacher answers: the letter is no longer waiting.
    await (await server.as('math')).data(SEND, { input: { conversationId: startConversation.id, body: 'Давайте обсудим на собрании.' } });
    expect(await overdueFor('klass5')).not.toContain('Оценка за контрольную');
  });

  it('skips weekends and the school holidays: a Friday letter before the autumn holidays is due when they are over', async () => {
    now = new Date('2026-10-23T12:00:00Z'); // Friday; the autumn holidays run 25 October – 4 November
    const { startConversation } = await (
      await server.as('petrova')
    ).data(START, {
      input: { schoolId: schoolId(), to: world.user('klass5').id, subject: 'Справка', body: 'Нужна справка для бассейна.' },
    });
    expect(startConversation.answerDueAt).toBe('2026-11-06T21:00:00.000Z'); // end of Friday 6 November
    now = new Date('2026-11-26T07:00:00Z');
  });
});

describe('reading and retracting', () => {
  it('counts unread messages, keeps read receipts for the author, and shows a retraction to everyone', async () => {
    const parent = await server.as('petrova');
    const teacher = await server.as('math');
    const { startConversation } = await parent.data(START, {
      input: { schoolId: schoolId(), to: world.user('math').id, subject: 'Экскурсия', body: 'Петя поедет на экскурсию.' },
    });
    const unread = async (c: GraphQLClient) => (await c.data(`{ unreadMessageCount }`)).unreadMessageCount as number;
    const before = await unread(teacher);
    const { sendMessage } = await parent.data(SEND, { input: { conversationId: startConversation.id, body: 'Ой, не поедет, ошиблась.' } });
    expect(await unread(teacher)).toBe(before + 1);

    await teacher.data(`mutation($id: ID!) { markConversationRead(conversationId: $id) { unreadCount } }`, { id: startConversation.id });
    const seenByParent = (await parent.data(CONVERSATION, { id: startConversation.id })).conversation;
    expect(seenByParent.messages.map((m: { readBy: { readerId: string }[] }) => m.readBy.map((r) => r.readerId))).toEqual([
      [world.user('math').id],
      [world.user('math').id],
    ]);

    await parent.data(`mutation($id: ID!) { retractMessage(messageId: $id, reason: "Ошибка") { retractedAt } }`, { id: sendMessage.id });
    const seenByTeacher = (await teacher.data(CONVERSATION, { id: startConversation.id })).conversation;
    const retracted = seenByTeacher.messages.find((m: { id: string }) => m.id === sendMessage.id);
    // The teacher sees their own receipt, not whoever else read it.
    expect(retracted).toMatchObject({ body: null, retractionReason: 'Ошибка', readBy: [{ readerId: world.user('math').id }] });
    expect(retracted.retractedAt).toBe(now.toISOString());
    expect(errorOf(await teacher.execute(`mutation($id: ID!) { retractMessage(messageId: $id) { id } }`, { id: sendMessage.id })).code).toBe('FORBIDDEN');
  });
});

describe('a message retracted from 20 sessions at once (issue 15)', () => {
  it('is retracted once: one event per recipient, one audit row, the others told it is already retracted', async () => {
    const sessions = await Promise.all([1, 2, 3, 4].map(() => server.as('petrova')));
    const { startConversation } = await sessions[0].data(START, {
      input: { schoolId: schoolId(), to: world.user('math').id, subject: 'Дважды', body: 'Отправлено по ошибке.' },
    });
    const { conversation } = await sessions[0].data(CONVERSATION, { id: startConversation.id });
    const messageId = conversation.messages[0].id;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        sessions[i % 4].execute(`mutation($id: ID!) { retractMessage(messageId: $id, reason: "Ошибка") { retractedAt } }`, { id: messageId }),
      ),
    );

    expect(answers.filter((a) => !a.errors)).toHaveLength(1);
    expect(new Set(answers.filter((a) => a.errors).map((a) => errorOf(a).message))).toEqual(new Set(['The message is already retracted.']));
    const rows = async (sql: string) => Number((await server.orm.em.fork().getConnection().execute(sql, [messageId]))[0].n);
    expect(await rows(`select count(*) as n from audit_event where action = 'message.retract' and entity_id = ?`)).toBe(1);
    const participants = await rows(
      `select count(*) as n from conversation_participant where conversation_id = (select conversation_id from message where id = ?)`,
    );
    expect(await rows(`select count(*) as n from domain_event where type = 'message.retracted' and payload->>'messageId' = ?`)).toBe(participants - 1);
  });
});

describe("a parent's letter and a staff answer sent at the same moment (issue 15)", () => {
  it('leave the conversation waiting exactly when the letter was the last to arrive', async () => {
    const parent = await server.as('petrova');
    const teacher = await server.as('math');
    const { startConversation } = await parent.data(START, {
      input: { schoolId: schoolId(), to: world.user('math').id, subject: 'Наперегонки', body: 'Первое письмо.' },
    });
    const send = (c: GraphQLClient, body: string) => c.data(SEND, { input: { conversationId: startConversation.id, body } });
    const sql = server.orm.em.fork().getConnection();
    for (let round = 0; round < 10; round++) {
      const [letter, answer] = await Promise.all([send(parent, `Письмо ${round}`), send(teacher, `Ответ ${round}`)]);
      // Outbox ids are in commit order: the message whose event came last is the one that arrived last.
      const [last] = await sql.execute<{ messageId: string }[]>(
        `select payload->>'messageId' as "messageId" from domain_event where type = 'message.received' and payload->>'messageId' = any(?::text[]) order by id desc limit 1`,
        [`{${letter.sendMessage.id},${answer.sendMessage.id}}`],
      );
      const [{ awaiting }] = await sql.execute<{ awaiting: boolean }[]>(`select awaiting_since is not null as awaiting from conversation where id = ?`, [
        startConversation.id,
      ]);
      expect({ round, awaiting }).toEqual({ round, awaiting: last.messageId === letter.sendMessage.id });
    }
  });
});

describe('attachments', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
  const upload = (c: GraphQLClient, name: string, body: Buffer) =>
    fetch(`${server.url}/attachments?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.token}` },
      body: new Uint8Array(body),
    });

  it('sends a PDF to the conversation, and serves it to its people only', async () => {
    const parent = await server.as('petrova');
    const res = await upload(parent, 'Справка.pdf', PDF);
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const { startConversation } = await parent.data(START, {
      input: { schoolId: schoolId(), to: world.user('klass5').id, subject: 'Справка от врача', body: 'Прикладываю справку.', attachmentIds: [id] },
    });
    const conversation = (await (await server.as('klass5')).data(CONVERSATION, { id: startConversation.id })).conversation;
    expect(conversation.messages[0].attachments).toEqual([{ fileName: 'Справка.pdf' }]);

    const download = async (login: string) =>
      fetch(`${server.url}/attachments/${id}`, { headers: { authorization: `Bearer ${(await server.as(login)).token}` } });
    const got = await download('klass5');
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('Справка.pdf')}`);
    expect(Buffer.from(await got.arrayBuffer())).toEqual(PDF);
    expect((await download('klass6')).status).toBe(404);
    // Attached once, a file cannot be attached again.
    const again = await parent.execute(SEND, { input: { conversationId: startConversation.id, body: 'Ещё раз', attachmentIds: [id] } });
    expect(errorOf(again)).toEqual({ code: 'BAD_USER_INPUT', message: 'A file is not among your unsent uploads.', reason: 'FILE_NOT_YOURS' });
  });

  it('goes with one message when four messages claim it at once (issue 15)', async () => {
    const parent = await server.as('petrova');
    const { id } = (await (await upload(parent, 'Одна.pdf', PDF)).json()) as { id: string };
    const sessions = await Promise.all([1, 2, 3, 4].map(() => server.as('petrova')));
    const answers = await Promise.all(
      sessions.map((c, i) =>
        c.execute(START, { input: { schoolId: schoolId(), to: world.user('klass5').id, subject: `Файл ${i}`, body: 'Файл.', attachmentIds: [id] } }),
      ),
    );
    expect(answers.filter((a) => !a.errors)).toHaveLength(1);
    expect(new Set(answers.filter((a) => a.errors).map((a) => errorOf(a).message))).toEqual(new Set(['A file is not among your unsent uploads.']));
    const [{ n }] = await server.orm.em
      .fork()
      .getConnection()
      .execute(`select count(*) as n from message where conversation_id in (select id from conversation where subject like 'Файл %')`);
    expect(Number(n)).toBe(1);
  });

  it('refuses a file over 5 MB and a file of a forbidden kind, storing nothing', async () => {
    const parent = await server.as('petrova');
    const before = await count(Attachment);
    const big = await upload(parent, 'Скан.pdf', Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]));
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({
      errors: [{ message: 'The file is larger than 5 MB, the most a message may carry.', extensions: { code: 'PAYLOAD_TOO_LARGE', reason: 'FILE_TOO_LARGE' } }],
    });
    const exe = await upload(parent, 'игра.exe', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300)]));
    expect(exe.status).toBe(415);
    expect(((await exe.json()) as { errors: { message: string }[] }).errors[0].message).toBe(
      'Only PDF, JPEG, PNG and DOCX files may be attached; this file is EXE.',
    );
    const disguised = await upload(parent, 'Справка.png', PDF);
    expect(((await disguised.json()) as { errors: { message: string }[] }).errors[0].message).toBe(
      'The file is PDF but its name says otherwise: name it *.pdf.',
    );
    expect(await count(Attachment)).toBe(before);
  });
});

describe('the class wall (R-C3)', () => {
  const WALL = `query($c: ID!) { classWall(classId: $c) { body author } }`;

  it("is written by the class teacher and read by the class's families only", async () => {
    const POST = `mutation($c: ID!, $t: String!) { postToClassWall(classId: $c, text: $t) { body author } }`;
    await (await server.as('klass5')).data(POST, { c: world.class('5А').id, t: 'В субботу субботник в 10:00.' });
    expect(errorOf(await (await server.as('klass6')).execute(POST, { c: world.class('5А').id, t: 'Чужая стена' })).code).toBe('FORBIDDEN');

    expect((await (await server.as('petrova')).data(WALL, { c: world.class('5А').id })).classWall).toEqual([
      { body: 'В субботу субботник в 10:00.', author: 'Соболева И. П.' },
    ]);
    expect((await (await server.as('petya')).data(WALL, { c: world.class('5А').id })).classWall).toHaveLength(1);
    expect(errorOf(await (await server.as('orlova')).execute(WALL, { c: world.class('5А').id })).code).toBe('NOT_FOUND');
  });
});

describe('the inbox', () => {
  it('reads with the same number of statements for 1 conversation as for 9', async () => {
    const INBOX = `{ conversations { subject unreadCount participants { shortName kind } lastMessage { body attachments { fileName } readBy { readerId } } } }`;
    const parent = await server.as('orlova');
    const write = (n: number) =>
      parent.data(START, { input: { schoolId: schoolId(), to: world.user('klass6').id, subject: `Вопрос ${n}`, body: `Текст ${n}` } });
    await write(1);
    const one = await server.countStatements(() => parent.data(INBOX));
    for (let n = 2; n <= 9; n++) await write(n);
    const nine = await server.countStatements(() => parent.data(INBOX));
    expect((await parent.data(INBOX)).conversations).toHaveLength(9);
    expect(nine).toBe(one);
  });
});

describe('reading a long conversation page by page', () => {
  it('skips and repeats no message, even of those sent in one instant', async () => {
    // The clock stands still: the letter and its six follow-ups share one sentAt.
    const parent = await server.as('sidorova');
    const { startConversation } = await parent.data(START, {
      input: { schoolId: schoolId(), to: world.user('klass5').id, subject: 'Справки', body: 'Письмо 0' },
    });
    for (let n = 1; n <= 6; n++) await parent.data(SEND, { input: { conversationId: startConversation.id, body: `Письмо ${n}` } });

    const PAGE = `query($id: ID!, $before: ID) { conversation(id: $id) { messages(first: 2, before: $before) { id body } } }`;
    const read: string[] = [];
    let page: { id: string; body: string }[] = (await parent.data(PAGE, { id: startConversation.id })).conversation.messages;
    while (page.length) {
      read.unshift(...page.map((m) => m.body));
      page = (await parent.data(PAGE, { id: startConversation.id, before: page[0].id })).conversation.messages;
    }
    expect(read).toHaveLength(7);
    expect(new Set(read).size).toBe(7);

    // A page cannot start at a message of another conversation.
    const other = (await parent.data(START, { input: { schoolId: schoolId(), to: world.user('klass5').id, subject: 'Другое', body: 'Чужое' } }))
      .startConversation;
    const { messages } = (await parent.data(`query($id: ID!) { conversation(id: $id) { messages { id } } }`, { id: other.id })).conversation;
    expect(errorOf(await parent.execute(PAGE, { id: startConversation.id, before: messages[0].id })).code).toBe('NOT_FOUND');
  });
});
