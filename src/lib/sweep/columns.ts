/**
 * Sweep columns from key–value rows: a key whose every present value is a finite number becomes a
 * numeric column, one whose values are all true/false a boolean column, any other a categorical
 * column with every category it has. A run without the key keeps a missing value.
 */

import type { ColumnSource, NumericColumn, SweepColumn } from './types';

/** Key–value rows as columns, in any order; `num` is NaN where the value is not a number. */
export interface KeyValueColumns {
  runId: ArrayLike<number>;
  key: readonly (string | null)[];
  value: readonly (string | null)[];
  num: ArrayLike<number>;
}

/** A column per key, in key order. The rows need no sorting (DuckDB's sort by text cost ~90 ms). */
export function keyColumns(
  rows: KeyValueColumns,
  runIds: readonly number[],
  source: ColumnSource,
  options: { numericOnly?: boolean } = {},
): SweepColumn[] {
  const position = new Map(runIds.map((id, i) => [id, i]));
  const rowsOf = new Map<string, number[]>();
  for (let r = 0; r < rows.key.length; r++) {
    const key = rows.key[r] ?? '';
    let list = rowsOf.get(key);
    if (!list) rowsOf.set(key, (list = []));
    list.push(r);
  }
  const out: SweepColumn[] = [];
  for (const key of [...rowsOf.keys()].sort()) {
    const column = keyColumn(
      rows,
      key,
      rowsOf.get(key) ?? [],
      position,
      runIds.length,
      source,
      options,
    );
    if (column) out.push(column);
  }
  return out;
}

function keyColumn(
  rows: KeyValueColumns,
  key: string,
  keyRows: readonly number[],
  position: ReadonlyMap<number, number>,
  runs: number,
  source: ColumnSource,
  options: { numericOnly?: boolean },
): SweepColumn | null {
  const present: number[] = [];
  for (const r of keyRows) {
    const v = rows.value[r];
    if (v !== null && v !== '' && position.has(rows.runId[r])) present.push(r);
  }
  if (present.length === 0) return null;
  const id = `${source}:${key}`;
  const at = (r: number) => position.get(rows.runId[r]) as number;
  if (present.every((r) => Number.isFinite(rows.num[r]))) {
    const values = new Float64Array(runs).fill(NaN);
    for (const r of present) values[at(r)] = rows.num[r];
    return numericColumn(id, key, source, values);
  }
  if (options.numericOnly) return null;
  const texts = present.map((r) => rows.value[r] as string);
  const boolean = texts.every((t) => /^(true|false)$/i.test(t));
  const categories = boolean
    ? ['false', 'true'].filter((c) => texts.some((t) => t.toLowerCase() === c))
    : orderCategories(new Set(texts));
  const index = new Map(categories.map((c, i) => [c, i]));
  const codes = new Int32Array(runs).fill(-1);
  present.forEach((r, k) => {
    codes[at(r)] = index.get(boolean ? texts[k].toLowerCase() : texts[k]) as number;
  });
  return { id, label: key, source, type: boolean ? 'boolean' : 'categorical', categories, codes };
}

/** All present values positive and at least two decades apart (learning rates, weight decays). */
export function spansDecades(values: Float64Array): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    if (!(v > 0) || v === Infinity) return false;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi && hi / lo >= 100;
}

/** Numbers written as text by value first, then the other text naturally. */
function orderCategories(texts: ReadonlySet<string>): string[] {
  const collator = new Intl.Collator('en', { numeric: true });
  return [...texts].sort((a, b) => {
    const x = Number(a);
    const y = Number(b);
    const nx = a.trim() !== '' && Number.isFinite(x);
    const ny = b.trim() !== '' && Number.isFinite(y);
    if (nx && ny) return x - y || collator.compare(a, b);
    if (nx !== ny) return nx ? -1 : 1;
    return collator.compare(a, b);
  });
}

/** A numeric column from one value per run (NaN where missing). */
export function numericColumn(
  id: string,
  label: string,
  source: ColumnSource,
  values: Float64Array,
  direction?: NumericColumn['direction'],
): NumericColumn {
  return {
    id,
    label,
    source,
    type: 'numeric',
    values,
    logSuggested: spansDecades(values),
    direction,
  };
}
