/**
 * Times the compare view once a wide table of runs is in (issue 6): its first rows after the drop
 * (which include pivoting every field once), a new base from the click to the rows redrawn, and
 * "next difference" from the click to the highlighted row moving.
 */

export async function timeCompare(page, { doneAt, targets }) {
  await page.locator('[data-testid=compare]').scrollIntoViewIfNeeded();
  await page.waitForSelector('[data-testid=compare-row]', { timeout: 60_000 });
  // Informational: the first rows after the drop include pivoting every field of every run once.
  const firstRows = await page.evaluate((doneAt) => {
    const drawn = performance
      .getEntriesByName('lockstep:compare-drawn')
      .map((e) => performance.timeOrigin + e.startTime);
    return Math.min(...drawn.filter((t) => t >= doneAt)) - doneAt;
  }, doneAt);
  // Rendering the view for a new base: the worker diffs the pivoted fields, the page redraws.
  // One click at a time, the page left to settle in between, as a person clicks.
  // Views above may still be loading and push this one off screen (where it does not load):
  // let the page settle, and keep the view on screen, as a person looking at it would.
  await page.waitForTimeout(1500);
  const rebase = [];
  for (const column of [3, 1, 4, 0, 2]) {
    await page.locator('[data-testid=compare]').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    const ms = await page.evaluate(async (column) => {
      // A column that is not the base already: making the base the base changes nothing.
      const button = document.querySelectorAll(
        '[data-testid=compare-column]:not(.base) [data-testid=make-base]',
      )[column];
      if (!button) return null;
      const seen = performance.getEntriesByName('lockstep:compare-drawn').length;
      const started = performance.now();
      button.click();
      return new Promise((resolve) => {
        const check = () =>
          performance.getEntriesByName('lockstep:compare-drawn').length > seen
            ? resolve(performance.now() - started)
            : performance.now() - started > 10_000
              ? resolve(-1)
              : requestAnimationFrame(check);
        requestAnimationFrame(check);
      });
    }, column);
    if (ms === null) break;
    if (ms < 0) throw new Error('the compare view did not redraw for a new base within 10 s');
    rebase.push(ms);
  }
  const jumps = await page.evaluate(async () => {
    const button = document.querySelector('[data-testid=next-difference]');
    const times = [];
    for (let i = 0; i < 20; i++) {
      const before = document.querySelector('tr.current')?.getAttribute('data-key') ?? null;
      const started = performance.now();
      button.click();
      await new Promise((resolve) => {
        const check = () => {
          const now = document.querySelector('tr.current')?.getAttribute('data-key') ?? null;
          if (now !== before) resolve();
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
      times.push(performance.now() - started);
    }
    return times;
  });
  const median = [...jumps].sort((a, b) => a - b)[Math.floor(jumps.length / 2)];
  return {
    measures: [
      {
        name: 'compare view: first rows after the files landed (fields pivoted once)',
        ms: firstRows,
      },
      {
        name: `compare view: another run made the base, click to rows redrawn (median of ${rebase.length}; max ${Math.max(...rebase).toFixed(0)} ms)`,
        ms: [...rebase].sort((a, b) => a - b)[Math.floor(rebase.length / 2)],
        targetMs: targets.renderMs,
      },
      {
        name: `compare view: next difference (median of ${jumps.length}; max ${Math.max(...jumps).toFixed(0)} ms)`,
        ms: median,
        targetMs: targets.jumpMs,
      },
    ],
  };
}
