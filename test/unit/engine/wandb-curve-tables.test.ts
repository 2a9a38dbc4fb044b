/**
 * W&B curve tables (`wandb.plot.pr_curve`, `roc_curve` → `media/table/*.table.json`) read as
 * tracker curves of their run, one per class, at the step their file name gives. Areas computed
 * by hand from the points in test/fixtures/synthetic/wandb/run-20261201_101010-a1b2c3d4/.
 */

import { describe, expect, it } from 'vitest';
import { makeEngine, fixture } from '../helpers/engine';

const TABLES = 'synthetic/wandb/run-20261201_101010-a1b2c3d4/files/media/table';
const PR = `${TABLES}/pr_curve_table_40_0f3a9c1e5b7d2a4c6e81.table.json`;
const ROC = `${TABLES}/roc_table_40_9b2d7c4e1a6f3b8d5c02.table.json`;
const OTHER = `${TABLES}/samples_table_40_5e1c8a2b7d4f9e3a6b10.table.json`;

describe('W&B curve tables', () => {
  it('are each class’s curve of the run at the step in the file name, with AP and AUC over their points', async () => {
    const engine = await makeEngine();
    const pr = await engine.ingest(fixture(PR));
    const roc = await engine.ingest(fixture(ROC));
    expect([pr.status, roc.status]).toEqual(['loaded', 'loaded']);
    expect(pr.report?.format).toBe(
      'W&B precision–recall curve table (2 curves, key pr_curve_table, step 40)',
    );
    const r = engine.trackerCurves({});
    expect(r.tags).toEqual([
      { tag: 'pr_curve_table · cat', steps: [40] },
      { tag: 'pr_curve_table · dog', steps: [40] },
      { tag: 'roc_table · cat', steps: [40] },
    ]);
    const [cat] = r.runs;
    expect(cat.runKey).toBe('wandb:a1b2c3d4');
    expect(cat.source).toBe('wandb');
    // Recall rising 0, 0.5, 1 at precision 1, 1, 0.5: AP = 0.5 · 1 + 0.5 · 0.5.
    expect(cat.ap).toBeCloseTo(0.75, 12);
    expect([...cat.recall]).toEqual([0, 0.5, 1]);
    expect(Number.isNaN(cat.auc)).toBe(true);
    // Dog: recall 0, 0.4, 1 at precision 1, 0.8, 0.6: AP = 0.4 · 0.8 + 0.6 · 0.6.
    expect(engine.trackerCurves({ tag: 'pr_curve_table · dog' }).runs[0].ap).toBeCloseTo(0.68, 12);
    const rocCat = engine.trackerCurves({ tag: 'roc_table · cat' }).runs[0];
    // Shuffled rows sorted along rising rates: (0,0) (0,.5) (.5,.5) (.5,1) (1,1), area .25 + .5.
    expect([...rocCat.fpr]).toEqual([0, 0, 0.5, 0.5, 1]);
    expect([...rocCat.tpr]).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(rocCat.auc).toBeCloseTo(0.75, 12);
    expect(Number.isNaN(rocCat.ap)).toBe(true);
  });

  it('say which table is not a curve, and what they read', async () => {
    const engine = await makeEngine();
    const other = await engine.ingest(fixture(OTHER));
    expect(other.status).toBe('failed');
    expect(other.message).toContain('A W&B table of image_id, caption: only curve tables are read');
    expect(engine.trackerCurves({}).tags).toEqual([]);
  });
});
