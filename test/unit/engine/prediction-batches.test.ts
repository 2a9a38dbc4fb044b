/**
 * Per-example predictions travel and are stored as column batches: a file longer than one batch
 * is stored whole and exactly (runs, ids, missing labels and scores, text of any script), and the
 * parser worker's sink hands each batch over at once, its arrays transferred, counted in flight.
 */
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../../src/lib/engine/db';
import { InFlight, type JobMessage } from '../../../src/lib/importers/csv/parse-protocol';
import { RecordingSink } from '../../../src/lib/importers/csv/recording-sink';
import {
  PREDICTION_BATCH_ROWS,
  PredictionBatcher,
} from '../../../src/lib/importers/predictions/batcher';
import { makeEngine, text } from '../helpers/engine';

const CLASSES = ['cat', 'chat 🐱', 'Hund'];

/** Row i: run r{i % 3}, label missing every 7th, score missing every 11th. */
function rowOf(i: number) {
  return {
    run: `r${i % 3}`,
    id: `ex-${i}`,
    label: i % 7 === 0 ? null : CLASSES[i % 3],
    prediction: CLASSES[(i * 5) % 3],
    score: i % 11 === 0 ? null : (i % 1000) / 1000 + 0.1 + 0.2,
  };
}

describe('prediction batches', () => {
  it('store a file of more examples than one batch whole and exactly', async () => {
    const n = PREDICTION_BATCH_ROWS + 4_465;
    let csv = 'run,example_id,label,prediction,score\n';
    for (let i = 0; i < n; i++) {
      const r = rowOf(i);
      csv += `${r.run},${r.id},${r.label ?? ''},${r.prediction},${r.score ?? ''}\n`;
    }
    const engine = await makeEngine();
    await engine.ingest(text('predictions.csv', csv));
    const stored = queryRows<{
      run_ref: string;
      example_id: string;
      label: string | null;
      prediction: string;
      score: number | null;
    }>(engine.db, 'SELECT run_ref, example_id, label, prediction, score FROM predictions');
    expect(stored.length).toBe(n);
    const byId = new Map(stored.map((s) => [s.example_id, s]));
    for (const i of [0, 1, 7, 11, PREDICTION_BATCH_ROWS - 1, PREDICTION_BATCH_ROWS, n - 1]) {
      const r = rowOf(i);
      expect(byId.get(r.id)).toEqual({
        run_ref: r.run,
        example_id: r.id,
        label: r.label,
        prediction: r.prediction,
        score: r.score,
      });
    }
    const counts = queryRows<{ labels: number; scores: number; runs: number }>(
      engine.db,
      'SELECT count(label)::INT AS labels, count(score)::INT AS scores, count(DISTINCT run_ref)::INT AS runs FROM predictions',
    )[0];
    const expected = (every: number) => n - Math.ceil(n / every);
    expect(counts).toEqual({ labels: expected(7), scores: expected(11), runs: 3 });
  });

  it('are handed over by the parser worker’s sink one by one, arrays transferred', async () => {
    const posted: { message: JobMessage; transfer: Transferable[] }[] = [];
    const inFlight = new InFlight();
    const sink = new RecordingSink(
      (message, transfer) => posted.push({ message, transfer }),
      inFlight,
    );
    const batcher = new PredictionBatcher(sink, 3);
    for (let i = 0; i < 7; i++) {
      const r = rowOf(i);
      batcher.add(r.run, r.id, r.label, r.prediction, r.score);
    }
    batcher.flush();
    expect(posted.map((p) => p.message.type)).toEqual(['batch', 'batch', 'batch']);
    const batches = posted.map(({ message }) => {
      if (message.type !== 'batch' || message.ops[0].op !== 'predictions')
        throw new Error('no batch');
      return message.ops[0].batch;
    });
    expect(batches.map((b) => b.length)).toEqual([3, 3, 1]);
    const decoded = batches.flatMap((b) =>
      Array.from({ length: b.length }, (_, i) => ({
        run: b.runRefs[b.run[i]],
        id: b.exampleIds[i],
        label: b.label[i] < 0 ? null : b.classes[b.label[i]],
        prediction: b.classes[b.prediction[i]],
        score: b.scored[i] ? b.score[i] : null,
      })),
    );
    expect(decoded).toEqual(Array.from({ length: 7 }, (_, i) => rowOf(i)));
    // Each batch's five arrays go across without a copy.
    expect(posted.map((p) => p.transfer.length)).toEqual([5, 5, 5]);
    // Three batches sent and none acknowledged: the importer would wait before reading on.
    let ready = false;
    void inFlight.ready().then(() => (ready = true));
    await Promise.resolve();
    expect(ready).toBe(false);
    inFlight.acknowledged(null);
    inFlight.acknowledged(null);
    await new Promise((r) => setTimeout(r, 0));
    expect(ready).toBe(true);
  });
});
