import { describe, expect, it } from 'vitest';
import { convertPoints, formatAverage, GradingScale, marksNeeded, parseMark, roundHalfUp, summarizeMarks, weightedAverage } from './grading.js';

const marks = (...pairs: [number, number][]) => pairs.map(([points, weight]) => ({ points, weight }));

describe('mark arithmetic, exact', () => {
  it('averages 5, 4 as 4.50 and predicts 5: half up, no float drift', () => {
    const avg = weightedAverage(marks([5, 1], [4, 1]))!;
    expect(formatAverage(avg)).toBe('4.50');
    expect(roundHalfUp(avg)).toBe(5);
  });

  it('weights a test (КР, weight 3) over an oral answer (У, weight 1): (5·1 + 3·3) / 4 = 3.50 → 4', () => {
    const avg = weightedAverage(marks([5, 1], [3, 3]))!;
    expect(avg).toEqual({ num: 14, den: 4 });
    expect(formatAverage(avg)).toBe('3.50');
    expect(roundHalfUp(avg)).toBe(4);
  });

  it('shows thirds to two places, rounded half up: 4, 4, 5 → 4.33; 5, 5, 4 → 4.67', () => {
    expect(formatAverage(weightedAverage(marks([4, 1], [4, 1], [5, 1]))!)).toBe('4.33');
    expect(formatAverage(weightedAverage(marks([5, 1], [5, 1], [4, 1]))!)).toBe('4.67');
  });

  it('keeps 4.49 a four and 2.50 a three', () => {
    // 4.49 = (449 points over 100 weight)
    expect(roundHalfUp({ num: 449, den: 100 })).toBe(4);
    expect(roundHalfUp({ num: 5, den: 2 })).toBe(3);
  });

  it('leaves pass/fail and retracted marks out of averages', () => {
    expect(
      summarizeMarks([
        { points: 5, weight: 1, retracted: false },
        { points: null, weight: 1, retracted: false },
        { points: 2, weight: 3, retracted: true },
      ]),
    ).toEqual({ plain: '5.00', weighted: '5.00', predicted: 5, count: 1, exact: { num: 5, den: 1 } });
    expect(summarizeMarks([])).toEqual({ plain: null, weighted: null, predicted: null, count: 0, exact: null });
  });
});

describe('"what do I need"', () => {
  it('counts the fives that lift 5 and 3 (КР) to a five: eight oral fives', () => {
    expect(marksNeeded(marks([5, 1], [3, 3]), 5, 5, 1)).toBe(8);
  });

  it('needs fewer fives when they weigh more: three tests', () => {
    // (14 + 15n) / (4 + 3n) ≥ 4.5 ⇔ 1.5n ≥ 4 ⇔ n ≥ 3
    expect(marksNeeded(marks([5, 1], [3, 3]), 5, 5, 3)).toBe(3);
  });

  it('says fours never make a five, and nothing is needed when the target is reached', () => {
    expect(marksNeeded(marks([3, 1]), 5, 4, 1)).toBeNull();
    expect(marksNeeded(marks([5, 1]), 4, 5, 1)).toBe(0);
  });
});

describe('grading scales', () => {
  it('reads what teachers type, per scale', () => {
    expect(parseMark(GradingScale.FIVE_POINT, ' 5 ')).toEqual({ value: '5', points: 5 });
    expect(parseMark(GradingScale.FIVE_POINT, '6')).toBeNull();
    expect(parseMark(GradingScale.FIVE_POINT, '5+')).toBeNull();
    expect(parseMark(GradingScale.TEN_POINT, '10')).toEqual({ value: '10', points: 10 });
    expect(parseMark(GradingScale.HUNDRED_POINT, '87')).toEqual({ value: '87', points: 87 });
    expect(parseMark(GradingScale.PASS_FAIL, 'Зачёт')).toEqual({ value: 'зач', points: null });
    expect(parseMark(GradingScale.PASS_FAIL, '4')).toBeNull();
  });

  it('converts a hundred-point result to five points by the usual thresholds (85 / 65 / 45 %)', () => {
    expect([100, 85, 84, 65, 64, 45, 44, 0].map((p) => convertPoints(p, GradingScale.HUNDRED_POINT, GradingScale.FIVE_POINT))).toEqual([
      5, 5, 4, 4, 3, 3, 2, 2,
    ]);
  });

  it('converts ten points to five and five points to a hundred by share of the scale', () => {
    expect(convertPoints(10, GradingScale.TEN_POINT, GradingScale.FIVE_POINT)).toBe(5);
    expect(convertPoints(7, GradingScale.TEN_POINT, GradingScale.FIVE_POINT)).toBe(4);
    expect(convertPoints(5, GradingScale.FIVE_POINT, GradingScale.HUNDRED_POINT)).toBe(100);
    expect(convertPoints(3, GradingScale.FIVE_POINT, GradingScale.HUNDRED_POINT)).toBe(50);
  });
});
