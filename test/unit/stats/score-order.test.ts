/** The radix order of scores against a plain comparator sort: highest first, ties in example order. */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/lib/stats/random';
import { scoreOrder } from '../../../src/lib/stats/score-order';

describe('scoreOrder', () => {
  it('orders scores highest first, equal scores in example order, negatives and infinities too', () => {
    const random = seededRandom(5);
    const values = [0, -0.5, 1e-300, -1e-300, 3.25, Infinity, -Infinity, 0.1, 0.2];
    const score = Float64Array.from({ length: 5000 }, (_, i) =>
      i % 7 === 0 ? values[i % values.length] : Math.round((random() - 0.3) * 1000) / 100,
    );
    const expected = Array.from(score, (_, i) => i).sort((a, b) => score[b] - score[a] || a - b);
    expect(Array.from(scoreOrder(score))).toEqual(expected);
  });
});
