/** Debug samples: images, audio and text a run logged at an iteration, found in a dropped folder. */

export type SampleKind = 'image' | 'audio' | 'text';

/** Where a sample's run lies: a W&B run id, else the run's folder as dropped. */
export interface SampleRunRef {
  /** `wandb:<id>` or `dir:<folder>`: the key the importers give the same run. */
  runKey: string;
  /** The folder, for a run no importer loaded (shown as the column's name). */
  folder: string;
}

/** One sample: what it shows (`key`, e.g. `val/examples`), at which iteration, of which run. */
export interface Sample {
  kind: SampleKind;
  key: string;
  step: number;
  run: SampleRunRef;
  /** The file it came from, as dropped (an event file for TensorBoard samples). */
  file: string;
  /** The sample's bytes, unread: a dropped file or a slice of one. */
  blob: Blob;
  mime: string;
}
