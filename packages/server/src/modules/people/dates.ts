/** Calendar arithmetic on 'YYYY-MM-DD' strings (the way dates are stored and sent). */

/** The calendar day of `instant` in `timeZone` (schools judge days in their local time). */
export function localDate(instant: Date, timeZone = 'Europe/Moscow'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Full years between a birth date and a day. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * The last day a leaving movement of a year may take effect: the school year legally runs to
 * 31 August, after the last lessons (graduation orders are signed in June).
 */
export function legalYearEnd(year: { endsOn: string }): string {
  return `${year.endsOn.slice(0, 4)}-08-31`;
}
