/**
 * The sweep views' data (parallel coordinates, scatter, importance): one row per run, one column per
 * hyperparameter or metric. Columns are typed arrays indexed like `runIds`; a missing value is NaN
 * (numeric) or code −1 (categorical) and is kept, never dropped.
 */

import type { Direction } from '../schema/metric-roles';

/** Where a column's values come from. */
export type ColumnSource = 'param' | 'metric' | 'summary';

interface ColumnBase {
  /** Unique within a table, e.g. `param:lr`, `metric:val/acc`, `summary:accuracy`. */
  id: string;
  /** As shown on an axis or in a legend: the key or metric name. */
  label: string;
  source: ColumnSource;
  /** For metrics and summary values: which way is better. */
  direction?: Direction;
}

export interface NumericColumn extends ColumnBase {
  type: 'numeric';
  /** One per run; NaN where the run has no value. ±Infinity are values (shown at the axis ends). */
  values: Float64Array;
  /** Every present value is > 0 and they span at least two decades (learning rates): a log axis fits. */
  logSuggested: boolean;
}

export interface CategoricalColumn extends ColumnBase {
  /** `boolean` columns have the categories "false" and "true" (in that order) when both occur. */
  type: 'categorical' | 'boolean';
  /** Every category that occurs, in display order (numbers-as-text by value, then text). */
  categories: string[];
  /** One per run: an index into `categories`, or −1 where the run has no value. */
  codes: Int32Array;
}

export type SweepColumn = NumericColumn | CategoricalColumn;

export interface SweepTable {
  runIds: number[];
  columns: SweepColumn[];
}
