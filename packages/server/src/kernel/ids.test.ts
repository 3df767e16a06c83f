import { afterEach, describe, expect, it, vi } from 'vitest';
import { newId } from './ids.js';

describe('new ids', () => {
  afterEach(() => vi.useRealTimers());

  it('sort in the order they were made, also many in one millisecond and under a stopped clock', () => {
    vi.useFakeTimers({ now: new Date('2026-12-03T09:00:00Z'), toFake: ['Date'] });
    const made = Array.from({ length: 1000 }, newId);
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
  });
});
