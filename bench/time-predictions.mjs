/**
 * Times the per-example comparison of two runs' predictions (issue 10): the statistics section
 * scrolled to, the comparison's answer waited for, then the seed changed a few times. Reports the
 * worker's time for the per-class breakdown (1,000 resamples asked) and for the whole comparison,
 * and the longest main-thread task meanwhile.
 */

import { longestTaskSince } from './page-settled.mjs';

export async function timePredictions(page, { targets, changes = 3 }) {
  await page.waitForFunction(() => window.lockstep && !window.lockstep.workspace.busy, null, {
    timeout: 60_000,
  });
  await page.locator('[data-testid=statistics]').scrollIntoViewIfNeeded();
  const resamples = page.locator('[data-testid=statistics] input[type=number]').first();
  await resamples.fill('1000');
  const answer = (seed) =>
    page.waitForFunction(
      (s) => {
        const r = window.lockstep.predictions.result;
        return r && r.request.seed === s && r.request.resamples === 1000 ? r : null;
      },
      seed,
      { timeout: 120_000, polling: 100 },
    );
  const seedInput = page.locator('[data-testid=stats-seed]');
  const times = [];
  for (let i = 0; i <= changes; i++) {
    const seed = 20261207 + i;
    const since = await page.evaluate(() => performance.now());
    await seedInput.fill(String(seed));
    const r = await (await answer(seed)).jsonValue();
    const longest = await longestTaskSince(page, since);
    times.push({
      breakdownMs: r.breakdown.elapsedMs,
      totalMs: r.elapsedMs,
      examples: r.shared,
      resamples: r.breakdown.resamples,
      segments: r.segments.map((s) => `${s.segment}: ${s.rows.length} values`).join(', '),
      longest,
    });
  }
  const runs = times.slice(1);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const n = runs.length;
  return {
    measures: [
      {
        name: `predictions: per-class breakdown in the worker, ${runs[0].examples.toLocaleString('en-US')} shared examples, ${runs[0].resamples} resamples (median of ${n})`,
        ms: median(runs.map((t) => t.breakdownMs)),
        targetMs: targets.breakdownMs,
      },
      {
        name: `predictions: the whole comparison in the worker (accuracy and macro-F1 bootstrap, McNemar, per-class breakdown, per-segment breakdown of ${runs[0].segments || 'no segment'}; median of ${n})`,
        ms: median(runs.map((t) => t.totalMs)),
      },
      {
        name: `predictions: longest main-thread task while computing and showing (max of ${n})`,
        ms: Math.max(...runs.map((t) => t.longest)),
        targetMs: targets.longTaskMs,
      },
    ],
  };
}
