/**
 * Times the statistics section once seed groups are in (issue 8): every run selected (the page
 * compares a large workspace only once runs are selected), the section scrolled into view, its
 * first answer, then the seed of the bootstrap changed a few times as a person would type it. For
 * each change: the worker's own time (the answer's `elapsedMs`, carried by the page's
 * `lockstep:statistics-drawn` mark), the time from the change to the first frame showing the
 * answer, and the longest main-thread task meanwhile (Long Tasks API, see run.mjs).
 */

const DRAWN = 'lockstep:statistics-drawn';

export async function timeStatistics(page, { expect, targets, changes = 9 }) {
  await page.waitForFunction(() => window.lockstep && !window.lockstep.workspace.busy, null, {
    timeout: 60_000,
  });
  const selectedAt = await page.evaluate(() => performance.now());
  await page.locator('[aria-label="Select all shown runs"]').check();
  await page.locator('[data-testid=statistics]').scrollIntoViewIfNeeded();
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, DRAWN, {
    timeout: 60_000,
  });
  await page.waitForTimeout(200);
  const first = await page.evaluate(
    ({ name, selectedAt }) => {
      const mark = performance.getEntriesByName(name)[0];
      const since = performance.timeOrigin + selectedAt;
      const until = performance.timeOrigin + mark.startTime + 100;
      const tasks = window.__bench.tasks.filter((t) => t.at >= since && t.at <= until);
      return {
        ms: mark.startTime - selectedAt,
        workerMs: mark.detail,
        longestTaskMs: Math.max(0, ...tasks.map((t) => t.ms)),
      };
    },
    { name: DRAWN, selectedAt },
  );
  checkAnswer(await page.evaluate(describeAnswer), expect);

  // The views above redraw for the new selection too: let them finish, as a reader would.
  await page.waitForTimeout(1500);
  await page.locator('[data-testid=statistics]').scrollIntoViewIfNeeded();
  const times = [];
  for (let i = 1; i <= changes; i++) {
    times.push(await page.evaluate(changeSeed, { name: DRAWN, seed: 20261205 + i }));
    await page.waitForTimeout(200);
  }
  if (times.some((t) => t === null))
    throw new Error('the statistics did not show a new answer within 10 s of a seed change');

  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const worker = times.map((t) => t.workerMs);
  const shown = times.map((t) => t.shownMs);
  const longest = Math.max(...times.map((t) => t.longestTaskMs));
  const n = times.length;
  return {
    measures: [
      {
        name: `statistics: first answer after selecting the runs, other views redrawing too (worker ${first.workerMs.toFixed(0)} ms)`,
        ms: first.ms,
        longestTaskMs: first.longestTaskMs,
      },
      {
        name: `statistics: worker time, seed changed (median of ${n}; max ${Math.max(...worker).toFixed(0)} ms)`,
        ms: median(worker),
        targetMs: targets.workerMs,
      },
      {
        name: `statistics: seed changed to answer shown (median of ${n}; max ${Math.max(...shown).toFixed(0)} ms)`,
        ms: median(shown),
        longestTaskMs: longest,
      },
      {
        name: `statistics: longest main-thread task while computed and shown (max of ${n}${longest === 0 ? '; none over 50 ms' : ''})`,
        ms: longest,
        targetMs: targets.longTaskMs,
      },
    ],
  };
}

/** In the page: the shape of the answer shown, to check it is the one the scenario asks for. */
function describeAnswer() {
  const result = window.lockstep.statistics.result;
  return {
    groups: result.request.groups.map((g) => g.runIds.length),
    resamples: result.resamples,
    metrics: result.metrics.length,
    aggregation: result.request.aggregation.kind,
  };
}

function checkAnswer(answer, expect) {
  const same =
    JSON.stringify(answer.groups) === JSON.stringify(expect.groups) &&
    answer.resamples === expect.resamples &&
    answer.metrics === expect.metrics &&
    answer.aggregation === 'aligned';
  if (!same)
    throw new Error(
      `the statistics answered another question: ${JSON.stringify(answer)}, expected ${JSON.stringify(expect)}`,
    );
}

/**
 * In the page: types a new seed, waits for the frame that shows the answer (the hint names the
 * seed), then a little longer for the Long Tasks observer to hear of tasks that ran meanwhile.
 */
async function changeSeed({ name, seed }) {
  const input = document.querySelector('[data-testid=stats-seed]');
  const hint = document.querySelector('[data-testid=statistics] .hint');
  const seen = performance.getEntriesByName(name).length;
  const since = performance.timeOrigin + performance.now();
  const started = performance.now();
  input.value = String(seed);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  const shownAt = await new Promise((resolve) => {
    const check = () => {
      const drawn = performance.getEntriesByName(name).length > seen;
      if (drawn && hint.textContent.includes(`seed ${seed},`)) resolve(performance.now());
      else if (performance.now() - started > 10_000) resolve(null);
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
  if (shownAt === null) return null;
  await new Promise((resolve) => setTimeout(resolve, 150));
  const until = performance.timeOrigin + shownAt + 100;
  const tasks = window.__bench.tasks.filter((t) => t.at >= since && t.at <= until);
  return {
    workerMs: performance.getEntriesByName(name).at(-1).detail,
    shownMs: shownAt - started,
    longestTaskMs: Math.max(0, ...tasks.map((t) => t.ms)),
  };
}
