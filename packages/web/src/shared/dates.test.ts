import { describe, expect, it } from 'vitest';
import { compareIso, dateAtSchool, periodFor, setSchoolTimeZone, todayIso } from './dates';

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

describe("today at the viewer's school", () => {
  it("is the date in the school's zone, not the device's", () => {
    // 15:30 UTC on 2 December: already 01:30 on the 3rd in Vladivostok.
    setSchoolTimeZone('Asia/Vladivostok');
    expect(todayIso(new Date('2026-12-02T15:30:00Z'))).toBe('2026-12-03');
    // Kaliningrad (UTC+2): 23:30 is still the 2nd, 00:30 the 3rd.
    setSchoolTimeZone('Europe/Kaliningrad');
    expect(todayIso(new Date('2026-12-02T21:30:00Z'))).toBe('2026-12-02');
    expect(todayIso(new Date('2026-12-02T22:30:00Z'))).toBe('2026-12-03');
    // A zone this browser does not know is not taken: the last good one stays.
    setSchoolTimeZone('Nowhere/Atlantis');
    expect(todayIso(new Date('2026-12-02T22:30:00Z'))).toBe('2026-12-03');
    // An instant's day at the school: an evening event in Kaliningrad is on its own day there.
    expect(dateAtSchool('2026-12-31T22:30:00Z')).toBe('2027-01-01');
  });
});
