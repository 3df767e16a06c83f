/**
 * A school for tests that make every mutation of the schema (policy/write-matrix.test.ts,
 * graphql/screen-coherence.test.ts): two families, classes and groups of one school (sides A and B) and another
 * school (S2), every side's objects catalogued by kind (seeded ones looked up, the rest written through the API by
 * their keepers), and for every mutation the change the role allowed to make it makes with side A's ids.
 */
import { getNamedType, isLeafType, type GraphQLField, type GraphQLNamedType } from 'graphql';
import { school, type SeededWorld } from '../db/seeders/school-builder.js';
import { Consent } from '../modules/people/consent.entity.js';
import { Role } from '../policy/roles.js';
import { RoleGrant } from '../modules/school/role-grant.entity.js';
import { Lesson, TimetableSlot } from '../modules/timetable/timetable.entity.js';
import { PlanTopic } from '../modules/timetable/plan-topic.entity.js';
import { firstEnumValue, renderArgs } from './schema-operations.js';
import type { TestServer } from './test-server.js';

/** Wednesday 23 December 2026, noon in Moscow: the last week of the second quarter. */
export const NOW = new Date('2026-12-23T09:00:00Z');
export const TODAY = '2026-12-23';

export type Side = 'A' | 'B' | 'S2';
export const ROLES = ['anonymous', 'studentA', 'parentA', 'teacherA', 'classTeacherA', 'director', 'secretary', 'hr', 'teacherS2'] as const;
export type RoleName = (typeof ROLES)[number];
export const SIGNED_IN = ROLES.filter((r) => r !== 'anonymous');

/** What kind of object an id argument names, by the argument's name. */
export const KIND_OF_SLOT: Record<string, string> = {
  schoolId: 'school',
  yearId: 'year',
  periodId: 'period',
  classId: 'class',
  toClassId: 'class',
  groupId: 'group',
  lessonId: 'lesson',
  slotId: 'slot',
  markId: 'mark',
  finalMarkId: 'finalMark',
  remarkId: 'journalRemark',
  studentId: 'student',
  studentIds: 'student',
  userId: 'user',
  to: 'user',
  parentId: 'parent',
  givenById: 'parent',
  teacherId: 'teacher',
  classTeacherId: 'teacher',
  substituteId: 'teacher',
  grantId: 'grant',
  consentId: 'consent',
  examId: 'exam',
  conversationId: 'conversation',
  messageId: 'message',
  workTypeId: 'workType',
  subjectId: 'subject',
  planTopicId: 'planTopic',
  homeSchoolingId: 'homeSchooling',
};
/** Files are uploaded over HTTP, not by a mutation: their ids stay out; an idempotency key names no record. */
export const UNFILLED_SLOTS = new Set(['attachmentIds', 'requestId']);

export type Catalogue = Record<string, Record<Side, string>>;

/** The change each mutation makes with its own ids, who must succeed at it, and who else the rules let try. */
export interface Own {
  by: RoleName;
  /** Also allowed by the write rule (a domain check may still refuse them); anyone else must be refused. */
  also?: readonly RoleName[];
  args: () => Record<string, unknown>;
}
/** Mutations whose success this server cannot show (no identity provider configured); they are still refused everywhere else. */
export const WITHOUT_SUCCESS: Record<string, string> = {
  redeemLoginCode: 'a one-time code comes only from an identity provider sign-in',
  linkOidcIdentity: 'no identity provider is configured in tests',
  unlinkOidcIdentity: 'no identity provider is configured in tests',
  commitYearTransition: "the matrix's year is under way (December) and has no next year: year-transition.test.ts commits one in June",
};

/** Logins are lower case: `teacherA` signs in as teacher_a. */
export const loginOf = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export interface MutationWorld {
  world: SeededWorld;
  /** Each side's objects, by kind. */
  ids: Catalogue;
  /** Targets of the changes that can be made once (a second mark, a requested substitution, the spare teacher's grant, an upload). */
  extra: Record<string, string>;
  /** The id of a role's (or a spare person's) user: `uid('teacherA')`. */
  uid: (name: string) => string;
  /** In the order they run: changes that end something (a session, a grant, the year) come last. */
  own: Record<string, Own>;
  /** Every catalogued id → its kind. */
  kinds: () => Map<string, string>;
}

/** Seeds the two schools into the server's database and catalogues their objects. */
export async function seedMutationWorld(server: TestServer): Promise<MutationWorld> {
  const ids: Catalogue = {};
  const extra: Record<string, string> = {};
  const world: SeededWorld = await server.seed(
    [
      school('Школа № 1')
        .inYear(2026)
        .withSubjects('Математика', 'Физика')
        .withStaff('director', 'Директорова Дина Олеговна', [Role.DIRECTOR])
        .withStaff('secretary', 'Зуева Наталья Олеговна', [Role.SECRETARY])
        .withStaff('hr', 'Кадрова Клара Олеговна', [Role.HR])
        .withStaff('teacher_a', 'Иванова Анна Петровна', [Role.TEACHER])
        .withStaff('class_teacher_a', 'Смирнов Олег Ильич', [Role.TEACHER])
        .withStaff('teacher_b', 'Боброва Белла Борисовна', [Role.TEACHER])
        .withStaff('spare', 'Запасов Захар Захарович', [Role.TEACHER])
        .withClass('9А', { classTeacher: 'class_teacher_a' })
        .withClass('9Б')
        .withParent('parent_a', 'Петрова Мария Ивановна')
        .withParent('parent_b', 'Сидорова Ольга Петровна')
        .withParent('spare_parent', 'Новикова Нина Олеговна')
        .withStudent('student_a', 'Петров Пётр Ильич', { inClass: '9А', parents: ['parent_a'] })
        .withStudent('spare_student', 'Петрова Полина Ильинична', { inClass: '9А', parents: ['parent_a'] })
        .withStudent('student_b', 'Сидоров Семён Петрович', { inClass: '9Б', parents: ['parent_b'] })
        .withConsent('student_a')
        .withConsent('student_b')
        .withGroup('Математика', '9А', {
          teacher: 'teacher_a',
          slots: [
            [1, 1],
            [2, 1],
            [3, 1],
            [4, 1],
            [5, 1],
          ],
        })
        .withGroup('Математика', '9Б', {
          teacher: 'teacher_b',
          slots: [
            [1, 2],
            [2, 2],
            [3, 2],
            [4, 2],
            [5, 2],
          ],
        }),
      school('Школа № 2')
        .inYear(2026)
        .withSubjects('Математика')
        .withStaff('director2', 'Другая Дарья Дмитриевна', [Role.DIRECTOR])
        .withStaff('secretary2', 'Вторая Вера Викторовна', [Role.SECRETARY])
        .withStaff('teacher_s2', 'Другова Дарья Дмитриевна', [Role.TEACHER])
        .withClass('9А')
        .withParent('parent_s2', 'Орлова Ольга Олеговна')
        .withStudent('student_s2', 'Орлов Олег Олегович', { inClass: '9А', parents: ['parent_s2'] })
        .withConsent('student_s2')
        .withGroup('Математика', '9А', {
          teacher: 'teacher_s2',
          slots: [
            [1, 1],
            [2, 1],
            [3, 1],
            [4, 1],
            [5, 1],
          ],
        }),
    ],
    { lessons: true },
  );
  const uid = (name: string) => world.user(loginOf(name)).id;
  await catalogue();
  return { world, ids, extra, uid, own: ownChanges(world, ids, extra, uid), kinds: kindsOfIds };

  /** Each side's objects, by kind: seeded ones looked up, the rest written through the API by their keepers. */
  async function catalogue() {
    const S = { A: 'Школа № 1', B: 'Школа № 1', S2: 'Школа № 2' } as const;
    const CLASS = { A: '9А', B: '9Б', S2: '9А' } as const;
    const people = {
      teacher: { A: 'teacherA', B: 'teacherB', S2: 'teacherS2' },
      student: { A: 'studentA', B: 'studentB', S2: 'studentS2' },
      parent: { A: 'parentA', B: 'parentB', S2: 'parentS2' },
    } as const;
    const sides: Side[] = ['A', 'B', 'S2'];
    const each = (f: (side: Side) => string) => Object.fromEntries(sides.map((s) => [s, f(s)])) as Record<Side, string>;
    const em = server.orm.em.fork();
    const lessonOf = async (side: Side, date: string) => (await em.findOneOrFail(Lesson, { group: world.group('Математика', CLASS[side], S[side]), date })).id;

    ids.school = each((s) => world.school(S[s]).id);
    ids.year = each((s) => world.class(CLASS[s], S[s]).year.id);
    const period = (s: Side) => world.periodsOf(S[s]).find((p) => p.startsOn <= TODAY && TODAY <= p.endsOn)!;
    ids.period = each((s) => period(s).id);
    ids.class = each((s) => world.class(CLASS[s], S[s]).id);
    ids.group = each((s) => world.group('Математика', CLASS[s], S[s]).id);
    ids.subject = each((s) => world.subject('Математика', S[s]).id);
    ids.workType = each((s) => world.workType('У', S[s]).id);
    ids.teacher = each((s) => uid(people.teacher[s]));
    ids.student = each((s) => uid(people.student[s]));
    ids.parent = each((s) => uid(people.parent[s]));
    ids.user = ids.teacher;
    ids.lesson = {} as Record<Side, string>;
    ids.slot = {} as Record<Side, string>;
    ids.grant = {} as Record<Side, string>;
    ids.consent = {} as Record<Side, string>;
    for (const s of sides) {
      ids.lesson[s] = await lessonOf(s, TODAY);
      ids.slot[s] = (await em.findOneOrFail(TimetableSlot, { group: ids.group[s] })).id;
      ids.grant[s] = (await em.findOneOrFail(RoleGrant, { user: ids.teacher[s], role: Role.TEACHER })).id;
      ids.consent[s] = (await em.findOneOrFail(Consent, { student: ids.student[s] })).id;
    }

    const keepers = { A: 'teacherA', B: 'teacherB', S2: 'teacherS2' } as const;
    const directors = { A: 'director', B: 'director', S2: 'director2' } as const;
    const secretaries = { A: 'secretary', B: 'secretary', S2: 'secretary2' } as const;
    const write = async (name: string, document: string, variables: Record<string, unknown>) =>
      (await server.as(loginOf(name))).data<Record<string, { id: string }>>(document, variables);
    ids.mark = {} as Record<Side, string>;
    ids.finalMark = {} as Record<Side, string>;
    ids.journalRemark = {} as Record<Side, string>;
    ids.exam = {} as Record<Side, string>;
    ids.conversation = {} as Record<Side, string>;
    ids.message = {} as Record<Side, string>;
    ids.planTopic = {} as Record<Side, string>;
    ids.homeSchooling = {} as Record<Side, string>;
    for (const s of sides) {
      const put = { lessonId: ids.lesson[s], studentId: ids.student[s], value: '5', workTypeId: ids.workType[s] };
      ids.mark[s] = (await write(keepers[s], `mutation($i: PutMarkInput!) { putMark(input: $i) { id } }`, { i: put })).putMark.id;
      ids.finalMark[s] = (
        await write(keepers[s], `mutation($i: SetFinalMarkInput!) { setFinalMark(input: $i) { id } }`, {
          i: { groupId: ids.group[s], studentId: ids.student[s], kind: 'ANNUAL', value: '5' },
        })
      ).setFinalMark.id;
      ids.journalRemark[s] = (
        await write(directors[s], `mutation($g: ID!) { remarkOnJournal(groupId: $g, text: "Нет домашнего задания") { id } }`, { g: ids.group[s] })
      ).remarkOnJournal.id;
      ids.exam[s] = (
        await write(secretaries[s], `mutation($s: ID!, $sub: ID!) { chooseExam(studentId: $s, subjectId: $sub, kind: OGE) { id } }`, {
          s: ids.student[s],
          sub: ids.subject[s],
        })
      ).chooseExam.id;
      const conversation = (
        await write(people.parent[s], `mutation($i: StartConversationInput!) { startConversation(input: $i) { id messages { id } } }`, {
          i: { schoolId: ids.school[s], to: ids.teacher[s], studentId: ids.student[s], subject: 'Вопрос', body: 'Здравствуйте' },
        })
      ).startConversation as unknown as { id: string; messages: { id: string }[] };
      ids.conversation[s] = conversation.id;
      ids.message[s] = conversation.messages[0].id;
      await write(keepers[s], `mutation($i: SetThematicPlanInput!) { setThematicPlan(input: $i) { __typename } }`, {
        i: { groupId: ids.group[s], topics: [{ topic: 'Дроби', hours: 2 }] },
      });
      ids.planTopic[s] = (await em.findOneOrFail(PlanTopic, { group: ids.group[s] })).id;
      // Issue 18: home schooling planned from May on, so that today's journal still has every pupil.
      ids.homeSchooling[s] = (
        await write(secretaries[s], `mutation($i: StartHomeSchoolingInput!) { startHomeSchooling(input: $i) { id } }`, {
          i: { studentId: ids.student[s], startsOn: '2027-05-04' },
        })
      ).startHomeSchooling.id;
    }
    // Targets of the changes that can be made once: a second mark, a substitution asked for (waiting for approval), the spare teacher's grant.
    extra.markToRetract = (
      await write('teacherA', `mutation($i: PutMarkInput!) { putMark(input: $i) { id } }`, {
        i: { lessonId: ids.lesson.A, studentId: ids.student.A, value: '4', workTypeId: ids.workType.A },
      })
    ).putMark.id;
    await write('spare', `mutation($i: RecordSubstitutionInput!) { recordSubstitution(input: $i) { id } }`, {
      i: { lessonId: ids.lesson.B, substituteId: uid('spare'), reason: 'болезнь учителя' },
    });
    extra.requestedLesson = ids.lesson.B;
    extra.spareGrant = (await em.findOneOrFail(RoleGrant, { user: uid('spare'), role: Role.TEACHER })).id;
    // A file teacher A uploaded (over HTTP) for a lesson's homework.
    const uploaded = await fetch(`${server.url}/attachments?name=${encodeURIComponent('задание.pdf')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${(await server.as(loginOf('teacherA'))).token}` },
      body: new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')),
    });
    extra.lessonUpload = ((await uploaded.json()) as { id: string }).id;
    // Issue 18: a mark as a compromise report leaves it, awaiting the administration's review.
    extra.flaggedMark = (
      await write('teacherA', `mutation($i: PutMarkInput!) { putMark(input: $i) { id } }`, {
        i: { lessonId: ids.lesson.A, studentId: ids.student.A, value: '2', workTypeId: ids.workType.A },
      })
    ).putMark.id;
    // As the report does it: the flag leaves the mark's version alone (the ORM's nativeUpdate would raise it).
    await em.getConnection().execute('update mark set flagged_at = ? where id = ?', [new Date('2026-11-30T09:00:00Z'), extra.flaggedMark]);
  }

  /** Every catalogued id → its kind, so that a change's own arguments can be moved to another side. */
  function kindsOfIds(): Map<string, string> {
    const kinds = new Map<string, string>();
    for (const [kind, bySide] of Object.entries(ids)) for (const id of Object.values(bySide)) kinds.set(id, kind);
    for (const [name, kind] of [
      ['spare', 'teacher'],
      ['spareStudent', 'student'],
      ['spareParent', 'parent'],
    ] as const)
      kinds.set(uid(name), kind);
    kinds.set(extra.markToRetract, 'mark').set(extra.flaggedMark, 'mark').set(extra.spareGrant, 'grant');
    return kinds;
  }
}

/** A value for a non-id argument that is not given explicitly: valid where it is easy to be. */
export function leafValue(_name: string, type: GraphQLNamedType, required: boolean): unknown {
  if (!required) return undefined;
  switch (type.name) {
    case 'String':
      return 'Проверка записи';
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'LocalDate':
      return TODAY;
    case 'DateTimeISO':
      return NOW.toISOString();
    default:
      return firstEnumValue(type);
  }
}

/** The change each mutation makes with side A's ids, by the role allowed to. */
function ownChanges(world: SeededWorld, ids: Catalogue, extra: Record<string, string>, uid: (name: string) => string): Record<string, Own> {
  const A = (kind: string) => ids[kind].A;
  const CSV = Buffer.from('role;lastName;firstName\r\nродитель;Смирнова;Ольга\r\n').toString('base64');
  return {
    login: { by: 'anonymous', also: SIGNED_IN, args: () => ({ login: 'spare', password: 'secret' }) },
    createAcademicYear: {
      by: 'director',
      args: () => ({
        input: {
          schoolId: A('school'),
          name: '2027/2028',
          startsOn: '2027-09-01',
          endsOn: '2028-05-31',
          periodKind: 'HALF_YEAR',
          periods: [
            { startsOn: '2027-09-01', endsOn: '2027-12-31' },
            { startsOn: '2028-01-09', endsOn: '2028-05-31' },
          ],
        },
      }),
    },
    addHoliday: { by: 'director', args: () => ({ input: { yearId: A('year'), name: 'Новый год', startsOn: '2026-12-31', endsOn: '2026-12-31' } }) },
    createSubject: { by: 'director', args: () => ({ input: { schoolId: A('school'), name: 'Астрономия' } }) },
    setCurriculumHours: { by: 'director', args: () => ({ input: { yearId: A('year'), grade: 9, subjectId: A('subject'), hoursPerWeek: 4 } }) },
    createClass: { by: 'director', args: () => ({ input: { yearId: A('year'), grade: 9, letter: 'В' } }) },
    setClassTeacher: { by: 'director', args: () => ({ classId: ids.class.B, teacherId: uid('teacherB') }) },
    createStudyGroup: {
      by: 'director',
      args: () => ({ input: { yearId: A('year'), kind: 'ELECTIVE', name: 'Кружок', subjectId: A('subject'), studentIds: [A('student')] } }),
    },
    setTimetableSlot: {
      by: 'director',
      args: () => ({ input: { groupId: A('group'), periodId: A('period'), teacherId: A('teacher'), weekday: 6, lessonNumber: 7 } }),
    },
    generateLessons: { by: 'director', args: () => ({ periodId: A('period') }) },
    addLesson: { by: 'director', args: () => ({ input: { groupId: A('group'), date: '2026-12-26', lessonNumber: 8 } }) },
    recordSubstitution: { by: 'director', args: () => ({ input: { lessonId: A('lesson'), substituteId: uid('teacherB'), reason: 'болезнь учителя' } }) },
    approveSubstitution: { by: 'director', args: () => ({ lessonId: extra.requestedLesson }) },
    // At noon the pupils' day ended more than 2 hours ago: the homework is late and says why (issue 18).
    setLessonContent: { by: 'teacherA', args: () => ({ input: { lessonId: A('lesson'), topic: 'Дроби', homework: '№ 12', reason: 'уточнили после уроков' } }) },
    putMark: { by: 'teacherA', args: () => ({ input: { lessonId: A('lesson'), studentId: A('student'), value: '4', workTypeId: A('workType') } }) },
    changeMark: { by: 'teacherA', args: () => ({ input: { markId: A('mark'), version: 1, value: '3', reason: 'ошибка ввода' } }) },
    retractMark: { by: 'teacherA', args: () => ({ markId: extra.markToRetract, version: 1, reason: 'не та работа' }) },
    setAttendance: { by: 'teacherA', args: () => ({ input: { lessonId: A('lesson'), studentId: A('student'), status: 'ILL' } }) },
    addRemark: { by: 'teacherA', args: () => ({ input: { lessonId: A('lesson'), studentId: A('student'), kind: 'PRAISE', text: 'Молодец' } }) },
    attachLessonFiles: { by: 'teacherA', args: () => ({ input: { lessonId: A('lesson'), attachmentIds: [extra.lessonUpload] } }) },
    reviewFlaggedMark: { by: 'director', args: () => ({ markId: extra.flaggedMark, version: 1, confirm: true, reason: 'учитель подтвердил' }) },
    // December has 31 days: with two checks a month they fall due on the 16th and the 31st.
    recordDutyDone: {
      by: 'classTeacherA',
      args: () => ({ input: { schoolId: A('school'), kind: 'JOURNAL_CHECK', classId: A('class'), dueOn: '2026-12-16' } }),
    },
    updateSchoolSettings: { by: 'director', args: () => ({ input: { schoolId: A('school'), homeworkMinutesAfterDay: 90 } }) },
    setFinalMark: {
      by: 'teacherA',
      args: () => ({ input: { groupId: A('group'), studentId: A('student'), kind: 'ANNUAL', value: '4', reason: 'пересмотр' } }),
    },
    setThematicPlan: {
      by: 'teacherA',
      args: () => ({
        input: {
          groupId: A('group'),
          topics: [
            { topic: 'Дроби', hours: 2 },
            { topic: 'Проценты', hours: 3 },
          ],
        },
      }),
    },
    announceIntendedMark: {
      by: 'teacherA',
      args: () => ({ groupId: A('group'), studentId: A('student'), periodId: A('period'), intendedMark: 2, reason: 'нет контрольных работ' }),
    },
    remarkOnJournal: { by: 'director', args: () => ({ groupId: A('group'), text: 'Заполните темы' }) },
    resolveJournalRemark: { by: 'teacherA', args: () => ({ remarkId: A('journalRemark'), resolution: 'Заполнено' }) },
    acknowledgeFinalMark: { by: 'parentA', also: ['studentA'], args: () => ({ finalMarkId: A('finalMark') }) },
    createSchoolEvent: { by: 'director', args: () => ({ input: { schoolId: A('school'), title: 'Концерт', startsAt: '2026-12-25T12:00:00.000Z' } }) },
    chooseExam: { by: 'secretary', also: ['director'], args: () => ({ studentId: A('student'), subjectId: world.subject('Физика').id, kind: 'OGE' }) },
    recordExamResult: { by: 'secretary', also: ['director'], args: () => ({ input: { examId: A('exam'), examDate: '2026-12-20', score: 25, mark: 4 } }) },
    createPerson: {
      by: 'hr',
      also: ['director'],
      args: () => ({ input: { schoolId: A('school'), roles: ['TEACHER'], lastName: 'Новый', firstName: 'Никита' } }),
    },
    // The grant table: the director (or the journal administrator) grants the secretary's role, not HR.
    grantRole: { by: 'director', args: () => ({ input: { schoolId: A('school'), userId: uid('spare'), role: 'SECRETARY' } }) },
    setContractEnd: { by: 'hr', also: ['director'], args: () => ({ grantId: extra.spareGrant, endsOn: '2027-06-30' }) },
    updatePerson: { by: 'secretary', also: ['director', 'studentA'], args: () => ({ input: { userId: A('student'), email: 'petya@example.org' } }) },
    linkGuardian: { by: 'secretary', args: () => ({ parentId: uid('spareParent'), studentId: A('student'), kind: 'GUARDIAN', reason: 'заявление' }) },
    endGuardianship: { by: 'secretary', args: () => ({ parentId: uid('spareParent'), studentId: A('student'), reason: 'ошибочная привязка' }) },
    importPeople: {
      by: 'secretary',
      also: ['director', 'hr'],
      args: () => ({ input: { schoolId: A('school'), format: 'CSV', mode: 'VALID_ROWS', contentBase64: CSV } }),
    },
    recordConsent: { by: 'parentA', also: ['secretary', 'director', 'classTeacherA'], args: () => ({ input: { studentId: uid('spareStudent') } }) },
    startConversation: {
      by: 'parentA',
      also: ['studentA', 'classTeacherA', 'director', 'secretary', 'hr'],
      args: () => ({ input: { schoolId: A('school'), to: A('teacher'), studentId: A('student'), subject: 'Домашнее задание', body: 'Какое задание?' } }),
    },
    sendMessage: { by: 'teacherA', also: ['parentA', 'classTeacherA'], args: () => ({ input: { conversationId: A('conversation'), body: 'Ответ' } }) },
    markConversationRead: { by: 'teacherA', also: ['parentA', 'classTeacherA'], args: () => ({ conversationId: A('conversation') }) },
    retractMessage: { by: 'parentA', args: () => ({ messageId: A('message'), reason: 'опечатка' }) },
    postToClassWall: { by: 'classTeacherA', args: () => ({ classId: A('class'), text: 'Собрание в пятницу' }) },
    setNotificationSettings: { by: 'parentA', also: SIGNED_IN, args: () => ({ input: { emailMode: 'OFF', smsKinds: [] } }) },
    markNoticesRead: { by: 'parentA', also: SIGNED_IN, args: () => ({}) },
    registerPushSubscription: {
      by: 'parentA',
      also: SIGNED_IN,
      args: () => ({
        input: {
          endpoint: 'https://fcm.googleapis.com/fcm/send/write-matrix',
          p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
          auth: 'tBHItJI5svbpez7KI4CCXg',
          device: 'Chromium',
        },
      }),
    },
    unregisterPushSubscription: { by: 'parentA', also: SIGNED_IN, args: () => ({ endpoint: 'https://fcm.googleapis.com/fcm/send/write-matrix' }) },
    assignTeacher: { by: 'director', args: () => ({ groupId: ids.group.B, teacherId: uid('spare'), startsOn: '2026-12-28' }) },
    removeTimetableSlot: { by: 'director', args: () => ({ slotId: A('slot') }) },
    recordMovement: {
      by: 'secretary',
      also: ['director'],
      args: () => ({
        input: {
          schoolId: A('school'),
          studentId: uid('spareStudent'),
          kind: 'TRANSFER',
          toClassId: ids.class.B,
          effectiveOn: '2026-12-28',
          orderDate: TODAY,
          orderNumber: '12-у',
        },
      }),
    },
    startHomeSchooling: { by: 'secretary', also: ['director'], args: () => ({ input: { studentId: uid('spareStudent'), startsOn: '2027-05-04' } }) },
    endHomeSchooling: { by: 'secretary', also: ['director'], args: () => ({ input: { homeSchoolingId: A('homeSchooling'), endsOn: '2027-05-20' } }) },
    withdrawConsent: { by: 'parentA', also: ['secretary', 'director', 'classTeacherA'], args: () => ({ consentId: A('consent') }) },
    revokeRole: { by: 'hr', also: ['director'], args: () => ({ grantId: extra.spareGrant }) },
    reportCompromise: { by: 'director', args: () => ({ input: { userId: uid('spare'), since: '2026-11-30T09:00:00.000Z' } }) },
    closeAcademicYear: { by: 'director', args: () => ({ yearId: A('year') }) },
    logout: { by: 'teacherS2', also: SIGNED_IN, args: () => ({}) },
  };
}

/** A mutation with these arguments, asking for as little as possible of its answer (the type rules still filter it). */
export function documentOf(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): string {
  const leaf = isLeafType(getNamedType(field.type));
  return `mutation { ${field.name}${renderArgs(field.args, args)}${leaf ? '' : ' { __typename }'} }`;
}
