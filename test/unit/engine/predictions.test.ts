/**
 * Per-example predictions over real DuckDB: read from CSV and JSON Lines, linked to runs by name,
 * compared on their shared examples (McNemar and the paired bootstrap), bad rows said by line, and
 * gone with their file.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import { mcnemar } from '../../../src/lib/stats/mcnemar';
import { makeEngine, text } from '../helpers/engine';

let engine: Engine;
beforeEach(async () => {
  engine = await makeEngine();
});

const request = { resamples: 500, seed: 3, level: 0.95 };

/** 40 examples of 3 classes; run a wrong on every 4th, run b on every 5th. */
function predictionsCsv(wrongEvery: number, ids = 40): string {
  let csv = 'example_id,label,prediction,score\n';
  for (let i = 0; i < ids; i++) {
    const label = i % 3;
    const prediction = i % wrongEvery === 0 ? (label + 1) % 3 : label;
    csv += `ex-${i},${label},${prediction}.0,0.${i % 10}\n`;
  }
  return csv;
}

describe('per-example predictions', () => {
  it('draw ROC and PR curves of two classes’ scores, read as the positive class’s probability or as confidence', async () => {
    // 30 examples; a's score is P(yes), b's the confidence of its own prediction.
    let a = 'example_id,label,prediction,score\n';
    let b = a;
    const truth: number[] = [];
    const pa: number[] = [];
    for (let i = 0; i < 30; i++) {
      const label = i % 3 === 0 ? 'yes' : 'no';
      const p = ((i * 7) % 30) / 30;
      const yes = label === 'yes' ? Math.min(1, p + 0.4) : p * 0.8;
      truth.push(label === 'yes' ? 1 : 0);
      pa.push(yes);
      a += `e${i},${label},${yes >= 0.5 ? 'yes' : 'no'},${yes}\n`;
      const predicted = yes >= 0.45 ? 'yes' : 'no';
      b += `e${i},${label},${predicted},${predicted === 'yes' ? Math.max(yes, 0.5) : Math.max(1 - yes, 0.5)}\n`;
    }
    await engine.ingest(text('run-a/predictions.csv', a));
    await engine.ingest(text('run-b/predictions.csv', b));
    const r = engine.scoreCurves({ runRefs: ['run-a', 'run-b'], positiveClass: null, ...request });
    expect(r.note).toBeNull();
    expect(r.positiveClass).toBe('yes');
    expect(r.runs.map((c) => c.source)).toEqual(['positive', 'confidence']);
    const { scoreCurves } = await import('../../../src/lib/stats/roc');
    expect(r.runs[0].auc.auc).toBeCloseTo(
      scoreCurves(Uint8Array.from(truth), Float64Array.from(pa)).auc,
      12,
    );
    expect(r.positives).toBe(10);
  });

  it('resample a set too large to redraw example by example by its cells, and say so', async () => {
    const n = 210_000;
    await engine.ingest(text('run-a/predictions.csv', predictionsCsv(4, n)));
    await engine.ingest(text('run-b/predictions.csv', predictionsCsv(5, n)));
    const r = engine.comparePredictions({ a: 'run-a', b: 'run-b', ...request, resamples: 300 });
    expect(r.bootstrap).toBe('poisson-cells');
    expect(r.resamples).toBe(300);
    const wrong = (every: number) => Math.ceil(n / every);
    expect(r.accuracy.a).toBe((n - wrong(4)) / n);
    expect(r.accuracy.b).toBe((n - wrong(5)) / n);
    expect(r.accuracy.interval?.lo).toBeLessThan(r.accuracy.difference);
    expect(r.accuracy.interval?.hi).toBeGreaterThan(r.accuracy.difference);
  });

  it('break the comparison down by class, with both confusion matrices', async () => {
    await engine.ingest(text('run-a/predictions.csv', predictionsCsv(4)));
    await engine.ingest(text('run-b/predictions.csv', predictionsCsv(5, 50)));
    const r = engine.comparePredictions({ a: 'run-a', b: 'run-b', ...request });
    const k = r.classNames.length;
    expect([...r.classNames].sort()).toEqual(['0', '1', '2']);
    // Counted straight from the rule that made the files: run a is wrong on every 4th example, b
    // on every 5th, and a wrong answer is the next class.
    for (const [run, every, confusion] of [
      ['a', 4, r.breakdown.confusionA],
      ['b', 5, r.breakdown.confusionB],
    ] as const) {
      const expected = new Float64Array(k * (k + 1));
      for (let i = 0; i < 40; i++) {
        const label = i % 3;
        const predicted = i % every === 0 ? (label + 1) % 3 : label;
        const row = r.classNames.indexOf(String(label));
        const column = r.classNames.indexOf(String(predicted));
        expected[row * (k + 1) + column]++;
      }
      expect([...confusion], run).toEqual([...expected]);
    }
    for (const row of r.breakdown.rows) {
      const name = Number(r.classNames[row.cls]);
      const ofClass = [...Array(40).keys()].filter((i) => i % 3 === name);
      expect(row.support).toBe(ofClass.length);
      expect(row.a.recall).toBe(ofClass.filter((i) => i % 4 !== 0).length / ofClass.length);
      expect(row.b.recall).toBe(ofClass.filter((i) => i % 5 !== 0).length / ofClass.length);
    }
    expect(r.breakdown.resamples).toBe(500);
  });

  it('are read from a file named after its run and linked to that run', async () => {
    await engine.ingest(text('runs.csv', 'run,params.lr\nrun-a,0.1\nrun-b,0.2\n'));
    const report = await engine.ingest(text('predictions_run-a.csv', predictionsCsv(4)));
    expect(report.status).toBe('loaded');
    expect(report.message).toBe('Per-example predictions (CSV): 40 examples of run "run-a".');
    const [set] = engine.predictionSets();
    const runA = engine.rows<{ run_id: number }>("SELECT run_id FROM runs WHERE name = 'run-a'")[0];
    expect(set).toMatchObject({ runRef: 'run-a', runId: runA.run_id, examples: 40 });
  });

  it('compare two runs on their shared examples, with McNemar on the discordant pairs', async () => {
    await engine.ingest(text('run-a/predictions.csv', predictionsCsv(4)));
    await engine.ingest(text('run-b/predictions.csv', predictionsCsv(5, 50)));
    const r = engine.comparePredictions({ a: 'run-a', b: 'run-b', ...request });
    expect(r).toMatchObject({ shared: 40, onlyA: 0, onlyB: 10, labelsDisagree: 0, classes: 3 });
    const curves = engine.scoreCurves({ runRefs: null, positiveClass: null, ...request });
    expect(curves.runs).toEqual([]);
    expect(curves.note).toMatch(/^One-vs-rest curves of 3 classes need a score per class/);
    // Of i in 0..39: a is wrong on multiples of 4 (10), b on multiples of 5 (8), both on 0 and 20.
    expect(r.accuracy.a).toBe(30 / 40);
    expect(r.accuracy.b).toBe(32 / 40);
    expect(r.mcnemar).toEqual(mcnemar(6, 8));
    expect(r.mcnemar?.method).toBe('exact binomial');
    expect(r.accuracy.interval?.lo).toBeLessThan(r.accuracy.difference);
    expect(r.accuracy.interval?.hi).toBeGreaterThan(r.accuracy.difference);
    // Seeded: the same request, the same intervals.
    const again = engine.comparePredictions({ a: 'run-a', b: 'run-b', ...request });
    expect(again.macroF1).toEqual(r.macroF1);
  });

  it('reads JSON Lines with a run column, and leaves out examples whose labels disagree', async () => {
    const lines = [
      { run: 'x', id: 1, target: 'cat', pred: 'cat' },
      { run: 'x', id: 2, target: 'dog', pred: 'cat' },
      { run: 'y', id: 1, target: 'cat', pred: 'dog' },
      { run: 'y', id: 2, target: 'bird', pred: 'dog' },
    ];
    const report = await engine.ingest(
      text('preds.jsonl', lines.map((l) => JSON.stringify(l)).join('\n')),
    );
    expect(report.status).toBe('loaded');
    expect(engine.predictionSets().map((s) => [s.runRef, s.examples, s.runId])).toEqual([
      ['x', 2, null],
      ['y', 2, null],
    ]);
    expect(engine.predictionSets()[0].unlinked).toContain('no loaded run');
    const r = engine.comparePredictions({ a: 'x', b: 'y', ...request });
    expect(r).toMatchObject({ shared: 1, labelsDisagree: 1 });
    expect(r.mcnemar).toMatchObject({ b: 1, c: 0 });
  });

  it('rejects rows without an id or repeating one, by line, and keeps the others', async () => {
    const csv = 'id,y_true,y_pred\n1,a,a\n,b,b\n2,b,a\n1,a,b\n';
    const report = await engine.ingest(text('model_predictions.csv', csv));
    expect(report.status).toBe('partial');
    expect(report.report?.rejections).toEqual([
      { reason: 'no example id', lines: [3], count: 1 },
      {
        reason: 'the example id repeats for the same run (the first row was kept)',
        lines: [5],
        count: 1,
      },
    ]);
    expect(engine.predictionSets()).toMatchObject([{ runRef: 'model', examples: 2 }]);
  });

  it('break the comparison down by each segment column of the files, value by value', async () => {
    // 60 examples of 3 classes, half English, half German; a note column of free text and a
    // constant one are not segments. a is wrong on every 4th; b on every 4th English example
    // and on every 3rd German one.
    const lang = (i: number) => (i < 30 ? 'en' : 'de');
    const wrongA = (i: number) => i % 4 === 0;
    const wrongB = (i: number) => (lang(i) === 'en' ? i % 4 === 0 : i % 3 === 0);
    const file = (wrong: (i: number) => boolean) => {
      let csv = 'example_id,label,prediction,language,note,split\n';
      for (let i = 0; i < 60; i++) {
        const label = i % 3;
        const prediction = wrong(i) ? (label + 1) % 3 : label;
        csv += `ex-${i},${label},${prediction},${lang(i)},"free text ${i}",val\n`;
      }
      return csv;
    };
    const report = await engine.ingest(text('run-a/predictions.csv', file(wrongA)));
    expect(report.message).toMatch(/^Per-example predictions \(CSV, by language\)/);
    expect(report.report?.warnings).toContain(
      'Columns not read as segments: note (more than 50 values); split (one value only).',
    );
    await engine.ingest(text('run-b/predictions.csv', file(wrongB)));
    const r = engine.comparePredictions({ a: 'run-a', b: 'run-b', ...request });
    expect(r.segments.map((s) => s.segment)).toEqual(['language']);
    const rows = r.segments[0].rows;
    // Counted by hand: English a 22/30 right, b 22/30; German a 23/30 (ids 32,36,…,56 wrong), b 20/30.
    const accuracy = (wrong: (i: number) => boolean, l: string) => {
      const ids = Array.from({ length: 60 }, (_, i) => i).filter((i) => lang(i) === l);
      return ids.filter((i) => !wrong(i)).length / ids.length;
    };
    expect(rows.map((row) => row.value)).toEqual(['de', 'en']);
    for (const row of rows) {
      const l = row.value ?? '';
      expect(row.examples).toBe(30);
      expect(row.accuracy.a).toBeCloseTo(accuracy(wrongA, l), 12);
      expect(row.accuracy.b).toBeCloseTo(accuracy(wrongB, l), 12);
    }
    expect(rows[0].accuracy.difference).toBeCloseTo(20 / 30 - 23 / 30, 12);
    expect(rows[1].accuracy.difference).toBe(0);
    const de = rows[0].accuracy.interval;
    expect(de?.lo).toBeLessThan(rows[0].accuracy.difference);
    expect(de?.hi).toBeGreaterThan(rows[0].accuracy.difference);
    // The same seed gives the same intervals.
    const again = engine.comparePredictions({ a: 'run-a', b: 'run-b', ...request });
    expect(again.segments).toEqual(r.segments);
  });

  it('go with the file they came from', async () => {
    const report = await engine.ingest(
      text(
        'run-a/predictions.csv',
        'id,label,prediction,prob_0,prob_1\n1,0,0,0.8,0.2\n2,1,1,0.3,0.7\n',
      ),
    );
    expect(engine.rows('SELECT count(*)::INTEGER AS n FROM prediction_class_scores')).toEqual([
      { n: 4 },
    ]);
    expect(engine.predictionSets()).toHaveLength(1);
    engine.remove(report.sourceId);
    expect(engine.predictionSets()).toEqual([]);
    expect(engine.rows('SELECT * FROM predictions')).toEqual([]);
    expect(engine.rows('SELECT * FROM prediction_segments')).toEqual([]);
    expect(engine.rows('SELECT * FROM prediction_class_scores')).toEqual([]);
  });
});
