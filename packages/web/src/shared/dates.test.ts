import { describe, expect, it } from 'vitest';
import { compareIso, periodFor } from './dates';

const terms = [
  { id: 'III', startsOn: '2027-01-11', endsOn: '2027-03-20' },
  { id: 'I', startsOn: '2026-09-01', endsOn: '2026-10-24' },
  { id: 'II', startsOn: '2026-11-05', endsOn: '2026-12-28' },
];

describe('ISO dates in order', () => {
  it('orders dates and instants as they fall, whatever order the server sent', () => {
    expect(['2026-11-05', '2026-09-01', '2027-01-11', '2026-09-01'].sort(compareIso)).toEqual(['2026-09-01', '2026-09-01', '2026-11-05', '2027-01-11']);
    expect(['2026-12-03T09:00:00.000Z', '2026-12-03T08:59:59.999Z'].sort(compareIso)).toEqual(['2026-12-03T08:59:59.999Z', '2026-12-03T09:00:00.000Z']);
  });

  it('finds the period of a date; in a holiday the last one begun; before the year the first', () => {
    expect(periodFor(terms, '2026-12-03')?.id).toBe('II');
    expect(periodFor(terms, '2026-10-30')?.id).toBe('I');
    expect(periodFor(terms, '2027-06-01')?.id).toBe('III');
    expect(periodFor(terms, '2026-08-20')?.id).toBe('I');
  });
});
