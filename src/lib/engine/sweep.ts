/**
 * The sweep table in the worker: every chosen run's hyperparameters, numeric summary values and
 * metrics (one number each by the scalar rule: last, min, max, at step k…) as typed columns.
 */

import type { ScalarMode } from '../compare/scalar-types';
import { guessMetricRole, type Direction } from '../schema/metric-roles';
import { keyValueRows } from '../sql/sweep';
import { keyColumns, numericColumn, type KeyValueColumns } from '../sweep/columns';
import type { SweepTable } from '../sweep/types';
import type { AlignHost } from './align';
import { stringValues } from './arrow-strings';
import { query } from './db';
import { scalars } from './scalars';

export interface ImportanceRequest {
  table: SweepTable;
  /** A numeric metric or summary column of the table. */
  targetId: string;
  seed?: number;
}

export interface SweepRequest {
  runIds: number[];
  mode: ScalarMode;
  directions?: Record<string, Direction>;
}

export function sweepTable(host: AlignHost, request: SweepRequest): SweepTable {
  const { runIds } = request;
  const params = keyColumns(keyValues(host, 'params', runIds), runIds, 'param');
  const summary = keyColumns(keyValues(host, 'summary', runIds), runIds, 'summary', {
    numericOnly: true,
  }).map((c) => ({
    ...c,
    direction: request.directions?.[c.label] ?? guessMetricRole(c.label).direction,
  }));
  const metrics = scalars(host, request).map((row) =>
    numericColumn(
      `metric:${row.metric}`,
      row.metric,
      'metric',
      Float64Array.from(row.cells, (c) => c?.value ?? NaN),
      row.direction,
    ),
  );
  return { runIds, columns: [...params, ...metrics, ...summary] };
}

function keyValues(
  host: AlignHost,
  table: 'params' | 'summary',
  runIds: readonly number[],
): KeyValueColumns {
  const rows = query(host.db, keyValueRows(table, runIds, false));
  return {
    runId: (rows.getChild('run_id')?.toArray() as Int32Array | undefined) ?? new Int32Array(0),
    key: stringValues(rows.getChild('key')),
    value: stringValues(rows.getChild('value')),
    num: (rows.getChild('num')?.toArray() as Float64Array | undefined) ?? new Float64Array(0),
  };
}

/** The column buffers, to hand over instead of copying. */
export function sweepBuffers(table: SweepTable): ArrayBuffer[] {
  return table.columns.map((c) =>
    c.type === 'numeric' ? c.values.buffer : c.codes.buffer,
  ) as ArrayBuffer[];
}
