/** Date rules of the people module; calendar arithmetic itself is in kernel/dates.ts. */

/** Full years between a birth date and a day ('YYYY-MM-DD'). */
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
