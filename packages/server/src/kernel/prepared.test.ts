import type { EntityManager } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { executePrepared } from './prepared.js';

/** Outside a transaction, before any connection is asked for: the text's placeholders are checked first. */
const outsideTransaction = { getTransactionContext: () => undefined } as unknown as EntityManager;

describe('executePrepared', () => {
  it('refuses a text whose "?" count differs from its values (a jsonb ?| would shift every value after it)', async () => {
    await expect(executePrepared(outsideTransaction, `select payload ?| array['a'] from domain_event where id = ?`, ['1'])).rejects.toThrow(
      /2 placeholders in the text, 1 values/,
    );
  });
});
