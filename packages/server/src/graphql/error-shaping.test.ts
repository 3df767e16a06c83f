import { GraphQLError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { AppError, USER_EMAIL_UNIQUE } from '../kernel/errors.js';
import { shapeError } from './error-shaping.js';

describe('error shaping', () => {
  it('passes a known error with its code and no stack trace', () => {
    const err = new AppError('FORBIDDEN', 'NOT_ALLOWED', 'You are not allowed to do this.');
    const formatted = { message: err.message, extensions: { code: 'FORBIDDEN', reason: 'NOT_ALLOWED', stacktrace: ['at secret.ts:1'] } };
    expect(shapeError(formatted, err, { exposeDetails: false, log: () => {} })).toEqual({
      message: 'You are not allowed to do this.',
      extensions: { code: 'FORBIDDEN', reason: 'NOT_ALLOWED' },
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
