/**
 * Times a curve chart once its data is in (issue 5): the first draw after the files landed (the
 * worker builds the series, smooths them and reduces them to M4), a box zoom (re-query and
 * redraw), and hovering (pointer move to the readout showing the new x's values). Then draws the
 * same points with uPlot, which does not downsample, and reports how much slower that is.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export async function timeCurves(page, { doneAt, targets }) {
  // The chart's first draw after the last file reached its final status.
  await page.waitForFunction(
    () => performance.getEntriesByName('lockstep:curve-drawn').length > 0,
    null,
    {
      timeout: 60_000,
    },
  );
  const firstDraw = await page.evaluate(
    (doneAt) =>
      performance.timeOrigin +
      performance.getEntriesByName('lockstep:curve-drawn')[0].startTime -
      doneAt,
    doneAt,
  );

  await page.evaluate(() => {
    window.__nextDraw = () =>
      new Promise((resolve) => {
        const seen = performance.getEntriesByName('lockstep:curve-drawn').length;
        const check = () =>
          performance.getEntriesByName('lockstep:curve-drawn').length > seen
            ? resolve(performance.now())
            : requestAnimationFrame(check);
        requestAnimationFrame(check);
      });
  });

  const zoom = await page.evaluate(async () => {
    const svg = document.querySelector('[data-testid=curve-chart] svg');
    const box = svg.getBoundingClientRect();
    const at = (fx) => ({
      clientX: box.left + 56 + fx * (box.width - 68),
      clientY: box.top + 60,
      bubbles: true,
      pointerId: 1,
      button: 0,
    });
    const times = [];
    for (const [a, b] of [
      [0.3, 0.6],
      [0.2, 0.5],
      [0.1, 0.9],
    ]) {
      svg.dispatchEvent(new PointerEvent('pointerdown', at(a)));
      svg.dispatchEvent(new PointerEvent('pointermove', at(b)));
      const drawn = window.__nextDraw();
      const started = performance.now();
      svg.dispatchEvent(new PointerEvent('pointerup', at(b)));
      times.push((await drawn) - started);
    }
    const drawn = window.__nextDraw();
    const started = performance.now();
    svg.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    times.push((await drawn) - started);
    return times;
  });

  const hover = await page.evaluate(async () => {
    const svg = document.querySelector('[data-testid=curve-chart] svg');
    const box = svg.getBoundingClientRect();
    const times = [];
    // Frame to frame while hovering: an interval of about two frame periods is a dropped frame.
    const frames = [];
    let last = performance.now();
    let watching = true;
    const frame = (t) => {
      frames.push(t - last);
      last = t;
      if (watching) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    for (let i = 0; i < 20; i++) {
      const fx = 0.05 + i * 0.045;
      const started = performance.now();
      svg.dispatchEvent(
        new PointerEvent('pointermove', {
          clientX: box.left + 56 + fx * (box.width - 68),
          clientY: box.top + 80,
          bubbles: true,
        }),
      );
      const before = document.querySelector('[data-testid=readout]')?.textContent ?? '';
      await new Promise((resolve) => {
        const check = () => {
          const now = document.querySelector('[data-testid=readout]')?.textContent ?? '';
          if (now !== before && now !== '') resolve();
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
      times.push(performance.now() - started);
    }
    watching = false;
    const intervals = frames.slice(1);
    const period = [...intervals].sort((a, b) => a - b)[intervals.length >> 1];
    return { times, longestFrame: Math.max(...intervals), period };
  });

  // The same points, every one, drawn by uPlot on the main thread.
  const uplotSource = readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8');
  await page.addScriptTag({ content: uplotSource });
  const uplot = await page.evaluate(async () => {
    const { engine, curves } = window.lockstep;
    const metric = curves.metrics[0];
    const runIds = curves.runs.map((r) => r.runId);
    const all = await engine.curves({
      metric,
      runIds,
      axis: { kind: 'step' },
      range: null,
      width: 1e9,
      smoothing: { kind: 'none' },
      logX: false,
      groups: null,
      center: 'mean',
      band: 'ci95',
    });
    const xs = all.lines[0].line.x;
    const data = [xs, ...all.lines.map((l) => l.line.y)];
    const host = document.createElement('div');
    document.body.append(host);
    const started = performance.now();
    const plot = new window.uPlot(
      {
        width: 1000,
        height: 240,
        series: [{}, ...all.lines.map(() => ({ stroke: '#888' }))],
        legend: { show: false },
      },
      data,
      host,
    );
    await new Promise((resolve) => requestAnimationFrame(() => resolve()));
    const ms = performance.now() - started;
    plot.destroy();
    host.remove();
    return { ms, points: data.slice(1).reduce((n, y) => n + y.length, 0) };
  });

  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    measures: [
      {
        name: 'curves: first draw after the files landed',
        ms: firstDraw,
        targetMs: targets.firstDrawMs,
      },
      {
        name: `curves: zoom re-query and redraw (median of ${zoom.length}; max ${Math.max(...zoom).toFixed(0)} ms)`,
        ms: median(zoom),
        targetMs: targets.zoomMs,
      },
      {
        name: `curves: hover to readout, a worker round trip (median of ${hover.times.length}; max ${Math.max(...hover.times).toFixed(0)} ms)`,
        ms: median(hover.times),
      },
      {
        // rAF to rAF: never below the display's frame period (16.7 ms at 60 Hz), so the hover's
        // work fits its frame when no interval reaches 1.5 periods (a dropped frame makes ~2).
        name: `curves: longest frame while hovering (frame period ${hover.period.toFixed(1)} ms; under 1.5 periods: no frame dropped)`,
        ms: hover.longestFrame,
        targetMs: 1.5 * Math.min(hover.period, targets.framePeriodMs),
      },
      {
        name: `uPlot drawing the same ${uplot.points.toLocaleString('en-US')} points (ratio ${(uplot.ms / firstDraw).toFixed(1)}× our first draw)`,
        ms: uplot.ms,
      },
    ],
  };
}
