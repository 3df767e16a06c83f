/** "Today" is the school's calendar day, answered from the last answer within one second (kernel/dates.ts). */
import { describe, expect, it } from 'vitest';
import { todayIso } from './dates.js';

describe('todayIso', () => {
  it("turns at the school's midnight, to the millisecond, whatever it answered just before", () => {
    // Moscow midnight of 25 November 2026 is 21:00 UTC on the 24th.
    expect(todayIso(new Date('2026-11-24T20:59:59.000Z'))).toBe('2026-11-24');
    expect(todayIso(new Date('2026-11-24T20:59:59.999Z'))).toBe('2026-11-24');
    expect(todayIso(new Date('2026-11-24T21:00:00.000Z'))).toBe('2026-11-25');
    expect(todayIso(new Date('2026-11-24T20:59:59.999Z'))).toBe('2026-11-24');
  });

  it('answers each time zone for itself within one second', () => {
    const at = new Date('2026-11-24T21:30:00.000Z');
    expect(todayIso(at)).toBe('2026-11-25');
    expect(todayIso(at, 'UTC')).toBe('2026-11-24');
    expect(todayIso(at)).toBe('2026-11-25');
  });
});
