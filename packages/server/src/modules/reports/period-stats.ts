/**
 * R-R4: how Russian schools summarise period marks. "Качество" is the share of 4s and 5s, and
 * "успеваемость" the share of marks that are not failing (neither 2 nor 1, nor "Н/А"), both over
 * the attested marks. Exempt ("ОСВ"), postponed and pass/fail period marks are not attested on the
 * five-point scale and count in neither. Marks of ten- and hundred-point groups are converted to
 * five points first (grading.ts). Percentages are exact fractions shown the way averages are.
 */
import { convertPoints, formatAverage, GradingScale } from '../school/index.js';

export interface PeriodMarkCount {
  /** As given: "5", "87", "ОСВ", "Н/А", "зач"; null while postponed. */
  value: string | null;
  points: number | null;
  scale: GradingScale;
  /** How many such marks (an aggregate row stands for several). */
  count?: number;
}

export interface PeriodMarkStats {
  fives: number;
  fours: number;
  threes: number;
  /** 2 and below. */
  failing: number;
  notAttested: number;
  exempt: number;
  /** Attested marks: the denominator of both percentages. */
  attested: number;
  /** Share of 4 and 5, "66.67"; null with nothing attested. */
  quality: string | null;
  /** Share without 2 and Н/А, "83.33"; null with nothing attested. */
  success: string | null;
}

export function periodMarkStats(marks: Iterable<PeriodMarkCount>): PeriodMarkStats {
  const s = { fives: 0, fours: 0, threes: 0, failing: 0, notAttested: 0, exempt: 0 };
  for (const m of marks) {
    const n = m.count ?? 1;
    if (m.value === 'ОСВ') s.exempt += n;
    else if (m.value === 'Н/А') s.notAttested += n;
    else if (m.points !== null && m.scale !== GradingScale.PASS_FAIL) {
      const five = convertPoints(m.points, m.scale, GradingScale.FIVE_POINT);
      if (five >= 5) s.fives += n;
      else if (five === 4) s.fours += n;
      else if (five === 3) s.threes += n;
      else s.failing += n;
    }
  }
  const attested = s.fives + s.fours + s.threes + s.failing + s.notAttested;
  const percent = (part: number) => (attested ? formatAverage({ num: part * 100, den: attested }) : null);
  return {
    ...s,
    attested,
    quality: percent(s.fives + s.fours),
    success: percent(attested - s.failing - s.notAttested),
  };
}
