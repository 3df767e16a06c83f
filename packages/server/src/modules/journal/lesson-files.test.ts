import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { errorOf, type GraphQLClient } from '../../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { Role } from '../../policy/roles.js';
import { Lesson } from '../timetable/timetable.entity.js';
import { LessonFile } from './lesson-file.entity.js';

/**
 * Issue 17: files of a lesson's homework are read by its pupils and their parents (and the journal's
 * readers), nobody else; and the teacher's «сегодня» lists the lessons they give, substitutions included.
 */
const NOW = new Date('2026-11-25T09:00:00Z'); // Wednesday, noon in Moscow
const TODAY = '2026-11-25';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let server: TestServer;
let world: SeededWorld;

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await server.seed(
    school('Школа № 1')
      .inYear(2026)
      .withSubjects('Математика')
      .withStaff('director', 'Белов Олег Викторович', [Role.DIRECTOR])
      .withStaff('math', 'Иванова Анна Петровна', [Role.TEACHER])
      .withStaff('orlov', 'Орлов Павел Сергеевич', [Role.TEACHER])
      .withClass('5А')
      .withClass('6Б')
      .withParent('petrova', 'Петрова Мария Ивановна')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А', parents: ['petrova'] })
      .withConsent('petya')
      .withParent('orlova', 'Орлова Вера Павловна')
      .withStudent('ilya', 'Орлов Илья Андреевич', { inClass: '6Б', parents: ['orlova'] })
      .withConsent('ilya')
      .withParent('sidorova', 'Сидорова Анна Олеговна')
      .withStudent('vasya', 'Сидоров Василий Павлович', { inClass: '5А', parents: ['sidorova'] })
      .withGroup('Математика', '5А', { teacher: 'math', slots: [[3, 3, '21']] })
      .withGroup('Математика', '6Б', {
        teacher: 'orlov',
        slots: [
          [3, 1, '22'],
          [3, 2, '22'],
        ],
      }),
    { lessons: true },
  );
});
afterAll(() => server.stop());

const lessonOf = (className: string, lessonNumber = 3) =>
  server.orm.em.fork().findOneOrFail(Lesson, { group: world.group('Математика', className), date: TODAY, ...(className === '6Б' ? { lessonNumber } : {}) });
const upload = async (client: GraphQLClient, name: string) =>
  (
    (await (
      await fetch(`${server.url}/attachments?name=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${client.token}` },
        body: new Uint8Array(PDF),
      })
    ).json()) as { id: string }
  ).id;
const ATTACH = `mutation($input: AttachLessonFilesInput!) { attachLessonFiles(input: $input) { id fileName size url } }`;
const FILES = `query($lessonId: ID!) { lessonFiles(lessonId: $lessonId) { fileName url } }`;

describe("a lesson's homework files", () => {
  it("are read by the lesson's pupils and their parents, and by nobody of another class", async () => {
    const teacher = await server.as('math');
    const lesson = await lessonOf('5А');
    const { attachLessonFiles } = await teacher.data(ATTACH, { input: { lessonId: lesson.id, attachmentIds: [await upload(teacher, 'Карточка № 3.pdf')] } });
    expect(attachLessonFiles).toEqual([
      { id: expect.any(String), fileName: 'Карточка № 3.pdf', size: PDF.length, url: `/lesson-files/${attachLessonFiles[0].id}` },
    ]);

    const download = async (login: string) =>
      fetch(`${server.url}${attachLessonFiles[0].url}`, { headers: { authorization: `Bearer ${(await server.as(login)).token}` } });
    for (const login of ['petrova', 'petya', 'math', 'director']) {
      expect((await (await server.as(login)).data(FILES, { lessonId: lesson.id })).lessonFiles, login).toEqual([
        { fileName: 'Карточка № 3.pdf', url: attachLessonFiles[0].url },
      ]);
      const file = await download(login);
      expect(file.status, login).toBe(200);
      // A download under its own name: never shown inline as another type, never kept by a cache.
      expect(
        Object.fromEntries(['content-type', 'content-disposition', 'x-content-type-options', 'cache-control'].map((h) => [h, file.headers.get(h)])),
      ).toEqual({
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('Карточка № 3.pdf')}`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      });
      expect(Buffer.from(await file.arrayBuffer())).toEqual(PDF);
    }
    for (const login of ['orlova', 'ilya', 'orlov']) {
      expect((await (await server.as(login)).data(FILES, { lessonId: lesson.id })).lessonFiles, login).toEqual([]);
      expect((await download(login)).status, login).toBe(404);
    }
  });

  it('come with each lesson of the diary week, homework text or not, to its pupils and their consented parents only', async () => {
    const teacher = await server.as('math');
    const lesson = await lessonOf('5А');
    expect(lesson.homework ?? null).toBeNull();
    await teacher.data(ATTACH, { input: { lessonId: lesson.id, attachmentIds: [await upload(teacher, 'Карточка № 4.pdf')] } });
    const WEEK = `query($s: ID!) { diary(studentId: $s, weekOf: "${TODAY}") { lessons { id homework files { id fileName url } } } }`;
    for (const login of ['petrova', 'petya']) {
      const client = await server.as(login);
      const { diary } = await client.data(WEEK, { s: world.user('petya').id });
      const shown = diary.lessons.find((l: { id: string }) => l.id === lesson.id);
      expect(
        shown.files.map((f: { fileName: string }) => f.fileName),
        login,
      ).toContain('Карточка № 4.pdf');
      // What `lessonFiles` lists, in its order.
      const { lessonFiles } = await client.data(`query($l: ID!) { lessonFiles(lessonId: $l) { id fileName url } }`, { l: lesson.id });
      expect(shown.files, login).toEqual(lessonFiles);
    }
    // A parent without consent gets no week; to a parent of another class the pupil is not there: no files either way.
    expect(errorOf(await (await server.as('sidorova')).execute(WEEK, { s: world.user('vasya').id }))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'CONSENT_REQUIRED',
    });
    expect(errorOf(await (await server.as('orlova')).execute(WEEK, { s: world.user('petya').id }))).toMatchObject({ code: 'NOT_FOUND' });
    // A teacher of the school sees the lesson but not its files (the LessonFile rule filters the field); the director sees both.
    const LESSONS = `query($g: ID!) { lessons(groupId: $g, from: "${TODAY}", to: "${TODAY}") { id files { fileName } } }`;
    const g = world.group('Математика', '5А').id;
    expect((await (await server.as('orlov')).data(LESSONS, { g })).lessons).toEqual([{ id: lesson.id, files: [] }]);
    const { lessons } = await (await server.as('director')).data(LESSONS, { g });
    expect(lessons[0].files.map((f: { fileName: string }) => f.fileName)).toContain('Карточка № 4.pdf');
  });

  it("refuses a teacher attaching to another group's lesson, or someone else's upload, writing nothing", async () => {
    const before = await server.orm.em.fork().count(LessonFile, {});
    const orlov = await server.as('orlov');
    const math = await server.as('math');
    const refused = await orlov.execute(ATTACH, { input: { lessonId: (await lessonOf('5А')).id, attachmentIds: [await upload(orlov, 'a.pdf')] } });
    expect(errorOf(refused)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_ALLOWED' });
    const notMine = await math.execute(ATTACH, { input: { lessonId: (await lessonOf('5А')).id, attachmentIds: [await upload(orlov, 'b.pdf')] } });
    expect(errorOf(notMine)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FILE_NOT_YOURS' });
    expect(await server.orm.em.fork().count(LessonFile, {})).toBe(before);
  });
});

describe('«сегодня»', () => {
  it("lists the teacher's lessons of the day in timetable order, with the lesson they substitute", async () => {
    const DAY = `query($on: LocalDate!) { teacherDay(on: $on) { lessonNumber group { name } substitute { shortName } } }`;
    await (
      await server.as('director')
    ).data(`mutation($input: RecordSubstitutionInput!) { recordSubstitution(input: $input) { id } }`, {
      input: { lessonId: (await lessonOf('6Б', 1)).id, substituteId: world.user('math').id, reason: 'болезнь учителя' },
    });
    expect((await (await server.as('math')).data(DAY, { on: TODAY })).teacherDay).toEqual([
      { lessonNumber: 1, group: { name: '6Б' }, substitute: { shortName: 'Иванова А. П.' } },
      { lessonNumber: 3, group: { name: '5А' }, substitute: null },
    ]);
    // Орлов's first lesson is given by Иванова: his day keeps the second only.
    expect((await (await server.as('orlov')).data(DAY, { on: TODAY })).teacherDay).toEqual([{ lessonNumber: 2, group: { name: '6Б' }, substitute: null }]);
  });
});
