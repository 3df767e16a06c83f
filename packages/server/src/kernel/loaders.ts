import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from './clock.js';

/**
 * The request's DataLoaders (one batch per relation per tick, never shared between requests). Each module adds
 * its own by declaration merging in its `*.loaders.ts` (`declare module '../../kernel/loaders.js'`), and
 * graphql/context.ts builds them from the modules' list (modules/index.ts): a module's loaders are typed here
 * without this file, or the request context, knowing any module.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the modules' declaration merging
export interface Loaders {}

/** What a module gives to make its loaders for one request. */
export type LoadersFactory<T extends object> = (em: EntityManager, clock: Clock) => T;
