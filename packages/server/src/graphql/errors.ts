import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';

/**
 * The stable error codes of the API (`extensions.code`). Clients branch on these, never on
 * messages. Parse and validation failures keep graphql-js/Apollo's own codes
 * (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED).
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  | 'INTERNAL';

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
  }
}

export const unauthenticated = (message = 'Sign in first.') => new AppError('UNAUTHENTICATED', message);
export const forbidden = (message = 'You are not allowed to do this.') => new AppError('FORBIDDEN', message);
export const badInput = (message: string, field?: string) => new AppError('BAD_USER_INPUT', message, field ? { field } : {});
export const notFound = (message = 'Not found.') => new AppError('NOT_FOUND', message);

const KNOWN_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * One shaping for HTTP and WebSocket: known errors pass with their code; argument validation
 * becomes BAD_USER_INPUT; anything else is an INTERNAL error whose details go to the log only.
 */
export function shapeError(
  formatted: GraphQLFormattedError,
  original: unknown,
  opts: { exposeDetails: boolean; log: (err: unknown) => void },
): GraphQLFormattedError {
  const cause = original instanceof GraphQLError ? (original.originalError ?? original) : original;
  if (cause instanceof ArgumentValidationError) {
    const fields = cause.extensions.validationErrors as { property: string; constraints?: Record<string, string> }[];
    return {
      message: fields.flatMap((f) => Object.values(f.constraints ?? {})).join('; ') || 'Invalid input.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'BAD_USER_INPUT', fields: fields.map((f) => f.property) },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && KNOWN_CODES.has(code)) {
    if (opts.exposeDetails) return formatted;
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  opts.log(cause);
  return {
    message: opts.exposeDetails ? formatted.message : 'Internal server error.',
    locations: formatted.locations,
    path: formatted.path,
    extensions: opts.exposeDetails ? { ...formatted.extensions, code: 'INTERNAL' } : { code: 'INTERNAL' },
  };
}
