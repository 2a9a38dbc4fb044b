/**
 * Alignment against real DuckDB: the hand-made cases of issue 4 through the engine's typed-array
 * path, and the SQL reference (src/lib/sql/align.ts) agreeing with it on random series.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { AlignPolicy, AlignRequest, MetricAlignment } from '../../../src/lib/align/types';
import type { Engine } from '../../../src/lib/engine/engine';
import { alignReference, type AxisColumn } from '../../../src/lib/sql/align';
import { mulberry32 } from '../../../scripts/rng.mjs';
import { makeEngine, text } from '../helpers/engine';

let engine: Engine;
beforeEach(async () => {
  engine = await makeEngine();
});

type Row = [run: string, step: number, metric: string, value: number | string, epoch?: number];

function longCsv(rows: Row[]): string {
  return (
    'run,step,epoch,metric,value\n' +
    rows.map(([r, s, m, v, e]) => `${r},${s},${e ?? ''},${m},${v}`).join('\n') +
    '\n'
  );
}

function every(
  run: string,
  metric: string,
  from: number,
  to: number,
  by: number,
  f = (s: number) => s / 1000,
): Row[] {
  const rows: Row[] = [];
  for (let s = from; s <= to; s += by) rows.push([run, s, metric, f(s), s / 500]);
  return rows;
}

function runId(name: string): number {
  return engine.rows<{ run_id: number }>(`SELECT run_id FROM runs WHERE name = '${name}'`)[0]
    .run_id;
}

function alignOf(
  student: string,
  baselines: string[],
  policy: AlignPolicy,
  axis: AlignRequest['axis'] = { kind: 'step' },
) {
  const result = engine.align({
    student: runId(student),
    baselines: baselines.map(runId),
    axis,
    policy,
  });
  return (metric: string): MetricAlignment => {
    const m = result.metrics.find((x) => x.metric === metric);
    if (!m) throw new Error(`no metric ${metric}`);
    return m;
  };
}

describe('same-step alignment in the engine', () => {
  beforeEach(async () => {
    await engine.ingest(
      text(
        'runs.csv',
        longCsv([
          ...every('student', 'acc', 0, 1100, 100),
          ...every('full', 'acc', 0, 3000, 100),
          ['sparse', 900, 'acc', 0.6],
          ['sparse', 1200, 'acc', 0.75],
          ...every('short', 'acc', 0, 800, 100),
          ...every('full', 'val/acc', 0, 3000, 500),
          ['student', 1050, 'loss', 2],
          ['sparse', 1000, 'loss', 3],
          ['sparse', 1100, 'loss', 4],
          ['nan', 1000, 'acc', 0.5],
          ['nan', 1100, 'acc', 'NaN'],
          ['nan', 1200, 'acc', 0.7],
        ]),
      ),
    );
  });

  it('measures every baseline at the student’s own last step, not at its final one', () => {
    const acc = alignOf('student', ['full'], 'interpolate')('acc');
    expect(acc.student?.xStar).toBe(1100);
    expect(acc.baselines[0]).toMatchObject({ method: 'exact', value: 1.1, delta: 0 });
    expect(acc.baselines[0].used[0]).toMatchObject({ step: 1100 });
    expect(acc.baselines[0].final).toMatchObject({ step: 3000, value: 3 });
  });

  it('interpolates between steps 900 and 1,200 to x* = 1,100', () => {
    const cell = alignOf('student', ['sparse'], 'interpolate')('acc').baselines[0];
    expect(cell.method).toBe('interpolated');
    expect(cell.value).toBeCloseTo(0.7, 12);
    expect(cell.used.map((p) => p.step)).toEqual([900, 1200]);
    expect(cell.delta).toBeCloseTo(0.4, 12);
  });

  it('resolves a tie in nearest to the earlier step and says so', () => {
    const cell = alignOf('student', ['sparse'], 'nearest')('loss').baselines[0];
    expect(cell).toMatchObject({ method: 'nearest', value: 3, tie: true });
    expect(cell.used[0].step).toBe(1000);
    // loss: lower is better, so 2 against 3 is a gain of 1 for the student.
    expect(cell.delta).toBe(1);
  });

  it('takes the last observed point at or before x*', () => {
    const cell = alignOf('student', ['sparse'], 'last')('acc').baselines[0];
    expect(cell).toMatchObject({ method: 'last observed', value: 0.6 });
  });

  it('says a baseline that stopped before x* has not reached it, and keeps its final apart', () => {
    const cell = alignOf('student', ['short'], 'last')('acc').baselines[0];
    expect(cell).toMatchObject({ method: 'not reached', value: null, delta: null });
    expect(cell.final).toMatchObject({ step: 800, value: 0.8 });
  });

  it('says "not yet" for a metric the student has not logged', () => {
    const m = alignOf('student', ['full'], 'nearest')('val/acc');
    expect(m.student).toBeNull();
    expect(m.baselines[0]).toMatchObject({ method: 'not yet', value: null });
  });

  it('reports NaN at the aligned step as NaN with its step', () => {
    const cell = alignOf('student', ['nan'], 'exact')('acc').baselines[0];
    expect(cell.method).toBe('exact');
    expect(cell.value).toBeNaN();
    expect(cell.used[0].step).toBe(1100);
    expect(cell.delta).toBeNaN();
  });

  it('traces every value to its source file', () => {
    const result = engine.align({
      student: runId('student'),
      baselines: [runId('sparse')],
      axis: { kind: 'step' },
      policy: 'interpolate',
    });
    const cell = result.metrics.find((m) => m.metric === 'acc')?.baselines[0];
    expect(cell?.used.map((p) => result.sources[p.sourceId])).toEqual(['runs.csv', 'runs.csv']);
  });
});

describe('alignment on other axes and runs', () => {
  it('aligns on fractional epochs', async () => {
    await engine.ingest(
      text(
        'epochs.csv',
        longCsv([
          ['s', 10, 'acc', 0.1, 0.25],
          ['s', 50, 'acc', 0.3, 1.25],
          ['b', 20, 'acc', 0.2, 0.5],
          ['b', 40, 'acc', 0.4, 1.0],
          ['b', 60, 'acc', 0.5, 1.5],
        ]),
      ),
    );
    const cell = alignOf('s', ['b'], 'interpolate', { kind: 'epoch' })('acc');
    expect(cell.student?.xStar).toBe(1.25);
    expect(cell.baselines[0].method).toBe('interpolated');
    expect(cell.baselines[0].value).toBeCloseTo(0.45, 12);
    expect(cell.baselines[0].used.map((p) => p.step)).toEqual([40, 60]);
  });

  it('uses the later value of a step a resumed run logged twice', async () => {
    await engine.ingest(
      text(
        'a.csv',
        longCsv([
          ['s', 100, 'acc', 0.5],
          ['b', 100, 'acc', 0.1],
          ['b', 200, 'acc', 0.2],
        ]),
      ),
    );
    await engine.ingest(
      text(
        'resumed.csv',
        longCsv([
          ['b', 100, 'acc', 0.15],
          ['b', 150, 'acc', 0.17],
        ]),
      ),
    );
    const cell = alignOf('s', ['b'], 'exact')('acc').baselines[0];
    expect(cell).toMatchObject({ method: 'exact', value: 0.15 });
  });

  it('aligns on wall time since each run’s first point', async () => {
    const csv =
      'run,step,wall_time,metric,value\n' +
      's,1,1000,loss,5\ns,2,1060,loss,4\n' +
      'b,1,5000,loss,9\nb,5,5030,loss,7\nb,9,5090,loss,6\n';
    await engine.ingest(text('wall.csv', csv));
    const loss = alignOf('s', ['b'], 'interpolate', { kind: 'wall' })('loss');
    // The student is 60 s in; the baseline was at 7 after 30 s and 6 after 90 s.
    expect(loss.student?.xStar).toBe(60);
    expect(loss.baselines[0].method).toBe('interpolated');
    expect(loss.baselines[0].value).toBeCloseTo(6.5, 12);
    expect(loss.baselines[0].used.map((p) => p.step)).toEqual([5, 9]);
  });

  it('aligns on a counter metric logged beside the others', async () => {
    const rows: Row[] = [];
    for (const [run, tokensPerStep] of [
      ['s', 2],
      ['b', 4],
    ] as const)
      for (let s = 0; s <= 10; s++) {
        rows.push([run, s, 'tokens', s * tokensPerStep]);
        rows.push([run, s, 'loss', 10 - s]);
      }
    await engine.ingest(text('tokens.csv', longCsv(rows)));
    const loss = alignOf('s', ['b'], 'exact', { kind: 'counter', metric: 'tokens' })('loss');
    // The student has seen 20 tokens at step 10; the baseline saw 20 tokens at step 5.
    expect(loss.student?.xStar).toBe(20);
    expect(loss.baselines[0]).toMatchObject({ method: 'exact', value: 5 });
    expect(loss.baselines[0].used[0].step).toBe(5);
  });
});

describe('alignment on an axis that is not there', () => {
  it('says which counter metric is missing instead of aligning on nothing', async () => {
    await engine.ingest(
      text(
        'a.csv',
        longCsv([
          ['s', 1, 'loss', 1],
          ['b', 1, 'loss', 2],
        ]),
      ),
    );
    expect(() =>
      engine.align({
        student: runId('s'),
        baselines: [runId('b')],
        axis: { kind: 'counter', metric: 'tokens' },
        policy: 'exact',
      }),
    ).toThrow('No metric named "tokens" to use as the x axis.');
  });
});

describe('the SQL reference', () => {
  it('agrees with the typed-array path on random series, for every policy and axis', async () => {
    const random = mulberry32(20261123);
    const rows: Row[] = [];
    const runs = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5'];
    for (const run of runs)
      for (const metric of ['m1', 'm2', 'm3']) {
        if (random() < 0.15) continue;
        const n = 1 + Math.floor(random() * 40);
        const steps = new Set<number>();
        for (let i = 0; i < n; i++) steps.add(Math.floor(random() * 400));
        for (const s of steps) {
          const v = random() < 0.05 ? 'NaN' : Math.round(random() * 1e6) / 1e3;
          rows.push([run, s, metric, v, Math.floor(s / 40) / 2]);
        }
      }
    await engine.ingest(text('random.csv', longCsv(rows)));
    for (const policy of ['exact', 'nearest', 'interpolate', 'last'] as const)
      for (const axis of [{ kind: 'step' }, { kind: 'epoch' }] as const)
        for (const student of runs) {
          const baselines = runs.filter((r) => r !== student).map(runId);
          const fast = engine.align({ student: runId(student), baselines, axis, policy });
          const reference = engine.rows<{
            metric_id: number;
            run_id: number;
            x_star: number;
            method: string;
            value: number | null;
            steps: { toArray(): BigInt64Array };
            tie: boolean;
          }>(alignReference(runId(student), baselines, axis as AxisColumn, policy));
          const fromFast = fast.metrics.flatMap((m) =>
            m.baselines
              .filter((b) => b.method !== 'not logged' && b.method !== 'not yet')
              .map((b) => ({
                metric_id: m.metricId,
                run_id: b.runId,
                x_star: m.student?.xStar,
                method: b.method,
                value: b.value,
                steps: b.used.map((p) => p.step),
                tie: b.tie,
              })),
          );
          const fromSql = reference.map((r) => ({
            ...r,
            steps: [...r.steps.toArray()].map(Number),
          }));
          const key = (r: { metric_id: number; run_id: number }) => r.metric_id * 1000 + r.run_id;
          fromFast.sort((a, b) => key(a) - key(b));
          expect(fromFast.length, `${policy} ${axis.kind} ${student}`).toBe(fromSql.length);
          fromFast.forEach((f, i) => {
            const r = fromSql[i];
            const label = `${policy} ${axis.kind} student ${student} metric ${f.metric_id} run ${f.run_id}`;
            expect({ ...f, value: undefined }, label).toEqual({ ...r, value: undefined });
            if (f.value === null || r.value === null) expect(f.value, label).toBe(r.value);
            else if (Number.isNaN(f.value)) expect(r.value, label).toBeNaN();
            else expect(f.value, label).toBeCloseTo(r.value, 9);
          });
        }
  });
});
