/**
 * The kept screens against every write (screen-cache.ts): for every mutation of the schema, made with valid
 * arguments by the role allowed to (testing/mutation-world.ts, the write matrix's changes), the big screens
 * read just before it and kept (journal grids, diary weeks, terms, class days, an absence register) must answer
 * afterwards exactly what a server keeping nothing answers, on two processes of one deployment:
 *
 * - the process that made the change, read at once after its answer, with no waiting: it hears nothing from the
 *   outbox feed here (`withoutFeed`), so its commit fence alone keeps it right (screen-fence.ts);
 * - another process, once its feed has heard the change: a change that reaches a screen must drop it by an outbox
 *   row committed with it (or a viewer invalidation), not by the age limit. A marker row put into the outbox after
 *   the change comes through that process's feed after everything committed before it (PostgreSQL notifies in
 *   commit order).
 */
import { getNamedType, isNonNullType, type GraphQLField } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxObserver } from '../realtime/observer.js';
import { GraphQLClient } from '../testing/graphql-client.js';
import {
  documentOf,
  loginOf,
  NOW,
  ROLES,
  seedMutationWorld,
  TODAY,
  WITHOUT_SUCCESS,
  type MutationWorld,
  type Own,
  type RoleName,
} from '../testing/mutation-world.js';
import { limitChecker, renderArgs, selectAll, splitToFit } from '../testing/schema-operations.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';

/** Keeps screens and makes every change; hears no feed. */
let writer: TestServer;
/** Keeps screens and hears the feed: another process of the deployment. */
let other: TestServer;
let fresh: TestServer;
let w: MutationWorld;
const clients = new Map<RoleName, GraphQLClient>();
/** The administration of school 1 reads every screen of it, on each server. */
let readerWriter: GraphQLClient;
let readerOther: GraphQLClient;
let readerFresh: GraphQLClient;

/** The markers heard so far by the other process's feed (after its screen cache heard the same batch). */
const heard = new Set<string>();
let waiting: (() => void) | null = null;
const listener: OutboxObserver = {
  interested: true,
  committed(rows) {
    // The marker's type is no declared event: the feed passes it on as `unknown`, with its stored type.
    for (const row of rows) if (row.type === 'unknown' && row.storedType === 'test.heard') heard.add(String(row.payload.marker));
    waiting?.();
  },
  changedAll() {},
  changedPerson() {},
};

beforeAll(async () => {
  writer = await startTestServer({ clock: () => NOW, withoutFeed: true });
  w = await seedMutationWorld(writer);
  other = await startTestServer({ clock: () => NOW, databaseUrl: writer.databaseUrl });
  fresh = await startTestServer({ clock: () => NOW, databaseUrl: writer.databaseUrl, config: { screenCacheMb: 0 } });
  other.app.realtime.observe(listener);
  for (const role of ROLES) clients.set(role, role === 'anonymous' ? writer.client() : await writer.as(loginOf(role)));
  readerWriter = await writer.as('director');
  readerOther = new GraphQLClient(other.url);
  readerFresh = new GraphQLClient(fresh.url);
  readerOther.token = readerFresh.token = readerWriter.token;
}, 120_000);
afterAll(async () => {
  await fresh?.stop();
  await other?.stop();
  await writer?.stop();
});

let markers = 0;
/** Resolves once the other process has heard everything committed so far (a marker row after it, about no one). */
async function heardSoFar(): Promise<void> {
  const marker = String(++markers);
  const arrived = new Promise<void>((resolve) => {
    waiting = () => heard.has(marker) && resolve();
  });
  await other.orm.em
    .getConnection()
    .execute(`insert into domain_event (school_id, type, payload, at) values (?, 'test.heard', ?::jsonb, ?)`, [
      w.ids.school.S2,
      JSON.stringify({ marker }),
      NOW,
    ]);
  await arrived;
  waiting = null;
}

/** Every screen the process keeps, of both families and groups of school 1, each asked for all its fields. */
async function screenDocuments(): Promise<string[]> {
  const schema = writer.app.schema;
  const fits = limitChecker(schema);
  const query = schema.getQueryType()!.getFields();
  const nestedArgs = (field: GraphQLField<unknown, unknown>) => (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined) ? null : '');
  const { ids, uid } = w;
  const period = ids.period.A;
  const screens: [string, Record<string, unknown>][] = [
    ...[ids.group.A, ids.group.B].map((groupId): [string, Record<string, unknown>] => ['journal', { groupId, periodId: period }]),
    ...[ids.student.A, uid('spareStudent'), ids.student.B].flatMap((studentId): [string, Record<string, unknown>][] => [
      ['diary', { studentId, weekOf: TODAY }],
      ['studentTerm', { studentId, periodId: period }],
    ]),
    ...[ids.class.A, ids.class.B].flatMap((classId): [string, Record<string, unknown>][] => [
      ['classDay', { classId, date: TODAY }],
      ['absenceRegister', { classId, from: '2026-12-01', to: '2026-12-31' }],
    ]),
  ];
  return screens.flatMap(([name, args]) => {
    const field = query[name];
    return splitToFit('query', `${name}${renderArgs(field.args, args)}`, selectAll(schema, getNamedType(field.type), 3, nestedArgs), fits);
  });
}

/** The screens' answers, as sent. */
async function read(client: GraphQLClient, documents: string[]): Promise<string[]> {
  const answers: string[] = [];
  for (const document of documents) answers.push(JSON.stringify(await client.execute(document)));
  return answers;
}

/** Changes beyond the write matrix's (which changes an e-mail): names, which every screen shows. */
const more = (): Record<string, Own> => ({
  'updatePerson (a pupil renamed)': { by: 'secretary', args: () => ({ input: { userId: w.ids.student.A, lastName: 'Петровский' } }) },
  'updatePerson (a teacher renamed)': { by: 'director', args: () => ({ input: { userId: w.uid('teacherA'), firstName: 'Ания' } }) },
});

/** Where two answers part: what the kept one says there, then what the fresh one says. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (a[i] === b[i]) i++;
  return `kept …${a.slice(Math.max(0, i - 40), i + 30)}… fresh …${b.slice(i, i + 30)}…`;
}

describe('kept screens and every write', () => {
  it("after every mutation, the screens kept before it answer what a server keeping nothing answers: at once on the writer's process, on another once its feed has heard", async () => {
    const schema = writer.app.schema;
    const mutations = Object.values(schema.getMutationType()!.getFields());
    const documents = await screenDocuments();
    const unlisted = mutations.filter((m) => !w.own[m.name] && !WITHOUT_SUCCESS[m.name]).map((m) => m.name);
    expect(unlisted).toEqual([]);
    expect(writer.app.realtime.feed.connected).toBe(false);

    const problems: string[] = [];
    const changedScreens: string[] = [];
    /** Per change, ms from inserting a marker row until the other process had heard it (its commit included): the window of old rows there. */
    const lags: number[] = [];
    /** Changes after which the writer kept no screen at all (a `'*'` invalidation, or every screen touched). */
    let droppedAll = 0;
    /** The screen documents whose answers after the change differ from the fresh server's, with where. */
    const staleOf = (after: string[], afterFresh: string[]) =>
      documents.flatMap((d, i) =>
        after[i] === afterFresh[i] ? [] : [`${d.slice('query { '.length, d.indexOf('('))} (${firstDifference(after[i], afterFresh[i])})`],
      );
    await heardSoFar();
    // The write matrix's changes, and before them a few more of the same mutations that the screens show.
    const changes: [string, Own][] = [...Object.entries(more()), ...Object.entries(w.own)];
    for (const [label, own] of changes) {
      const name = label.split(' ')[0];
      // Each change on screens kept afresh: one left out of date by the change before does not count against this one.
      for (const [server, reader] of [
        [writer, readerWriter],
        [other, readerOther],
      ] as const) {
        server.app.screens.invalidateAll();
        await read(reader, documents);
        expect(server.app.screens.size).toBeGreaterThanOrEqual(documents.length);
      }
      const before = await read(readerFresh, documents);
      const result = await clients.get(own.by)!.execute(
        documentOf(
          mutations.find((m) => m.name === name)!,
          own.args(),
        ),
      );
      if (result.errors?.length) problems.push(`${label} by ${own.by} failed: ${String(result.errors[0].extensions?.code)} ${result.errors[0].message}`);
      if (writer.app.screens.size === 0) droppedAll++;
      // No waiting: the writer's answer came after its commit fence.
      const afterWriter = await read(readerWriter, documents);
      const afterFresh = await read(readerFresh, documents);
      const marked = performance.now();
      await heardSoFar();
      lags.push(performance.now() - marked);
      const afterOther = await read(readerOther, documents);
      const staleOnWriter = staleOf(afterWriter, afterFresh);
      if (staleOnWriter.length) problems.push(`${label}: the writer's kept ${staleOnWriter.join(', ')} out of date at once`);
      const staleOnOther = staleOf(afterOther, afterFresh);
      if (staleOnOther.length) problems.push(`${label}: another process's kept ${staleOnOther.join(', ')} out of date after its feed`);
      if (afterFresh.some((a, i) => a !== before[i])) changedScreens.push(label);
    }
    console.info(
      `screen coherence: ${changes.length} changes of ${mutations.length} mutations × ${documents.length} screen documents; changed the screens: ${changedScreens.join(', ')}`,
    );
    console.info(`the writer's fence dropped every kept screen after ${droppedAll} of the ${changes.length} changes`);
    lags.sort((a, b) => a - b);
    console.info(
      `another process heard a commit ${lags[lags.length >> 1].toFixed(1)} ms after it was sent (median), ${lags.at(-1)!.toFixed(1)} ms at most (the marker's insert and commit included)`,
    );
    console.info(
      `not made (${Object.keys(WITHOUT_SUCCESS).length}): ${Object.entries(WITHOUT_SUCCESS)
        .map(([m, why]) => `${m} (${why})`)
        .join('; ')}`,
    );
    expect(problems).toEqual([]);
  }, 900_000);
});
