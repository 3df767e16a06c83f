import { OptimisticLockError } from '@mikro-orm/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { ValidationError } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';
import { REASONS, type Reason } from './reasons.js';

/**
 * The stable error codes of the API (`extensions.code`), listed in docs/API.md. Clients branch on
 * these, never on messages. Other parse and validation failures keep graphql-js/Apollo's own codes
 * (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED).
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  /** A WebSocket connection already holds WS_SUBSCRIPTION_LIMIT subscriptions. */
  | 'TOO_MANY_SUBSCRIPTIONS'
  | 'INTERNAL'
  /** Trusted documents (graphql/trusted-documents.ts): an unknown hash; a text without the API scope. */
  | 'PERSISTED_QUERY_NOT_FOUND'
  | 'TRUSTED_DOCUMENT_REQUIRED'
  | LimitCode;

/** A document refused by the query limits (graphql/limits.ts), before anything runs. */
export type LimitCode =
  | 'QUERY_TOO_DEEP'
  | 'TOO_MANY_ALIASES'
  | 'TOO_MANY_TOKENS'
  | 'TOO_MANY_DIRECTIVES'
  | 'QUERY_TOO_COSTLY'
  | 'INTROSPECTION_DISABLED';

/**
 * Every refusal carries a stable `extensions.code` (what kind of refusal: clients branch on it) and a
 * machine-readable `extensions.reason` (why, from kernel/reasons.ts: the web app words it in the
 * reader's language). The message is English for the log and API clients.
 */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, reason: Reason, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, reason, ...details } });
  }
}

export const unauthenticated = (message = 'Sign in first.', reason: Reason = 'SIGN_IN_REQUIRED') => new AppError('UNAUTHENTICATED', reason, message);
export const forbidden = (message = 'You are not allowed to do this.', reason: Reason = 'NOT_ALLOWED') => new AppError('FORBIDDEN', reason, message);
export const badInput = (reason: Reason, message: string, field?: string) => new AppError('BAD_USER_INPUT', reason, message, field ? { field } : {});
export const notFound = (message = 'Not found.', reason: Reason = 'NOT_FOUND') => new AppError('NOT_FOUND', reason, message);
/** A write based on a state that is no longer current: `currentVersion` is what the client should reload to. */
export const conflict = (message: string, currentVersion?: number, reason: Reason = 'CHANGED_MEANWHILE') =>
  new AppError('CONFLICT', reason, message, currentVersion === undefined ? {} : { currentVersion });

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

function shapeCode(
  formatted: GraphQLFormattedError,
  original: unknown,
  opts: { exposeDetails: boolean; log: (err: unknown) => void },
): GraphQLFormattedError {
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
  // Apollo files a validation rule's error under GRAPHQL_VALIDATION_FAILED; our own code is more precise.
  const code = cause instanceof AppError ? cause.extensions.code : formatted.extensions?.code;
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
const reasonNamed = (name: string): Reason => (REASONS as readonly string[]).includes(name) ? (name as Reason) : 'BAD_FORMAT';

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

/**
 * The safety net behind kernel/input-fields.ts: a value PostgreSQL refused (too long, out of range,
 * malformed, a NUL byte, a check) is the caller's mistake, never INTERNAL. The input fuzz test
 * (graphql/input-fuzz.test.ts) shows that validation stops such values before SQL; this is for a
 * field declared without its rule. A second e-mail for one address is a CONFLICT.
 */
export function inputErrorFromDatabase(cause: unknown): { message: string; extensions: Record<string, unknown> } | null {
  const error = cause as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  // A NUL inside a bind parameter breaks the wire protocol itself (08P01 "invalid message format").
  const nulInParameter = error?.code === '08P01' && error.message === 'invalid message format';
  const reason = nulInParameter ? 'CONTROL_CHARACTER' : typeof error?.code === 'string' ? DATABASE_INPUT_REASONS[error.code] : undefined;
  if (reason === 'BAD_ID') return { message: 'An id in the request is malformed.', extensions: { code: 'BAD_USER_INPUT', reason } };
  if (reason) return { message: 'A value in the request is not acceptable.', extensions: { code: 'BAD_USER_INPUT', reason } };
  if (error?.code === '23505' && error.constraint === USER_EMAIL_UNIQUE) {
    return { message: 'Another person already has this e-mail.', extensions: { code: 'CONFLICT', reason: 'EMAIL_TAKEN', field: 'email' } };
  }
  return null;
}

/** The unique index on lower(email) of "user" (migration user_email_unique). */
export const USER_EMAIL_UNIQUE = 'user_email_lower_unique';

/** PostgreSQL SQLSTATEs of a refused value (class 22 data exceptions, 23514 check violation). */
const DATABASE_INPUT_REASONS: Record<string, Reason> = {
  '22001': 'TOO_LONG', // string_data_right_truncation
  '22003': 'OUT_OF_RANGE', // numeric_value_out_of_range
  '22007': 'BAD_FORMAT', // invalid_datetime_format
  '22008': 'OUT_OF_RANGE', // datetime_field_overflow
  '22021': 'CONTROL_CHARACTER', // character_not_in_repertoire (a NUL byte)
  '22P02': 'BAD_ID', // invalid_text_representation: a malformed uuid where an id goes
  '22P05': 'CONTROL_CHARACTER', // untranslatable_character (\u0000 in json)
  '23514': 'OUT_OF_RANGE', // check_violation
};
