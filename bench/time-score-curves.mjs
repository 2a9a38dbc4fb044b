/**
 * Times two runs' ROC and PR curves (issue 10): the statistics section scrolled to, the curves'
 * answer waited for, then the seed changed a few times. Reports the worker's time for the curves
 * (AUC with DeLong, AP with its bootstrap, as many resamples as the budget allows of 1,000 asked)
 * and the longest main-thread task meanwhile.
 */

import { longestTaskSince } from './page-settled.mjs';

export async function timeScoreCurves(page, { targets, changes = 3 }) {
  await page.waitForFunction(() => window.lockstep && !window.lockstep.workspace.busy, null, {
    timeout: 60_000,
  });
  await page.locator('[data-testid=statistics]').scrollIntoViewIfNeeded();
  await page.locator('[data-testid=statistics] input[type=number]').first().fill('1000');
  const seedInput = page.locator('[data-testid=stats-seed]');
  const times = [];
  for (let i = 0; i <= changes; i++) {
    const seed = 20261207 + i;
    const since = await page.evaluate(() => performance.now());
    await seedInput.fill(String(seed));
    const handle = await page.waitForFunction(
      (s) => {
        const c = window.lockstep.predictions.curves;
        return c && c.request.seed === s && c.request.resamples === 1000
          ? {
              ms: c.elapsedMs,
              examples: c.examples,
              resamples: c.resamples,
              runs: c.runs.length,
              note: c.note,
            }
          : null;
      },
      seed,
      { timeout: 120_000, polling: 100 },
    );
    const c = await handle.jsonValue();
    if (c.runs !== 2) throw new Error(`expected two runs' curves, got ${c.runs}: ${c.note}`);
    const longest = await longestTaskSince(page, since);
    times.push({ ...c, longest });
  }
  const runs = times.slice(1);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const n = runs.length;
  return {
    measures: [
      {
        name: `predictions: ROC and PR curves of 2 runs in the worker, ${runs[0].examples.toLocaleString('en-US')} examples, AP bootstrap of ${runs[0].resamples} resamples (median of ${n})`,
        ms: median(runs.map((t) => t.ms)),
        targetMs: targets.curvesMs,
      },
      {
        name: `predictions: longest main-thread task while computing and drawing the curves (max of ${n})`,
        ms: Math.max(...runs.map((t) => t.longest)),
        targetMs: targets.longTaskMs,
      },
    ],
  };
}
