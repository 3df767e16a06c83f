/**
 * The leak matrix (R-A3..R-A5): no third-party data, proven over the whole schema.
 *
 * Two families in two classes of one school (and a second school of the same authority, and a
 * school of another authority). Family B's data carries canary strings ("КАНАРЕЙКА-B-…") and its
 * ids are recorded; so do the other schools'. The queries are built from the schema by
 * introspection: every Query field, every object field to DEPTH levels, with arguments from the
 * catalogue of the seed's ids (each candidate id in each ID argument, the rest from the viewer's
 * own side). Every role asks all of them; a canary in an answer (data or error) of a viewer who may
 * not see it fails the test. Mutations are asked with ids the viewer has no business with, and
 * must all fail without a canary in the error. Every object field of the schema must be reached by
 * some role: together with applyPolicy (no field without a rule) this is what makes a field added
 * without a rule, or without seed data here, fail the build.
 *
 * A module that adds types adds its family-B data (with canaries) and its ids to the seed below.
 */
import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isLeafType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type IntrospectionQuery,
  type FormattedExecutionResult,
} from 'graphql';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../db/seeders/school-builder.js';
import { GradingScale } from '../modules/school/grading.js';
import { NotificationWorker } from '../modules/notifications/worker.js';
import { Consent } from '../modules/people/consent.entity.js';
import { Role } from './roles.js';
import { RoleGrant } from '../modules/school/role-grant.entity.js';
import { FinalMark, FinalMarkKind } from '../modules/journal/journal.entity.js';
import { AcademicYear, PeriodKind, ReportingPeriod } from '../modules/school/academic-year.entity.js';
import { SchoolClass } from '../modules/school/school-class.entity.js';
import { GroupKind, StudyGroup } from '../modules/school/study-group.entity.js';
import { Lesson, TimetableSlot } from '../modules/timetable/timetable.entity.js';
import type { GraphQLClient } from '../testing/graphql-client.js';
import {
  buildArgs,
  firstEnumValue,
  fitOnce,
  idSlots,
  limitChecker,
  objectFields,
  recordCoverage,
  renderArgs,
  selectAll,
  slotKey,
  splitToFit,
  type IdSlot,
  type NestedArgs,
} from '../testing/schema-operations.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';

/** Wednesday 23 December 2026: the last week of the 2nd quarter, when period marks are given. */
const NOW = new Date('2026-12-23T09:00:00Z');
/** The server's clock: moved back only while a letter that is overdue by NOW is written. */
let now = NOW;
/** Object levels below a root field that the selections follow. */
const DEPTH = 4;
const WEEKDAYS: [number, number, string][] = [1, 2, 3, 4, 5].map((d) => [d, 1, '21']);

// ── who asks ────────────────────────────────────────────────────────────────

const ROLES = [
  'anonymous',
  'parentA',
  'studentA',
  'teacherA',
  'classTeacherA',
  'teacherS2',
  'director',
  'inspector',
  'sysadmin',
  'secretary',
  'hr',
  // Family B and its teacher see B's canaries: they prove the matrix reaches them.
  'parentB',
  'studentB',
  'teacherB',
] as const;
type RoleName = (typeof ROLES)[number];

const LOGIN: Record<Exclude<RoleName, 'anonymous'>, string> = {
  parentA: 'parent_a',
  studentA: 'student_a',
  teacherA: 'teacher_a',
  classTeacherA: 'class_teacher_a',
  teacherS2: 'teacher_s2',
  director: 'director',
  inspector: 'inspector',
  sysadmin: 'sysadmin',
  secretary: 'secretary',
  hr: 'hr',
  parentB: 'parent_b',
  studentB: 'student_b',
  teacherB: 'teacher_b',
};

/** Which side of the seed a viewer's own ids come from (the rest of an argument list is filled from it). */
type Side = 'A' | 'B' | 'S2' | 'AUTH2';
const HOME: Record<RoleName, Side> = {
  anonymous: 'A',
  parentA: 'A',
  studentA: 'A',
  teacherA: 'A',
  classTeacherA: 'A',
  director: 'A',
  inspector: 'A',
  sysadmin: 'A',
  secretary: 'A',
  hr: 'A',
  parentB: 'B',
  studentB: 'B',
  teacherB: 'B',
  teacherS2: 'S2',
};

// ── canaries: what must never reach whom ────────────────────────────────────

const FAMILY_B: RoleName[] = ['parentB', 'studentB'];
const SCHOOL1_STAFF: RoleName[] = ['teacherA', 'classTeacherA', 'director', 'secretary', 'hr', 'teacherB'];
/** Those who keep class 9Б's register (R-O7, R-A6): the administration, the secretary, its class teacher. */
const B_KEEPERS: RoleName[] = ['director', 'secretary', 'teacherB'];
/** Readers of 9Б's journal (R-A4): its teacher (also its class teacher) and the administration. */
const B_JOURNAL: RoleName[] = ['teacherB', 'director'];

interface Canary {
  label: string;
  value: string;
  allowed: ReadonlySet<RoleName>;
}
const canaries: Canary[] = [];
const canary = (label: string, value: string, allowed: RoleName[]) => canaries.push({ label, value, allowed: new Set(allowed) });

// ── the catalogue of ids ────────────────────────────────────────────────────

/** kind → side → ids (the first is the side's "own" one). */
const catalogue = new Map<string, Map<Side, string[]>>();
function catalogued(kind: string, side: Side, id: string): string {
  const sides = catalogue.get(kind) ?? new Map<Side, string[]>();
  sides.set(side, [...(sides.get(side) ?? []), id]);
  catalogue.set(kind, sides);
  return id;
}
/** Argument names that say which kind of id they take, where the name alone does not. */
const KIND_SYNONYMS: Record<string, string> = {
  givenBy: 'user',
  to: 'user',
  actor: 'user',
  substitute: 'teacher',
  toClass: 'class',
  fromClass: 'class',
  journalRemark: 'remark',
};
function kindOf(slot: IdSlot, field: GraphQLField<unknown, unknown>): string {
  const base = slot.name === 'id' ? lowerFirst(getNamedType(field.type).name) : slot.name.replace(/Ids?$/, '');
  return KIND_SYNONYMS[base] ?? base;
}
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
/** Every id of a kind, from every side; an unknown kind gets every id of the seed. */
function candidates(kind: string, sides: readonly Side[] = ['A', 'B', 'S2', 'AUTH2']): string[] {
  const kinds = catalogue.has(kind) ? [catalogue.get(kind)!] : [...catalogue.values()];
  return [...new Set(kinds.flatMap((k) => sides.flatMap((s) => k.get(s) ?? [])))];
}
const own = (kind: string, side: Side): string => catalogue.get(kind)?.get(side)?.[0] ?? randomUUID();

// ── leaf argument values ────────────────────────────────────────────────────

function leafValue(name: string, type: GraphQLNamedType, required: boolean): unknown {
  switch (type.name) {
    case 'LocalDate':
      if (!required) return undefined;
      return name === 'from' ? '2026-12-01' : name === 'to' ? '2026-12-31' : '2026-12-16';
    case 'DateTimeISO':
      if (!required) return undefined;
      return name === 'from' ? '2026-09-01T00:00:00.000Z' : name === 'to' ? '2027-06-01T00:00:00.000Z' : '2026-12-16T10:00:00.000Z';
    case 'Int':
      // A page size multiplies the cost of a document: small pages keep whole answers within the limits.
      return ({ target: 4, limit: 50, first: 5, periodNumber: 2 } as Record<string, number>)[name] ?? (required ? 1 : undefined);
    case 'Float':
      return required ? 1 : undefined;
    case 'Boolean':
      return required ? true : undefined;
    case 'String':
      // A search or a text: the prefix of every canary, never a whole one.
      return required ? 'КАНАРЕЙКА' : undefined;
    default:
      return required ? (firstEnumValue(type) ?? (type.name === 'JSONObject' ? {} : undefined)) : undefined;
  }
}

// ── the run ─────────────────────────────────────────────────────────────────

let server: TestServer;
let world: SeededWorld;
let schema: GraphQLSchema;
let fits: (document: string) => boolean;
const clients = {} as Record<RoleName, GraphQLClient>;

interface Leak {
  role: RoleName;
  canary: string;
  where: 'data' | 'errors';
  document: string;
}
const leaks: Leak[] = [];
const internalErrors: { role: RoleName; document: string; message: string }[] = [];
/** Canaries that reached a viewer allowed to see them: proof that the matrix reaches B's data. */
const seenByAllowed = new Set<string>();
const covered = new Set<string>();
const coveredByRole = new Map<RoleName, Set<string>>();
let requests = 0;

/** A nested field's arguments, filled from side A's ids; null (field left out) when that is impossible. */
const nestedArgs: NestedArgs = (field) => {
  if (!field.args.length) return '';
  try {
    // An optional id of a nested field narrows it (a page's anchor): left out, the whole list is read.
    const ids = new Map(
      idSlots(field)
        .filter((s) => s.required)
        .map((s) => [slotKey(s), own(kindOf(s, field), 'A')]),
    );
    return renderArgs(field.args, buildArgs(field, ids, leafValue));
  } catch {
    return null;
  }
};

/** Checks one answer: canaries, coverage, internal errors. */
function inspect(role: RoleName, document: string, result: FormattedExecutionResult) {
  requests++;
  for (const [where, part] of [
    ['data', result.data],
    ['errors', result.errors],
  ] as const) {
    if (part == null) continue;
    // A live event's `id` is its outbox cursor, a counter (entities have UUIDs): it carries no canary, but can
    // equal one of the numeric ones ("97").
    const text = JSON.stringify(part, (key, value: unknown) => (key === 'id' && typeof value === 'string' && /^\d+$/.test(value) ? 'cursor' : value));
    for (const c of canaries) {
      if (!text.includes(c.value)) continue;
      if (c.allowed.has(role)) seenByAllowed.add(c.label);
      else leaks.push({ role, canary: c.label, where, document });
    }
  }
  const mine = coveredByRole.get(role) ?? new Set<string>();
  coveredByRole.set(role, mine);
  recordCoverage(result.data, mine);
  recordCoverage(result.data, covered);
  for (const e of result.errors ?? []) {
    if (e.extensions?.code === 'INTERNAL') internalErrors.push({ role, document, message: e.message });
  }
}

async function ask(role: RoleName, document: string): Promise<FormattedExecutionResult> {
  const result = await clients[role].execute(document);
  inspect(role, document, result);
  return result;
}

/** A mutation with every field of its payload (as deep as fits), as `role`; its data, or a thrown error. */
async function mutate(role: RoleName, field: string, args: Record<string, unknown>, client = clients[role]): Promise<any> {
  const def = schema.getMutationType()!.getFields()[field];
  const doc = fitOnce(schema, 'mutation', `${field}${renderArgs(def.args, args)}`, getNamedType(def.type), DEPTH - 1, nestedArgs, fits);
  const result = await client.execute(doc);
  inspect(role, doc, result);
  if (result.errors?.length) throw new Error(`${role} ${field}: ${JSON.stringify(result.errors)}`);
  return result.data![field];
}

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/** Argument id sets for a field: every side's ids together, then each ID argument over every candidate (the rest the viewer's own). */
function idCombinations(field: GraphQLField<unknown, unknown>, home: Side, opts: { sides: readonly Side[]; leaveOutOptional: boolean }) {
  const slots = idSlots(field);
  if (!slots.length) return [new Map<string, string>()];
  const kind = (s: IdSlot) => kindOf(s, field);
  const combos: Map<string, string>[] = [];
  for (const side of opts.sides) combos.push(new Map(slots.map((s) => [slotKey(s), own(kind(s), side)])));
  combos.push(new Map(slots.map((s) => [slotKey(s), randomUUID()])));
  for (const slot of slots) {
    for (const id of [...candidates(kind(slot), opts.sides), randomUUID()]) {
      combos.push(new Map(slots.map((s) => [slotKey(s), s === slot ? id : own(kind(s), home)])));
    }
  }
  if (opts.leaveOutOptional && slots.some((s) => !s.required)) {
    combos.push(new Map(slots.filter((s) => s.required).map((s) => [slotKey(s), own(kind(s), home)])));
  }
  const seen = new Set<string>();
  return combos.filter((c) => {
    const key = JSON.stringify([...c]);
    return !seen.has(key) && !!seen.add(key);
  });
}

// ── the seed ────────────────────────────────────────────────────────────────

async function lessonOf(groupName: string, date: string, schoolName = 'Школа № 1') {
  return server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', groupName, schoolName), date });
}

async function seedWorld() {
  world = await server.seed(
    [
      school('Школа № 1')
        .inYear(2026)
        .withSubjects('Математика', 'Русский язык')
        .withStaff('director', 'Директорова Дина Петровна', [Role.DIRECTOR])
        .withStaff('secretary', 'Секретарёва Софья Ильинична', [Role.SECRETARY])
        .withStaff('hr', 'Кадрова Клара Олеговна', [Role.HR])
        .withStaff('teacher_a', 'Учителева Анна Ивановна', [Role.TEACHER], { email: 'teacher.a@school1.example', phone: '+7 900 100-00-01' })
        .withStaff('class_teacher_a', 'Классова Алла Сергеевна', [Role.TEACHER])
        .withStaff('teacher_b', 'Учителев Борис Петрович', [Role.TEACHER])
        .withClass('9А', { classTeacher: 'class_teacher_a' })
        .withClass('9Б', { classTeacher: 'teacher_b' })
        .withParent('parent_a', 'Алексеева Анна Андреевна', { email: 'parent.a@example.org', phone: '+7 900 200-00-01', birthDate: '1985-01-01' })
        .withStudent('student_a', 'Алексеев Артём Андреевич', { inClass: '9А', parents: ['parent_a'], birthDate: '2011-05-05' })
        .withParent('parent_b', 'КАНАРЕЙКА-B-Родитель Вера Петровна', {
          email: 'kanareyka-b-parent@example.org',
          phone: '+7 911 777-13-13',
          birthDate: '1979-07-13',
        })
        .withStudent('student_b', 'КАНАРЕЙКА-B-Ученик Борис Борисович', {
          inClass: '9Б',
          parents: ['parent_b'],
          email: 'kanareyka-b-child@example.org',
          phone: '+7 911 777-14-14',
          birthDate: '2011-03-17',
        })
        .withConsent('student_a')
        .withCurriculum(9, { Математика: 5, 'Русский язык': 3 })
        .withGroup('Математика', '9А', { teacher: 'teacher_a', slots: WEEKDAYS })
        .withGroup('Математика', '9Б', { teacher: 'teacher_b', slots: WEEKDAYS })
        .withInspector('inspector', 'Проверкина Инна Юрьевна'),
      school('КАНАРЕЙКА-S2 Школа № 2')
        .inYear(2026)
        .withSubjects('Математика')
        .withStaff('teacher_s2', 'Другова Дарья Дмитриевна', [Role.TEACHER])
        .withClass('9А', { classTeacher: 'teacher_s2' })
        .withParent('parent_s2', 'КАНАРЕЙКА-S2-Родитель Ольга Олеговна')
        .withStudent('student_s2', 'КАНАРЕЙКА-S2-Ученица Ольга Олеговна', { inClass: '9А', parents: ['parent_s2'] })
        .withConsent('student_s2')
        .withGroup('Математика', '9А', { teacher: 'teacher_s2', slots: WEEKDAYS }),
      school('КАНАРЕЙКА-AUTH2 Школа № 3', { authority: 'КАНАРЕЙКА-AUTH2 Управление' })
        .inYear(2026)
        .withSubjects('Математика')
        .withStaff('teacher_3', 'КАНАРЕЙКА-AUTH2-Учитель Пётр', [Role.TEACHER])
        .withClass('9А', { classTeacher: 'teacher_3' })
        .withStudent('student_3', 'КАНАРЕЙКА-AUTH2-Ученик Иван', { inClass: '9А' })
        .withGroup('Математика', '9А', { teacher: 'teacher_3', slots: WEEKDAYS }),
    ],
    { lessons: true, systemAdmins: [{ login: 'sysadmin', name: 'Системова Светлана Сергеевна' }] },
  );
  const s1 = 'Школа № 1';
  const s2 = 'КАНАРЕЙКА-S2 Школа № 2';
  const s3 = 'КАНАРЕЙКА-AUTH2 Школа № 3';
  const user = (login: string) => world.user(login).id;

  // Canaries of names and places.
  canary('B child name', 'КАНАРЕЙКА-B-Ученик', [...FAMILY_B, ...SCHOOL1_STAFF]);
  canary('B child id', user('student_b'), [...FAMILY_B, ...SCHOOL1_STAFF]);
  canary('B parent name', 'КАНАРЕЙКА-B-Родитель', [...FAMILY_B, ...SCHOOL1_STAFF]);
  canary('B parent id', user('parent_b'), [...FAMILY_B, ...SCHOOL1_STAFF]);
  canary('B child phone', '+7 911 777-14-14', [...FAMILY_B, ...B_KEEPERS]);
  canary('B child e-mail', 'kanareyka-b-child@example.org', [...FAMILY_B, ...B_KEEPERS]);
  canary('B child birth date', '2011-03-17', [...FAMILY_B, ...B_KEEPERS]);
  canary('B parent phone', '+7 911 777-13-13', [...FAMILY_B, ...B_KEEPERS]);
  canary('B parent e-mail', 'kanareyka-b-parent@example.org', [...FAMILY_B, ...B_KEEPERS]);
  canary('B parent birth date', '1979-07-13', [...FAMILY_B, ...B_KEEPERS]);
  canary('school 2 name', 'КАНАРЕЙКА-S2 Школа', ['teacherS2', 'inspector']);
  canary('school 2 student name', 'КАНАРЕЙКА-S2-Ученица', ['teacherS2']);
  canary('school 2 student id', user('student_s2'), ['teacherS2']);
  canary('school 2 parent name', 'КАНАРЕЙКА-S2-Родитель', ['teacherS2']);
  canary('authority 2', 'КАНАРЕЙКА-AUTH2', []);

  // The catalogue: every side's ids by kind.
  const sides: [Side, string][] = [
    ['A', s1],
    ['S2', s2],
    ['AUTH2', s3],
  ];
  for (const [side, name] of sides) {
    catalogued('school', side, world.school(name).id);
    catalogued('year', side, world.years.get(name)!.id);
    catalogued('period', side, world.periodsOf(name)[1].id);
    catalogued('subject', side, world.subject('Математика', name).id);
    catalogued('workType', side, world.workType('У', name).id);
    catalogued('class', side, world.class('9А', name).id);
    catalogued('group', side, world.group('Математика', '9А', name).id);
  }
  for (const [side, name] of sides) catalogued('authority', side, world.school(name).authority.id);
  for (const kind of ['school', 'year', 'period', 'subject', 'workType', 'authority']) catalogued(kind, 'B', own(kind, 'A'));
  catalogued('period', 'A', world.periodsOf(s1)[0].id);
  catalogued('class', 'B', world.class('9Б').id);
  catalogued('group', 'B', world.group('Математика', '9Б').id);
  const people: [Side, Record<string, string>][] = [
    ['A', { student: 'student_a', parent: 'parent_a', teacher: 'teacher_a' }],
    ['B', { student: 'student_b', parent: 'parent_b', teacher: 'teacher_b' }],
    ['S2', { student: 'student_s2', parent: 'parent_s2', teacher: 'teacher_s2' }],
    ['AUTH2', { student: 'student_3', teacher: 'teacher_3' }],
  ];
  for (const [side, logins] of people) {
    for (const [kind, login] of Object.entries(logins)) {
      catalogued(kind, side, user(login));
      catalogued('user', side, user(login));
    }
  }
  const em = server.orm.em.fork();
  // 9Б is marked out of a hundred: its marks and averages ("97", "93.50") are canaries no other class produces.
  await em.nativeUpdate(StudyGroup, { id: world.group('Математика', '9Б').id }, { scale: GradingScale.HUNDRED_POINT });
  for (const [side, login] of [
    ['A', 'teacher_a'],
    ['B', 'teacher_b'],
    ['S2', 'teacher_s2'],
    ['AUTH2', 'teacher_3'],
  ] as const) {
    for (const g of await em.find(RoleGrant, { user: user(login) })) catalogued('grant', side, g.id);
  }
  for (const [side, group, name] of [
    ['A', '9А', s1],
    ['B', '9Б', s1],
    ['S2', '9А', s2],
  ] as const) {
    const slot = await em.findOneOrFail(TimetableSlot, { group: world.group('Математика', group, name), period: world.periodsOf(name)[1] });
    catalogued('slot', side, slot.id);
    catalogued('lesson', side, (await lessonOf(group, '2026-12-14', name)).id);
  }
  catalogued('consent', 'A', (await em.findOneOrFail(Consent, { student: user('student_a') })).id);
  catalogued('consent', 'S2', (await em.findOneOrFail(Consent, { student: user('student_s2') })).id);
}

/** Family B's journal, register and calendar through the public API, every text a canary; family A's plainly. */
async function seedThroughApi() {
  const s1 = world.school().id;
  const q2 = world.periodsOf()[1].id;
  const uid = (login: string) => world.user(login).id;
  const lesson = async (group: string, date: string) => (await lessonOf(group, date)).id;
  const workType = world.workType('У').id;

  // Family B: marks, a change, a retraction, an absence, a remark, notices, a period mark.
  // The texts are canaries before they are written: the mutations' own answers are checked too.
  canary('B mark value', '"97"', [...FAMILY_B, ...B_JOURNAL]);
  canary('B average', '"93.50"', [...FAMILY_B, ...B_JOURNAL]);
  canary('B absences', '"ill":2', [...FAMILY_B, ...B_JOURNAL]);
  for (const text of ['комментарий', 'исправление', 'отзыв', 'замечание', 'предупреждение', 'итог'])
    canary(`B ${text}`, `КАНАРЕЙКА-B-${text}`, [...FAMILY_B, ...B_JOURNAL]);
  const b1 = await mutate('teacherB', 'putMark', {
    input: {
      lessonId: await lesson('9Б', '2026-12-16'),
      studentId: uid('student_b'),
      value: '97',
      workTypeId: workType,
      comment: 'КАНАРЕЙКА-B-комментарий',
      reason: 'перенос из бумажного журнала',
    },
  });
  const b2 = await mutate('teacherB', 'putMark', {
    input: {
      lessonId: await lesson('9Б', '2026-12-17'),
      studentId: uid('student_b'),
      value: '89',
      workTypeId: workType,
      reason: 'перенос из бумажного журнала',
    },
  });
  await mutate('teacherB', 'changeMark', { input: { markId: b2.id, version: b2.version, value: '90', reason: 'КАНАРЕЙКА-B-исправление' } });
  const b3 = await mutate('teacherB', 'putMark', {
    input: {
      lessonId: await lesson('9Б', '2026-12-18'),
      studentId: uid('student_b'),
      value: '55',
      workTypeId: workType,
      reason: 'перенос из бумажного журнала',
    },
  });
  await mutate('teacherB', 'retractMark', { markId: b3.id, version: b3.version, reason: 'КАНАРЕЙКА-B-отзыв' });
  // Two lessons missed ill: `"ill":2` is B's alone (A misses one, the school three).
  const absence = await mutate('teacherB', 'setAttendance', {
    input: { lessonId: await lesson('9Б', '2026-12-18'), studentId: uid('student_b'), status: 'ILL', reason: 'КАНАРЕЙКА-B-справка' },
  });
  await mutate('teacherB', 'setAttendance', {
    input: { lessonId: await lesson('9Б', '2026-12-21'), studentId: uid('student_b'), status: 'ILL', reason: 'перенос из бумажного журнала' },
  });
  const remark = await mutate('teacherB', 'addRemark', {
    input: { lessonId: await lesson('9Б', '2026-12-17'), studentId: uid('student_b'), kind: 'REMARK', text: 'КАНАРЕЙКА-B-замечание' },
  });
  const notice = await mutate('teacherB', 'announceIntendedMark', {
    groupId: world.group('Математика', '9Б').id,
    studentId: uid('student_b'),
    periodId: q2,
    intendedMark: 3,
    reason: 'КАНАРЕЙКА-B-предупреждение',
  });
  const finalB = await mutate('teacherB', 'setFinalMark', {
    input: { groupId: world.group('Математика', '9Б').id, studentId: uid('student_b'), kind: 'PERIOD', periodId: q2, value: '60' },
  });
  await mutate('teacherB', 'setFinalMark', {
    input: { groupId: world.group('Математика', '9Б').id, studentId: uid('student_b'), kind: 'PERIOD', periodId: q2, value: '70', reason: 'КАНАРЕЙКА-B-итог' },
  });
  for (const [label, id] of [
    ['B mark', b1.id],
    ['B changed mark', b2.id],
    ['B absence', absence.id],
    ['B remark', remark.id],
    ['B notice', notice.id],
    ['B period mark', finalB.id],
  ]) {
    canary(`${label} id`, id, [...FAMILY_B, ...B_JOURNAL]);
  }
  // A homework file of B's lesson (uploaded over HTTP, then attached): its name is a canary.
  canary('B lesson file', 'КАНАРЕЙКА-B-задание', [...FAMILY_B, ...B_JOURNAL]);
  const upload = await fetch(`${server.url}/attachments?name=${encodeURIComponent('КАНАРЕЙКА-B-задание.pdf')}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${clients.teacherB.token}` },
    body: new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')),
  });
  const [fileB] = await mutate('teacherB', 'attachLessonFiles', {
    input: { lessonId: await lesson('9Б', '2026-12-14'), attachmentIds: [((await upload.json()) as { id: string }).id] },
  });
  canary('B lesson file id', fileB.id, [...FAMILY_B, ...B_JOURNAL]);
  catalogued('mark', 'B', b1.id);
  catalogued('mark', 'B', b2.id);
  catalogued('finalMark', 'B', finalB.id);
  catalogued('remark', 'B', remark.id);
  catalogued('notice', 'B', notice.id);

  // The register: a paper consent, an exam, a sister enrolled by order.
  const consentB = await mutate('secretary', 'recordConsent', {
    input: { studentId: uid('student_b'), givenById: uid('parent_b'), givenAt: '2026-11-20T09:00:00.000Z', documentNumber: 'КАНАРЕЙКА-B-согласие' },
  });
  canary('B consent number', 'КАНАРЕЙКА-B-согласие', [...FAMILY_B, ...B_KEEPERS]);
  canary('B consent id', consentB.id, [...FAMILY_B, ...B_KEEPERS]);
  catalogued('consent', 'B', consentB.id);
  await mutate('parentB', 'acknowledgeFinalMark', { finalMarkId: finalB.id });
  const examB = await mutate('secretary', 'chooseExam', { studentId: uid('student_b'), subjectId: world.subject('Математика').id, kind: 'OGE' });
  await mutate('secretary', 'recordExamResult', { input: { examId: examB.id, examDate: '2026-12-10', score: 27, mark: 5 } });
  canary('B exam id', examB.id, [...FAMILY_B, ...B_KEEPERS]);
  catalogued('exam', 'B', examB.id);
  const sister = await mutate('secretary', 'createPerson', {
    input: { schoolId: s1, roles: ['STUDENT'], lastName: 'КАНАРЕЙКА-B-Сестра', firstName: 'Вера', birthDate: '2012-02-02' },
  });
  const movement = await mutate('secretary', 'recordMovement', {
    input: {
      schoolId: s1,
      studentId: sister.person.id,
      kind: 'ENROLMENT',
      toClassId: world.class('9Б').id,
      effectiveOn: '2026-11-16',
      orderNumber: 'КАНАРЕЙКА-B-приказ',
      orderDate: '2026-11-13',
      note: 'КАНАРЕЙКА-B-основание',
    },
  });
  await mutate('secretary', 'linkGuardian', { parentId: uid('parent_b'), studentId: sister.person.id, kind: 'MOTHER', reason: 'заявление матери' });
  canary('B sister name', 'КАНАРЕЙКА-B-Сестра', ['parentB', ...SCHOOL1_STAFF]);
  canary('B sister id', sister.person.id, ['parentB', ...SCHOOL1_STAFF]);
  canary('B order', 'КАНАРЕЙКА-B-приказ', B_KEEPERS);
  canary('B order note', 'КАНАРЕЙКА-B-основание', B_KEEPERS);
  canary('B movement id', movement.id, B_KEEPERS);
  catalogued('student', 'B', sister.person.id);
  catalogued('movement', 'B', movement.id);
  // Issue 18: the sister's home schooling (from May: today's journal still has her), for the school office only.
  const homeSchooling = await mutate('secretary', 'startHomeSchooling', { input: { studentId: sister.person.id, startsOn: '2027-05-04' } });
  canary('B home schooling id', homeSchooling.id, B_KEEPERS);

  // Calendar and the deputy's remark on 9Б's journal.
  const eventB = await mutate('teacherB', 'createSchoolEvent', {
    input: { schoolId: s1, classId: world.class('9Б').id, title: 'КАНАРЕЙКА-B-событие', startsAt: '2026-12-24T10:00:00.000Z' },
  });
  canary('B class event', 'КАНАРЕЙКА-B-событие', [...FAMILY_B, ...SCHOOL1_STAFF]);
  catalogued('event', 'B', eventB.id);
  const journalRemarkB = await mutate('director', 'remarkOnJournal', { groupId: world.group('Математика', '9Б').id, text: 'КАНАРЕЙКА-B-журнал' });
  canary('B journal remark', 'КАНАРЕЙКА-B-журнал', B_JOURNAL);
  catalogued('remark', 'B', journalRemarkB.id);

  // School 2: a mark with a canary comment.
  const markS2 = await mutate('teacherS2', 'putMark', {
    input: {
      lessonId: (await lessonOf('9А', '2026-12-16', 'КАНАРЕЙКА-S2 Школа № 2')).id,
      studentId: uid('student_s2'),
      value: '3',
      workTypeId: world.workType('У', 'КАНАРЕЙКА-S2 Школа № 2').id,
      comment: 'КАНАРЕЙКА-S2-комментарий',
      reason: 'перенос из бумажного журнала',
    },
  });
  canary('school 2 mark comment', 'КАНАРЕЙКА-S2-комментарий', ['teacherS2']);
  catalogued('mark', 'S2', markS2.id);

  // Family A, kept by its teacher: the journal mutations whose payloads are checked like any answer.
  const plan = await mutate('teacherA', 'setThematicPlan', {
    input: {
      groupId: world.group('Математика', '9А').id,
      topics: [
        { topic: 'Квадратные уравнения', hours: 3 },
        { topic: 'Неравенства', hours: 2 },
      ],
    },
  });
  catalogued('planTopic', 'A', plan.topics[0].id);
  await mutate('teacherA', 'setLessonContent', {
    input: { lessonId: await lesson('9А', '2026-12-16'), planTopicId: plan.topics[0].id, homework: '№ 12, 14', reason: 'перенос из бумажного журнала' },
  });
  const a1 = await mutate('teacherA', 'putMark', {
    input: {
      lessonId: await lesson('9А', '2026-12-16'),
      studentId: uid('student_a'),
      value: '5',
      workTypeId: workType,
      comment: 'хорошо',
      reason: 'перенос из бумажного журнала',
    },
  });
  const a2 = await mutate('teacherA', 'putMark', {
    input: {
      lessonId: await lesson('9А', '2026-12-17'),
      studentId: uid('student_a'),
      value: '5',
      workTypeId: workType,
      reason: 'перенос из бумажного журнала',
    },
  });
  await mutate('teacherA', 'changeMark', { input: { markId: a2.id, version: a2.version, value: '4', reason: 'пересчёт' } });
  await mutate('teacherA', 'setAttendance', {
    input: { lessonId: await lesson('9А', '2026-12-18'), studentId: uid('student_a'), status: 'LATE', minutesLate: 5, reason: 'перенос из бумажного журнала' },
  });
  await mutate('teacherA', 'setAttendance', {
    input: { lessonId: await lesson('9А', '2026-12-21'), studentId: uid('student_a'), status: 'ILL', reason: 'перенос из бумажного журнала' },
  });
  const remarkA = await mutate('teacherA', 'addRemark', {
    input: { lessonId: await lesson('9А', '2026-12-17'), studentId: uid('student_a'), kind: 'PRAISE', text: 'молодец' },
  });
  // A period mark below the average without a notice: a problem for the administration's control.
  const finalA = await mutate('teacherA', 'setFinalMark', {
    input: { groupId: world.group('Математика', '9А').id, studentId: uid('student_a'), kind: 'PERIOD', periodId: q2, value: '3' },
  });
  await mutate('parentA', 'acknowledgeFinalMark', { finalMarkId: finalA.id });
  catalogued('mark', 'A', a1.id);
  catalogued('finalMark', 'A', finalA.id);
  catalogued('remark', 'A', remarkA.id);
  const journalRemarkA = await mutate('director', 'remarkOnJournal', { groupId: world.group('Математика', '9А').id, text: 'Нет домашнего задания' });
  await mutate('teacherA', 'resolveJournalRemark', { remarkId: journalRemarkA.id, resolution: 'Внесено' });
  catalogued('remark', 'A', journalRemarkA.id);
  catalogued(
    'event',
    'A',
    (
      await mutate('classTeacherA', 'createSchoolEvent', {
        input: { schoolId: s1, classId: world.class('9А').id, title: 'Родительское собрание 9А', startsAt: '2026-12-24T15:00:00.000Z' },
      })
    ).id,
  );
  await mutate('director', 'createSchoolEvent', { input: { schoolId: s1, title: 'Новогодний концерт', startsAt: '2026-12-25T12:00:00.000Z' } });
  catalogued(
    'exam',
    'A',
    (await mutate('secretary', 'chooseExam', { studentId: uid('student_a'), subjectId: world.subject('Математика').id, kind: 'OGE' })).id,
  );

  // An account used by someone else: its change is flagged for the administration (R-A2).
  const newcomer = await mutate('hr', 'createPerson', {
    input: { schoolId: s1, roles: ['TEACHER'], lastName: 'Новикова', firstName: 'Нина', position: 'учитель' },
  });
  const stolen = server.client();
  const since = new Date(now.getTime() - 60_000).toISOString();
  stolen.token = (await mutate('anonymous', 'login', { login: newcomer.person.login, password: newcomer.initialPassword }, stolen)).token;
  await stolen.data(`mutation($input: RecordSubstitutionInput!) { recordSubstitution(input: $input) { id } }`, {
    input: { lessonId: await lesson('9А', '2026-12-23'), substituteId: newcomer.person.id, reason: 'болезнь учителя' },
  });
  await mutate('director', 'reportCompromise', { input: { userId: newcomer.person.id, since } });
  await mutate('secretary', 'importPeople', {
    input: {
      schoolId: s1,
      format: 'CSV',
      mode: 'VALID_ROWS',
      contentBase64: Buffer.from('role;lastName;firstName\r\nродитель;Смирнова;Ольга\r\nученик;;\r\n').toString('base64'),
    },
  });
  // Issue 18: a period-mark deadline already past (the deputy's list of missed period marks has groups), and a duty done.
  await mutate('director', 'updateSchoolSettings', { input: { schoolId: s1, periodMarkDaysBeforeEnd: 10 } });
  await mutate('classTeacherA', 'recordDutyDone', {
    input: { schoolId: s1, kind: 'JOURNAL_CHECK', classId: world.class('9А').id, dueOn: '2026-12-16', note: 'журнал проверен' },
  });
  await seedMessaging();
  await seedYearTransition();
}

/**
 * Issue 17: last year's 9В with two pupils, one of whom failed mathematics, promoted into this year by the director; the
 * preview (debts included) and the commit's answer are inspected like every answer.
 */
async function seedYearTransition() {
  const em = server.orm.em.fork();
  const s1 = world.school();
  const year = em.create(AcademicYear, { school: s1, name: '2025/2026', startsOn: '2025-09-01', endsOn: '2026-05-26' });
  em.create(ReportingPeriod, { school: s1, year, kind: PeriodKind.HALF_YEAR, number: 1, startsOn: '2025-09-01', endsOn: '2026-05-26' });
  const schoolClass = em.create(SchoolClass, { school: s1, year, grade: 9, letter: 'В' });
  const group = em.create(StudyGroup, {
    school: s1,
    year,
    subject: world.subject('Математика'),
    schoolClass,
    kind: GroupKind.WHOLE_CLASS,
    name: '9В',
    createdAt: now,
  });
  await em.flush();
  // Two pupils: one failed mathematics. (Their outbox events move later event ids past "97", B's mark canary.)
  const pupils: string[] = [];
  for (const lastName of ['Прошлогодний', 'Прошлогодняя']) {
    const { person } = await mutate('secretary', 'createPerson', { input: { schoolId: s1.id, roles: ['STUDENT'], lastName, firstName: 'Саша' } });
    await mutate('secretary', 'recordMovement', {
      input: {
        schoolId: s1.id,
        studentId: person.id,
        kind: 'ENROLMENT',
        toClassId: schoolClass.id,
        effectiveOn: '2025-09-01',
        orderNumber: '1-у',
        orderDate: '2025-08-30',
      },
    });
    pupils.push(person.id);
  }
  em.create(FinalMark, {
    school: s1,
    student: pupils[0],
    group,
    subject: world.subject('Математика'),
    kind: FinalMarkKind.ANNUAL,
    period: null,
    value: '2',
    points: 2,
    enteredBy: world.user('teacher_a'),
    enteredAt: now,
  });
  await em.flush();
  const input = { yearId: year.id, decisions: [{ studentId: pupils[0], decision: 'PROMOTE_CONDITIONALLY' }] };
  const query = schema.getQueryType()!.getFields().yearTransition;
  await ask('director', fitOnce(schema, 'query', `yearTransition${renderArgs(query.args, { input })}`, getNamedType(query.type), DEPTH - 1, nestedArgs, fits));
  await mutate('director', 'commitYearTransition', { input: { ...input, orderNumber: '45-у', orderDate: '2026-06-01', closeYear: true } });
}

/** Uploads a small PDF as `role`, for a message to carry; its id. */
async function upload(role: RoleName, name: string): Promise<string> {
  const res = await fetch(`${server.url}/attachments?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${clients[role].token}`, 'content-type': 'application/octet-stream' },
    body: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n'),
  });
  const body = (await res.json()) as { id: string };
  return body.id;
}

/** Letters, a class wall, and the notices the outbox makes of everything above. */
async function seedMessaging() {
  const s1 = world.school().id;
  const uid = (login: string) => world.user(login).id;
  canary('B letter subject', 'КАНАРЕЙКА-B-письмо', ['parentB', 'teacherB', 'director']);
  canary('B letter text', 'КАНАРЕЙКА-B-текст', ['parentB', 'teacherB']);
  canary('B file name', 'КАНАРЕЙКА-B-файл', ['parentB', 'teacherB']);
  canary('B wall post', 'КАНАРЕЙКА-B-объявление', [...FAMILY_B, ...SCHOOL1_STAFF]);

  // Parent B's letter of last week, still unanswered: overdue for the administration by now (R-C2).
  now = new Date('2026-12-16T09:00:00Z');
  const letter = await mutate('parentB', 'startConversation', {
    input: {
      schoolId: s1,
      to: uid('teacher_b'),
      studentId: uid('student_b'),
      subject: 'КАНАРЕЙКА-B-письмо',
      body: 'КАНАРЕЙКА-B-текст',
      attachmentIds: [await upload('parentB', 'КАНАРЕЙКА-B-файл.pdf')],
    },
  });
  now = NOW;
  canary('B conversation id', letter.id, ['parentB', 'teacherB', 'director']);
  catalogued('conversation', 'B', letter.id);
  catalogued('message', 'B', letter.lastMessage.id);
  await mutate('teacherB', 'postToClassWall', { classId: world.class('9Б').id, text: 'КАНАРЕЙКА-B-объявление' });

  // Family A's letter, answered, read; an answer retracted; a letter to all parents of 9А; the wall.
  const talk = await mutate('parentA', 'startConversation', {
    input: {
      schoolId: s1,
      to: uid('teacher_a'),
      subject: 'Домашнее задание',
      body: 'Какие страницы?',
      attachmentIds: [await upload('parentA', 'задание.pdf')],
    },
  });
  const answer = await mutate('teacherA', 'sendMessage', { input: { conversationId: talk.id, body: 'Страницы 12–14' } });
  await mutate('teacherA', 'sendMessage', { input: { conversationId: talk.id, body: 'И № 15' } });
  await mutate('teacherA', 'retractMessage', { messageId: answer.id, reason: 'опечатка' });
  await mutate('parentA', 'markConversationRead', { conversationId: talk.id });
  catalogued('conversation', 'A', talk.id);
  catalogued('message', 'A', answer.id);
  await mutate('teacherA', 'startConversation', {
    input: { schoolId: s1, groupId: world.group('Математика', '9А').id, subject: 'Экскурсия', body: 'В пятницу' },
  });
  await mutate('classTeacherA', 'postToClassWall', { classId: world.class('9А').id, text: 'Собрание в четверг' });

  // Parent B's phone with push on (issue 10): its name and endpoint are B's alone.
  const browserKeys = createECDH('prime256v1');
  browserKeys.generateKeys();
  const endpointB = `https://fcm.googleapis.com/fcm/send/${randomUUID()}`;
  canary('B push device', 'КАНАРЕЙКА-B-телефон', ['parentB']);
  canary('B push endpoint', endpointB, ['parentB']);
  await mutate('parentB', 'registerPushSubscription', {
    input: { endpoint: endpointB, p256dh: browserKeys.getPublicKey('base64url'), auth: randomBytes(16).toString('base64url'), device: 'КАНАРЕЙКА-B-телефон' },
  });

  const worker = new NotificationWorker(server.orm, pino({ level: 'silent' }), { mailFrom: 'Дневник <noreply@school.test>' }, () => now);
  await worker.round();
  worker.close();
}

beforeAll(async () => {
  server = await startTestServer({ clock: () => now });
  const { data } = await server.client().execute<IntrospectionQuery>(getIntrospectionQuery());
  schema = buildClientSchema(data!);
  fits = limitChecker(schema);
  await seedWorld();
  clients.anonymous = server.client();
  for (const role of ROLES) {
    if (role === 'anonymous') continue;
    const client = server.client();
    client.token = (await mutate(role, 'login', { login: LOGIN[role], password: 'secret' }, client)).token;
    clients[role] = client;
  }
  await seedThroughApi();
}, 120_000);
afterAll(() => server?.stop());

const summary = (list: Leak[]) => [...new Set(list.map((l) => `${l.role} saw "${l.canary}" in ${l.where}: ${l.document.slice(0, 160)}`))];

describe('the leak matrix', () => {
  it('answers every query of the schema, as every role, with every id, without a canary a viewer may not see', async () => {
    const query = schema.getQueryType()!;
    const fields = Object.values(query.getFields());
    let pairs = 0;
    let documents = 0;
    /** The pieces of one call, asked in turn: when the root field itself refuses, the others would be refused alike. */
    const jobs: { role: RoleName; field: string; pieces: string[] }[] = [];
    for (const field of fields) {
      const named = getNamedType(field.type);
      const selection = isLeafType(named) ? [] : selectAll(schema, named, DEPTH - 1, nestedArgs);
      let split: { root: string; pieces: string[] } | undefined;
      for (const role of ROLES) {
        pairs++;
        const home = HOME[role];
        for (const ids of idCombinations(field, home, { sides: ['A', 'B', 'S2', 'AUTH2'], leaveOutOptional: true })) {
          const root = `${field.name}${renderArgs(field.args, buildArgs(field, ids, leafValue))}`;
          if (!selection.length) {
            jobs.push({ role, field: field.name, pieces: [`query { ${root} }`] });
            continue;
          }
          // The split depends on the selection, not on the argument values: computed once per field.
          split ??= { root, pieces: splitToFit('query', root, selection, fits) };
          jobs.push({ role, field: field.name, pieces: split.pieces.map((piece) => piece.replace(split!.root, () => root)) });
        }
      }
    }
    await pool(jobs, 6, async ({ role, field, pieces }) => {
      for (const piece of pieces) {
        documents++;
        const result = await ask(role, piece);
        if (result.errors?.some((e) => e.path?.length === 1 && e.path[0] === field)) break;
      }
    });

    console.info(
      `leak matrix: ${fields.length} query fields × ${ROLES.length} roles = ${pairs} pairs, ${jobs.length} calls in ${documents} documents ` +
        `(${requests} requests with the seed's mutations)`,
    );
    expect({ leaks: summary(leaks), internalErrors: internalErrors.map((e) => `${e.role}: ${e.message} in ${e.document.slice(0, 160)}`) }).toEqual({
      leaks: [],
      internalErrors: [],
    });
  }, 600_000);
});

/** Students each role may not see: guessing their ids must teach nothing. */
const INVISIBLE_SIDES: Record<RoleName, Side[]> = {
  anonymous: ['A', 'B', 'S2', 'AUTH2'],
  inspector: ['A', 'B', 'S2', 'AUTH2'],
  sysadmin: ['A', 'B', 'S2', 'AUTH2'],
  parentA: ['B', 'S2', 'AUTH2'],
  studentA: ['B', 'S2', 'AUTH2'],
  parentB: ['A', 'S2', 'AUTH2'],
  studentB: ['A', 'S2', 'AUTH2'],
  teacherA: ['S2', 'AUTH2'],
  classTeacherA: ['S2', 'AUTH2'],
  director: ['S2', 'AUTH2'],
  secretary: ['S2', 'AUTH2'],
  hr: ['S2', 'AUTH2'],
  teacherB: ['S2', 'AUTH2'],
  teacherS2: ['A', 'B', 'AUTH2'],
};

/** Root fields of an operation type other than signing in and out (which end or start the viewer's own session). */
const rootFields = (type: 'Query' | 'Mutation') =>
  Object.values((type === 'Query' ? schema.getQueryType() : schema.getMutationType())!.getFields()).filter((f) => f.name !== 'login' && f.name !== 'logout');

/** One document for a root field with these ids: the whole answer as deep as fits (run once). */
function documentFor(type: 'Query' | 'Mutation', field: GraphQLField<unknown, unknown>, ids: ReadonlyMap<string, string>) {
  const root = `${field.name}${renderArgs(field.args, buildArgs(field, ids, leafValue))}`;
  return fitOnce(schema, type === 'Query' ? 'query' : 'mutation', root, getNamedType(field.type), DEPTH - 1, nestedArgs, fits);
}

describe('no existence oracle (R-A3)', () => {
  it("answers another child's id exactly like a random non-existent one, in every field that takes a student id", async () => {
    const oracles: string[] = [];
    let compared = 0;
    const jobs: { role: RoleName; type: 'Query' | 'Mutation'; field: GraphQLField<unknown, unknown>; slot: IdSlot; given: IdSlot[] }[] = [];
    for (const type of ['Query', 'Mutation'] as const) {
      for (const field of rootFields(type)) {
        const slots = idSlots(field);
        for (const slot of slots.filter((s) => kindOf(s, field) === 'student')) {
          const others = slots.filter((s) => s !== slot);
          // The other arguments are the viewer's own; optional ones both given and left out.
          const variants = others.every((s) => s.required) ? [others] : [others, others.filter((s) => s.required)];
          for (const role of ROLES) for (const given of variants) jobs.push({ role, type, field, slot, given });
        }
      }
    }
    await pool(jobs, 6, async ({ role, type, field, slot, given }) => {
      const answer = async (id: string) => {
        const ids = new Map([...given.map((s) => [slotKey(s), own(kindOf(s, field), HOME[role])] as const), [slotKey(slot), id]]);
        const result = await ask(role, documentFor(type, field, ids));
        if (type === 'Mutation' && result.data?.[field.name] != null) oracles.push(`${role} ${field.name} succeeded with ${id}`);
        return JSON.stringify({ data: result.data ?? null, errors: result.errors ?? [] }).replaceAll(id, '<id>');
      };
      const unknown = await answer(randomUUID());
      for (const guessed of candidates('student', INVISIBLE_SIDES[role])) {
        const known = await answer(guessed);
        compared++;
        if (known !== unknown) oracles.push(`${role} ${type}.${field.name}(${slotKey(slot)}): ${known} ≠ ${unknown}`);
      }
    });
    console.info(`existence oracle: ${compared} answers to another child's id compared with a random id's`);
    expect({ oracles: [...new Set(oracles)], leaks: summary(leaks) }).toEqual({ oracles: [], leaks: [] });
  }, 300_000);
});

describe('subscriptions', () => {
  const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const subscriptionFields = () => Object.values(schema.getSubscriptionType()?.getFields() ?? {});
  /**
   * A subscription as `role`, every event checked like any answer. Only its required ID arguments are
   * filled (with the viewer's own ids, the student's from `studentSide`): an optional one is a cursor.
   */
  function listen(role: RoleName, field: GraphQLField<unknown, unknown>, side: Side, studentSide = side) {
    const ids = new Map(
      idSlots(field)
        .filter((s) => s.required)
        .map((s) => [slotKey(s), kindOf(s, field) === 'student' ? own('student', studentSide) : own(kindOf(s, field), side)]),
    );
    const root = `${field.name}${renderArgs(field.args, buildArgs(field, ids, leafValue))}`;
    const query = fitOnce(schema, 'subscription', root, getNamedType(field.type), DEPTH - 1, nestedArgs, fits);
    const got: { data: unknown[]; errors: unknown[] } = { data: [], errors: [] };
    const ws = clients[role].ws();
    ws.subscribe(
      { query },
      {
        next: (message) => {
          inspect(role, query, message as FormattedExecutionResult);
          if (message.errors?.length) got.errors.push(message.errors);
          else got.data.push(message.data);
        },
        error: (error) => got.errors.push(error),
        complete: () => {},
      },
    );
    return { role, field: field.name, got, close: () => ws.dispose() };
  }

  it("refuses parent B a subscription to child A's events, in every subscription field that takes a student id", async () => {
    const fields = subscriptionFields().filter((f) => idSlots(f).some((s) => s.required && kindOf(s, f) === 'student'));
    console.info(`subscriptions taking a student id: ${fields.map((f) => f.name).join(', ') || 'none in the schema'}`);
    const tries = fields.map((field) => listen('parentB', field, 'B', 'A'));
    await settle(1000);
    for (const t of tries) {
      void t.close();
      expect(t.got.data, t.field).toEqual([]);
      expect(t.got.errors.length, t.field).toBeGreaterThan(0);
    }
    expect(summary(leaks)).toEqual([]);
  });

  it("delivers the journal's changes, made over HTTP, to those who may see them and to nobody else within the window", async () => {
    // Every role listens on every subscription with its own ids.
    const listeners = subscriptionFields().flatMap((field) => ROLES.map((role) => listen(role, field, HOME[role])));
    await settle(1000);
    const uid = (login: string) => world.user(login).id;
    for (const [teacher, group, student, value] of [
      ['teacherA', '9А', 'student_a', '4'],
      ['teacherB', '9Б', 'student_b', '97'],
    ] as const) {
      const b = student === 'student_b';
      // Yesterday's lesson: late entries carry a reason (issue 18).
      const lessonId = (await lessonOf(group, '2026-12-22')).id;
      const studentId = uid(student);
      await mutate(teacher, 'putMark', {
        input: {
          lessonId,
          studentId,
          value,
          workTypeId: world.workType('У').id,
          comment: b ? 'КАНАРЕЙКА-B-комментарий' : null,
          reason: 'перенос из бумажного журнала',
        },
      });
      await mutate(teacher, 'setAttendance', { input: { lessonId, studentId, status: 'LATE', minutesLate: 3, reason: 'перенос из бумажного журнала' } });
      await mutate(teacher, 'addRemark', { input: { lessonId, studentId, kind: 'NOTE_TO_PARENTS', text: b ? 'КАНАРЕЙКА-B-замечание' : 'Принести форму' } });
      await mutate(teacher, 'setLessonContent', { input: { lessonId, topic: 'Повторение', homework: '№ 20', reason: 'перенос из бумажного журнала' } });
      await mutate(teacher, 'setFinalMark', {
        input: { groupId: world.group('Математика', group).id, studentId, kind: 'PERIOD', periodId: world.periodsOf()[1].id, value, reason: 'пересмотр' },
      });
    }
    // A letter in family A's conversation: its people hear of it through `messageEvents`.
    await mutate('teacherA', 'sendMessage', { input: { conversationId: own('conversation', 'A'), body: 'Напоминание о собрании' } });
    const parentALetters = listeners.find((l) => l.role === 'parentA' && l.field === 'messageEvents');
    if (parentALetters) await expect.poll(() => parentALetters.got.data.length, { timeout: 5000 }).toBeGreaterThan(0);
    // Parent A hears of child A (the window is not empty)...
    const parentA = listeners.find((l) => l.role === 'parentA' && l.field === 'diaryEvents');
    if (parentA) await expect.poll(() => parentA.got.data.length, { timeout: 5000 }).toBeGreaterThan(0);
    await settle(1500);
    for (const l of listeners) void l.close();
    console.info(`subscriptions: ${listeners.length} listeners, ${listeners.reduce((n, l) => n + l.got.data.length, 0)} events delivered`);
    // ...and no canary reached anyone else; parent B, listening for child B, heard nothing of child A.
    expect(summary(leaks)).toEqual([]);
    const parentB = listeners.filter((l) => l.role === 'parentB').flatMap((l) => l.got.data);
    expect(JSON.stringify(parentB)).not.toContain(uid('student_a'));
  });
});

describe('coverage', () => {
  it('reaches every object field of the schema as some role (a type without seed data here fails)', () => {
    const all = objectFields(schema);
    const missing = all.filter((f) => !covered.has(f));
    const perRole = [...coveredByRole.values()].reduce((n, s) => n + all.filter((f) => s.has(f)).length, 0);
    console.info(
      `coverage: object fields reached ${all.length - missing.length}/${all.length} ` +
        `(${(((all.length - missing.length) / all.length) * 100).toFixed(1)} %); object fields × roles reached: ${perRole}`,
    );
    expect(missing).toEqual([]);
  });

  it('reaches every canary through a viewer who may see it (the matrix is not blind)', () => {
    const unseen = canaries.filter((c) => c.allowed.size > 0 && !seenByAllowed.has(c.label)).map((c) => c.label);
    expect(unseen).toEqual([]);
  });
});

/**
 * Roles whose writes in their own school may legitimately name a person of another school (a parent
 * linked to a child here, a teacher taken on): their person arguments are only varied all-foreign,
 * or the person would become one of theirs and the canaries would lie.
 */
const CROSS_SCHOOL_WRITERS = new Set<RoleName>(['director', 'secretary', 'hr']);
const PERSON_KINDS = new Set(['user', 'parent', 'teacher']);
/**
 * The system administrator appoints the director and the journal administrator of any school
 * (grant-table.ts): these writes of theirs are their business everywhere; the grant table test
 * checks who may make them.
 */
const APPOINTMENTS = new Set(['grantRole', 'revokeRole', 'setContractEnd', 'createPerson']);
/** Ids of other sides each role has no business with; a role in the last group has no side of its own. */
const FOREIGN_SIDES: [RoleName, Side[]][] = [
  ['anonymous', ['A', 'B', 'S2', 'AUTH2']],
  ['inspector', ['A', 'B', 'S2', 'AUTH2']],
  ['sysadmin', ['A', 'B', 'S2', 'AUTH2']],
  ['parentA', ['B', 'S2', 'AUTH2']],
  ['studentA', ['B', 'S2', 'AUTH2']],
  ['teacherA', ['B', 'S2', 'AUTH2']],
  ['classTeacherA', ['B', 'S2', 'AUTH2']],
  ['teacherS2', ['A', 'B', 'AUTH2']],
  // Last: a legitimate cross-school write of theirs (a role granted to a teacher of school 2) changes what others see.
  ['director', ['S2', 'AUTH2']],
  ['secretary', ['S2', 'AUTH2']],
  ['hr', ['S2', 'AUTH2']],
];

describe('mutations with ids the viewer has no business with', () => {
  it('refuses every one, and no refusal names what the viewer may not see', async () => {
    const writes: string[] = [];
    let tried = 0;
    for (const [role, sides] of FOREIGN_SIDES) {
      const home = HOME[role];
      const homeIds = (kind: string) => new Set(candidates(kind, [home]));
      const jobs: { document: string; field: string }[] = [];
      for (const field of rootFields('Mutation')) {
        const slots = idSlots(field);
        if (!slots.length) continue;
        if (role === 'sysadmin' && APPOINTMENTS.has(field.name)) continue;
        const kind = (s: IdSlot) => kindOf(s, field);
        const foreign = (s: IdSlot) => [...candidates(kind(s), sides).filter((id) => !homeIds(kind(s)).has(id)), randomUUID()];
        // Every argument foreign (one side at a time), then each argument foreign with the rest the viewer's own.
        const combos = sides.map(
          (side) => new Map(slots.map((s) => [slotKey(s), homeIds(kind(s)).has(own(kind(s), side)) ? foreign(s).at(-1)! : own(kind(s), side)])),
        );
        for (const slot of slots) {
          if (CROSS_SCHOOL_WRITERS.has(role) && PERSON_KINDS.has(kind(slot))) continue;
          for (const id of foreign(slot)) {
            combos.push(new Map(slots.map((s) => [slotKey(s), s === slot ? id : own(kind(s), home)])));
          }
        }
        for (const ids of combos) jobs.push({ document: documentFor('Mutation', field, ids), field: field.name });
      }
      await pool(jobs, 6, async ({ document, field }) => {
        tried++;
        const result = await ask(role, document);
        if (result.data?.[field] != null) writes.push(`${role} wrote: ${document.slice(0, 200)}`);
      });
    }
    console.info(`foreign mutations: ${tried} calls by ${FOREIGN_SIDES.length} roles`);
    expect({ leaks: summary(leaks), writes, internalErrors: internalErrors.map((e) => `${e.role}: ${e.message} in ${e.document.slice(0, 160)}`) }).toEqual({
      leaks: [],
      writes: [],
      internalErrors: [],
    });
  }, 600_000);
});
