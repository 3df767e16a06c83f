import type { AttendanceStatus, GradingScale } from '../gql/graphql';

/** How a typed key extends the mark being typed on a scale, or null when the key is not part of a mark. */
export function typeMarkKey(scale: GradingScale, draft: string | null, key: string): string | null {
  if (scale === 'PASS_FAIL') return key === '+' || key === '-' ? key : null;
  if (!/^\d$/.test(key)) return null;
  if (scale === 'FIVE_POINT') return /[1-5]/.test(key) ? key : null;
  const max = scale === 'TEN_POINT' ? 10 : 100;
  const longer = `${draft ?? ''}${key}`.replace(/^0+(?=\d)/, '');
  return Number(longer) <= max ? longer : key;
}

/** A typed pass/fail sign as the journal shows it. */
export function shownDraft(draft: string): string {
  return draft === '+' ? 'зач' : draft === '-' ? 'незач' : draft;
}

/** The values a scale offers as buttons (best first); none for the hundred-point scale. */
export function scaleValues(scale: GradingScale): string[] {
  switch (scale) {
    case 'FIVE_POINT':
      return ['5', '4', '3', '2', '1'];
    case 'TEN_POINT':
      return ['10', '9', '8', '7', '6', '5', '4', '3', '2', '1'];
    case 'PASS_FAIL':
      return ['зач', 'незач'];
    case 'HUNDRED_POINT':
      return [];
  }
}

/** The colour band of a mark: 5 (excellent) … 2 (failing), by its share of the scale. */
export function markTone(value: string, scale: GradingScale): 5 | 4 | 3 | 2 {
  if (value === 'зач') return 5;
  if (value === 'незач') return 2;
  const points = Number(value);
  if (!Number.isFinite(points)) return 3;
  const share = scale === 'HUNDRED_POINT' ? points / 100 : scale === 'TEN_POINT' ? points / 10 : points / 5;
  if (share >= 0.85) return 5;
  if (share >= 0.65) return 4;
  if (share >= 0.45) return 3;
  return 2;
}

/** Keys that record an absence at once: the Russian journal letters, and the English ones. */
export const ATTENDANCE_KEYS: Record<string, Exclude<AttendanceStatus, 'PRESENT'>> = {
  н: 'UNEXCUSED',
  б: 'ILL',
  у: 'EXCUSED',
  о: 'LATE',
  a: 'UNEXCUSED',
  s: 'ILL',
  e: 'EXCUSED',
  l: 'LATE',
};

/**
 * The keys of «Н», «Б», «У», «О» on the Russian layout, by position: they work whatever layout is
 * switched on (a teacher rarely switches it just to mark an absence).
 */
export const ATTENDANCE_KEY_CODES: Record<string, Exclude<AttendanceStatus, 'PRESENT'>> = {
  KeyY: 'UNEXCUSED',
  Comma: 'ILL',
  KeyE: 'EXCUSED',
  KeyJ: 'LATE',
};

export const ABSENCE_STATUSES = ['UNEXCUSED', 'ILL', 'EXCUSED', 'LATE'] as const;

/** "4.75" as the language writes decimals ("4,75" in Russian). */
export function formatAverage(value: string, language: string): string {
  return language === 'ru' ? value.replace('.', ',') : value;
}

/** A share the server sends in percent ("66.67", "100.00") as the language writes it: "66,7 %", "100 %"; null is a dash. */
export function formatPercent(value: string | null, language: string): string {
  if (value == null) return '—';
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(Number(value) / 100);
}
