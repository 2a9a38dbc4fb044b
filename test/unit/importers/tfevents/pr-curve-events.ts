/** Event files holding `pr_curves` values, built by hand for the importer, engine and e2e tests. */

import { concatBytes, fileVersionEvent, frame, pb } from './reference';

/** Counts per threshold (thresholds evenly spaced over [0, 1], lowest first). */
export interface Counts {
  tp: number[];
  fp: number[];
  tn: number[];
  fn: number[];
}

/** TensorBoard's rows: precision = TP / max(TP + FP, 1), recall = TP / max(TP + FN, 1). */
function rows(c: Counts): number[] {
  const precision = c.tp.map((tp, i) => tp / Math.max(tp + c.fp[i], 1));
  const recall = c.tp.map((tp, i) => tp / Math.max(tp + c.fn[i], 1));
  return [...c.tp, ...c.fp, ...c.tn, ...c.fn, ...precision, ...recall];
}

function floats(values: number[]): number[] {
  const b = new Uint8Array(4 * values.length);
  const view = new DataView(b.buffer);
  values.forEach((v, i) => view.setFloat32(4 * i, v, true));
  return Array.from(b);
}

/**
 * One `pr_curves` value as `tf.summary.pr_curve` writes it: metadata naming the plugin (with its
 * `PrCurvePluginData { version = 1; num_thresholds = 2; }`), a 6×T DT_FLOAT tensor in
 * `tensor_content`, or in packed `float_val` when `asFloatVal`.
 */
export function prCurveEvent(tag: string, step: number, c: Counts, asFloatVal = false): number[] {
  const t = c.tp.length;
  const values = rows(c);
  const tensor = [
    ...pb.varint(1, 1),
    ...pb.bytes(2, [...pb.bytes(2, pb.varint(1, 6)), ...pb.bytes(2, pb.varint(1, t))]),
    ...(asFloatVal ? pb.bytes(5, floats(values)) : pb.bytes(4, floats(values))),
  ];
  const metadata = pb.bytes(1, [
    ...pb.string(1, 'pr_curves'),
    ...pb.bytes(2, [...pb.varint(1, 0), ...pb.varint(2, t)]),
  ]);
  return [
    ...pb.double(1, 1_700_000_000 + step),
    ...pb.varint(2, step),
    ...pb.bytes(
      5,
      pb.bytes(1, [...pb.string(1, tag), ...pb.bytes(9, metadata), ...pb.bytes(8, tensor)]),
    ),
  ];
}

/** A whole event file of these events, after the file-version record. */
export function prCurveFile(events: number[][]): Uint8Array {
  return concatBytes([fileVersionEvent(1_700_000_000), ...events].map((e) => frame(e)));
}

/*
 * Ten examples, 4 positive and 6 negative, at the thresholds 0, .25, .5, .75, 1.
 *
 * A at step 2 (and `good` below): from the highest threshold down, TP+FP = 0 at 1 (left out of
 * PR); (R, P) = (.5, 1), (.75, .75), (1, 4/7), (1, .4). AP = .5·1 + .25·.75 + .25·4/7 + 0·.4
 * = .5 + .1875 + 1/7 = 0.830357… ROC: (0,0) (0,0) (0,.5) (1/6,.75) (.5,1) (1,1);
 * AUC = 0 + 0 + (1/6)(1.25)/2 + (1/3)(1.75)/2 + (.5)(2)/2 = 5/48 + 14/48 + 24/48 = 43/48.
 *
 * B at step 3 (`fair`): (R, P) = (.25, 1), (.5, 2/3), (.75, .6), (1, .4);
 * AP = .25 + 1/6 + .15 + .1 = 2/3. ROC: (0,0) (0,0) (0,.25) (1/6,.5) (1/3,.75) (1,1);
 * AUC = (1/6)(.75)/2 + (1/6)(1.25)/2 + (2/3)(1.75)/2 = .0625 + .1041… + .5833… = .75.
 *
 * Both at step 1 (`chance`): only the thresholds 0 and .25 predict anything, (R, P) = (.5, .4),
 * (1, .4); AP = .2 + .2 = .4. ROC: (0,0) ×4, (.5,.5), (1,1); AUC = .125 + .375 = .5.
 */
export const good: Counts = {
  tp: [4, 4, 3, 2, 0],
  fp: [6, 3, 1, 0, 0],
  tn: [0, 3, 5, 6, 6],
  fn: [0, 0, 1, 2, 4],
};
export const fair: Counts = {
  tp: [4, 3, 2, 1, 0],
  fp: [6, 2, 1, 0, 0],
  tn: [0, 4, 5, 6, 6],
  fn: [0, 1, 2, 3, 4],
};
export const chance: Counts = {
  tp: [4, 2, 0, 0, 0],
  fp: [6, 3, 0, 0, 0],
  tn: [0, 3, 6, 6, 6],
  fn: [0, 2, 4, 4, 4],
};
