/**
 * Runs drawing steps in slices of a few milliseconds, one slice per animation frame, so a chart of
 * a thousand runs never blocks the page for long. Returns a function that stops what is left.
 */

export function drawInSlices(
  steps: readonly (() => void)[],
  onDone: () => void,
  budgetMs = 12,
  nextFrame: (run: () => void) => void = (run) => requestAnimationFrame(run),
): () => void {
  let next = 0;
  let stopped = false;
  const slice = () => {
    if (stopped) return;
    const until = performance.now() + budgetMs;
    while (next < steps.length) {
      steps[next++]();
      if (performance.now() >= until) break;
    }
    if (next < steps.length) nextFrame(slice);
    else onDone();
  };
  slice();
  return () => {
    stopped = true;
  };
}
