/**
 * Type rules typed by their source (issue 19): each GraphQL object type's rule takes the TypeScript type of
 * the objects its resolvers return. `TypeSources` maps type names to those types; each module declares its
 * own beside the classes (`declare module '…/policy/type-rule.js' { interface TypeSources { Mark: MarkType } }`),
 * so the policy imports nothing of theirs. A rule reading a key its type lacks does not compile; `applyPolicy`
 * still checks at start that the schema's object types and the rules are the same names.
 */
import type { Viewer } from './viewer.js';

/** GraphQL object type name → the TypeScript type of its objects, filled in by the modules' `*.types.ts`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the registry the modules merge into; never used empty
export interface TypeSources {}

export type TypeName = keyof TypeSources;

/** Whether the viewer may ask a Query or Subscription field at all (policy.ts `signedIn`, `withRole`...). */
export type RootRule = (viewer: Viewer | null) => boolean;

/** Whether the viewer may see an object of a type: synchronous, no I/O. */
export type TypeRule<TSource> = (viewer: Viewer | null, object: TSource) => boolean;

/** One rule for every object type, each of its own source. */
export type TypeRules = { [K in TypeName]: TypeRule<TypeSources[K]> };

/** `Type.field` → who may see that nullable field of an object of the type they may see (others get null). */
export type FieldRules = { [K in TypeName as `${K}.${string}`]?: TypeRule<TypeSources[K]> };

/** A rule as the schema walk meets it: by a GraphQL type's name, on whatever its resolver returned. */
export type SchemaTypeRule = TypeRule<unknown>;

/**
 * The rules by name, for the walks that meet objects by their GraphQL type's name (apply-policy.ts, routes.ts).
 * Resolvers return their type's source (type-graphql's return types), so each rule gets the object it is typed for.
 */
export const rulesByName = (rules: Partial<TypeRules> | FieldRules): Readonly<Record<string, SchemaTypeRule>> =>
  rules as unknown as Record<string, SchemaTypeRule>;
