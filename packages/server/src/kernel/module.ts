import type { EntityCtor } from '@mikro-orm/core';
import type { ClassType } from 'type-graphql';
// The one import up a layer (.dependency-cruiser.cjs UPWARD): a module's definition carries its rules, typed by the policy.
import type { ModuleRules } from '../policy/module-rules.js';
import type { Clock } from './clock.js';
import type { LoadersFactory } from './loaders.js';

/**
 * What a domain module gives the layers above it (issue 19): its GraphQL resolvers (with the instances of those
 * that take a service), its access rules, its entities and its request loaders. modules/index.ts lists the modules;
 * the schema and its policy (graphql/schema.ts), the ORM's entities (db/entities.ts) and the request's loaders
 * (graphql/context.ts) are built from that list, so a new field, query, mutation, entity or loader of a module, with
 * its rule, touches only its folder.
 */
export interface ModuleDefinition {
  name: string;
  resolvers: ClassType[];
  /** Resolvers built with a service (`new XResolver(new XService(clock))`); the others are made by type-graphql. */
  instances?: (clock: Clock) => (readonly [ClassType, object])[];
  /** Read and write rules of everything its resolvers add to the schema (`<area>.policy.ts`). */
  rules: ModuleRules;
  entities: EntityCtor<object>[];
  loaders?: LoadersFactory<object>;
}

export const defineModule = (definition: ModuleDefinition): ModuleDefinition => definition;
