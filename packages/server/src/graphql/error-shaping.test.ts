import { buildSchema, execute, GraphQLError, parse } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { AppError, badInput, conflict, USER_EMAIL_UNIQUE } from '../kernel/errors.js';
import { graphQLErrorOf, shapeError } from './error-shaping.js';

describe('error shaping', () => {
  it('passes a known error with its code and no stack trace', () => {
    const err = new AppError('FORBIDDEN', 'NOT_ALLOWED', 'You are not allowed to do this.');
    const formatted = { message: err.message, extensions: { code: 'FORBIDDEN', reason: 'NOT_ALLOWED', stacktrace: ['at secret.ts:1'] } };
    expect(shapeError(formatted, err, { exposeDetails: false, log: () => {} })).toEqual({
      message: 'You are not allowed to do this.',
      extensions: { code: 'FORBIDDEN', reason: 'NOT_ALLOWED' },
    });
  });

  it('answers a kernel error, which knows nothing of GraphQL, with its code, reason and details as extensions', async () => {
    expect(conflict('Changed meanwhile.', 3)).not.toBeInstanceOf(GraphQLError);
    // Thrown by a resolver: graphql-js locates it, the shaping finds it behind and gives its extensions.
    const schema = buildSchema('type Query { mark: Int, grade: Int }');
    const rootValue = {
      mark: () => {
        throw conflict('Changed meanwhile.', 3);
      },
      grade: () => {
        throw badInput('OUT_OF_RANGE', 'A mark is 1 to 5.', 'value');
      },
    };
    const result = await execute({ schema, document: parse('{ mark grade }'), rootValue });
    const shaped = (result.errors ?? []).map((e) => shapeError(e.toJSON(), e, { exposeDetails: false, log: () => {} }));
    expect(shaped.map(({ message, extensions }) => ({ message, extensions }))).toEqual([
      { message: 'Changed meanwhile.', extensions: { code: 'CONFLICT', reason: 'CHANGED_MEANWHILE', currentVersion: 3 } },
      { message: 'A mark is 1 to 5.', extensions: { code: 'BAD_USER_INPUT', reason: 'OUT_OF_RANGE', field: 'value' } },
    ]);
    // Where graphql-js wants a GraphQLError (a validation rule's report), wrapped, and re-wrapped as Apollo does.
    const limit = graphQLErrorOf(new AppError('QUERY_TOO_DEEP', 'QUERY_LIMIT', 'Too deep.'));
    expect(limit.extensions).toEqual({ code: 'QUERY_TOO_DEEP', reason: 'QUERY_LIMIT' });
    const byApollo = new GraphQLError(limit.message, { originalError: limit, extensions: { ...limit.extensions, code: 'GRAPHQL_PARSE_FAILED' } });
    expect(shapeError(byApollo.toJSON(), byApollo, { exposeDetails: false, log: () => {} }).extensions).toEqual({
      code: 'QUERY_TOO_DEEP',
      reason: 'QUERY_LIMIT',
    });
  });

  it('hides an unexpected error behind INTERNAL and logs it', () => {
    const log = vi.fn();
    const cause = new Error('duplicate key value violates unique constraint "app_user_login_unique"');
    const err = new GraphQLError(cause.message, { originalError: cause });
    const shaped = shapeError({ message: err.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, err, {
      exposeDetails: false,
      log,
    });
    expect(shaped).toEqual({ message: 'Internal server error.', extensions: { code: 'INTERNAL' } });
    expect(log).toHaveBeenCalledWith(cause);
  });
});

describe('malformed ids', () => {
  it('answers an id that is not a UUID with BAD_USER_INPUT, not an internal error', () => {
    const cause = Object.assign(new Error('invalid input syntax for type uuid: "42"'), { code: '22P02' });
    const err = new GraphQLError(cause.message, { originalError: cause });
    expect(shapeError({ message: err.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, err, { exposeDetails: false, log: () => {} })).toEqual({
      message: 'An id in the request is malformed.',
      extensions: { code: 'BAD_USER_INPUT', reason: 'BAD_ID' },
    });
  });
});

describe('values the database refused', () => {
  it.each([
    ['22001', 'TOO_LONG'],
    ['22003', 'OUT_OF_RANGE'],
    ['22021', 'CONTROL_CHARACTER'],
    ['23514', 'OUT_OF_RANGE'],
  ])('answers SQLSTATE %s with BAD_USER_INPUT (%s), not an internal error', (sqlState, reason) => {
    const cause = Object.assign(new Error('refused'), { code: sqlState });
    const err = new GraphQLError(cause.message, { originalError: cause });
    expect(
      shapeError({ message: err.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, err, { exposeDetails: false, log: () => {} }).extensions,
    ).toEqual({
      code: 'BAD_USER_INPUT',
      reason,
    });
  });

  it('answers a NUL in a parameter (the protocol error it causes) with BAD_USER_INPUT', () => {
    const cause = Object.assign(new Error('invalid message format'), { code: '08P01' });
    const err = new GraphQLError(cause.message, { originalError: cause });
    expect(shapeError({ message: err.message }, err, { exposeDetails: false, log: () => {} }).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'CONTROL_CHARACTER',
    });
  });

  it('answers a second person with one e-mail with CONFLICT', () => {
    const cause = Object.assign(new Error('duplicate key'), { code: '23505', constraint: USER_EMAIL_UNIQUE });
    const err = new GraphQLError(cause.message, { originalError: cause });
    expect(shapeError({ message: err.message }, err, { exposeDetails: false, log: () => {} }).extensions).toEqual({
      code: 'CONFLICT',
      reason: 'EMAIL_TAKEN',
      field: 'email',
    });
  });
});
