/**
 * Times the parallel coordinates once a sweep is in (issue 7): the first draw after the files
 * landed (the page refreshes, the worker builds the table of every run's values), the draw with every column as
 * an axis, and brushing (each pointer move on an axis, widening then narrowing the range, until the
 * lines are redrawn, and the longest frame meanwhile). Then draws the same data with plotly.js `parcoords` (WebGL; software-rendered
 * in headless Chromium without a GPU) and reports the ratios.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export async function timeSweep(page, { doneAt, targets }) {
  await page.waitForFunction(() => window.lockstep && !window.lockstep.workspace.busy, null, {
    timeout: 60_000,
  });
  const nextDraw = () =>
    page.evaluate(() => {
      window.__drawsSeen = performance.getEntriesByName('lockstep:parcoords-drawn').length;
    });
  const waitDraw = () =>
    page.evaluate(
      () =>
        new Promise((resolve) => {
          const started = window.__drawStarted;
          const check = () =>
            performance.getEntriesByName('lockstep:parcoords-drawn').length > window.__drawsSeen
              ? resolve(performance.now() - started)
              : requestAnimationFrame(check);
          requestAnimationFrame(check);
        }),
    );

  // The view sits near the top of an empty page, so it loads as soon as the runs are in.
  await page.locator('[data-testid=sweep]').scrollIntoViewIfNeeded();
  await page.waitForFunction(
    () => performance.getEntriesByName('lockstep:parcoords-drawn').length > 0,
    null,
    { timeout: 60_000 },
  );
  const firstDraw = await page.evaluate(
    (doneAt) =>
      performance.timeOrigin +
      performance.getEntriesByName('lockstep:parcoords-drawn')[0].startTime -
      doneAt,
    doneAt,
  );
  const defaultAxes = await page.evaluate(() => window.lockstep.sweep.axes.length);

  await nextDraw();
  await page.evaluate(() => {
    const { sweep } = window.lockstep;
    window.__drawStarted = performance.now();
    sweep.chosenAxes = sweep.columns.map((c) => c.id);
  });
  const allAxesDraw = await waitDraw();
  const axes = await page.evaluate(() => window.lockstep.sweep.axes.length);
  await page.locator('[data-testid=parcoords]').scrollIntoViewIfNeeded();

  // Brushing the lr axis (log-uniform: each step moves ~400 runs in or out) from its top down,
  // then back up. Each move is dispatched at the start of a frame, as the browser dispatches pointer
  // input, and timed until the new lines are in the canvas; a move whose lines are in before the
  // next frame begins shows them in the frame it came in.
  const brush = await page.evaluate(async () => {
    const area = document.querySelector('[data-testid=brush-area][data-axis="param:lr"]');
    const box = area.getBoundingClientRect();
    const at = (f) => ({
      clientX: box.left + box.width / 2,
      clientY: box.top + 4 + f * (box.height - 8) * 0.85,
      bubbles: true,
      pointerId: 1,
      button: 0,
    });
    const drawn = () => performance.getEntriesByName('lockstep:parcoords-drawn');
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const frames = [];
    let last = performance.now();
    let watching = true;
    const tick = (t) => {
      frames.push(t - last);
      last = t;
      if (watching) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const widen = Array.from({ length: 12 }, (_, k) => 0.1 + k * 0.05);
    const narrow = Array.from({ length: 6 }, (_, k) => 0.6 - (k + 1) * 0.05);
    const times = [];
    let sameFrame = 0;
    await frame();
    area.dispatchEvent(new PointerEvent('pointerdown', at(0.05)));
    for (const f of [...widen, ...narrow]) {
      await frame();
      const seen = drawn().length;
      const started = performance.now();
      let nextFrame = false;
      requestAnimationFrame(() => (nextFrame = true));
      area.dispatchEvent(new PointerEvent('pointermove', at(f)));
      while (drawn().length === seen) await new Promise((resolve) => setTimeout(resolve, 0));
      const mark = drawn()[seen];
      if (!nextFrame) sameFrame++;
      times.push(mark.startTime - started);
    }
    area.dispatchEvent(new PointerEvent('pointerup', at(0.35)));
    await frame();
    watching = false;
    const kept = window.lockstep.sweep.kept.length;
    const intervals = frames.slice(1);
    return {
      times,
      widening: widen.length,
      sameFrame,
      kept,
      longestFrame: Math.max(...intervals),
      period: [...intervals].sort((a, b) => a - b)[intervals.length >> 1],
    };
  });

  // The same table in plotly.js parcoords.
  await page.addScriptTag({
    content: readFileSync(require.resolve('plotly.js-dist-min/plotly.min.js'), 'utf8'),
  });
  const plotly = await page.evaluate(async () => {
    const { sweep } = window.lockstep;
    const dimensions = sweep.axes.map((a) => {
      const c = a.column;
      return c.type === 'numeric'
        ? { label: c.label, values: Array.from(c.values, (v) => (Number.isNaN(v) ? null : v)) }
        : {
            label: c.label,
            values: Array.from(c.codes),
            tickvals: c.categories.map((_, i) => i),
            ticktext: c.categories,
          };
    });
    const color = sweep.colorColumn ? Array.from(sweep.colorColumn.values) : undefined;
    const host = document.createElement('div');
    host.style.width = '1200px';
    host.style.height = '380px';
    document.body.append(host);
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
    let started = performance.now();
    await window.Plotly.newPlot(
      host,
      [{ type: 'parcoords', dimensions, line: { color, colorscale: 'Plasma' } }],
      { width: 1200, height: 380 },
    );
    await frame();
    const first = performance.now() - started;
    const brushes = [];
    for (let k = 1; k <= 3; k++) {
      const lo = dimensions[0].values.reduce((m, v) => (v !== null && v < m ? v : m), Infinity);
      started = performance.now();
      await window.Plotly.restyle(host, { 'dimensions[0].constraintrange': [[lo, lo * 10 ** k]] });
      await frame();
      brushes.push(performance.now() - started);
    }
    window.Plotly.purge(host);
    host.remove();
    return { first, brush: brushes.sort((a, b) => a - b)[1] };
  });

  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const brushMedian = median(brush.times);
  return {
    measures: [
      {
        // Not the "first draw": this includes the worker building the runs and sweep
        // tables after the drop; plotly's draw below is timed, like ours next, from data at hand.
        name: `sweep: first draw after the files landed (runs and sweep tables built in the worker first; ${defaultAxes} default axes)`,
        ms: firstDraw,
      },
      {
        name: `sweep: first draw of all ${axes} axes, from the table at hand`,
        ms: allAxesDraw,
        targetMs: targets.firstDrawMs,
      },
      {
        name: `sweep: brush move to lines redrawn (median of ${brush.times.length}: ${brush.widening} widening, ${brush.times.length - brush.widening} narrowing; max ${Math.max(...brush.times).toFixed(1)} ms; ${brush.sameFrame} of ${brush.times.length} shown in the frame of the move; ${brush.kept} runs kept at the end)`,
        ms: brushMedian,
        targetMs: targets.brushMs,
      },
      {
        name: `sweep: longest frame while brushing (frame period ${brush.period.toFixed(1)} ms)`,
        ms: brush.longestFrame,
      },
      {
        name: `plotly.js parcoords, same ${axes} axes: first draw (ratio ${(plotly.first / allAxesDraw).toFixed(1)}× ours)`,
        ms: plotly.first,
      },
      {
        name: `plotly.js parcoords: brush update (ratio ${(plotly.brush / brushMedian).toFixed(1)}× ours)`,
        ms: plotly.brush,
      },
    ],
  };
}
