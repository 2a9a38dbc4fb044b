import { describe, expect, it } from 'vitest';
import { buildSeries } from '../../../src/lib/align/series';
import { projectGap } from '../../../src/lib/align/projection';

function line(from: number, to: number, every: number, f: (x: number) => number) {
  const xs: number[] = [];
  for (let x = from; x <= to; x += every) xs.push(x);
  return buildSeries(
    xs,
    xs,
    xs.map(f),
    xs.map(() => 1),
  );
}

describe('projectGap', () => {
  const baseline = line(0, 3000, 100, (x) => x / 1000);

  it('projects where a closing gap reaches zero, from the window it was fitted on', () => {
    // The student gains 0.0002 per step on the baseline: behind by 0.1 at step 1000.
    const student = line(0, 1000, 100, (x) => x / 1000 - 0.3 + 0.0002 * x);
    const p = projectGap(student, baseline, 'exact', 1, 0.2);
    expect(p?.status).toBe('closing');
    expect(p?.slope).toBeCloseTo(0.0002, 10);
    expect(p?.crossesAt).toBeCloseTo(1500, 6);
    expect([p?.from, p?.to, p?.points]).toEqual([800, 1000, 3]);
  });

  it('says the crossing lies beyond the baseline’s horizon', () => {
    const student = line(0, 1000, 100, (x) => x / 1000 - 0.3 + 0.0001 * x);
    const short = line(0, 1500, 100, (x) => x / 1000);
    expect(projectGap(student, short, 'exact', 1, 0.2)).toMatchObject({
      status: 'beyond horizon',
    });
  });

  it('says a gap that grows is widening, and a student in front is ahead', () => {
    const falling = line(0, 1000, 100, (x) => x / 1000 - 0.0001 * x);
    expect(projectGap(falling, baseline, 'exact', 1, 0.2)?.status).toBe('widening');
    const ahead = line(0, 1000, 100, (x) => x / 1000 + 0.1);
    expect(projectGap(ahead, baseline, 'exact', 1, 0.2)?.status).toBe('ahead');
  });

  it('signs the gap by direction: for a loss, lower is ahead', () => {
    const lower = line(0, 1000, 100, (x) => x / 1000 - 0.1);
    expect(projectGap(lower, baseline, 'exact', -1, 0.2)?.status).toBe('ahead');
  });

  it('gives no line with fewer than three aligned points', () => {
    const sparse = line(0, 100, 100, (x) => x);
    expect(projectGap(sparse, baseline, 'exact', 1, 0.2)).toBeNull();
  });
});
