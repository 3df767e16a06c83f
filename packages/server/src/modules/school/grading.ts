/**
 * Mark arithmetic (R-O5, R-J7), exact: averages are fractions of integers, rounded only for
 * display. Rounding rule (documented in docs/ARCHITECTURE.md): an average is shown to two places,
 * half up (4.495 → 4.50 is never produced by float drift because we never use floats); the
 * predicted period mark of the five-point scale rounds the exact average half up: 4.50 → 5,
 * 4.49 → 4, 3.50 → 4, 2.50 → 3. In the school module: a study group is marked on the scale the school sets for it,
 * and the year transition reads debts with it; the journal and reports reckon marks with it.
 */

export enum GradingScale {
  FIVE_POINT = 'FIVE_POINT',
  TEN_POINT = 'TEN_POINT',
  HUNDRED_POINT = 'HUNDRED_POINT',
  PASS_FAIL = 'PASS_FAIL',
}

/** Special period/final marks: exempt (освобождён) and not attested (не аттестован). */
export const SPECIAL_MARKS = ['ОСВ', 'Н/А'] as const;
export type SpecialMark = (typeof SPECIAL_MARKS)[number];

const RANGE: Record<Exclude<GradingScale, GradingScale.PASS_FAIL>, [number, number]> = {
  [GradingScale.FIVE_POINT]: [1, 5],
  [GradingScale.TEN_POINT]: [1, 10],
  [GradingScale.HUNDRED_POINT]: [0, 100],
};
const PASS = 'зач';
const FAIL = 'незач';

export interface ParsedMark {
  value: string;
  /** Integer points on the scale; null for pass/fail. */
  points: number | null;
}

/** The canonical form of a mark typed by a teacher, or null when the scale has no such mark. */
export function parseMark(scale: GradingScale, raw: string): ParsedMark | null {
  const text = raw.trim().toLowerCase();
  if (scale === GradingScale.PASS_FAIL) {
    if (['зач', 'зачёт', 'зачет', '+'].includes(text)) return { value: PASS, points: null };
    if (['незач', 'незачёт', 'незачет', '-'].includes(text)) return { value: FAIL, points: null };
    return null;
  }
  if (!/^\d{1,3}$/.test(text)) return null;
  const points = Number(text);
  const [min, max] = RANGE[scale];
  return points >= min && points <= max ? { value: String(points), points } : null;
}

export function describeScale(scale: GradingScale): string {
  if (scale === GradingScale.PASS_FAIL) return `"${PASS}" or "${FAIL}"`;
  const [min, max] = RANGE[scale];
  return `a whole number from ${min} to ${max}`;
}

/**
 * Converts points between scales through the share of the scale, with the thresholds Russian
 * schools use for 100-point work: 85% → 5, 65% → 4, 45% → 3, else 2.
 */
export function convertPoints(points: number, from: GradingScale, to: GradingScale): number {
  if (from === to) return points;
  if (from === GradingScale.PASS_FAIL || to === GradingScale.PASS_FAIL) throw new Error('pass/fail marks have no points');
  const [fromMin, fromMax] = RANGE[from];
  const share = (points - fromMin) / (fromMax - fromMin);
  if (to === GradingScale.FIVE_POINT) return share >= 0.85 ? 5 : share >= 0.65 ? 4 : share >= 0.45 ? 3 : 2;
  const [toMin, toMax] = RANGE[to];
  return Math.round(toMin + share * (toMax - toMin));
}

/** An exact non-negative fraction. */
export interface Fraction {
  num: number;
  den: number;
}

export interface WeightedPoints {
  points: number;
  weight: number;
}

/** Σ(points × weight) / Σweight, exactly; null when there is nothing to average. */
export function weightedAverage(marks: WeightedPoints[]): Fraction | null {
  let num = 0;
  let den = 0;
  for (const m of marks) {
    num += m.points * m.weight;
    den += m.weight;
  }
  return den === 0 ? null : { num, den };
}

/** Two decimals, half up, from the exact fraction: "4.50", never "4.4999999". */
export function formatAverage(f: Fraction): string {
  const hundredths = Math.floor((f.num * 200 + f.den) / (2 * f.den));
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

/** -1, 0 or 1: how two exact averages compare, before any rounding (R-R3: the trend of a student's average). */
export function compareFractions(a: Fraction, b: Fraction): number {
  return Math.sign(a.num * b.den - b.num * a.den);
}

/** The whole mark an average rounds to, half up: 4.5 → 5. */
export function roundHalfUp(f: Fraction): number {
  return Math.floor((2 * f.num + f.den) / (2 * f.den));
}

/**
 * "What do I need": the fewest new marks of `value` (each of `weight`) that lift the average to
 * round to `target`; null when no number of such marks can (e.g. fours never make a five).
 */
export function marksNeeded(current: WeightedPoints[], target: number, value: number, weight: number): number | null {
  if (value < target - 0.5) return null;
  const avg = weightedAverage(current);
  if (avg && roundHalfUp(avg) >= target) return 0;
  let { num, den } = avg ?? { num: 0, den: 0 };
  for (let n = 1; n <= 100; n++) {
    num += value * weight;
    den += weight;
    if (roundHalfUp({ num, den }) >= target) return n;
  }
  return null;
}

export interface MarkSummary {
  plain: string | null;
  weighted: string | null;
  predicted: number | null;
  count: number;
  /** The weighted average as an exact fraction, for comparisons. */
  exact: Fraction | null;
}

/** R-J7: plain and weighted averages of the marks that count (pass/fail, retracted and flagged ones do not: issue 18). */
export function summarizeMarks(marks: { points: number | null; weight: number; retracted: boolean; flagged?: boolean }[]): MarkSummary {
  const counted = marks.filter((m): m is { points: number; weight: number; retracted: false } => m.points !== null && !m.retracted && !m.flagged);
  const plain = weightedAverage(counted.map((m) => ({ points: m.points, weight: 1 })));
  const weighted = weightedAverage(counted);
  return {
    plain: plain && formatAverage(plain),
    weighted: weighted && formatAverage(weighted),
    predicted: weighted && roundHalfUp(weighted),
    count: counted.length,
    exact: weighted,
  };
}
