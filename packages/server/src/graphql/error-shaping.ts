/**
 * What a GraphQL answer says of an error (HTTP and WebSocket alike): the refusals of kernel/errors.ts (plain
 * errors, known to no transport) are answered with their code, reason and details as `extensions`, argument validation and values the database refused become BAD_USER_INPUT, races the
 * database decided become CONFLICT, anything else INTERNAL with its details in the log only.
 */
import { OptimisticLockError } from '@mikro-orm/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { ValidationError } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';
import { AppError, errorAnswer, inputErrorFromDatabase } from '../kernel/errors.js';
import { REASONS, type Reason } from '../kernel/reasons.js';

/**
 * Concurrent writers that the database itself turned away: a unique key taken by a transaction that
 * committed first (23505), an exclusion constraint likewise (23P01: one open enrolment), a serialization
 * failure (40001), a deadlock victim (40P01), or an ORM optimistic lock whose `UPDATE … WHERE version = v`
 * matched no row. Services turn the races they expect
 * into precise answers; whatever still slips through is a CONFLICT here, never INTERNAL.
 */
function isConcurrentWrite(cause: unknown): boolean {
  if (cause instanceof OptimisticLockError) return true;
  const code = (cause as { code?: unknown } | null)?.code;
  return code === '23505' || code === '23P01' || code === '40001' || code === '40P01';
}

const KNOWN_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'TOO_MANY_SUBSCRIPTIONS',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_TOKENS',
  'TOO_MANY_DIRECTIVES',
  'QUERY_TOO_COSTLY',
  'INTROSPECTION_DISABLED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'TRUSTED_DOCUMENT_REQUIRED',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** A refusal where graphql-js wants a GraphQLError (a validation rule's report, a parse failure): its extensions set. */
export function graphQLErrorOf(error: AppError): GraphQLError {
  return new GraphQLError(error.message, { originalError: error, extensions: errorAnswer(error).extensions });
}

/** The AppError behind a GraphQL error: thrown by a resolver (located by graphql-js), or wrapped by `graphQLErrorOf` and then by Apollo. */
function appErrorIn(original: unknown): AppError | null {
  let error = original;
  while (error instanceof GraphQLError && error.originalError) error = error.originalError;
  return error instanceof AppError ? error : null;
}

/**
 * graphql-js suggests names close to a misspelled one ("Did you mean …?"): a free map of the schema
 * for anyone probing it with introspection off. Every message loses them, whatever produced it.
 */
export const withoutSuggestions = (message: string) => message.replace(/\s*Did you mean [^?]*\?/g, '');

/**
 * One shaping for HTTP and WebSocket: known errors pass with their code; argument validation
 * becomes BAD_USER_INPUT; anything else is an INTERNAL error whose details go to the log only.
 * No message carries field suggestions.
 */
export function shapeError(
  formatted: GraphQLFormattedError,
  original: unknown,
  opts: { exposeDetails: boolean; log: (err: unknown) => void },
): GraphQLFormattedError {
  const shaped = shapeCode(formatted, original, opts);
  return { ...shaped, message: withoutSuggestions(shaped.message) };
}

function shapeCode(formatted: GraphQLFormattedError, original: unknown, opts: { exposeDetails: boolean; log: (err: unknown) => void }): GraphQLFormattedError {
  const cause = original instanceof GraphQLError ? (original.originalError ?? original) : original;
  if (cause instanceof ArgumentValidationError) {
    const violations = flattenViolations(cause.extensions.validationErrors);
    return {
      message: violations.map((v) => v.message).join('; ') || 'Invalid input.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code: 'BAD_USER_INPUT',
        field: violations[0]?.field,
        reason: violations[0]?.reason,
        fields: violations.map((v) => v.field),
        violations: violations.map(({ field, reason }) => ({ field, reason })),
      },
    };
  }
  const fromDatabase = inputErrorFromDatabase(cause);
  if (fromDatabase) return { ...formatted, ...fromDatabase };
  if (isConcurrentWrite(cause)) {
    return {
      message: 'Someone changed this at the same moment: reload and try again.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'CONFLICT', reason: 'CHANGED_MEANWHILE' satisfies Reason },
    };
  }
  const refusal = appErrorIn(original);
  if (refusal && KNOWN_CODES.has(refusal.code)) {
    // Its code, reason and details; Apollo's own (GRAPHQL_VALIDATION_FAILED for a validation rule's report) give way.
    const { stacktrace, ...others } = formatted.extensions ?? {};
    const shown = opts.exposeDetails && stacktrace !== undefined ? { stacktrace } : {};
    return { ...formatted, extensions: { ...others, ...errorAnswer(refusal).extensions, ...shown } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && KNOWN_CODES.has(code)) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions: opts.exposeDetails ? { ...formatted.extensions, code } : { ...extensions, code } };
  }
  opts.log(cause);
  return {
    message: opts.exposeDetails ? formatted.message : 'Internal server error.',
    locations: formatted.locations,
    path: formatted.path,
    extensions: opts.exposeDetails ? { ...formatted.extensions, code: 'INTERNAL' } : { code: 'INTERNAL' },
  };
}

/** class-validator's own constraint names, as the reasons of kernel/input-fields.ts. */
const REASON_OF_CONSTRAINT: Record<string, Reason> = {
  min: 'OUT_OF_RANGE',
  max: 'OUT_OF_RANGE',
  maxLength: 'TOO_LONG',
  isLength: 'TOO_LONG',
  isUuid: 'BAD_ID',
  matches: 'BAD_FORMAT',
  isEmail: 'BAD_FORMAT',
  arrayMaxSize: 'TOO_MANY',
  arrayMinSize: 'TOO_FEW',
  arrayNotEmpty: 'TOO_FEW',
};

/** Our own constraints (kernel/input-fields.ts) are named by their reason; another is a malformed value. */
const reasonNamed = (name: string): Reason => ((REASONS as readonly string[]).includes(name) ? (name as Reason) : 'BAD_FORMAT');

interface Violation {
  /** The path inside the argument, e.g. `periods.0.endsOn`. */
  field: string;
  reason: Reason;
  message: string;
}

/** Every failed constraint of a (nested) input, with its path. */
function flattenViolations(errors: readonly ValidationError[], prefix = ''): Violation[] {
  return errors.flatMap((e) => {
    const field = prefix + e.property;
    const own = Object.entries(e.constraints ?? {}).map(([name, message]) => ({ field, reason: REASON_OF_CONSTRAINT[name] ?? reasonNamed(name), message }));
    return [...own, ...flattenViolations(e.children ?? [], `${field}.`)];
  });
}
