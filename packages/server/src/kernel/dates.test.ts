/** "Today" is the school's calendar day, answered from the last answer per zone within one UTC minute (kernel/dates.ts). */
import { describe, expect, it } from 'vitest';
import { todayIso, zonedInstant } from './dates.js';

describe('todayIso', () => {
  it('turns at local midnight, to the millisecond, in every zone it is asked about', () => {
    expect(todayIso(new Date('2026-12-24T20:59:59.999Z'), 'Europe/Moscow')).toBe('2026-12-24');
    expect(todayIso(new Date('2026-12-24T21:00:00.000Z'), 'Europe/Moscow')).toBe('2026-12-25');
    // Asked again just before midnight, after it: its last answer is not taken for the earlier minute.
    expect(todayIso(new Date('2026-12-24T20:59:59.999Z'), 'Europe/Moscow')).toBe('2026-12-24');
    // Kathmandu is UTC+5:45: its midnight is a quarter past the hour in UTC.
    expect(todayIso(new Date('2026-12-24T18:14:59.999Z'), 'Asia/Kathmandu')).toBe('2026-12-24');
    expect(todayIso(new Date('2026-12-24T18:15:00.000Z'), 'Asia/Kathmandu')).toBe('2026-12-25');
    // One instant, two zones, two dates.
    const at = new Date('2026-12-24T14:30:00Z');
    expect(todayIso(at, 'Asia/Vladivostok')).toBe('2026-12-25');
    expect(todayIso(at, 'Europe/Moscow')).toBe('2026-12-24');
    expect(todayIso(at, 'Asia/Vladivostok')).toBe('2026-12-25');
  });
});

describe('zonedInstant', () => {
  it('answers the instant, a Date of its own each time (a caller may change it)', () => {
    const first = zonedInstant('2026-12-24', '18:00', 'Europe/Moscow');
    const again = zonedInstant('2026-12-24', '18:00', 'Europe/Moscow');
    expect(first.toISOString()).toBe('2026-12-24T15:00:00.000Z');
    expect(again).not.toBe(first);
    first.setTime(0);
    expect(zonedInstant('2026-12-24', '18:00', 'Europe/Moscow').toISOString()).toBe('2026-12-24T15:00:00.000Z');
    expect(zonedInstant('2026-12-24', '18:00', 'Asia/Vladivostok').toISOString()).toBe('2026-12-24T08:00:00.000Z');
  });
});
