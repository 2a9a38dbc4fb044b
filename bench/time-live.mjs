/**
 * Times a live refresh (issue 10, item 5): beside the loaded workspace, a watched folder (in the
 * origin-private file system, whose handles are the ones a picked folder gives) holds the file of
 * a run still training, the student of a same-step table over every run. Rows are appended to it,
 * and the page is asked to look (its own timer is set far off); the time runs from the look seeing
 * the grown file to every student cell of the same-step table showing the new step. The engine's
 * share (the appended rows read and stored, the runs table asked again) is measured beside it.
 */

import { curvesSettled } from './page-settled.mjs';

export async function timeLive(page, { stepsBefore, stepsPerAppend, appends, targets }) {
  await page.waitForFunction(() => window.lockstep && !window.lockstep.workspace.busy, null, {
    timeout: 60_000,
  });
  const before = await page.evaluate(
    async ({ steps }) => {
      const { workspace, live } = window.lockstep;
      const metrics = workspace.runs[0].metricNames;
      const root = await navigator.storage.getDirectory();
      await root.removeEntry('live-bench', { recursive: true }).catch(() => {});
      const dir = await root.getDirectoryHandle('live-bench', { create: true });
      const file = await (
        await dir.getDirectoryHandle('live-student', { create: true })
      ).getFileHandle('metrics.csv', { create: true });
      let text = 'run,step,metric,value\n';
      for (let s = 0; s < steps; s++)
        metrics.forEach((m, k) => (text += `live-student,${s},${m},${1 / (1 + s / 500) + k}\n`));
      const w = await file.createWritable();
      await w.write(text);
      await w.close();
      await live.watchFolder(dir);
      return { metrics: metrics.length, runs: workspace.runs.length };
    },
    { steps: stepsBefore },
  );
  await page.evaluate(() => {
    const { workspace } = window.lockstep;
    workspace.selection.addAll(workspace.runs.map((r) => r.runId));
  });
  await page.waitForFunction(
    (step) => {
      const cells = [...document.querySelectorAll('[data-testid=student-cell]')];
      return cells.length > 0 && cells.every((c) => c.getAttribute('data-x-star') === step);
    },
    String(stepsBefore - 1),
    { timeout: 60_000, polling: 100 },
  );
  // Steady state: the page's curve charts are drawn before timing starts.
  await curvesSettled(page);

  const rounds = [];
  for (let i = 0; i < appends; i++) {
    const from = stepsBefore + i * stepsPerAppend;
    const round = await page.evaluate(
      async ({ from, count }) => {
        const { workspace, live } = window.lockstep;
        const metrics = workspace.runs[0].metricNames;
        const root = await navigator.storage.getDirectory();
        const dir = await root.getDirectoryHandle('live-bench');
        const file = await (
          await dir.getDirectoryHandle('live-student')
        ).getFileHandle('metrics.csv');
        let text = '';
        for (let s = from; s < from + count; s++)
          metrics.forEach((m, k) => (text += `live-student,${s},${m},${1 / (1 + s / 500) + k}\n`));
        const size = (await file.getFile()).size;
        const w = await file.createWritable({ keepExistingData: true });
        await w.seek(size);
        await w.write(text);
        await w.close();

        const step = String(from + count - 1);
        const done = () => {
          const cells = [...document.querySelectorAll('[data-testid=student-cell]')];
          return cells.length > 0 && cells.every((c) => c.getAttribute('data-x-star') === step);
        };
        const longest = { ms: 0 };
        const tasks = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) longest.ms = Math.max(longest.ms, e.duration);
        });
        tasks.observe({ type: 'longtask' });
        const shown = new Promise((resolve) => {
          const observer = new MutationObserver(() => {
            if (!done()) return;
            observer.disconnect();
            resolve(performance.now());
          });
          observer.observe(document.body, {
            subtree: true,
            childList: true,
            attributes: true,
            attributeFilter: ['data-x-star'],
          });
        });
        await live.look();
        const shownAt = await shown;
        tasks.disconnect();
        const u = live.lastUpdate;
        // Engine calls of the refresh, by name (the page records them with ?debug).
        const calls = {};
        for (const m of performance.getEntriesByType('measure'))
          if (m.startTime >= u.seenAt && m.name.startsWith('lockstep:engine '))
            calls[m.name.slice(16)] = Math.round((calls[m.name.slice(16)] ?? 0) + m.duration);
        return {
          calls,
          points: u.points,
          engineMs: u.refreshedAt - u.seenAt,
          totalMs: shownAt - u.seenAt,
          longestTaskMs: longest.ms,
        };
      },
      { from, count: stepsPerAppend },
    );
    if (round.points !== before.metrics * stepsPerAppend)
      throw new Error(
        `the look stored ${round.points} points, expected ${before.metrics * stepsPerAppend}`,
      );
    if (process.env.BENCH_VERBOSE) console.error('live round', JSON.stringify(round));
    rounds.push(round);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const totals = rounds.map((r) => r.totalMs);
  const points = (before.metrics * stepsPerAppend).toLocaleString('en-US');
  return {
    measures: [
      {
        name: `live: ${points} points appended read and stored, runs table asked again (median of ${appends})`,
        ms: median(rounds.map((r) => r.engineMs)),
      },
      {
        name: `live: appended points seen → same-step table (${before.runs} runs) at the new step (median of ${appends}; ${totals.map((t) => Math.round(t)).join(', ')} ms)`,
        ms: median(totals),
        targetMs: targets.refreshMs,
        longestTaskMs: Math.max(...rounds.map((r) => r.longestTaskMs)),
      },
    ],
  };
}
