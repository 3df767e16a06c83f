import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import type { GraphQLFormattedError } from 'graphql';

/** The `extensions.code` values the API promises. */
const ERROR_CODES = ['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'INTERNAL', 'TOO_MANY_REQUESTS'] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

function isErrorCode(value: unknown): value is ErrorCode {
  return (ERROR_CODES as readonly unknown[]).includes(value);
}

/**
 * A non-2xx response sent as plain `application/json` reaches us as a
 * ServerError even when its body is a GraphQL result, so look inside it too.
 */
function errorsInBody(bodyText: string): GraphQLFormattedError[] {
  try {
    const body: unknown = JSON.parse(bodyText);
    if (body && typeof body === 'object' && 'errors' in body && Array.isArray(body.errors)) {
      return body.errors as GraphQLFormattedError[];
    }
  } catch {
    // Not JSON (a proxy's error page, say): there are no GraphQL errors to read.
  }
  return [];
}

function graphQLErrors(error: unknown): readonly GraphQLFormattedError[] {
  if (CombinedGraphQLErrors.is(error)) return error.errors;
  if (ServerError.is(error)) return errorsInBody(error.bodyText);
  return [];
}

/**
 * What the UI needs to word an error: a contract code with the server's reason
 * (why, as a word of packages/server/src/kernel/reasons.ts), else the server's
 * own message; neither means no GraphQL answer came back (offline, proxy down).
 */
export function describeError(error: unknown): { code?: ErrorCode; reason?: string; message?: string } {
  const errors = graphQLErrors(error);
  const first = errors.find((e) => isErrorCode(e.extensions?.code));
  const code = first?.extensions?.code;
  if (isErrorCode(code)) {
    const reason = first?.extensions?.reason;
    return typeof reason === 'string' ? { code, reason } : { code };
  }
  if (ServerError.is(error) && error.statusCode === 429) return { code: 'TOO_MANY_REQUESTS' };
  return { message: errors[0]?.message };
}

export function hasErrorCode(error: unknown, code: ErrorCode): boolean {
  return graphQLErrors(error).some((e) => e.extensions?.code === code);
}

/** The first `extensions[key]` of the errors, e.g. `reason` (CONSENT_REQUIRED) or `field`. */
export function errorExtension(error: unknown, key: string): unknown {
  return graphQLErrors(error)
    .map((e) => e.extensions?.[key])
    .find((value) => value !== undefined);
}
