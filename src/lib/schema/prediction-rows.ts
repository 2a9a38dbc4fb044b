/** Rows of `predictions`, written as Arrow with the rest of a file's rows. */

import { makeVector, Table, tableToIPC } from 'apache-arrow';
import type {
  PredictionClassScoreRows,
  PredictionRow,
  PredictionSegmentRows,
} from '../importers/types';
import { int32Vector, nullableFloat64, utf8Vector } from './arrow-columns';

/** Arrow IPC for rows of `predictions`, columns in the table's order. */
export function predictionsIPC(sourceId: number, rows: readonly PredictionRow[]): Uint8Array {
  return tableToIPC(
    new Table({
      source_id: int32Vector(new Int32Array(rows.length).fill(sourceId)),
      run_ref: utf8Vector(rows.map((r) => r.runRef)),
      example_id: utf8Vector(rows.map((r) => r.exampleId)),
      label: utf8Vector(rows.map((r) => r.label)),
      prediction: utf8Vector(rows.map((r) => r.prediction)),
      score: nullableFloat64(rows.map((r) => r.score)),
    }),
    'stream',
  );
}

/** Arrow IPC for rows of `prediction_segments`, columns in the table's order. */
export function predictionSegmentsIPC(sourceId: number, rows: PredictionSegmentRows): Uint8Array {
  const n = rows.values.length;
  return tableToIPC(
    new Table({
      source_id: int32Vector(new Int32Array(n).fill(sourceId)),
      run_ref: utf8Vector(rows.runRefs),
      example_id: utf8Vector(rows.exampleIds),
      segment: utf8Vector(new Array<string>(n).fill(rows.segment)),
      value: utf8Vector(rows.values),
    }),
    'stream',
  );
}

/** Arrow IPC for rows of `prediction_class_scores`: one row per example and class given a score. */
export function predictionClassScoresIPC(
  sourceId: number,
  rows: PredictionClassScoreRows,
): Uint8Array {
  const k = rows.classes.length;
  const runRefs: string[] = [];
  const exampleIds: string[] = [];
  const classes: string[] = [];
  const scores: number[] = [];
  for (let i = 0; i < rows.exampleIds.length; i++)
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
