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
