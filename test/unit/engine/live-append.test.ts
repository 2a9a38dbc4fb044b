/**
 * A watched file read further as it grows: only the appended bytes, into the same tables and point
 * log, against real DuckDB-WASM. Expected values are the rows the test wrote, never the importer's.
 */

import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import { decodeRunsTable } from '../../../src/lib/engine/runs-decode';
import { makeEngine } from '../helpers/engine';
import {
  concatBytes,
  fileVersionEvent,
  frame,
  pb,
  scalarEvent,
} from '../importers/tfevents/reference';

let engine: Engine;
beforeEach(async () => {
  engine = await makeEngine();
});

/** The file as the page sees it now; `read` counts how many bytes the engine took from it. */
class GrowingFile {
  bytes: Uint8Array = new Uint8Array(0);
  read = 0;
  constructor(readonly name: string) {}
  append(part: string | Uint8Array): void {
    const more = typeof part === 'string' ? new TextEncoder().encode(part) : part;
    this.bytes = concatBytes([this.bytes, more]);
  }
  replace(part: string): void {
    this.bytes = new TextEncoder().encode(part);
  }
  /** A Blob that counts the bytes sliced out of it. */
  blob(): Blob {
    const whole = new Blob([this.bytes as BlobPart]);
    const counted = Object.create(whole) as Blob;
    Object.defineProperty(counted, 'size', { value: whole.size });
    counted.slice = (start?: number, end?: number) => {
      const part = whole.slice(start, end);
      this.read += part.size;
      return part;
    };
    counted.arrayBuffer = () => {
      this.read += whole.size;
      return whole.arrayBuffer();
    };
    return counted;
  }
}

/** What the page does when it starts watching a file: whole content only, then watch. */
async function startWatching(file: GrowingFile): Promise<number> {
  const [end] = await engine.wholeLengths([{ name: file.name, blob: file.blob() }]);
  const report = await engine.ingest({ name: file.name, blob: file.blob().slice(0, end) });
  await engine.watch([{ sourceId: report.sourceId, name: file.name, blob: file.blob() }]);
  return report.sourceId;
}

function points(metric: string): [number, number][] {
  return engine
    .rows<{ step: number; value: number }>(
      `SELECT step::DOUBLE AS step, value FROM metrics JOIN metric_names USING (metric_id)
       WHERE name = '${metric}' ORDER BY step`,
    )
    .map((r) => [r.step, r.value]);
}

function seriesRow(metric: string) {
  return engine.rows<{ n: number; last_step: number; last_value: number; min: number }>(
    `SELECT n::INTEGER AS n, last_step::INTEGER AS last_step, last_value, min FROM series
     JOIN metric_names USING (metric_id) WHERE name = '${metric}'`,
  );
}

/** The series the curves and the same-step table read (built from the point log when it agrees). */
function storeSeries(metric: string): [number, number][] {
  const id = engine.rows<{ id: number }>(
    `SELECT metric_id AS id FROM metric_names WHERE name = '${metric}'`,
  )[0].id;
  const runIds = engine.rows<{ run_id: number }>('SELECT run_id FROM runs').map((r) => r.run_id);
  const [s] = engine.store.metric(id, { kind: 'step' }, runIds).values();
  return Array.from(s.x, (x, i) => [x, s.value[i]]);
}

describe('a watched CSV', () => {
  it('reads only the appended rows; a half-written last line waits until it is whole', async () => {
    const file = new GrowingFile('live/metrics.csv');
    file.append('step,loss\n1,0.9\n2,0.8\n3,0.7');
    const sourceId = await startWatching(file);
    expect(points('loss')).toEqual([
      [1, 0.9],
      [2, 0.8],
    ]);

    file.append('5\n4,0.6\n5,0.');
    const sizeBefore = 'step,loss\n1,0.9\n2,0.8\n'.length;
    file.read = 0;
    const outcome = await engine.append(sourceId, file.blob());
    expect(outcome).toMatchObject({ kind: 'appended', points: 2, rows: 2, waiting: 4 });
    // The appended bytes, the header and a few bytes to notice a rewrite: never the rows read before.
    expect(file.read).toBeLessThan(file.bytes.length - sizeBefore + 10 + 2 * 64);
    expect(points('loss')).toEqual([
      [1, 0.9],
      [2, 0.8],
      [3, 0.75],
      [4, 0.6],
    ]);
    expect(seriesRow('loss')).toEqual([{ n: 4, last_step: 4, last_value: 0.6, min: 0.6 }]);
    expect(storeSeries('loss')).toEqual(points('loss'));

    expect(await engine.append(sourceId, file.blob())).toEqual({ kind: 'waiting', bytes: 4 });
    file.append('45\n');
    await engine.append(sourceId, file.blob());
    expect(points('loss').at(-1)).toEqual([5, 0.45]);
    expect(await engine.append(sourceId, file.blob())).toEqual({ kind: 'same' });

    const [run] = decodeRunsTable(engine.runsTable()).runs;
    expect(run.lastStep).toBe(5);
    expect(run.points).toBe(5);
    const report = engine.sources()[0];
    expect(report.bytes).toBe(file.bytes.length);
    expect(report.report?.points).toBe(5);
    expect(engine.rows('SELECT * FROM run_sources')).toHaveLength(1);
  });

  it('keeps the other series built and builds the grown one again from the point log', async () => {
    const other = new GrowingFile('live/other.csv');
    other.append('step,loss\n1,1\n2,0.5\n');
    await startWatching(other);
    const file = new GrowingFile('live/grows.csv');
    file.append('step,loss\n1,2\n');
    const sourceId = await startWatching(file);
    const id = engine.rows<{ id: number }>('SELECT metric_id AS id FROM metric_names')[0].id;
    const runs = engine
      .rows<{ run_id: number }>('SELECT run_id FROM runs ORDER BY 1')
      .map((r) => r.run_id);
    const before = engine.store.metric(id, { kind: 'step' }, runs);
    file.append('2,1.5\n3,1.25\n');
    await engine.append(sourceId, file.blob());
    const after = engine.store.metric(id, { kind: 'step' }, runs);
    expect(after.get(runs[0])).toBe(before.get(runs[0]));
    expect(Array.from(after.get(runs[1])?.value ?? [])).toEqual([2, 1.5, 1.25]);
    expect(engine.store.built.pulled).toBe(0);
  });

  it('keeps the later value of a step logged again (a resumed run), with no duplicate point', async () => {
    const file = new GrowingFile('live/resumed.csv');
    file.append('step,loss\n1,0.9\n2,0.8\n3,0.7\n');
    const sourceId = await startWatching(file);
    file.append('3,0.65\n4,0.6\n');
    const outcome = await engine.append(sourceId, file.blob());
    expect(outcome.kind).toBe('appended');
    expect(points('loss')).toEqual([
      [1, 0.9],
      [2, 0.8],
      [3, 0.65],
      [4, 0.6],
    ]);
    expect(seriesRow('loss')[0].n).toBe(4);
    expect(storeSeries('loss')).toEqual(points('loss'));
    expect(engine.sources()[0].report?.warnings.join(' ')).toMatch(/repeat a step/);
  });

  it('says the file, line and reason of a bad appended row, counting the lines read before', async () => {
    const file = new GrowingFile('live/bad.csv');
    file.append('step,loss\n1,0.9\n2,0.8\n');
    const sourceId = await startWatching(file);
    file.append('3,0.7\nfour,0.6\n5,0.5\n');
    const outcome = await engine.append(sourceId, file.blob());
    if (outcome.kind !== 'appended') throw new Error(outcome.kind);
    expect(outcome.report.status).toBe('partial');
    expect(outcome.report.name).toBe('live/bad.csv');
    expect(outcome.report.report?.rejections).toEqual([
      { reason: 'the step is not a number', lines: [5], count: 1 },
    ]);
    expect(outcome.report.message).toMatch(/line 5/);
    expect(points('loss').map(([s]) => s)).toEqual([1, 2, 3, 5]);
  });

  it('says a file changed in another way must be read again whole', async () => {
    const file = new GrowingFile('live/rewritten.csv');
    file.append('step,loss\n1,0.9\n2,0.8\n');
    const sourceId = await startWatching(file);
    file.replace('step,loss,acc\n1,0.9,0.1\n2,0.8,0.2\n3,0.7,0.3\n');
    expect(await engine.append(sourceId, file.blob())).toEqual({
      kind: 'changed',
      reason: 'its header changed',
    });
    file.replace('step,loss\n1,0.9\n');
    expect(await engine.append(sourceId, file.blob())).toMatchObject({ kind: 'changed' });
    file.replace('step,loss\n1,0.1\n2,0.2\n3,0.3\n');
    expect(await engine.append(sourceId, file.blob())).toMatchObject({
      kind: 'changed',
      reason: expect.stringMatching(/rewritten/),
    });
    expect(points('loss')).toEqual([
      [1, 0.9],
      [2, 0.8],
    ]);
  });

  it('adds the new runs of a long table to the source', async () => {
    const file = new GrowingFile('live/long.csv');
    file.append('run,step,metric,value\na,1,loss,0.9\n');
    const sourceId = await startWatching(file);
    file.append('b,1,loss,0.8\na,2,loss,0.7\n');
    await engine.append(sourceId, file.blob());
    const runs = decodeRunsTable(engine.runsTable()).runs.map((r) => [r.name, r.points]);
    expect(runs).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    expect(engine.rows('SELECT * FROM run_sources')).toHaveLength(2);
  });
});

describe('a watched JSON Lines file', () => {
  it('reads the appended records', async () => {
    const file = new GrowingFile('live/history.jsonl');
    file.append('{"step": 1, "loss": 0.9}\n');
    const sourceId = await startWatching(file);
    file.append('{"step": 2, "loss": 0.8}\n{"step": 3, "lo');
    expect(await engine.append(sourceId, file.blob())).toMatchObject({
      kind: 'appended',
      points: 1,
    });
    expect(points('loss')).toEqual([
      [1, 0.9],
      [2, 0.8],
    ]);
  });
});

describe('a watched MLflow metric file', () => {
  it('reads the appended lines', async () => {
    const file = new GrowingFile('mlruns/7/5b0c1d2e3f40516273849a5b6c7d8e9f/metrics/loss');
    file.append('1700000000000 0.9 0\n');
    const sourceId = await startWatching(file);
    file.append('1700000001000 0.8 1\n1700000002000 0.7 2\n');
    expect(await engine.append(sourceId, file.blob())).toMatchObject({
      kind: 'appended',
      points: 2,
    });
    expect(points('loss')).toEqual([
      [0, 0.9],
      [1, 0.8],
      [2, 0.7],
    ]);
  });
});

describe('a watched TensorBoard event file', () => {
  const scalar = (step: number, value: number) =>
    frame(scalarEvent(1700000000 + step, step, [...pb.string(1, 'loss'), ...pb.float(2, value)]));

  it('reads the appended records; a record still being written waits', async () => {
    const file = new GrowingFile('run1/events.out.tfevents.1700000000.host');
    file.append(
      concatBytes([frame(fileVersionEvent(1700000000)), scalar(1, 0.5), scalar(2, 0.25)]),
    );
    const sourceId = await startWatching(file);
    expect(points('loss')).toEqual([
      [1, 0.5],
      [2, 0.25],
    ]);
    const third = scalar(3, 0.125);
    file.append(concatBytes([third, scalar(4, 0.0625).subarray(0, 10)]));
    expect(await engine.append(sourceId, file.blob())).toMatchObject({
      kind: 'appended',
      points: 1,
      rows: 1,
      waiting: 10,
    });
    file.append(scalar(4, 0.0625).subarray(10));
    await engine.append(sourceId, file.blob());
    expect(points('loss')).toEqual([
      [1, 0.5],
      [2, 0.25],
      [3, 0.125],
      [4, 0.0625],
    ]);
    expect(seriesRow('loss')[0].n).toBe(4);
    expect(storeSeries('loss')).toEqual(points('loss'));
  });

  it('leaves out a record cut short when the file is first read', async () => {
    const file = new GrowingFile('run2/events.out.tfevents.1700000000.host');
    const second = scalar(2, 0.25);
    file.append(
      concatBytes([frame(fileVersionEvent(1700000000)), scalar(1, 0.5), second.subarray(0, 7)]),
    );
    const sourceId = await startWatching(file);
    expect(points('loss')).toEqual([[1, 0.5]]);
    file.append(second.subarray(7));
    await engine.append(sourceId, file.blob());
    expect(points('loss')).toEqual([
      [1, 0.5],
      [2, 0.25],
    ]);
  });
});

describe('the tables after a watched long table grows', () => {
  const runIdOf = (name: string) =>
    engine.rows<{ run_id: number }>(`SELECT run_id FROM runs WHERE name = '${name}'`)[0].run_id;

  function seriesOf(run: string) {
    return engine.rows(
      `SELECT n::INTEGER AS n, first_step::INTEGER AS first, last_step::INTEGER AS last,
              last_value, min, step_at_min::INTEGER AS at_min, max, step_at_max::INTEGER AS at_max,
              nonfinite::INTEGER AS nonfinite
       FROM series WHERE run_id = ${runIdOf(run)}`,
    );
  }

  function sameStep() {
    const result = engine.align({
      student: runIdOf('s'),
      baselines: [runIdOf('b')],
      axis: { kind: 'step' },
      policy: 'exact',
    });
    const [loss] = result.metrics;
    return { xStar: loss.student?.xStar, student: loss.student?.point.value, b: loss.baselines[0] };
  }

  async function watchedTable(): Promise<{ file: GrowingFile; sourceId: number }> {
    const file = new GrowingFile('live/long.csv');
    const baseline = [1, 2, 3, 4, 5, 6, 7].map((k) => `b,${k},loss,${k / 10}\n`).join('');
    file.append(`run,step,metric,value\ns,1,loss,0.9\ns,2,loss,0.5\ns,3,loss,0.7\n${baseline}`);
    return { file, sourceId: await startWatching(file) };
  }

  it('extends a series appended to past its last step, as if it had been read whole', async () => {
    const { file, sourceId } = await watchedTable();
    file.append('s,4,loss,0.95\ns,5,loss,0.4\ns,6,loss,NaN\n');
    expect(await engine.append(sourceId, file.blob())).toMatchObject({ points: 3 });
    expect(seriesOf('s')).toEqual([
      {
        n: 6,
        first: 1,
        last: 6,
        last_value: NaN,
        min: 0.4,
        at_min: 5,
        max: 0.95,
        at_max: 4,
        nonfinite: 1,
      },
    ]);
    expect(seriesOf('b')).toEqual([
      expect.objectContaining({ n: 7, last: 7, last_value: 0.7, min: 0.1, max: 0.7 }),
    ]);
    const s = decodeRunsTable(engine.runsTable()).runs.find((r) => r.name === 's');
    expect(s).toMatchObject({ lastStep: 6, points: 6 });
    file.append('s,7,loss,0.3\n');
    await engine.append(sourceId, file.blob());
    expect(sameStep()).toMatchObject({
      xStar: 7,
      student: 0.3,
      b: { method: 'exact', value: 0.7 },
    });
    expect(seriesOf('s')[0]).toMatchObject({ n: 7, last_value: 0.3, min: 0.3, at_min: 7 });
  });

  it('still finds a repeated step in an append and keeps its later value', async () => {
    const { file, sourceId } = await watchedTable();
    file.append('s,3,loss,0.3\ns,4,loss,0.8\n');
    expect(await engine.append(sourceId, file.blob())).toMatchObject({ points: 1 });
    expect(seriesOf('s')).toEqual([
      {
        n: 4,
        first: 1,
        last: 4,
        last_value: 0.8,
        min: 0.3,
        at_min: 3,
        max: 0.9,
        at_max: 1,
        nonfinite: 0,
      },
    ]);
    expect(
      engine.rows(`SELECT step::INTEGER AS step, value FROM metrics WHERE run_id = ${runIdOf('s')}
                   ORDER BY step`),
    ).toEqual([
      { step: 1, value: 0.9 },
      { step: 2, value: 0.5 },
      { step: 3, value: 0.3 },
      { step: 4, value: 0.8 },
    ]);
    const s = decodeRunsTable(engine.runsTable()).runs.find((r) => r.name === 's');
    expect(s).toMatchObject({ lastStep: 4, points: 4 });
    expect(sameStep()).toMatchObject({
      xStar: 4,
      student: 0.8,
      b: { method: 'exact', value: 0.4 },
    });
    expect(engine.sources()[0].report?.warnings.join(' ')).toMatch(/repeat a step/);
  });
});
