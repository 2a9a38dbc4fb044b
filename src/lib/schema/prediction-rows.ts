/** Rows of `predictions`, written as Arrow with the rest of a file's rows. */

import { makeVector, Table, tableToIPC } from 'apache-arrow';
import type {
  PredictionClassScoreRows,
  PredictionBatch,
  PredictionSegmentRows,
} from '../importers/types';
import { codedUtf8Vector, float64Vector, int32Vector, utf8Vector } from './arrow-columns';

/** Arrow IPC for a batch of `predictions` rows, columns in the table's order. */
export function predictionsIPC(sourceId: number, batch: PredictionBatch): Uint8Array {
  const n = batch.length;
  return tableToIPC(
    new Table({
      source_id: int32Vector(new Int32Array(n).fill(sourceId)),
      run_ref: codedUtf8Vector(batch.run, batch.runRefs, n),
      example_id: utf8Vector(batch.exampleIds),
      label: codedUtf8Vector(batch.label, batch.classes, n),
      prediction: codedUtf8Vector(batch.prediction, batch.classes, n),
      score: float64Vector(batch.score, batch.scored, n),
    }),
    'stream',
  );
}

/** Arrow IPC for rows `start` to `end` of `prediction_segments`, columns in the table's order. */
export function predictionSegmentsIPC(
  sourceId: number,
  rows: PredictionSegmentRows,
  start = 0,
  end = rows.values.length,
): Uint8Array {
  const n = end - start;
  return tableToIPC(
    new Table({
      source_id: int32Vector(new Int32Array(n).fill(sourceId)),
      run_ref: utf8Vector(rows.runRefs.slice(start, end)),
      example_id: utf8Vector(rows.exampleIds.slice(start, end)),
      segment: utf8Vector(new Array<string>(n).fill(rows.segment)),
      value: utf8Vector(rows.values.slice(start, end)),
    }),
    'stream',
  );
}

/**
 * Arrow IPC for examples `start` to `end` of `prediction_class_scores`: one row per example and
 * class given a score.
 */
export function predictionClassScoresIPC(
  sourceId: number,
  rows: PredictionClassScoreRows,
  start = 0,
  end = rows.exampleIds.length,
): Uint8Array {
  const k = rows.classes.length;
  const runRefs: string[] = [];
  const exampleIds: string[] = [];
  const classes: string[] = [];
  const scores: number[] = [];
  for (let i = start; i < end; i++)
    for (let j = 0; j < k; j++) {
      const score = rows.scores[i * k + j];
      if (Number.isNaN(score)) continue;
      runRefs.push(rows.runRefs[i]);
      exampleIds.push(rows.exampleIds[i]);
      classes.push(rows.classes[j]);
      scores.push(score);
    }
  return tableToIPC(
    new Table({
      source_id: int32Vector(new Int32Array(scores.length).fill(sourceId)),
      run_ref: utf8Vector(runRefs),
      example_id: utf8Vector(exampleIds),
      class: utf8Vector(classes),
      score: makeVector(Float64Array.from(scores)),
    }),
    'stream',
  );
}

/** `[start, end)` slices of `length` rows, each at most `size` long. */
export function* slices(length: number, size: number): Generator<[number, number]> {
  for (let start = 0; start < length; start += size) yield [start, Math.min(length, start + size)];
}
