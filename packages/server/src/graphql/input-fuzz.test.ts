/**
 * Bad input, derived from the schema (issue 15): every mutation, called by a role its root rule
 * admits, gets bad values in each argument and input field by type — a NUL in text, 100 KB of
 * text, blank text, ints out of range, malformed ids, dates outside the calendar or 1900..2100,
 * values outside an enum. Each must answer a clear error (never INTERNAL, never a success) and
 * write nothing: a statement trigger on every table logs writes into a test-only table. The values
 * that are bad whatever the field (all but empty and blank text, which a few fields accept) must
 * be refused as BAD_USER_INPUT naming that very field, by validation — not by the database (the
 * safety net in kernel/errors.ts must not fire). A mutation added tomorrow is in the matrix.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../db/seeders/demo-school.js';
import { errorOf, type GraphQLClient } from '../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';

const NOW = new Date('2026-10-14T09:00:00Z');
const schema = buildSchema(readFileSync(new URL('../../../../schema.graphql', import.meta.url), 'utf8'));
const mutations = Object.values(schema.getMutationType()!.getFields());

/** Who calls: the first of these whose root rule admits the mutation (a FORBIDDEN answer moves on). */
const CALLERS = ['director', 'zavuch', 'classteacher', 'teacher', 'secretary', 'hr', 'parent', 'student', 'sysadmin'] as const;

interface BadValue {
  label: string;
  value: unknown;
  /** Bad for any field of the type: must be BAD_USER_INPUT naming the field. Else only a clear refusal. */
  strict: boolean;
}

const BAD: Record<string, BadValue[]> = {
  String: [
    { label: 'NUL', value: 'a\u0000b', strict: true },
    // Longer than any field's limit (TEXT.message); 100 KB is refused earlier, as PAYLOAD_TOO_LARGE, by the body limit.
    { label: '20 000 characters', value: 'x'.repeat(20_000), strict: true },
    { label: 'empty', value: '', strict: false },
    { label: 'blank', value: ' \t ', strict: false },
  ],
  Int: [
    { label: '-1', value: -1, strict: true },
    { label: '2^31', value: 2 ** 31, strict: true },
    { label: '1e20', value: 1e20, strict: true },
  ],
  Float: [
    { label: '-1', value: -1, strict: true },
    { label: '1e20', value: 1e20, strict: true },
  ],
  ID: [
    { label: 'malformed', value: 'not-an-id', strict: true },
    { label: 'injection', value: "1' or '1'='1", strict: true },
    { label: 'empty', value: '', strict: true },
  ],
  LocalDate: [
    { label: 'year 1', value: '0001-01-01', strict: true },
    { label: 'year 9999', value: '9999-12-31', strict: true },
    { label: 'Feb 30', value: '2026-02-30', strict: true },
  ],
  DateTimeISO: [
    { label: 'year 1', value: '0001-01-01T00:00:00Z', strict: true },
    { label: 'year 9999', value: '9999-12-31T00:00:00Z', strict: true },
    { label: 'Feb 30', value: '2026-02-30T10:00:00Z', strict: true },
  ],
  enum: [{ label: 'not in the enum', value: 'NOT_A_VALUE', strict: true }],
};

/** A fine value of a leaf type (the fuzzed field is the only bad one; other rule failures are named apart). */
function goodLeaf(type: GraphQLNamedType): unknown {
  if (isEnumType(type)) return type.getValues()[0].value;
  return (
    { String: 'Проверка', Int: 1, Float: 1, Boolean: true, LocalDate: '2026-10-14', DateTimeISO: '2026-10-14T09:00:00Z', JSONObject: {} } as Record<
      string,
      unknown
    >
  )[type.name];
}

/** A leaf of the arguments: its path (`input.periods.endsOn`) and named type. */
interface Leaf {
  path: string[];
  type: GraphQLNamedType;
}

function leavesOf(args: readonly GraphQLArgument[]): Leaf[] {
  const out: Leaf[] = [];
  const walk = (type: GraphQLInputType, path: string[], seen: Set<string>) => {
    const named = getNamedType(type);
    if (isInputObjectType(named)) {
      if (seen.has(named.name)) return;
      for (const f of Object.values(named.getFields())) walk(f.type, [...path, f.name], new Set([...seen, named.name]));
    } else out.push({ path, type: named });
  };
  for (const a of args) walk(a.type, [a.name], new Set());
  return out;
}

/** All arguments with fine values (ids of seeded rows where the name says which), `bad` at `badPath`. */
function argsWith(field: GraphQLField<unknown, unknown>, ids: (name: string) => string, badPath: string[], bad: unknown): Record<string, unknown> {
  const build = (name: string, type: GraphQLInputType, path: string[], seen: Set<string>): unknown => {
    const named = getNamedType(type);
    const list = isListType(getNullableType(type));
    const key = path.join('.');
    let value: unknown;
    if (key === badPath.join('.')) value = bad;
    else if (isInputObjectType(named)) {
      if (seen.has(named.name)) return undefined;
      const object: Record<string, unknown> = {};
      for (const f of Object.values(named.getFields())) {
        const v = build(f.name, f.type, [...path, f.name], new Set([...seen, named.name]));
        if (v !== undefined) object[f.name] = v;
      }
      value = object;
    } else if (!isNonNullType(type) && !badPath.join('.').startsWith(key)) return undefined;
    else value = named.name === 'ID' ? ids(name) : goodLeaf(named);
    return list && !Array.isArray(value) ? [value] : value;
  };
  return Object.fromEntries(field.args.map((a) => [a.name, build(a.name, a.type, [a.name], new Set())]).filter(([, v]) => v !== undefined));
}

const typeName = (t: GraphQLInputType): string =>
  isNonNullType(t) ? `${typeName(t.ofType)}!` : isListType(t) ? `[${typeName(t.ofType)}]` : (t as GraphQLNamedType).name;

function documentOf(field: GraphQLField<unknown, unknown>): string {
  const defs = field.args.map((a) => `$${a.name}: ${typeName(a.type)}`).join(', ');
  const uses = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return `mutation${defs ? `(${defs})` : ''} { ${field.name}${uses ? `(${uses})` : ''}${selection} }`;
}

/** The paths an error names, numbers of list items dropped: `periods.0.endsOn` → `periods.endsOn`. */
function namedFields(ext: Record<string, unknown> | undefined): string[] {
  const raw = [ext?.field, ...((ext?.fields as unknown[] | undefined) ?? [])].filter((f): f is string => typeof f === 'string');
  return raw.map((f) => f.replace(/\.\d+(?=\.|$)/g, ''));
}

let server: TestServer;
const callers = new Map<string, GraphQLClient>();
const seededIds = new Map<string, string>();

/** A seeded row's id for an id argument named like its table; a random UUID for the rest. */
const ID_TABLES: Record<string, string> = {
  schoolId: 'school',
  yearId: 'academic_year',
  classId: 'school_class',
  toClassId: 'school_class',
  groupId: 'study_group',
  subjectId: 'subject',
  lessonId: 'lesson',
  userId: 'app_user',
};

async function writesDuring(action: () => Promise<void>): Promise<string[]> {
  const conn = server.orm.em.getConnection();
  await conn.execute('truncate fuzz_write_log');
  await action();
  const rows = await conn.execute<{ tbl: string }[]>('select distinct tbl from fuzz_write_log order by tbl');
  return rows.map((r) => r.tbl);
}

beforeAll(async () => {
  server = await startTestServer({ demo: true, clock: () => NOW });
  const conn = server.orm.em.getConnection();
  for (const [name, table] of Object.entries(ID_TABLES)) {
    const [row] = await conn.execute<{ id: string }[]>(`select id from "${table}" limit 1`);
    if (row) seededIds.set(name, row.id);
  }
  for (const login of CALLERS) callers.set(login, await server.as(login, DEMO_PASSWORD));
  // Test-only: every write to any table leaves its table's name here (statement level, cheap).
  await conn.execute(`
    create table fuzz_write_log (tbl text not null);
    create function fuzz_log_write() returns trigger language plpgsql as $$
      begin insert into fuzz_write_log values (tg_table_name); return null; end $$;
    do $$ declare t text; begin
      for t in select tablename from pg_tables where schemaname = 'public' and tablename <> 'fuzz_write_log' loop
        execute format('create trigger fuzz_log_write after insert or update or delete on %I for each statement execute function fuzz_log_write()', t);
      end loop;
    end $$;`);
}, 60_000);

afterAll(() => server?.stop());

/** Text fields where empty means something (declared `allowEmpty` in their input class). */
const MAY_BE_EMPTY = new Set(['createClass.input.letter', 'setLessonContent.input.topic', 'setLessonContent.input.homework', 'contacts.search']);

describe('every mutation refuses bad input with a clear code and writes nothing', () => {
  const withLeaves = mutations.filter((m) => leavesOf(m.args).some((l) => BAD[isEnumType(l.type) ? 'enum' : l.type.name]));

  it.each(withLeaves.map((m) => [m.name, m] as const))('%s', async (_name, mutation) => {
    const document = documentOf(mutation);
    const ids = (name: string) => seededIds.get(name) ?? randomUUID();
    const leaves = leavesOf(mutation.args);
    // The caller: the first whose root rule admits the mutation. Asked with one strictly bad value, which
    // only validation (after the root rule, before the service) refuses: FORBIDDEN means the role may not.
    // (GraphQL refuses a value of the wrong type for everyone, before any rule: the probe is a text or an id.)
    const probeLeaf = leaves.find((l) => l.type.name === 'ID') ?? leaves.find((l) => l.type.name === 'String') ?? leaves[0];
    const probeValue = BAD[isEnumType(probeLeaf.type) ? 'enum' : probeLeaf.type.name][0];
    let caller: GraphQLClient | undefined;
    for (const login of CALLERS) {
      const client = callers.get(login)!;
      const probe = await client.execute(document, argsWith(mutation, ids, probeLeaf.path, probeValue.value));
      if (probe.errors?.[0]?.extensions?.code !== 'FORBIDDEN') {
        caller = client;
        break;
      }
    }
    expect(caller, `no role may call ${mutation.name}`).toBeDefined();

    const failures: string[] = [];
    const written = await writesDuring(async () => {
      for (const leaf of leaves) {
        for (const bad of BAD[isEnumType(leaf.type) ? 'enum' : leaf.type.name] ?? []) {
          if (!bad.strict && MAY_BE_EMPTY.has(`${mutation.name}.${leaf.path.join('.')}`)) continue;
          const result = await caller!.execute(document, argsWith(mutation, ids, leaf.path, bad.value));
          const error = result.errors?.[0];
          const code = error?.extensions?.code;
          const where = `${leaf.path.join('.')} = ${bad.label}`;
          if (!error) failures.push(`${where}: succeeded`);
          else if (code === 'INTERNAL') failures.push(`${where}: INTERNAL`);
          else if (error.message === 'A value in the request is not acceptable.' || error.message === 'An id in the request is malformed.')
            failures.push(`${where}: reached the database (${String(error.extensions?.reason)})`);
          else if (bad.strict && code !== 'BAD_USER_INPUT') failures.push(`${where}: ${String(code)} ${error.message}`);
          else if (bad.strict && namedFields(error.extensions).length > 0) {
            // A rule's refusal names the field (a value GraphQL itself cannot coerce names the variable in its message).
            const expected = leaf.path.length > 1 ? leaf.path.slice(1).join('.') : leaf.path[0];
            if (!namedFields(error.extensions).includes(expected)) failures.push(`${where}: names ${namedFields(error.extensions).join(',')}`);
          }
        }
      }
    });
    expect.soft(failures).toEqual([]);
    expect.soft(written).toEqual([]);
  });
});

describe('one person per e-mail', () => {
  it('answers a second person with a known e-mail, in another letter case, with CONFLICT and stores nobody', async () => {
    const director = callers.get('director')!;
    const written = await writesDuring(async () => {
      const result = await director.execute(`mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`, {
        input: { schoolId: seededIds.get('schoolId'), roles: ['PARENT'], lastName: 'Двойникова', firstName: 'Ольга', email: ' Parent@Example.ORG ' },
      });
      expect(errorOf(result)).toEqual({ code: 'CONFLICT', message: 'Another person already has this e-mail.', reason: 'EMAIL_TAKEN' });
    });
    expect(written).toEqual([]);
  });
});
