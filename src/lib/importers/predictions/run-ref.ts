/**
 * The run a predictions file belongs to when it has no run column: its name without the
 * "predictions" part (`predictions_run-a.csv`, `run-a.preds.jsonl`), or its folder's name when
 * that is all the name says (`run-a/eval_predictions.csv`).
 */

const EXTENSION = /\.(csv|tsv|txt|json|jsonl|ndjson)$/i;
const WORD = '(?:(?:eval|val|valid|validation|test|dev)[_.-])?(?:predictions|preds|pred|outputs)';
const ONLY_WORD = new RegExp(`^${WORD}$`, 'i');
const AFFIX = new RegExp(`^${WORD}[_.-]+|[_.-]+${WORD}$`, 'i');

export function runRefFromPath(path: string): string {
  const parts = path.split('/');
  const file = parts.pop() ?? path;
  const stem = file.replace(EXTENSION, '');
  if (ONLY_WORD.test(stem)) return parts.length > 0 ? parts[parts.length - 1] : stem;
  const cut = stem.replace(AFFIX, '');
  return cut === '' ? stem : cut;
}
