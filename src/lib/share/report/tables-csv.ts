/**
 * The tables the existing writers do not cover, as CSV through the same `csvTable` (formula cells
 * neutralized): the runs with their hyperparameters, the compare view's fields, and every test.
 */

import type { StatsResult } from '../../stats/types';
import { csvTable } from '../csv';
import type { ReportLineage, ReportRun } from './report-data';

export const RUNS_COLUMNS = [
  'run',
  'run_id',
  'state',
  'last_step',
  'source_files',
  'note',
] as const;

/** One row per run; one column per hyperparameter key (empty where the run lacks it). */
export function runsCsv(runs: readonly ReportRun[], paramKeys: readonly string[]): string {
  const header = [...RUNS_COLUMNS, ...paramKeys.map((k) => `param:${k}`)];
  const rows = runs.map((r) => [
    r.name,
    r.runKey,
    r.state,
    r.lastStep,
    r.sources.join(';'),
    r.note ?? null,
    ...paramKeys.map((k) => r.params[k] ?? null),
  ]);
  return csvTable(header, rows);
}

/** One row per field; a value and a "differs from the base" column per run. */
export function lineageCsv(
  lineage: ReportLineage,
  run: (runId: number) => { name: string; runKey: string },
): string {
  const header = [
    'section',
    'field',
    'any_differs',
    ...lineage.runIds.flatMap((id) => {
      const r = run(id);
      return [`${r.name} (${r.runKey})`, `${r.name} (${r.runKey}) differs from base`];
    }),
  ];
  const rows = lineage.fields.map((f) => [
    f.section,
    f.key,
    f.anyDiff ? 'yes' : 'no',
    ...f.cells.flatMap((c) => (c ? [c.value, c.differs ? 'yes' : 'no'] : [null, null])),
  ]);
  return csvTable(header, rows);
}

export const STATISTICS_COLUMNS = [
  'metric',
  'role',
  'direction',
  'x_star',
  'reference_group',
  'reference_n',
  'reference_mean',
  'group',
  'group_n',
  'group_mean',
  'difference_of_means',
  'ci_percentile_lo',
  'ci_percentile_hi',
  'ci_bca_lo',
  'ci_bca_hi',
  'cohen_d',
  'hedges_g',
  'test',
  'method',
  'statistic',
  'df',
  'p',
  'p_holm',
  'no_test_because',
] as const;

/** One row per metric × compared group × test; a comparison without a test keeps one row saying why. */
export function statisticsCsv(result: StatsResult): string {
  const rows: (string | number | null)[][] = [];
  for (const m of result.metrics)
    for (const c of m.comparisons) {
      const a = m.groups[c.a];
      const b = m.groups[c.b];
      const common = [
        m.metric,
        m.role,
        m.direction,
        m.xStar,
        a.label,
        a.n,
        a.mean,
        b.label,
        b.n,
        b.mean,
        c.difference,
        c.percentile?.lo ?? null,
        c.percentile?.hi ?? null,
        c.bca?.lo ?? null,
        c.bca?.hi ?? null,
        c.cohenD,
        c.hedgesG,
      ];
      const tests = [
        ['welch_t', c.welch],
        ['mann_whitney_u', c.mannWhitney],
        ['paired_t', c.paired?.t ?? null],
        ['wilcoxon_signed_rank', c.paired?.wilcoxon ?? null],
      ] as const;
      const present = tests.filter(([, t]) => t !== null);
      if (present.length === 0)
        rows.push([...common, null, null, null, null, null, null, c.noTest ?? 'no test applies']);
      for (const [name, t] of present)
        if (t)
          rows.push([...common, name, t.method, t.statistic, t.df ?? null, t.p, t.pHolm, null]);
    }
  return csvTable(STATISTICS_COLUMNS, rows);
}
