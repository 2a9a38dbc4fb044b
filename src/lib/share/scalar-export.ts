/** The scalar table as shown, as CSV: a row per metric, a value and a step column per run. */

import type { ScalarMode, ScalarRow } from '../compare/scalar-types';
import { csvTable } from './csv';

export function describeMode(mode: ScalarMode): string {
  switch (mode.kind) {
    case 'last':
    case 'min':
    case 'max':
      return mode.kind;
    case 'at':
      return `at step ${mode.step}`;
    case 'atBest':
      return `at the step where ${mode.of} is best`;
  }
}

export function scalarCsv(
  rows: readonly ScalarRow[],
  runs: readonly { name: string; runKey: string }[],
  mode: ScalarMode,
): string {
  const header = [
    'metric',
    'direction',
    'rule',
    ...runs.flatMap((r) => [`${r.name} (${r.runKey})`, `${r.name} step`]),
  ];
  const body = rows.map((row) => [
    row.metric,
    row.direction,
    describeMode(mode),
    ...row.cells.flatMap((c) => [c?.value ?? null, c?.step ?? null]),
  ]);
  return csvTable(header, body);
}
