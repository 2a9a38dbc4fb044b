/**
 * The MLflow UI's "Download CSV" names its parameter, metric and tag columns bare, with nothing to
 * say which is which. What the UI does fix (mlflow/server/js `runInfosToCsv`): parameters first,
 * then metrics, then tags; parameter and metric names each sorted (JavaScript's default sort), tags
 * in the order they were met; metric values written by JavaScript's `String(number)`. This module
 * reads the columns back from those facts alone.
 */

import { parseNumberText } from '../csv/numbers';

export type UiColumnKind = 'param' | 'metric' | 'tag';

/**
 * Newer UIs put `'` before a value starting with `= + - @` (a guard against spreadsheet formulas).
 * Where the rest is a number (`'-0.5`) the guard is removed; other values are kept as written.
 */
export function unguard(text: string): string {
  if (
    text.length > 1 &&
    text[0] === "'" &&
    '=+-@'.includes(text[1]) &&
    parseNumberText(text.slice(1)) !== undefined
  ) {
    return text.slice(1);
  }
  return text;
}

/** True for text JavaScript writes for a number: `0.1`, `891`, `1e-7`, `NaN`, `-Infinity`; not `1.0` or `1e-06`. */
export function isJsNumberText(text: string): boolean {
  return text !== '' && String(Number(text)) === text;
}

/**
 * Parameters run up to the first name that breaks the sorted order (a group boundary; equal names
 * are one too, since a key is unique within its group). From there, columns are metrics while every
 * value is a JavaScript number and the names stay sorted; the rest are tags. Where the order shows
 * no boundary, nothing marks where parameters end, so they are all read as parameters.
 */
export function classifyUiColumns(
  names: readonly string[],
  values: readonly (readonly string[])[],
): UiColumnKind[] {
  const n = names.length;
  let boundary = n;
  for (let i = 1; i < n; i++) {
    if (names[i] <= names[i - 1]) {
      boundary = i;
      break;
    }
  }
  const kinds: UiColumnKind[] = names.map(() => 'param');
  let i = boundary;
  while (
    i < n &&
    (i === boundary || names[i] > names[i - 1]) &&
    values[i].every((v) => v === '' || isJsNumberText(v))
  ) {
    kinds[i++] = 'metric';
  }
  for (; i < n; i++) kinds[i] = 'tag';
  return kinds;
}
