/**
 * The big screens' rows are kept per process (screen-cache.ts) and dropped by what the outbox says a commit
 * touched. A kept screen never skips the access check or the policy (a parent whose consent was withdrawn,
 * or whose guardianship ended, is refused the diary the process keeps), and every kind of change reaches
 * the next read at once, with no waiting for the notification (the writing process drops what its commit
 * touched before it answers, screen-fence.ts): a mark changed or retracted, homework set, a substitute
 * recorded, a pupil transferred.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../db/seeders/school-builder.js';
import { Consent } from '../modules/people/consent.entity.js';
import { Role } from '../policy/roles.js';
import { Lesson } from '../modules/timetable/timetable.entity.js';
import type { GraphQLClient } from '../testing/graphql-client.js';
import { markRow } from '../testing/journal-rows.js';
import { scrapeMetrics } from '../testing/metrics.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { ScreenCache } from './screen-cache.js';

/** Wednesday of the week the diary shows. */
const NOW = new Date('2026-11-25T09:00:00Z');
const WEEK = '2026-11-23';
let server: TestServer;
let world: SeededWorld;
let lessons: { id: string; date: string }[];
const marks: Record<string, { id: string }> = {};

const DIARY = `query($s: ID!, $w: LocalDate!) { diary(studentId: $s, weekOf: $w) {
  lessons { id date homework substitute { shortName } } marks { id value retracted } } }`;
const JOURNAL = `query($g: ID!, $p: ID!) { journal(groupId: $g, periodId: $p) { students { id } } }`;

beforeAll(async () => {
  // No notification can win the race: every change below reaches the next read by the commit fence alone.
  server = await startTestServer({ clock: () => NOW, withoutFeed: true });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
      .withStaff('smirnov', 'Смирнов Олег Игоревич', [Role.TEACHER])
      .withStaff('director', 'Тихонов Виктор Павлович', [Role.DIRECTOR])
      .withStaff('secretary', 'Зуева Наталья Олеговна', [Role.SECRETARY])
      .withClass('5А')
      .withClass('5Б')
      .withParent('mama', 'Петрова Мария Ивановна')
      .withParent('papa', 'Петров Илья Сергеевич')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['mama', 'papa'] })
      .withStudent('vanya', 'Сидоров Иван Олегович', { inClass: '5А' })
      .withGroup('Математика', '5А', { teacher: 'ivanova', slots: [1, 2, 3].map((d) => [d, 2, '21'] as [number, number, string]) })
      .withGroup('Математика', '5Б', { teacher: 'ivanova', slots: [[4, 2, '21']] }),
    { lessons: true },
  );
  const em = server.orm.em.fork();
  const group = world.group('Математика', '5А');
  const week = await em.find(Lesson, { group, date: { $gte: WEEK, $lte: '2026-11-25' } }, { orderBy: { date: 'asc' }, populate: ['period'] });
  lessons = week.map((l) => ({ id: l.id, date: l.date }));
  const student = world.user('petya');
  for (const [name, lesson] of [
    ['toChange', week[0]],
    ['toRetract', week[1]],
  ] as const) {
    marks[name] = markRow(em, { lesson, group, student, workType: world.workType('У'), value: '3', at: NOW });
  }
  for (const parent of ['mama', 'papa', 'petya']) em.create(Consent, { school: world.school(), student, givenBy: world.user(parent), givenAt: NOW });
  await em.flush();
});
afterAll(() => server.stop());

/** Reads of `screen` answered from kept rows so far (/metrics). */
const hits = async (screen: string) => (await scrapeMetrics(server.url)).value('dnevnik_screen_cache_total', { screen, outcome: 'hit' }) ?? 0;

type Diary = {
  lessons: { id: string; homework: string | null; substitute: { shortName: string } | null }[];
  marks: { id: string; value: string; retracted: boolean }[];
};

async function diaryOf(client: GraphQLClient): Promise<Diary> {
  return (await client.data(DIARY, { s: world.user('petya').id, w: WEEK })).diary;
}

/** Reads the diary twice: the second read is answered from the rows the process keeps. */
async function keptDiary(client: GraphQLClient): Promise<Diary> {
  await diaryOf(client);
  const before = await hits('diary');
  const diary = await diaryOf(client);
  expect(await hits('diary')).toBe(before + 1);
  return diary;
}

describe('a kept diary is still the policy’s to give', () => {
  it('a parent who withdrew their consent is refused the diary the process keeps; the other parent still reads it', async () => {
    const mama = await server.as('mama');
    const papa = await server.as('papa');
    await keptDiary(mama);
    const consent = await server.orm.em.fork().findOneOrFail(Consent, { givenBy: world.user('mama'), student: world.user('petya') });
    await mama.data(`mutation($id: ID!) { withdrawConsent(consentId: $id) { active } }`, { id: consent.id });
    const before = await hits('diary');
    expect((await mama.execute(DIARY, { s: world.user('petya').id, w: WEEK })).errors?.[0]?.extensions).toMatchObject({ reason: 'CONSENT_REQUIRED' });
    expect((await diaryOf(papa)).lessons).toHaveLength(3);
    expect(await hits('diary')).toBe(before + 1);
  });

  it('a parent whose guardianship ended is refused the kept diary', async () => {
    const papa = await server.as('papa');
    await keptDiary(papa);
    await (
      await server.as('secretary')
    ).data(`mutation($p: ID!, $s: ID!) { endGuardianship(parentId: $p, studentId: $s, reason: "решение суда") }`, {
      p: world.user('papa').id,
      s: world.user('petya').id,
    });
    const refused = await papa.execute(DIARY, { s: world.user('petya').id, w: WEEK });
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|NOT_FOUND/);
  });
});

describe('every change reaches the next read, at once (the commit fence: screen-fence.ts)', () => {
  let student: GraphQLClient;
  let teacher: GraphQLClient;
  beforeAll(async () => {
    student = await server.as('petya');
    teacher = await server.as('ivanova');
  });

  it('a changed mark', async () => {
    await keptDiary(student);
    await teacher.data(`mutation($input: ChangeMarkInput!) { changeMark(input: $input) { value } }`, {
      input: { markId: marks.toChange.id, version: 1, value: '5', reason: 'пересдал' },
    });
    expect((await diaryOf(student)).marks.find((m) => m.id === marks.toChange.id)?.value).toBe('5');
  });

  it('a retracted mark', async () => {
    await keptDiary(student);
    await teacher.data(`mutation($m: ID!) { retractMark(markId: $m, version: 1, reason: "поставлена не тому ученику") { retracted } }`, {
      m: marks.toRetract.id,
    });
    expect((await diaryOf(student)).marks.find((m) => m.id === marks.toRetract.id)?.retracted).toBe(true);
  });

  it("a lesson's homework", async () => {
    await keptDiary(student);
    const lesson = lessons.at(-1)!;
    await teacher.data(`mutation($input: SetLessonContentInput!) { setLessonContent(input: $input) { homework } }`, {
      input: { lessonId: lesson.id, homework: '№ 512' },
    });
    expect((await diaryOf(student)).lessons.find((l) => l.id === lesson.id)?.homework).toBe('№ 512');
  });

  it('a substitute recorded by the administration', async () => {
    await keptDiary(student);
    const lesson = lessons.at(-1)!;
    await (
      await server.as('director')
    ).data(`mutation($input: RecordSubstitutionInput!) { recordSubstitution(input: $input) { id } }`, {
      input: { lessonId: lesson.id, substituteId: world.user('smirnov').id, reason: 'болезнь учителя' },
    });
    expect((await diaryOf(student)).lessons.find((l) => l.id === lesson.id)?.substitute).toEqual({ shortName: 'Смирнов О. И.' });
  });

  it('a pupil transferred to another class leaves the journal page the process keeps', async () => {
    const page = { g: world.group('Математика', '5А').id, p: world.periodsOf()[1].id };
    const roster = async () => (await teacher.data(JOURNAL, page)).journal.students.map((s: { id: string }) => s.id);
    await roster();
    const before = await hits('journal');
    expect(await roster()).toContain(world.user('petya').id);
    expect(await hits('journal')).toBe(before + 1);
    await (
      await server.as('secretary')
    ).data(`mutation($input: RecordMovementInput!) { recordMovement(input: $input) { kind } }`, {
      input: {
        schoolId: world.school().id,
        studentId: world.user('petya').id,
        kind: 'TRANSFER',
        effectiveOn: '2026-11-25',
        toClassId: world.class('5Б').id,
        orderNumber: '40-у',
        orderDate: '2026-11-24',
      },
    });
    expect(await roster()).toEqual([world.user('vanya').id]);
  });
});

describe('the cache itself', () => {
  const rows = (n: number) => ({ names: Array.from({ length: n }, (_, i) => `ученик ${i}`) });
  const size = JSON.stringify(rows(10)).length;

  it('keeps at most its bytes: the least recently read entry goes first', async () => {
    const cache = new ScreenCache({ maxBytes: size * 2, maxAgeMs: 60_000 });
    let loads = 0;
    const read = (key: string) =>
      cache.read(
        'diary',
        key,
        async () => (loads++, rows(10)),
        () => ({ studentIds: [key] }),
      );
    await read('a');
    await read('b');
    await read('a'); // a is now the most recently read
    await read('c'); // b goes
    expect([cache.size, cache.keptBytes, loads]).toEqual([2, size * 2, 3]);
    await read('a');
    await read('c');
    expect(loads).toBe(3);
    await read('b');
    expect(loads).toBe(4);
  });

  it('answers a read that a commit overlapped, but does not keep it (it may have read the rows before the commit)', async () => {
    const cache = new ScreenCache({ maxBytes: 1_000_000, maxAgeMs: 60_000 });
    let release!: () => void;
    const reading = cache.read(
      'diary',
      'petya',
      () => new Promise<{ names: string[] }>((resolve) => (release = () => resolve(rows(1)))),
      () => ({ studentIds: ['petya'] }),
    );
    cache.invalidate({ studentIds: ['petya'] });
    release();
    expect(await reading).toEqual(rows(1));
    expect(cache.size).toBe(0);
    // A commit about someone else does not stop it being kept.
    const other = cache.read(
      'diary',
      'petya',
      async () => rows(1),
      () => ({ studentIds: ['petya'] }),
    );
    cache.invalidate({ studentIds: ['vanya'] });
    await other;
    expect(cache.size).toBe(1);
  });

  it('keeps a read that began after the commit, while an older read of the same rows is still running', async () => {
    const cache = new ScreenCache({ maxBytes: 1_000_000, maxAgeMs: 60_000 });
    const releases: (() => void)[] = [];
    const slowRead = (key: string) =>
      cache.read(
        'diary',
        key,
        () => new Promise<{ names: string[] }>((resolve) => releases.push(() => resolve(rows(1)))),
        () => ({ studentIds: ['petya'] }),
      );
    const before = slowRead('petya/1');
    cache.invalidate({ studentIds: ['petya'] });
    const after = slowRead('petya/2');
    releases[1]();
    await after;
    releases[0]();
    await before;
    expect(cache.size).toBe(1);
    expect(await slowRead('petya/2')).toEqual(rows(1)); // kept: answered without loading
    expect(releases).toHaveLength(2);
  });

  it("hears its own process's commit as it is done: what it touched goes, and a read it overlapped is not kept", async () => {
    const cache = new ScreenCache({ maxBytes: 1_000_000, maxAgeMs: 60_000 });
    const touched = { everyone: false, people: false, studentIds: ['petya'], groupIds: [], classIds: [] };
    await cache.read(
      'diary',
      'petya',
      async () => rows(1),
      () => ({ studentIds: ['petya'] }),
    );
    await cache.read(
      'diary',
      'vanya',
      async () => rows(1),
      () => ({ studentIds: ['vanya'] }),
    );
    let release!: () => void;
    const overlapping = cache.read(
      'term',
      'petya',
      () => new Promise<{ names: string[] }>((resolve) => (release = () => resolve(rows(1)))),
      () => ({ studentIds: ['petya'] }),
    );
    cache.committedHere(touched);
    expect(cache.size).toBe(1); // vanya's
    release();
    await overlapping;
    expect(cache.size).toBe(1);
    // A page showing teachers goes when someone's viewer changed.
    await cache.read(
      'journal',
      'g',
      async () => rows(1),
      () => ({ groupIds: ['g'], teachers: true }),
    );
    cache.committedHere({ ...touched, studentIds: [], people: true });
    expect(cache.size).toBe(1);
    // Not read (nothing was kept as its work ended): whatever was kept since goes.
    cache.committedHere(null);
    expect(cache.size).toBe(0);
  });

  it('freezes what it keeps: a request cannot change the rows the next viewer gets', async () => {
    const cache = new ScreenCache({ maxBytes: 1_000_000, maxAgeMs: 60_000 });
    const kept = await cache.read(
      'diary',
      'petya',
      async () => rows(2),
      () => ({ studentIds: ['petya'] }),
    );
    expect(() => kept.names.push('чужой')).toThrow(TypeError);
  });
});
