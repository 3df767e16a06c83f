import { describe, expect, it } from 'vitest';
import { byFullName, bySurname } from './user.entity.js';

/** Two pupils of one name (it happens: «Иванов Иван Иванович» twice in a big school). */
const first = { id: '0193a000-0000-7000-8000-000000000001', lastName: 'Иванов', firstName: 'Иван', middleName: 'Иванович' };
const second = { ...first, id: '0193a000-0000-7000-8000-000000000002' };

describe('lists of people', () => {
  it('by surname: then by middle name, and two of one name in the order they were recorded, whatever order they came in', () => {
    const ivanovna = { ...first, id: '0193a000-0000-7000-8000-000000000000', middleName: 'Петрович' };
    expect([second, ivanovna, first].sort(bySurname)).toEqual([first, second, ivanovna]);
    expect([first, second].sort(bySurname)).toEqual([first, second]);
  });

  it('by full name: two of one name in the order they were recorded', () => {
    const named = (p: typeof first) => ({ id: p.id, fullName: 'Иванов Иван Иванович' });
    expect([named(second), named(first)].sort(byFullName)).toEqual([named(first), named(second)]);
  });
});
