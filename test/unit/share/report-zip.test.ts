/** "Export all tables": the zip's CSVs from a real engine, each with its header and every row. */

import { csvParseRows } from 'd3';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import { COMPARISON_COLUMNS } from '../../../src/lib/share/comparison-export';
import { collectTables } from '../../../src/lib/share/report/collect-report';
import type { TablesData } from '../../../src/lib/share/report/report-data';
import { RUNS_COLUMNS, STATISTICS_COLUMNS } from '../../../src/lib/share/report/tables-csv';
import { tablesZip } from '../../../src/lib/share/report/tables-zip';
import {
  asyncEngine,
  FORMULA,
  HOSTILE_RUN,
  sampleEngine,
  sampleSettings,
  USER_NOTE,
} from './report-fixture';

let engine: Engine;
let data: TablesData;
let files: Record<string, string>;

beforeAll(async () => {
  engine = await sampleEngine();
  const settings = sampleSettings(engine);
  const table = engine.sweepTable({
    runIds: settings.runs.map((r) => r.runId),
    mode: { kind: 'last' },
  });
  const sweep = { table, kept: Int32Array.from(table.runIds, (_, i) => i), columns: table.columns };
  data = await collectTables(asyncEngine(engine), settings, sweep);
  const zipped = unzipSync(tablesZip(data));
  files = Object.fromEntries(
    Object.entries(zipped).map(([name, bytes]) => [name, strFromU8(bytes)]),
  );
});

const rows = (name: string) => csvParseRows(files[name].trimEnd());

describe('the tables zip', () => {
  it('holds a README and one CSV per table', () => {
    expect(Object.keys(files).sort()).toEqual([
      'README.txt',
      'lineage.csv',
      'runs.csv',
      'same-step.csv',
      'scalars.csv',
      'statistics-tests.csv',
      'sweep.csv',
    ]);
    for (const name of Object.keys(files).filter((n) => n.endsWith('.csv')))
      expect(files['README.txt']).toContain(`${name}\r\n  `);
    expect(files['README.txt']).toContain('samples/metrics.csv');
  });

  it('has every run with its hyperparameters, formula cells neutralized', () => {
    const [header, ...body] = rows('runs.csv');
    expect(header).toEqual([...RUNS_COLUMNS, ...data.paramKeys.map((k) => `param:${k}`)]);
    expect(body).toHaveLength(data.runs.length);
    const hostile = body.find((r) => r[0] === HOSTILE_RUN);
    expect(hostile?.[header.indexOf('param:cmd')]).toBe(`'${FORMULA}`);
    expect(hostile?.[header.indexOf('note')]).toBe(USER_NOTE);
  });

  it('has a same-step row per metric and baseline', () => {
    const [header, ...body] = rows('same-step.csv');
    expect(header).toEqual([...COMPARISON_COLUMNS]);
    const cells = data.align?.metrics.flatMap((m) => m.baselines) ?? [];
    expect(cells.length).toBeGreaterThan(0);
    expect(body).toHaveLength(cells.length);
  });

  it('has a test row per metric, compared group and test', () => {
    const [header, ...body] = rows('statistics-tests.csv');
    expect(header).toEqual([...STATISTICS_COLUMNS]);
    const expected = (data.statistics?.metrics ?? []).flatMap((m) =>
      m.comparisons.map((c) => {
        const tests = [c.welch, c.mannWhitney, c.paired?.t, c.paired?.wilcoxon].filter((t) => t);
        return Math.max(1, tests.length);
      }),
    );
    expect(body).toHaveLength(expected.reduce((a, b) => a + b, 0));
    expect(body.length).toBeGreaterThan(0);
  });

  it('has the scalar, sweep and lineage tables of the runs shown', () => {
    const [scalarHeader, ...scalarRows] = rows('scalars.csv');
    expect(scalarHeader.slice(0, 3)).toEqual(['metric', 'direction', 'rule']);
    expect(scalarRows).toHaveLength(data.scalars?.rows.length ?? -1);
    const [sweepHeader, ...sweepRows] = rows('sweep.csv');
    expect(sweepHeader.slice(0, 2)).toEqual(['run', 'run_id']);
    expect(sweepRows).toHaveLength(data.runs.length);
    const [, ...lineageRows] = rows('lineage.csv');
    expect(lineageRows).toHaveLength(data.lineage?.fields.length ?? -1);
  });
});
