/** Helpers the benches share: waiting for the page to settle, reading its long tasks. */

/** Waits for the page's own first drawing (its curve charts) to be over: steady state for timing. */
export async function curvesSettled(page, quietMs = 1500) {
  await page.waitForFunction(
    (quietMs) => {
      const marks = performance.getEntriesByName('lockstep:curve-drawn');
      const last = marks.length ? marks[marks.length - 1].startTime : 0;
      return marks.length > 0 && performance.now() - last > quietMs;
    },
    quietMs,
    { timeout: 60_000, polling: 250 },
  );
}

/** The longest main-thread task (ms) the page saw since `since` (its performance.now()). */
export function longestTaskSince(page, since) {
  return page.evaluate(
    (t0) =>
      Math.max(
        0,
        ...window.__bench.tasks.filter((t) => t.at >= performance.timeOrigin + t0).map((t) => t.ms),
      ),
    since,
  );
}
