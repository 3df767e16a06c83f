/**
 * Operations built from the schema itself, for tests that must cover every field without naming
 * any: a selection of every field of a type to a bounded depth, the ID positions of a field's
 * arguments (inside input objects too), argument values rendered as literals, and documents split
 * until each one fits the server's own query limits. A field added tomorrow is in them.
 */
import {
  astFromValue,
  getNamedType,
  getNullableType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  print,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { checkDocument, limitRules } from '../graphql/limits.js';

/** A field (or `... on Type` of an abstract type) with its rendered arguments; leaves have no children. */
export interface Selection {
  name: string;
  args?: string;
  children?: Selection[];
}

/** Where an ID goes in a field's arguments: `studentId`, or `input.lessonId`. */
export interface IdSlot {
  path: string[];
  /** The argument or input field's own name, e.g. `studentId`. */
  name: string;
  required: boolean;
  list: boolean;
}

/** A value for a non-ID leaf argument, or undefined to leave an optional one out. */
export type LeafValue = (name: string, type: GraphQLNamedType, required: boolean) => unknown;

/** Arguments of a nested field: rendered `(a: 1)`, '' for none, or null to leave the field out. */
export type NestedArgs = (field: GraphQLField<unknown, unknown>, parent: GraphQLObjectType) => string | null;

/** Every ID position of a field's arguments, input objects followed (not into themselves). */
export function idSlots(field: GraphQLField<unknown, unknown>): IdSlot[] {
  const slots: IdSlot[] = [];
  const walk = (name: string, type: GraphQLInputType, path: string[], required: boolean, seen: Set<string>) => {
    const named = getNamedType(type);
    if (named.name === 'ID') {
      slots.push({ path, name, required, list: isListType(getNullableType(type)) });
    } else if (isInputObjectType(named) && !seen.has(named.name)) {
      for (const f of Object.values(named.getFields())) {
        walk(f.name, f.type, [...path, f.name], required && isNonNullType(f.type), new Set([...seen, named.name]));
      }
    }
  };
  for (const arg of field.args) walk(arg.name, arg.type, [arg.name], isNonNullType(arg.type), new Set());
  return slots;
}

export const slotKey = (slot: IdSlot) => slot.path.join('.');

/**
 * The arguments of a field as a value: ID slots from `ids` (by slot key; an absent optional slot is
 * left out), other leaves from `leaf`, input objects built field by field.
 */
export function buildArgs(field: GraphQLField<unknown, unknown>, ids: ReadonlyMap<string, string>, leaf: LeafValue): Record<string, unknown> {
  const build = (name: string, type: GraphQLInputType, path: string[], seen: Set<string>): unknown => {
    const required = isNonNullType(type);
    const named = getNamedType(type);
    const list = isListType(getNullableType(type));
    let value: unknown;
    if (named.name === 'ID') {
      const id = ids.get(path.join('.'));
      value = id === undefined ? undefined : list ? [id] : id;
    } else if (isInputObjectType(named)) {
      if (seen.has(named.name)) return undefined;
      const object: Record<string, unknown> = {};
      try {
        for (const f of Object.values(named.getFields())) {
          const v = build(f.name, f.type, [...path, f.name], new Set([...seen, named.name]));
          if (v !== undefined) object[f.name] = v;
        }
      } catch (error) {
        // An optional input object (e.g. a list of decisions) whose required ids are left out is left out itself.
        if (required) throw error;
        return undefined;
      }
      value = list ? [object] : object;
    } else {
      const v = leaf(name, named, required);
      value = v === undefined ? undefined : list && !Array.isArray(v) ? [v] : v;
    }
    if (value === undefined && required) throw new Error(`no value for the required argument ${path.join('.')} of ${field.name}`);
    return value;
  };
  const args: Record<string, unknown> = {};
  for (const arg of field.args) {
    const v = build(arg.name, arg.type, [arg.name], new Set());
    if (v !== undefined) args[arg.name] = v;
  }
  return args;
}

/** `(a: 1, b: "x")` for the values of `args`, '' when there are none. */
export function renderArgs(defs: readonly GraphQLArgument[], args: Record<string, unknown>): string {
  const parts = defs.flatMap((def) => {
    if (!(def.name in args)) return [];
    const ast = astFromValue(args[def.name], def.type);
    if (!ast) throw new Error(`cannot render ${def.name} = ${JSON.stringify(args[def.name])}`);
    return [`${def.name}: ${print(ast)}`];
  });
  return parts.length ? `(${parts.join(', ')})` : '';
}

/**
 * Every field of `type` with `__typename`, objects followed `depth` levels further down. A nested
 * field whose arguments `nestedArgs` cannot fill is left out.
 */
export function selectAll(schema: GraphQLSchema, type: GraphQLNamedType, depth: number, nestedArgs: NestedArgs): Selection[] {
  if (isAbstractType(type)) {
    return [
      { name: '__typename' },
      ...schema.getPossibleTypes(type).map((t) => ({ name: `... on ${t.name}`, children: selectAll(schema, t, depth, nestedArgs) })),
    ];
  }
  if (!isObjectType(type)) return [];
  const out: Selection[] = [{ name: '__typename' }];
  for (const field of Object.values(type.getFields())) {
    const args = nestedArgs(field, type);
    if (args === null) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) out.push({ name: field.name, args });
    else if (depth > 0) out.push({ name: field.name, args, children: selectAll(schema, named, depth - 1, nestedArgs) });
  }
  return out;
}

export function renderSelection(selection: Selection[]): string {
  return `{ ${selection.map((s) => `${s.name}${s.args ?? ''}${s.children ? ` ${renderSelection(s.children)}` : ''}`).join(' ')} }`;
}

/** Whether a document passes the server's query limits; any other validation error is a bug of the generator, thrown. */
export function limitChecker(schema: GraphQLSchema): (document: string) => boolean {
  const rules = limitRules({ introspection: false });
  const limitCodes = new Set(['QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'TOO_MANY_TOKENS', 'TOO_MANY_DIRECTIVES', 'QUERY_TOO_COSTLY']);
  return (document) => {
    const { errors } = checkDocument(schema, document, rules);
    if (!errors) return true;
    const other = errors.filter((e) => !limitCodes.has(String(e.extensions.code)));
    if (other.length) throw new Error(`generated an invalid document: ${other.map((e) => e.message).join('; ')}\n${document}`);
    return false;
  };
}

/**
 * Documents asking `root` for `selection`, split (each branch under the same path) until every one
 * fits the limits. Reads only: a mutation must not run twice, so use `fitOnce` for those.
 */
export function splitToFit(prefix: string, root: string, selection: Selection[], fits: (document: string) => boolean): string[] {
  const wrap = (path: Selection[], inner: Selection[]): string => {
    const nested = path.reduceRight<Selection[]>((acc, p) => [{ name: '__typename' }, { ...p, children: acc }], inner);
    return `${prefix} { ${root} ${renderSelection(nested)} }`;
  };
  const split = (path: Selection[], sel: Selection[]): string[] => {
    const doc = wrap(path, sel);
    const branches = sel.filter((s) => s.children);
    if (fits(doc) || !branches.length) return [doc];
    const leaves = sel.filter((s) => !s.children);
    return [...(leaves.length ? [wrap(path, leaves)] : []), ...branches.flatMap((b) => split([...path, b], b.children!))];
  };
  // The root field itself is the outermost selection: wrap(path=[], …) renders `root { … }`.
  return split([], selection);
}

/** One document for a field that must run once (a mutation): the deepest selection of at most `depth` levels that fits. */
export function fitOnce(
  schema: GraphQLSchema,
  prefix: string,
  root: string,
  type: GraphQLNamedType,
  depth: number,
  nestedArgs: NestedArgs,
  fits: (document: string) => boolean,
): string {
  for (let d = depth; d >= 0; d--) {
    const selection = selectAll(schema, type, d, nestedArgs);
    const doc = selection.length ? `${prefix} { ${root} ${renderSelection(selection)} }` : `${prefix} { ${root} }`;
    if (fits(doc)) return doc;
  }
  throw new Error(`no selection of ${root} fits the query limits`);
}

/** Records `Type.field` for every key of every object with a `__typename` in a response's data. */
export function recordCoverage(data: unknown, covered: Set<string>): void {
  if (Array.isArray(data)) {
    for (const item of data) recordCoverage(item, covered);
  } else if (data && typeof data === 'object') {
    const typename = (data as Record<string, unknown>).__typename;
    for (const [key, value] of Object.entries(data)) {
      if (typeof typename === 'string' && key !== '__typename') covered.add(`${typename}.${key}`);
      recordCoverage(value, covered);
    }
  }
}

/** Every `Type.field` of the schema's object types, the root types left out. */
export function objectFields(schema: GraphQLSchema): string[] {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].map((t) => t?.name));
  return Object.values(schema.getTypeMap())
    .filter((t): t is GraphQLObjectType => isObjectType(t) && !t.name.startsWith('__') && !roots.has(t.name))
    .flatMap((t) => Object.keys(t.getFields()).map((f) => `${t.name}.${f}`));
}

/** The first value of an enum, for an argument whose value does not matter. */
export const firstEnumValue = (type: GraphQLNamedType) => (isEnumType(type) ? type.getValues()[0].value : undefined);
