import { addDays, zonedInstant, zonedTime } from '../../kernel/dates.js';

/** The daily digest goes out at this hour, school time (or when the person's quiet hours end). */
export const DIGEST_AT = '18:00';

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The first moment at or after `at` outside quiet hours `from`–`to` (they may run past midnight). */
export function afterQuietHours(at: Date, quiet: { from: string; to: string }, timeZone: string): Date {
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  if (from === to) return at;
  const { date, minutes } = zonedTime(at, timeZone);
  const quietNow = from < to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
  if (!quietNow) return at;
  return zonedInstant(minutes < to ? date : addDays(date, 1), quiet.to, timeZone);
}

/** When a notice made at `at` goes out with the daily digest: the next DIGEST_AT, then after quiet hours. */
export function nextDigest(at: Date, quiet: { from: string; to: string }, timeZone: string): Date {
  const { date, minutes } = zonedTime(at, timeZone);
  const day = minutes < minutesOf(DIGEST_AT) ? date : addDays(date, 1);
  return afterQuietHours(zonedInstant(day, DIGEST_AT, timeZone), quiet, timeZone);
}
