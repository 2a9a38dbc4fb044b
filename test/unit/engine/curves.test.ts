/**
 * The engine's curve answers over real DuckDB: lines come from the point log's views, leave the
 * worker in arrays of their own (handing them over must never empty the log), and raw lines are
 * only reduced when the chart will draw them.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { CurvesRequest } from '../../../src/lib/curves/types';
import { smooth } from '../../../src/lib/curves/smoothing';
import { curveBuffers } from '../../../src/lib/engine/curves';
import type { Engine } from '../../../src/lib/engine/engine';
import { makeEngine, text } from '../helpers/engine';

let engine: Engine;
beforeEach(async () => {
  engine = await makeEngine();
});

const runIds = () =>
  engine.rows<{ run_id: number }>('SELECT run_id FROM runs ORDER BY name').map((r) => r.run_id);

function request(overrides: Partial<CurvesRequest> = {}): CurvesRequest {
  return {
    metric: 'loss',
    runIds: runIds(),
    axis: { kind: 'step' },
    range: null,
    width: 500,
    smoothing: { kind: 'ema', weight: 0.5 },
    raw: true,
    logX: false,
    groups: null,
    center: 'mean',
    band: 'ci95',
    ...overrides,
  };
}

/** Two runs, logged interleaved in one file and continued in a second one. */
async function twoRuns() {
  let first = 'run,step,metric,value\n';
  for (let s = 0; s < 5; s++) first += `a,${s},loss,${10 - s}\nb,${s},loss,${20 - 2 * s}\n`;
  await engine.ingest(text('first.csv', first));
  await engine.ingest(text('second.csv', 'run,step,metric,value\na,5,loss,4\na,6,loss,2\n'));
}

describe('curves from the engine', () => {
  it('draws each run from every point it logged, across files', async () => {
    await twoRuns();
    const [a, b] = request().runIds;
    const result = engine.curves(request({ smoothing: { kind: 'none' } }));
    const line = (id: number) => result.lines.find((l) => l.runId === id)?.line;
    expect(Array.from(line(a)?.x ?? [])).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(Array.from(line(a)?.y ?? [])).toEqual([10, 9, 8, 7, 6, 4, 2]);
    expect(Array.from(line(b)?.y ?? [])).toEqual([20, 18, 16, 14, 12]);
    expect(result.yExtent).toEqual([2, 20]);
    expect(engine.store.built.pulled).toBe(0);
  });

  it('smooths with TensorBoard’s EMA and returns the raw line behind only when asked', async () => {
    await twoRuns();
    const withRaw = engine.curves(request());
    const a = withRaw.lines[0];
    // w = 0.5 on 10, 9: last = 5, then 2.5 + 4.5 = 7; debiased 5 / 0.5 = 10, 7 / 0.75.
    expect(a.line.y[0]).toBe(10);
    expect(a.line.y[1]).toBeCloseTo(7 / 0.75, 12);
    expect(Array.from(a.raw?.y ?? [])).toEqual([10, 9, 8, 7, 6, 4, 2]);

    const without = engine.curves(request({ raw: false }));
    expect(without.lines.every((l) => l.raw === null)).toBe(true);
    expect(Array.from(without.lines[0].line.y)).toEqual(Array.from(a.line.y));
  });

  it('hands its arrays over without emptying the series it keeps', async () => {
    await twoRuns();
    const first = engine.curves(request());
    const before = first.lines.map((l) => Array.from(l.line.y));
    // What the worker does on the way out: the buffers are moved, not copied.
    structuredClone(first, { transfer: curveBuffers(first) });
    expect(first.lines[0].line.y.length).toBe(0);
    const again = engine.curves(request());
    expect(again.lines.map((l) => Array.from(l.line.y))).toEqual(before);
    expect(engine.hover({ ...request(), x: 3 }).map((v) => v.value)).toEqual([7, 14]);
  });
});

describe('smoothing on demand', () => {
  it('smooths a first call without keeping it, and hovers read the same smoothed values', async () => {
    await twoRuns();
    const first = engine.curves(request());
    expect(engine.curveCache.smoothings).toBe(0);
    const hovered = engine.hover({ ...request(), x: 1 });
    expect(engine.curveCache.smoothings).toBe(0);
    for (const v of hovered) {
      const line = first.lines.find((l) => l.runId === v.runId)?.line;
      expect(v.smoothed).toBe(line?.y[1]);
    }
    // A group band keeps what it smoothed: its members are read at every grid point.
    const grouped = engine.curves(request({ groups: [{ key: 'all', runIds: runIds() }] }));
    expect(grouped.groups).toHaveLength(1);
    expect(engine.curveCache.smoothings).toBe(2);
  });
});

describe('smoothing ahead of the charts', () => {
  const idle = () => new Promise((resolve) => setTimeout(resolve, 50));

  it('smooths the first charts’ series after a drop, and the charts reuse them', async () => {
    engine.planCurves({ smoothing: { kind: 'ema', weight: 0.5 }, charts: 1 });
    let csv = 'run,step,metric,value\n';
    for (let s = 0; s < 50; s++)
      csv += `a,${s},loss,${s % 7}\nb,${s},loss,${s % 5}\nb,${s},zeta,${s}\n`;
    await engine.ingest(text('runs.csv', csv));
    await idle();
    // Only the first metric by name ("loss"), for both runs.
    expect(engine.curveCache.smoothings).toBe(2);
    const warmed = engine.curves(request());
    expect(engine.curveCache.smoothings).toBe(2);

    // The same lines as smoothing the raw ones on demand.
    const raw = engine.curves(request({ smoothing: { kind: 'none' } }));
    expect(warmed.lines.map((l) => Array.from(l.line.y))).toEqual(
      raw.lines.map((l) => Array.from(smooth(l.line.x, l.line.y, { kind: 'ema', weight: 0.5 }))),
    );
  });

  it('starts over after a file is removed, and does nothing without smoothing', async () => {
    engine.planCurves({ smoothing: { kind: 'none' }, charts: 6 });
    const report = await engine.ingest(
      text('a.csv', 'run,step,metric,value\na,1,loss,1\na,2,loss,3\n'),
    );
    await idle();
    expect(engine.curveCache.smoothings).toBe(0);
    engine.planCurves({ smoothing: { kind: 'ema', weight: 0.9 }, charts: 6 });
    await idle();
    expect(engine.curveCache.smoothings).toBe(1);
    await engine.ingest(text('b.csv', 'run,step,metric,value\nb,1,loss,5\n'));
    await idle();
    // New data, new series: both runs smoothed again (a single point is its own smoothing).
    expect(engine.curveCache.smoothings).toBe(3);
    engine.remove(report.sourceId);
    await idle();
    expect(engine.curveCache.smoothings).toBe(4);
  });
});
