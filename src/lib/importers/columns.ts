/** Recognizes what a column holds from its name: the run, the step, a metric's name, its value… */

export type ColumnRole = 'run' | 'step' | 'epoch' | 'wall' | 'metric' | 'value';

const NAMES: Record<ColumnRole, string[]> = {
  run: ['run', 'runid', 'runname', 'run_id', 'run_name', 'name', 'trial', 'trialid'],
  step: [
    'step',
    '_step',
    'globalstep',
    'global_step',
    'steps',
    'iteration',
    'iter',
    'it',
    'trainer/global_step',
  ],
  epoch: ['epoch', 'epochs', '_epoch'],
  wall: ['walltime', 'wall_time', 'wall', 'timestamp', '_timestamp', 'time', 'datetime'],
  metric: ['metric', 'metricname', 'metric_name', 'tag', 'key', 'series'],
  value: ['value', 'val', 'metricvalue', 'metric_value', 'scalar', 'y'],
};

function normalize(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '');
}

/** Index of the first column whose name means `role`, or -1. */
export function findColumn(
  columns: readonly string[],
  role: ColumnRole,
  exclude: readonly number[] = [],
): number {
  const wanted = NAMES[role];
  const normalized = columns.map(normalize);
  for (const candidate of wanted) {
    const i = normalized.indexOf(candidate);
    if (i >= 0 && !exclude.includes(i)) return i;
  }
  return -1;
}

export interface LongColumns {
  shape: 'long';
  run: number;
  metric: number;
  value: number;
  step: number;
  epoch: number;
  wall: number;
}

export interface WideColumns {
  shape: 'wide';
  run: number;
  step: number;
  epoch: number;
  wall: number;
}

export interface RunTableColumns {
  shape: 'runs';
  run: number;
}

export type TableShape = LongColumns | WideColumns | RunTableColumns;

/** Decides from the header whether a table is long (one value per row), wide (one column per metric) or a table of runs. */
export function classifyColumns(columns: readonly string[]): TableShape | null {
  const metric = findColumn(columns, 'metric');
  const value = findColumn(columns, 'value');
  const step = findColumn(columns, 'step');
  const epoch = findColumn(columns, 'epoch');
  const wall = findColumn(columns, 'wall');
  if (metric >= 0 && value >= 0) {
    const run = findColumn(columns, 'run', [metric, value]);
    return { shape: 'long', run, metric, value, step, epoch, wall };
  }
  const run = findColumn(columns, 'run');
  if (step >= 0 || epoch >= 0) return { shape: 'wide', run, step, epoch, wall };
  if (run >= 0) return { shape: 'runs', run };
  return null;
}

export const EXPECTED_COLUMNS =
  'a step column (step, _step, global_step, iteration or epoch) with one column per metric, ' +
  'a metric column (metric, tag or key) with a value column, or a run column (run, run_id, name) for a table of runs';

/** Unix seconds from a number in s, ms or µs, or from date text; `undefined` when it is neither. */
export function toUnixSeconds(value: number | undefined, text: () => string): number | undefined {
  if (value !== undefined) {
    if (!Number.isFinite(value)) return undefined;
    if (Math.abs(value) > 1e14) return value / 1e6;
    if (Math.abs(value) > 1e11) return value / 1e3;
    return value;
  }
  const parsed = Date.parse(text());
  return Number.isNaN(parsed) ? undefined : parsed / 1000;
}

const GENERIC_FILE_NAMES =
  /^(metrics|metric|log|logs|history|results|result|progress|train|training|scalars|data|output|stats|events)$/i;

/** The run a file stands for when it has no run column: its name, or its folder's when the name is generic. */
export function runNameFromPath(path: string): string {
  const parts = path.split('/');
  const file = parts.pop() ?? path;
  const stem = file.replace(/\.(csv|tsv|txt|json|jsonl|ndjson)$/i, '');
  if (GENERIC_FILE_NAMES.test(stem) && parts.length > 0) return parts.join('/');
  return stem;
}
