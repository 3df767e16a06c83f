/**
 * A module's part of THE access policy (issue 19): its read and write rules, beside its resolvers in
 * `modules/<area>/<area>.policy.ts`, given to `defineModule({ rules })`. The GraphQL layer merges every
 * module's rules (`mergeRules`, graphql/schema.ts) and hands them to `applyPolicy`, which refuses a
 * schema with a root field, mutation or object type that has none.
 */
import type { PolicyRules } from './apply-policy.js';
import { rulesByName, type FieldRules, type RootRule, type SchemaTypeRule, type TypeRules } from './type-rule.js';
import type { WriteCheck } from './write-rule.js';

export interface ModuleRules {
  /** Query field → who may ask it (policy.ts `signedIn`, `withRole`...), checked before its resolver runs. */
  query?: Record<string, RootRule>;
  /** Subscription field → who may subscribe. */
  subscription?: Record<string, RootRule>;
  /** Mutation → its write rule (write-rule.ts), judged on the target's facts in the mutation's transaction. */
  mutation?: Record<string, WriteCheck>;
  /** Object type → who may see an object of it, typed by the type's source (type-rule.ts `TypeSources`). */
  types?: Partial<TypeRules>;
  /** `Type.field` → who may see that nullable field of an object they may see (others get null). */
  fields?: FieldRules;
}

/** Where rules come from, for the error naming both owners of a name ruled twice. */
export interface RulesOwner {
  name: string;
  rules?: ModuleRules;
}

/**
 * Every owner's rules in one table for `applyPolicy`. A name ruled by two owners (two modules giving
 * `Query.school`, or a type rule `Mark` in two places) is an error: exactly one rule guards each name.
 */
export function mergeRules(owners: readonly RulesOwner[]): PolicyRules {
  const merged = {
    Query: {} as Record<string, RootRule>,
    Subscription: {} as Record<string, RootRule>,
    Mutation: {} as Record<string, WriteCheck>,
    types: {} as Record<string, SchemaTypeRule>,
    fields: {} as Record<string, SchemaTypeRule>,
  };
  const ownerOf = new Map<string, string>();
  const problems: string[] = [];
  const add = <T>(table: Record<string, T>, kind: keyof typeof merged, owner: string, rules: Readonly<Record<string, T>> | undefined) => {
    for (const [name, rule] of Object.entries(rules ?? {})) {
      const key = `${kind} ${name}`;
      const first = ownerOf.get(key);
      if (first) problems.push(`${kind} rule ${name} is given by both ${first} and ${owner}`);
      ownerOf.set(key, owner);
      table[name] = rule;
    }
  };
  for (const { name, rules } of owners) {
    add(merged.Query, 'Query', name, rules?.query);
    add(merged.Subscription, 'Subscription', name, rules?.subscription);
    add(merged.Mutation, 'Mutation', name, rules?.mutation);
    add(merged.types, 'types', name, rulesByName(rules?.types ?? {}));
    add(merged.fields, 'fields', name, rulesByName(rules?.fields ?? {}));
  }
  if (problems.length) throw new Error(`Access policy has a name ruled twice:\n- ${problems.join('\n- ')}`);
  return {
    rootRules: { Query: merged.Query, Subscription: merged.Subscription },
    writeRules: merged.Mutation,
    typeRules: merged.types,
    fieldRules: merged.fields,
  };
}
