import {
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { forbidden, unauthenticated } from '../kernel/errors.js';
import type { Clock } from '../kernel/clock.js';
import type { RootRule, SchemaTypeRule } from './type-rule.js';
import type { Viewer } from './viewer.js';
import type { WriteCheck } from './write-rule.js';
import type { Ground } from './single-write.js';

export interface PolicyContext {
  viewer: Viewer | null;
  em: EntityManager;
  /** "Now" for domain rules: write rules load facts of the day (which class a student is in). */
  clock: Clock;
  /** Runs `work` with a copy of this context whose `em` (and loaders) are one database transaction. */
  inTransaction<T>(work: (context: this) => Promise<T>): Promise<T>;
  /** Runs `work` with a copy of this context whose `em` is its own, for ONE writing statement (single-write.ts): no BEGIN/COMMIT. */
  inSingleWrite<T>(work: (context: this) => Promise<T>): Promise<T>;
  /**
   * On a mutation's context only: decides its write rule (once), when its resolver is called (`authoriseOnCall`);
   * given the answer a single write will give (single-write.ts), judges it by the type rules too, before it writes.
   * Answers what a single write's statement checks again (`WriteRule.singleWrite`).
   */
  authoriseWrite?: (answer?: object) => Promise<readonly Ground[]>;
}

export interface PolicyRules {
  rootRules: Record<'Query' | 'Subscription', Record<string, RootRule>>;
  /** Mutation name → its write rule (the modules' `mutation` rules, module-rules.ts). */
  writeRules: Record<string, WriteCheck>;
  /** Object type name → its rule (the modules' `types` rules, by name: type-rule.ts `rulesByName`). */
  typeRules: Readonly<Record<string, SchemaTypeRule>>;
  /** `Type.field` → who may see that (nullable) field of an object they may see; others get null. */
  fieldRules?: Readonly<Record<string, SchemaTypeRule>>;
}

/**
 * Wraps every resolver of the schema with the policy, in place. Throws when a query or subscription
 * field has no root rule, a mutation no write rule, an object type no type rule, or when a rule names
 * something the schema does not have.
 */
export function applyPolicy(schema: GraphQLSchema, { rootRules, writeRules, typeRules, fieldRules = {} }: PolicyRules): GraphQLSchema {
  const problems: string[] = [];
  const rootTypes = new Map((['Query', 'Mutation', 'Subscription'] as const).map((op) => [schemaRoot(schema, op)?.name, op] as const));

  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const op = rootTypes.get(type.name);
    if (!op && !typeRules[type.name]) problems.push(`object type ${type.name} has no type rule`);
    // Every field is resolved with a PolicyContext: the schema is built with it (graphql/context.ts).
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, PolicyContext>[]) {
      if (op === 'Mutation') {
        const check = writeRules[field.name];
        if (!check) problems.push(`Mutation.${field.name} has no write rule`);
        else guardMutation(field, check, typeRules);
        continue;
      }
      const rule = op ? rootRules[op][field.name] : undefined;
      if (op && !rule) problems.push(`${op}.${field.name} has no root rule`);
      guardField(field, rule, typeRules);
    }
  }
  const ruled = { Query: Object.keys(rootRules.Query), Subscription: Object.keys(rootRules.Subscription), Mutation: Object.keys(writeRules) };
  for (const op of ['Query', 'Mutation', 'Subscription'] as const) {
    const fields = schemaRoot(schema, op)?.getFields() ?? {};
    for (const name of ruled[op]) {
      if (!fields[name]) problems.push(`rule for ${op}.${name} names no field of the schema`);
    }
  }
  for (const name of Object.keys(typeRules)) {
    if (!isObjectType(schema.getType(name))) problems.push(`type rule ${name} names no object type of the schema`);
  }
  for (const [name, rule] of Object.entries(fieldRules)) {
    const [typeName = '', fieldName = ''] = name.split('.');
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? (type.getFields()[fieldName] as GraphQLField<unknown, PolicyContext> | undefined) : undefined;
    if (!field) problems.push(`field rule ${name} names no field of the schema`);
    else if (isNonNullType(field.type)) problems.push(`field rule ${name} is on a non-null field: it could not answer null`);
    else hideField(field, rule);
  }
  if (problems.length) throw new Error(`Access policy is incomplete:\n- ${problems.join('\n- ')}`);
  return schema;
}

function schemaRoot(schema: GraphQLSchema, op: 'Query' | 'Mutation' | 'Subscription') {
  return op === 'Query' ? schema.getQueryType() : op === 'Mutation' ? schema.getMutationType() : schema.getSubscriptionType();
}

function guardField(field: GraphQLField<unknown, PolicyContext>, rule: RootRule | undefined, typeRules: Readonly<Record<string, SchemaTypeRule>>) {
  const objectType = getNamedType(field.type);
  const filter = isObjectType(objectType) ? typeRules[objectType.name] : undefined;
  if (!rule && !filter) return; // a scalar or enum of an object the viewer may already see
  const resolve = field.resolve ?? defaultFieldResolver;
  const redact = filter ? redactor(field.type, filter) : undefined;

  field.resolve = (source, args, context, info) => {
    if (rule && !rule(context.viewer)) throw context.viewer ? forbidden() : unauthenticated();
    const result = resolve(source, args, context, info);
    if (!redact) return result;
    return isPromiseLike(result) ? Promise.resolve(result).then((r) => redact(r, context.viewer)) : redact(result, context.viewer);
  };

  // A subscription is refused up front too, not only event by event.
  const subscribe = field.subscribe;
  if (rule && subscribe) {
    field.subscribe = (source, args, context, info) => {
      if (!rule(context.viewer)) throw context.viewer ? forbidden() : unauthenticated();
      return subscribe(source, args, context, info);
    };
  }
}

/**
 * A mutation runs in one transaction: its arguments are validated (type-graphql, from their one declaration),
 * then its write rule loads the target's facts and decides, then the resolver writes; any error (a refusal,
 * bad input found late, a conflict) rolls everything back, so a refused action writes nothing. The answer is
 * filtered by the type rules like any other. A single write (single-write.ts) is one statement instead: the
 * rule is decided and its answer judged before that statement is sent.
 */
function guardMutation(field: GraphQLField<unknown, PolicyContext>, check: WriteCheck, typeRules: Readonly<Record<string, SchemaTypeRule>>) {
  const objectType = getNamedType(field.type);
  const filter = isObjectType(objectType) ? typeRules[objectType.name] : undefined;
  const redact = filter ? redactor(field.type, filter) : undefined;
  const resolve = field.resolve ?? defaultFieldResolver;
  field.resolve = (source, args, context, info) => {
    const work = async (tx: PolicyContext) => {
      let decided: Promise<readonly Ground[]> | null = null;
      tx.authoriseWrite = async (answer) => {
        const grounds = await (decided ??= check.decide(tx.em, args as Record<string, unknown>, context.viewer, context.clock()));
        // A single write's answer is judged before it writes: afterwards no transaction is left to roll back.
        if (answer && redact) redact(answer, context.viewer);
        return grounds;
      };
      const value = await resolve(source, args, tx, info);
      // Fail closed: had the resolver been reached some other way than through `authoriseOnCall`, the rule is
      // decided now, and a refusal rolls back whatever it wrote.
      await tx.authoriseWrite();
      context.viewer = tx.viewer; // signing in or out changes who asks, for the rest of the answer
      // Filtered inside the transaction: a change whose result the viewer may not see is refused and rolled back.
      return redact ? redact(value, context.viewer) : value;
    };
    return check.singleWrite ? context.inSingleWrite(work) : context.inTransaction(work);
  };
}

/** A field rule: null for a viewer who may not see this field of an object they may see. */
function hideField(field: GraphQLField<unknown, PolicyContext>, rule: SchemaTypeRule) {
  const resolve = field.resolve ?? defaultFieldResolver;
  field.resolve = (source, args, context, info) => (rule(context.viewer, source) ? resolve(source, args, context, info) : null);
}

/** Null for a single object the viewer may not see (an error if the field is non-null); left out of lists. */
function redactor(type: GraphQLOutputType, allowed: SchemaTypeRule) {
  const inner = getNullableType(type);
  if (isListType(inner)) {
    return (value: unknown, viewer: Viewer | null) => (Array.isArray(value) ? value.filter((item) => item == null || allowed(viewer, item)) : value);
  }
  const nonNull = isNonNullType(type);
  return (value: unknown, viewer: Viewer | null) => {
    if (value == null || allowed(viewer, value)) return value;
    if (nonNull) throw forbidden();
    return null;
  };
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

/**
 * type-graphql takes a resolver from the container, then validates the arguments, then calls the method:
 * for a mutation, the method's call first decides the write rule. So bad input is refused as bad input
 * (BAD_USER_INPUT naming the field) before any rule reads the database with it.
 */
export function authoriseOnCall<T extends object>(instance: T, context: Partial<PolicyContext> | undefined): T {
  const authorise = context?.authoriseWrite;
  if (!authorise) return instance;
  return new Proxy(instance, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...params: unknown[]) => {
        await authorise();
        return (value as (...p: unknown[]) => unknown).apply(target, params);
      };
    },
  });
}
