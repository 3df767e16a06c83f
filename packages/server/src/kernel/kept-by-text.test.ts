import { describe, expect, it } from 'vitest';
import { KeptByText } from './kept-by-text.js';

describe('texts kept', () => {
  it('drops the oldest past the number of entries', () => {
    const kept = new KeptByText<number>(2, 1_000, 100);
    kept.keep('a', 1);
    kept.keep('b', 2);
    kept.keep('c', 3);
    expect([kept.get('a'), kept.get('b'), kept.get('c')]).toEqual([undefined, 2, 3]);
  });

  it('drops the oldest past the characters kept in all, and never keeps a text longer than the longest', () => {
    const kept = new KeptByText<number>(10, 10, 6);
    kept.keep('aaaa', 1);
    kept.keep('bbbb', 2);
    kept.keep('cccc', 3); // 12 characters in all: the oldest goes
    kept.keep('ddddddd', 4); // longer than 6
    expect([kept.get('aaaa'), kept.get('bbbb'), kept.get('cccc'), kept.get('ddddddd')]).toEqual([undefined, 2, 3, undefined]);
  });

  it('keeps a text kept again once, counting its characters once', () => {
    const kept = new KeptByText<number>(10, 8, 8);
    kept.keep('aaaa', 1);
    kept.keep('aaaa', 1);
    kept.keep('bbbb', 2);
    expect([kept.get('aaaa'), kept.get('bbbb')]).toEqual([1, 2]);
  });
});
