/**
 * The columns of a per-example predictions table: which one is the example id, the true label, the
 * model's prediction, its score, and the run. Names as the common exporters write them
 * (scikit-learn's y_true/y_pred, Hugging Face's label/prediction, plain id/target/pred).
 */

const NAMES = {
  id: ['example_id', 'id', 'example', 'sample_id', 'sample', 'uid', 'guid', 'idx', 'index', 'qid'],
  label: ['label', 'labels', 'target', 'y_true', 'true_label', 'gold', 'ground_truth', 'truth'],
  prediction: ['prediction', 'predictions', 'pred', 'predicted', 'predicted_label', 'y_pred'],
  score: ['score', 'y_score', 'prob', 'probability', 'confidence'],
  run: ['run', 'run_id', 'run_name', 'run_key'],
} as const;

export interface PredictionColumns {
  /** -1 when the table has none: examples are then numbered by row. */
  id: number;
  label: number;
  prediction: number;
  score: number;
  run: number;
}

const normalize = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s.-]+/g, '_');

function find(columns: readonly string[], role: keyof typeof NAMES): number {
  const normalized = columns.map(normalize);
  for (const name of NAMES[role]) {
    const at = normalized.indexOf(name);
    if (at >= 0) return at;
  }
  return -1;
}

/** The roles found, or null unless there are both a label and a prediction column. */
export function predictionColumns(columns: readonly string[]): PredictionColumns | null {
  const label = find(columns, 'label');
  const prediction = find(columns, 'prediction');
  if (label < 0 || prediction < 0) return null;
  return {
    id: find(columns, 'id'),
    label,
    prediction,
    score: find(columns, 'score'),
    run: find(columns, 'run'),
  };
}

/** The keys of a JSON record in the file's first bytes, for sniffing without parsing it all. */
export function firstRecordKeys(headText: string): string[] {
  const start = headText.search(/\{/);
  if (start < 0) return [];
  const end = headText.indexOf('}', start);
  const record = headText.slice(start, end < 0 ? undefined : end);
  return [...record.matchAll(/"((?:[^"\\]|\\.)*)"\s*:/g)].map((m) => m[1]);
}
