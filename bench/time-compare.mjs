/**
 * Times the compare view once a wide table of runs is in (issue 6): from the files' final status to
 * the view's first rows, and "next difference" from the click to the highlighted row moving.
 */

export async function timeCompare(page, { doneAt, targets }) {
  await page.waitForSelector('[data-testid=compare-row]', { timeout: 60_000 });
  const firstRows = await page.evaluate((doneAt) => {
    const drawn = performance
      .getEntriesByName('lockstep:compare-drawn')
      .map((e) => performance.timeOrigin + e.startTime);
    // The first drawing after the files landed (an empty workspace draws no rows).
    return Math.min(...drawn.filter((t) => t >= doneAt)) - doneAt;
  }, doneAt);
  await page.locator('[data-testid=compare]').scrollIntoViewIfNeeded();
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
        name: 'compare view: first rows after the files landed',
        ms: firstRows,
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
