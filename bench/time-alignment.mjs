/**
 * Times same-step alignment in the page once the files are in: the first request (which pulls
 * each metric's series out of DuckDB into the worker's typed arrays) and recomputations that
 * change the student and the policy, as the page does when the user changes them. Round trips
 * measured on the main thread, so the cost of receiving the answer is counted too.
 */

import { curvesSettled } from './page-settled.mjs';

export async function timeAlignment(page, { recomputeTargetMs, repeats = 12 }) {
  // Steady state: the page's own first drawing (its curve charts) is done before timing starts.
  await curvesSettled(page);
  const timings = await page.evaluate(async (repeats) => {
    const { engine, workspace } = window.lockstep;
    const ids = workspace.runs.map((r) => r.runId);
    const policies = ['interpolate', 'nearest', 'last', 'exact'];
    const ask = async (i) => {
      const student = ids[(i * 37) % ids.length];
      const started = performance.now();
      const result = await engine.align({
        student,
        baselines: ids,
        axis: { kind: 'step' },
        policy: policies[i % policies.length],
      });
      const cells = result.metrics.reduce((n, m) => n + m.baselines.length, 0);
      return { ms: performance.now() - started, cells };
    };
    const since = performance.timeOrigin + performance.now();
    const first = await ask(0);
    const again = [];
    for (let i = 1; i <= repeats; i++) again.push(await ask(i));
    const tasks = window.__bench.tasks.filter((t) => t.at >= since).map((t) => t.ms);
    return { first, again, longest: Math.max(0, ...tasks) };
  }, repeats);
  const sorted = timings.again.map((t) => t.ms).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return {
    cells: timings.first.cells,
    measures: [
      { name: 'first alignment (pulls the series)', ms: timings.first.ms },
      {
        name: `alignment recomputed (median of ${sorted.length}; max ${sorted.at(-1).toFixed(0)} ms)`,
        ms: median,
        targetMs: recomputeTargetMs,
        longestTaskMs: timings.longest,
      },
    ],
  };
}
