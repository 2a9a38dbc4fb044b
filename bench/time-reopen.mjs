/**
 * Times reopening a kept workspace (issue 9): the files loaded, "keep this workspace" ticked, the
 * save (files into OPFS, the engine's snapshot) waited for, then the page opened again at an
 * address with no files in it. "Usable" is the runs table showing every run again, from the
 * navigation's start (the same-step table follows once DuckDB holds the points again); the page
 * must say it read no file again.
 */

export async function timeReopen(page, { runs, targets }) {
  await page.waitForFunction(() => window.lockstep && !window.lockstep.workspace.busy, null, {
    timeout: 60_000,
  });
  const askedAt = Date.now();
  await page.click('[data-testid=keep-enable]');
  await page.waitForFunction(
    () => {
      const p = window.lockstep.persistence;
      return p.status === 'saved' && p.snapshotBytes > 0;
    },
    null,
    { timeout: 120_000, polling: 100 },
  );
  const savedMs = Date.now() - askedAt;
  const kept = await page.evaluate(() => ({
    files: window.lockstep.persistence.fileBytes,
    snapshot: window.lockstep.persistence.snapshotBytes,
  }));

  const times = [];
  const drawn = [];
  for (let i = 0; i < 3; i++) {
    await page.goto(new URL('?debug', page.url()).toString());
    await page.waitForFunction(
      (n) =>
        document.querySelector('[data-testid=run-count]')?.textContent?.replace(/\D/g, '') ===
          String(n) && document.querySelector('[data-testid=keep-reopened]'),
      runs,
      { timeout: 60_000, polling: 50 },
    );
    const reopen = await page.evaluate(() => ({
      // From the navigation's start, as a person clicking reload counts it.
      usableMs: performance.now(),
      readAgain: window.lockstep.persistence.reopened?.readAgain,
      phases: window.lockstep.persistence.reopened?.phases,
    }));
    if (process.env.BENCH_VERBOSE) console.error('reopen phases', JSON.stringify(reopen.phases));
    if (reopen.readAgain !== 0)
      throw new Error(`the reopen read ${reopen.readAgain} files again instead of the snapshot`);
    times.push(reopen.usableMs);
    await page.waitForSelector('[data-testid=chart-caption]', { timeout: 60_000 });
    drawn.push(await page.evaluate(() => performance.now()));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[1];
  const mb = (n) => `${Math.round(n / 1024 ** 2)} MB`;
  return {
    measures: [
      {
        name: `keep: files and snapshot saved after ticking the box (${mb(kept.files)} of files, ${mb(kept.snapshot)} of snapshot)`,
        ms: savedMs,
      },
      {
        name: `keep: reopened, every run listed, from navigation start, no file read again (median of 3; ${times.map((t) => Math.round(t)).join(', ')} ms)`,
        ms: median(times),
        targetMs: targets.reopenMs,
      },
      {
        name: `keep: reopened, first curve chart drawn (median of 3)`,
        ms: median(drawn),
      },
    ],
  };
}
