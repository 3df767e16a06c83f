/**
 * The write matrix: every mutation of the schema, asked by every role with the ids of the role's own
 * side, of a side the role has no business with, and ids that exist nowhere. Every refusal must carry
 * UNAUTHENTICATED, FORBIDDEN or NOT_FOUND (a missing target and one the viewer may not know about
 * answer alike) and leave no trace: in this test database only, a row-level trigger on every table
 * logs each INSERT, UPDATE and DELETE into `test_write_log`, which a refused call leaves empty (no
 * row, no audit_event, no domain_event). The role allowed to make each change with its own ids must
 * succeed, so the rules are not simply "deny all". Mutations and their id arguments come from the
 * schema: one added tomorrow fails here until it has a line in OWN.
 */
import type { GraphQLField } from 'graphql';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAppSchema } from '../graphql/schema.js';
import { systemClock } from '../kernel/clock.js';
import { AuthService } from '../modules/auth/auth.service.js';
import type { GraphQLClient } from '../testing/graphql-client.js';
import {
  documentOf,
  KIND_OF_SLOT,
  leafValue,
  loginOf,
  NOW,
  ROLES,
  seedMutationWorld,
  UNFILLED_SLOTS,
  WITHOUT_SUCCESS,
  type Catalogue,
  type Own,
  type RoleName,
  type Side,
} from '../testing/mutation-world.js';
import { buildArgs, idSlots, slotKey, type IdSlot } from '../testing/schema-operations.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';

/** The sides each role has no business with: another family and group of its school, another school. */
const FOREIGN: Record<RoleName, Side[]> = {
  anonymous: ['A'],
  studentA: ['B', 'S2'],
  parentA: ['B', 'S2'],
  teacherA: ['B', 'S2'],
  classTeacherA: ['B', 'S2'],
  director: ['S2'],
  secretary: ['S2'],
  hr: ['S2'],
  teacherS2: ['A'],
};

/**
 * Within one school, whom one may write to is `mayWriteTo` (staff write to anyone of their school,
 * families to the staff): another family's teacher is not foreign to a conversation. Covered by
 * messaging.test.ts; here the other school's ids are.
 */
const SAME_SCHOOL_LEGITIMATE = new Set(['startConversation']);

let server: TestServer;
let ids: Catalogue;
let OWN: Record<string, Own>;
let kindsOfIds: () => Map<string, string>;
const clients = new Map<RoleName, GraphQLClient>();
const schemaPromise = buildAppSchema({ auth: new AuthService(1, systemClock), clock: systemClock });
const sql = <T>(query: string, params: unknown[] = []) => server.orm.em.getConnection().execute<T[]>(query, params);

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  ({ ids, own: OWN, kinds: kindsOfIds } = await seedMutationWorld(server));
  for (const role of ROLES) clients.set(role, role === 'anonymous' ? server.client() : await server.as(loginOf(role)));
  await installWriteLog();
}, 120_000);
afterAll(() => server?.stop());

/** This database only: every table logs its row changes into test_write_log. */
async function installWriteLog() {
  await sql(`create table test_write_log (id bigserial primary key, tbl text not null, op text not null)`);
  await sql(`create function test_log_write() returns trigger language plpgsql as $$
    begin insert into test_write_log (tbl, op) values (TG_TABLE_NAME, TG_OP); return null; end $$`);
  await sql(`do $$ declare t record; begin
    for t in select tablename from pg_tables where schemaname = 'public' and tablename not in ('test_write_log', 'mikro_orm_migrations') loop
      execute format('create trigger test_write_log after insert or update or delete on %I for each row execute function test_log_write()', t.tablename);
    end loop; end $$`);
}

/** What the calls since the last look wrote, by table; the log is emptied. */
async function written(): Promise<string[]> {
  const rows = await sql<{ tbl: string; op: string; n: number }>(`select tbl, op, count(*)::int as n from test_write_log group by tbl, op order by tbl, op`);
  if (rows.length) await sql(`truncate test_write_log`);
  return rows.map((r) => `${r.op.toLowerCase()} ${r.tbl} ×${r.n}`);
}

/**
 * The own change with every id moved: to the same kind of object of `side`, or to a random id. The
 * rest stays valid, so a rule that let it through would show as a write, not as bad input.
 */
function moved(value: unknown, to: (kind: string) => string, kinds: Map<string, string>): unknown {
  if (typeof value === 'string') return kinds.has(value) ? to(kinds.get(value)!) : value;
  if (Array.isArray(value)) return value.map((v) => moved(v, to, kinds));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, moved(v, to, kinds)]));
  return value;
}

/** Arguments naming objects of `side` (or random ids for null) in every id slot but the unfilled ones. */
function argsAt(field: GraphQLField<unknown, unknown>, slots: IdSlot[], side: Side | null): Record<string, unknown> {
  const filled = new Map(
    slots.filter((s) => !UNFILLED_SLOTS.has(s.name)).map((s) => [slotKey(s), side ? ids[KIND_OF_SLOT[s.name]][side] : randomUUID()] as const),
  );
  return buildArgs(field, filled, leafValue);
}

const REFUSALS = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']);

describe('the write matrix', () => {
  it('every mutation: refused for foreign and missing ids and for roles not allowed, writing nothing; made by the role allowed', async () => {
    const schema = await schemaPromise;
    const mutations = Object.values(schema.getMutationType()!.getFields());
    const problems: string[] = [];
    const missingOwn = mutations.filter((m) => !OWN[m.name] && !WITHOUT_SUCCESS[m.name]).map((m) => m.name);
    const unknownSlots = mutations.flatMap((m) =>
      idSlots(m)
        .filter((s) => !UNFILLED_SLOTS.has(s.name) && !KIND_OF_SLOT[s.name])
        .map((s) => `${m.name}(${slotKey(s)})`),
    );
    expect({ missingOwn, unknownSlots }).toEqual({ missingOwn: [], unknownSlots: [] });

    const kinds = kindsOfIds();
    /** Foreign or missing ids in the change the allowed role makes with its own (in the schema's arguments when there is none). */
    const argsFor = (field: GraphQLField<unknown, unknown>, slots: IdSlot[], side: Side | null) => {
      const own = OWN[field.name];
      if (!own) return argsAt(field, slots, side);
      return moved(own.args(), (kind) => (side ? ids[kind][side] : randomUUID()), kinds) as Record<string, unknown>;
    };
    let calls = 0;
    const call = async (role: RoleName, document: string) => {
      calls++;
      const result = await clients.get(role)!.execute(document);
      return { code: result.errors?.[0]?.extensions?.code as string | undefined, ok: !result.errors?.length, writes: await written() };
    };
    // Refusals first, role by role, before any change the matrix makes succeeds.
    for (const role of ROLES) {
      for (const field of mutations) {
        const slots = idSlots(field);
        const own = OWN[field.name];
        const cases: [string, Record<string, unknown>, (code: string | undefined) => boolean][] = [];
        if (slots.length) {
          cases.push(['missing ids', argsFor(field, slots, null), (c) => c === (role === 'anonymous' ? 'UNAUTHENTICATED' : 'NOT_FOUND') || (!own && !!c)]);
          for (const side of FOREIGN[role]) {
            if (side !== 'S2' && role !== 'anonymous' && SAME_SCHOOL_LEGITIMATE.has(field.name)) continue;
            cases.push([`side ${side}'s ids`, argsFor(field, slots, side), (c) => REFUSALS.has(c ?? '') || (!own && !!c)]);
          }
        }
        if (own && role !== own.by && !own.also?.includes(role)) cases.push([`${own.by}'s own change`, own.args(), (c) => REFUSALS.has(c ?? '')]);
        if (!own) cases.push(['its arguments', argsAt(field, slots, 'A'), (c) => !!c]);
        for (const [what, args, refusedRightly] of cases) {
          const { code, writes } = await call(role, documentOf(field, args));
          if (!refusedRightly(code)) problems.push(`${role} ${field.name} with ${what}: answered ${code ?? 'data'}`);
          if (writes.length) problems.push(`${role} ${field.name} with ${what} (${code ?? 'data'}) wrote ${writes.join(', ')}`);
        }
      }
    }
    // Then each change by the role allowed to make it: it succeeds, so the rules are not "deny all".
    for (const [name, own] of Object.entries(OWN)) {
      const field = mutations.find((m) => m.name === name)!;
      const result = await clients.get(own.by)!.execute(documentOf(field, own.args()));
      calls++;
      if (result.errors?.length)
        problems.push(`${own.by} ${name} with own ids failed: ${String(result.errors[0].extensions?.code)} ${result.errors[0].message}`);
      await written();
    }
    console.info(`write matrix: ${calls} calls, ${mutations.length} mutations × ${ROLES.length} roles`);
    expect(problems).toEqual([]);
  }, 300_000);
});
