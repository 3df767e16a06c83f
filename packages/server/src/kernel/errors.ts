import type { Reason } from './reasons.js';

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
export type LimitCode = 'QUERY_TOO_DEEP' | 'TOO_MANY_ALIASES' | 'TOO_MANY_TOKENS' | 'TOO_MANY_DIRECTIVES' | 'QUERY_TOO_COSTLY' | 'INTROSPECTION_DISABLED';

/**
 * Every refusal carries a stable `code` (what kind of refusal: clients branch on it) and a machine-readable
 * `reason` (why, from kernel/reasons.ts: the web app words it in the reader's language), and may carry
 * details (`field`, `currentVersion`...). The message is English for the log and API clients. A plain
 * error, known to no transport: graphql/error-shaping.ts answers it as GraphQL's `extensions`, the HTTP
 * routes as the same JSON (`errorAnswer`).
 */
export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: ErrorCode,
    readonly reason: Reason,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/** What a client is told of an AppError: its message, and `extensions` with its code, reason and details. */
export function errorAnswer(error: AppError): { message: string; extensions: Record<string, unknown> } {
  return { message: error.message, extensions: { code: error.code, reason: error.reason, ...error.details } };
}

export const unauthenticated = (message = 'Sign in first.', reason: Reason = 'SIGN_IN_REQUIRED') => new AppError('UNAUTHENTICATED', reason, message);
export const forbidden = (message = 'You are not allowed to do this.', reason: Reason = 'NOT_ALLOWED') => new AppError('FORBIDDEN', reason, message);
export const badInput = (reason: Reason, message: string, field?: string) => new AppError('BAD_USER_INPUT', reason, message, field ? { field } : {});
export const notFound = (message = 'Not found.', reason: Reason = 'NOT_FOUND') => new AppError('NOT_FOUND', reason, message);
/** A write based on a state that is no longer current: `currentVersion` is what the client should reload to. */
export const conflict = (message: string, currentVersion?: number, reason: Reason = 'CHANGED_MEANWHILE') =>
  new AppError('CONFLICT', reason, message, currentVersion === undefined ? {} : { currentVersion });

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
