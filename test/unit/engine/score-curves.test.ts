/**
 * ROC and precision–recall curves of several runs over real DuckDB: per-class score columns read
 * from the files, one-vs-rest of a 3-class file, points and areas against hand computations, the
 * AP bootstrap seeded, and every left-out example counted.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import { makeEngine, text } from '../helpers/engine';

let engine: Engine;
beforeEach(async () => {
  engine = await makeEngine();
});

const request = { resamples: 400, seed: 7, level: 0.95 };
const curves = (runRefs: string[] | null, positiveClass: string | null = null) =>
  engine.scoreCurves({ runRefs, positiveClass, ...request });

/** AUC as the share of (positive, negative) pairs a score orders right, ties counted half. */
function pairsAuc(positive: boolean[], score: number[]): number {
  let right = 0;
  let pairs = 0;
  positive.forEach((p, i) => {
    if (!p) return;
    positive.forEach((q, j) => {
      if (q) return;
      pairs++;
      right += score[i] > score[j] ? 1 : score[i] === score[j] ? 0.5 : 0;
    });
  });
  return right / pairs;
}

describe('ROC and PR curves of several runs', () => {
  it('match scikit-learn’s documented example, and group tied scores into one threshold', async () => {
    // scikit-learn's docs (roc_curve, average_precision_score): y = [0, 0, 1, 1], scores
    // [0.1, 0.4, 0.35, 0.8] give fpr [0, 0, .5, .5, 1], tpr [0, .5, .5, 1, 1], AUC 0.75 and
    // AP 0.8333. By hand, thresholds from the top: 0.8 (a positive): R = .5, P = 1 → .5 × 1;
    // 0.4 (a negative): R stays; 0.35 (a positive): R = 1, P = 2/3 → .5 × 2/3; AP = 5/6.
    // Run b ties a negative and a positive at 0.5: that threshold takes both at once, R .5 → 1
    // at P = 2/3, so AP = .5 + .5 × 2/3 = 5/6 again, and AUC = (2 + 1 + ½) / 4 = 0.875.
    const file = (scores: number[]) =>
      'id,label,prediction,score\n' +
      [0, 0, 1, 1].map((y, i) => `e${i},${y},${scores[i] >= 0.5 ? 1 : 0},${scores[i]}`).join('\n');
    await engine.ingest(text('a/predictions.csv', file([0.1, 0.4, 0.35, 0.8])));
    await engine.ingest(text('b/predictions.csv', file([0.1, 0.5, 0.5, 0.8])));
    const r = curves(['a', 'b']);
    expect(r).toMatchObject({ positiveClass: '1', examples: 4, positives: 2, note: null });
    const [a, b] = r.runs;
    expect(Array.from(a.fpr)).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(Array.from(a.tpr)).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(a.auc.auc).toBe(0.75);
    expect(a.averagePrecision).toBeCloseTo(5 / 6, 12);
    expect(Array.from(b.fpr)).toEqual([0, 0, 0.5, 1]);
    expect(Array.from(b.tpr)).toEqual([0, 0.5, 1, 1]);
    expect(Array.from(b.precision)).toEqual([1, 1, 2 / 3, 0.5]);
    expect(b.auc.auc).toBe(0.875);
    expect(b.averagePrecision).toBeCloseTo(5 / 6, 12);
    // Exactly two runs: DeLong's paired difference is kept.
    expect(r.paired?.difference).toBeCloseTo(0.125, 12);
  });

  it('draw one-vs-rest curves of three runs of a 3-class file, from each file’s spelling of the class scores', async () => {
    const labels = ['cat', 'dog', 'fox', 'cat', 'dog', 'fox'];
    // Run a's P(cat); b and c give cat other scores, in other column spellings.
    const cat = {
      a: [0.7, 0.2, 0.1, 0.4, 0.5, 0.3],
      b: [0.6, 0.3, 0.2, 0.6, 0.1, 0.4],
      c: [0.2, 0.5, 0.3, 0.9, 0.4, 0.1],
    };
    const rows = (p: number[], names: [string, string, string]) =>
      `id,label,prediction,${names.join(',')}\n` +
      labels
        .map((y, i) => `x${i},${y},${y},${p[i]},${(1 - p[i]) / 2},${(1 - p[i]) / 2}`)
        .join('\n');
    const ra = await engine.ingest(
      text('a/predictions.csv', rows(cat.a, ['prob_cat', 'prob_dog', 'prob_fox'])),
    );
    await engine.ingest(text('b/predictions.csv', rows(cat.b, ['p.cat', 'p.dog', 'p.fox'])));
    await engine.ingest(
      text('c/predictions.csv', rows(cat.c, ['score_cat', 'score_dog', 'score_fox'])),
    );
    expect(ra.report?.format).toBe(
      'Per-example predictions (CSV; class scores from prob_cat, prob_dog, prob_fox)',
    );
    expect(
      engine.rows<{ n: number }>(
        "SELECT count(*)::INTEGER AS n FROM prediction_class_scores WHERE run_ref = 'b'",
      ),
    ).toEqual([{ n: 18 }]);
    const r = curves(null, 'cat');
    expect(r.classes).toEqual(['cat', 'dog', 'fox']);
    expect(r.scoredClasses).toEqual(['cat', 'dog', 'fox']);
    expect(r.runs.map((c) => [c.runRef, c.source])).toEqual([
      ['a', 'class-score'],
      ['b', 'class-score'],
      ['c', 'class-score'],
    ]);
    expect(r).toMatchObject({ examples: 6, positives: 2, paired: null });
    // Run a by hand, cat against the rest: scores from the top 0.7 (cat), 0.5, 0.4 (cat), 0.3,
    // 0.2, 0.1; ROC (0,0) (0,.5) (.25,.5) (.25,1) (.5,1) (.75,1) (1,1); AUC: 0.7 beats all four
    // others, 0.4 beats three, 7/8; AP = .5 × 1 + .5 × 2/3 = 5/6.
    const [a] = r.runs;
    expect(Array.from(a.fpr)).toEqual([0, 0, 0.25, 0.25, 0.5, 0.75, 1]);
    expect(Array.from(a.tpr)).toEqual([0, 0.5, 0.5, 1, 1, 1, 1]);
    expect(a.auc.auc).toBe(7 / 8);
    expect(a.averagePrecision).toBeCloseTo(5 / 6, 12);
    const isCat = labels.map((y) => y === 'cat');
    expect(r.runs[1].auc.auc).toBeCloseTo(pairsAuc(isCat, cat.b), 12);
    expect(r.runs[2].auc.auc).toBeCloseTo(pairsAuc(isCat, cat.c), 12);
    // Another class, one-vs-rest: dog's scores are (1 − P(cat)) / 2 in every file.
    const dog = curves(null, 'dog');
    expect(dog.positiveClass).toBe('dog');
    expect(dog.runs[0].auc.auc).toBeCloseTo(
      pairsAuc(
        labels.map((y) => y === 'dog'),
        cat.a.map((p) => (1 - p) / 2),
      ),
      12,
    );
  });

  it('read an array of class scores only when the classes are 0..k−1, and say why not otherwise', async () => {
    const lines = [
      { id: 1, label: 0, prediction: 0, probs: [0.7, 0.2, 0.1] },
      { id: 2, label: 1, prediction: 1, probs: [0.1, 0.8, 0.1] },
      { id: 3, label: 2, prediction: 1, probs: [0.2, 0.5, 0.3] },
    ];
    const r = await engine.ingest(
      text('m/preds.jsonl', lines.map((l) => JSON.stringify(l)).join('\n')),
    );
    expect(r.report?.format).toBe(
      'Per-example predictions (JSON Lines; class scores from probs (classes 0–2 in order))',
    );
    expect(
      engine.rows(
        "SELECT example_id, score FROM prediction_class_scores WHERE class = '1' ORDER BY 1",
      ),
    ).toEqual([
      { example_id: '1', score: 0.2 },
      { example_id: '2', score: 0.8 },
      { example_id: '3', score: 0.5 },
    ]);
    const named = lines.map((l) => ({ ...l, label: ['a', 'b', 'c'][l.label], prediction: 'a' }));
    const t = await engine.ingest(
      text('n/preds.jsonl', named.map((l) => JSON.stringify(l)).join('\n')),
    );
    expect(t.report?.warnings.join(' ')).toContain(
      'Column probs not read: it holds 3 numbers per example, but the classes are not the integers 0–2',
    );
    expect(
      engine.rows(`SELECT * FROM prediction_class_scores WHERE source_id = ${t.sourceId}`),
    ).toEqual([]);
  });

  it('bootstrap the AP with a seed: the same seed the same interval, around the estimate', async () => {
    let x = 99;
    const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    let csv = 'id,label,prediction,score\n';
    for (let i = 0; i < 300; i++) {
      const y = i % 4 === 0 ? 1 : 0;
      const s = Math.round((0.3 * y + 0.7 * next()) * 1000) / 1000;
      csv += `e${i},${y},${s >= 0.5 ? 1 : 0},${s}\n`;
    }
    await engine.ingest(text('s/predictions.csv', csv));
    const r = curves(['s']);
    const [run] = r.runs;
    expect(r.resamples).toBe(400);
    expect(run.apInterval).not.toBeNull();
    const { lo, hi } = run.apInterval ?? { lo: NaN, hi: NaN };
    expect(lo).toBeLessThan(run.averagePrecision);
    expect(hi).toBeGreaterThan(run.averagePrecision);
    expect(curves(['s']).runs[0].apInterval).toEqual(run.apInterval);
    const reseeded = engine.scoreCurves({
      ...request,
      runRefs: ['s'],
      positiveClass: null,
      seed: 8,
    });
    expect(reseeded.runs[0].apInterval).not.toEqual(run.apInterval);
    expect(run.auc.lo).toBeLessThan(run.auc.auc);
  });

  it('count the examples left out: not in every run, without a label, labels differing, no score', async () => {
    const a =
      'id,label,prediction,prob_0,prob_1\n1,0,0,.8,.2\n2,1,1,.3,.7\n3,1,1,.4,.6\n4,0,0,.9,.1\n5,,0,.9,.1\n6,0,0,.6,.4\n7,0,0,.5,.5\n';
    const b =
      'id,label,prediction,prob_0,prob_1\n1,0,0,.7,.3\n2,1,1,.2,.8\n3,1,0,.6,.4\n4,0,0,.8,.2\n5,0,0,.9,.1\n6,1,0,.6,.4\n7,0,0,,\n8,1,1,.1,.9\n';
    await engine.ingest(text('a/predictions.csv', a));
    await engine.ingest(text('b/predictions.csv', b));
    const r = curves(['a', 'b'], '1');
    expect(r).toMatchObject({
      examples: 4,
      notInEvery: 1,
      unlabelled: 1,
      labelsDisagree: 1,
      noScore: 1,
    });
  });
});
