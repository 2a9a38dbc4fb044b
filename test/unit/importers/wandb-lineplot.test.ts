/**
 * The CSV a W&B line-plot panel exports. Expected values are computed here from the file's text.
 */

import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import { plotColumns } from '../../../src/lib/importers/wandb/lineplot-columns';
import { fixture, makeEngine, text } from '../helpers/engine';
import { quotedTable } from '../helpers/quoted-table';

let engine: Engine;
beforeEach(async () => {
  engine = await makeEngine();
});

const KIDNEY = 'real/wandb/kidney_lineplot_2runs_min_max_differ.csv';

describe('a real line-plot export of two runs, the first bucketed', () => {
  it("loads each run's value column as its points, and not the __MIN/__MAX columns", async () => {
    const { header, rows } = quotedTable(KIDNEY);
    const r = await engine.ingest(fixture(KIDNEY));
    expect(r.status).toBe('loaded');
    expect(r.report?.format).toBe('W&B line plot export (CSV)');
    const valueCols = header
      .map((h, i) => i)
      .filter((i) => i > 0 && !/__(MIN|MAX)$/.test(header[i]));
    expect(valueCols.length).toBe(2);
    for (const col of valueCols) {
      const [run, metric] = header[col].split(' - ');
      const expected = rows
        .filter((row) => row[col] !== '')
        .map((row) => [Number(row[0]), Number(row[col])]);
      const got = engine.rows<{ step: number; value: number }>(
        `SELECT step, value FROM metrics JOIN runs USING (run_id) JOIN metric_names mn USING (metric_id)
         WHERE runs.name = '${run}' AND mn.name = '${metric}' ORDER BY step`,
      );
      expect(got.map((g) => [g.step, g.value])).toEqual(expected);
    }
    expect(
      engine.rows<{ name: string }>('SELECT name FROM metric_names').map((m) => m.name),
    ).toEqual(['test SSMI_B']);
  });

  it("says how many points of the first run are bucket means, and that the second run's are exact", async () => {
    const { header, rows } = quotedTable(KIDNEY);
    const [first, second] = [1, 4].map((col) => header[col].split(' - ')[0]);
    const bucketed = rows.filter((row) => row[2] !== row[1] || row[3] !== row[1]).length;
    expect(bucketed).toBeGreaterThan(0);
    expect(rows.every((row) => row[5] === row[4] && row[6] === row[4])).toBe(true);
    const r = await engine.ingest(fixture(KIDNEY));
    expect(r.report?.warnings).toContain(
      `W&B bucketed this plot: ${bucketed} of the ${rows.length} points of "${first}" are bucket means with their min–max range; ` +
        'the export is not the raw history (the ranges were not loaded).',
    );
    expect(r.report?.warnings).toContain(`Points are exact (no bucketing) for "${second}".`);
  });

  it('keys each run by its name, as the runs table export does', async () => {
    const { header } = quotedTable(KIDNEY);
    await engine.ingest(fixture(KIDNEY));
    const names = [1, 4].map((col) => header[col].split(' - ')[0]);
    expect(engine.rows('SELECT name, run_key FROM runs ORDER BY name')).toEqual(
      names.sort().map((name) => ({ name, run_key: `run:${name}` })),
    );
  });
});

describe('line names', () => {
  it('split at the last " - ": a run name may hold one', () => {
    const { lines } = plotColumns([
      'Step',
      'ablation - no dropout - val/loss',
      'ablation - no dropout - val/loss__MIN',
      'ablation - no dropout - val/loss__MAX',
    ]);
    expect(lines).toEqual([
      { run: 'ablation - no dropout', occurrence: 1, metric: 'val/loss', value: 1, min: 2, max: 3 },
    ]);
  });

  it('repeated in one plot are different runs with the same name, kept apart and said', async () => {
    const csv = [
      '"Step","baseline - loss","baseline - loss__MIN","baseline - loss__MAX","baseline - loss","baseline - loss__MIN","baseline - loss__MAX"',
      '"0","2.5","2.5","2.5","2.75","2.75","2.75"',
      '"1","2.25","2.25","2.25","2.5","2.5","2.5"',
    ].join('\n');
    const r = await engine.ingest(text('plot.csv', csv));
    expect(engine.rows('SELECT name, run_key FROM runs ORDER BY run_key')).toEqual([
      { name: 'baseline', run_key: 'run:baseline' },
      { name: 'baseline', run_key: 'run:baseline#2' },
    ]);
    expect(
      r.report?.warnings.some((w) =>
        w.startsWith('2 lines of the plot are named "baseline - loss"'),
      ),
    ).toBe(true);
    const second = engine.rows<{ value: number }>(
      `SELECT value FROM metrics JOIN runs USING (run_id) WHERE run_key = 'run:baseline#2' ORDER BY step`,
    );
    expect(second.map((s) => s.value)).toEqual([2.75, 2.5]);
  });

  it('of the form "<key>: <value>" are groups of runs, and their ranges are said to be across runs', async () => {
    const csv = [
      '"Step","algo: EA - reward","algo: EA - reward__MIN","algo: EA - reward__MAX"',
      '"0","1.5","1","2"',
      '"1","2.5","2","3"',
    ].join('\n');
    const r = await engine.ingest(text('plot.csv', csv));
    expect(
      r.report?.warnings.some((w) =>
        w.startsWith('Lines named "<key>: <value>" are groups of runs'),
      ),
    ).toBe(true);
    expect(
      r.report?.warnings.some(
        (w) => w.startsWith('"algo: EA" is a group of runs') && w.includes('2 of its 2 points'),
      ),
    ).toBe(true);
  });
});

describe('the x axis', () => {
  it('when it is a logged counter, gives the steps and is said', async () => {
    const csv = [
      '"evaluations","run-a - loss","run-a - loss__MIN","run-a - loss__MAX"',
      '"60","2","2","2"',
      '"120","","",""',
      '"180","1.5","1.5","1.5"',
    ].join('\n');
    const r = await engine.ingest(text('plot.csv', csv));
    expect(r.report?.warnings).toContain(
      'The plot\'s x axis is "evaluations", not the step: its values are used as steps.',
    );
    expect(
      engine.rows<{ step: number }>('SELECT step FROM metrics ORDER BY step').map((s) => s.step),
    ).toEqual([60, 180]);
  });

  it('when it is a time, fails the file with what to do instead', async () => {
    const csv = [
      '"Relative Time (Process)","run-a - loss","run-a - loss__MIN","run-a - loss__MAX"',
      '"0.5","2","2","2"',
    ].join('\n');
    const r = await engine.ingest(text('plot.csv', csv));
    expect(r.status).toBe('failed');
    expect(r.message).toBe(
      'The plot\'s x axis is "Relative Time (Process)", a time: Lockstep needs steps. Export the panel with "Step" as its x axis.',
    );
  });
});
