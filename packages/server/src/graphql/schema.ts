import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import type { Clock } from '../kernel/clock.js';
import { validateOrReject, type ValidationError, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError, buildSchema, type ContainerType, type ResolverData } from 'type-graphql';
import { AuthResolver, type AuthService, OidcResolver, type OidcService } from '../modules/auth/index.js';
import { PushResolver, type PushSettings } from '../modules/notifications/index.js';
import { modules } from '../modules/index.js';
import { ClassEventResolver, outboxOnlyPubSub, RealtimeResolver } from '../realtime/realtime.resolver.js';
import { realtimeRules } from '../realtime/realtime.policy.js';
import { applyPolicy, authoriseOnCall, type PolicyContext, type PolicyRules } from '../policy/apply-policy.js';
import { mergeRules, type ModuleRules } from '../policy/module-rules.js';

export interface Services {
  auth: AuthService;
  /** "Now" for domain rules (kernel/clock.ts); tests pin it. */
  clock: Clock;
  /** Present when an identity provider is configured. */
  oidc?: OidcService | null;
  /** Web Push: the VAPID public key and the push services accepted (absent when only printing the schema). */
  push?: PushSettings | null;
}

/** The rule of the kernel's own object type (kernel/relay.ts): a page's positions in a list, nothing more. */
const kernelRules = { types: { PageInfo: (viewer) => viewer !== null } } satisfies ModuleRules;

/** type-graphql's options for `validate: true`: what a mutation's input leaves out is not checked, nor unknown values. */
const VALIDATION: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };
const validated = (value: unknown): value is object => value !== null && typeof value === 'object';

/**
 * An argument checked by its class-validator rules as type-graphql's `validate: true` checks it (the same options,
 * the same ArgumentValidationError), without its `await import('class-validator')` for every argument of every
 * call: ~3% of a mark's app CPU (bench P5 profile). type-graphql calls a `validateFn` before any argument's own
 * `validate:` option, so an `@Arg(…, { validate: false })` would still be checked here (none exists).
 */
async function validateArgument(value: unknown): Promise<void> {
  if (!validated(value)) return;
  try {
    await Promise.all((Array.isArray(value) ? value.filter(validated) : [value]).map((item) => validateOrReject(item, VALIDATION)));
  } catch (err) {
    throw new ArgumentValidationError(err as ValidationError[]);
  }
}

/**
 * THE access policy: every module's rules (`defineModule({ rules })`), the realtime subscriptions' and the kernel's,
 * merged in this one place; a name ruled twice is an error here, a field without a rule one in `applyPolicy`.
 */
export const policyRules: PolicyRules = mergeRules([...modules, { name: 'realtime', rules: realtimeRules }, { name: 'kernel', rules: kernelRules }]);

/** The whole API: every resolver, wrapped by the access policy (which refuses a field without a rule). */
export async function buildAppSchema(services: Services): Promise<GraphQLSchema> {
  const instances = new Map<unknown, unknown>([
    ...modules.flatMap((m) => m.instances?.(services.clock) ?? []),
    // The app's own services (sessions and passwords, the identity provider, Web Push settings).
    [AuthResolver, new AuthResolver(services.auth)],
    [OidcResolver, new OidcResolver(services.oidc ?? null)],
    [PushResolver, new PushResolver(services.push ?? null)],
  ]);
  const container: ContainerType = {
    get: (someClass: new () => object, resolverData: ResolverData<Partial<PolicyContext>>) =>
      authoriseOnCall((instances.get(someClass) as object | undefined) ?? new someClass(), resolverData.context),
  };
  const schema = await buildSchema({
    resolvers: [RealtimeResolver, ClassEventResolver, ...modules.flatMap((m) => m.resolvers)],
    container,
    // Subscriptions read the outbox (realtime/); type-graphql's PubSub is required but unused.
    pubSub: outboxOnlyPubSub,
    validateFn: validateArgument,
  });
  return applyPolicy(lexicographicSortSchema(schema), policyRules);
}
