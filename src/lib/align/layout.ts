/**
 * The same-step view as compact tables: a proxy and the target it stands in for share a table
 * (paired by the name left once role prefixes are taken off: `train/loss` with `val/loss`,
 * `knn_top1` with `linear_top1`); resources, then metrics with no role, close the list.
 */

import type { MetricAlignment } from './types';

export interface AlignTable {
  /** The shared stem, or "other metrics". */
  title: string;
  rows: MetricAlignment[];
}

const ROLE_PREFIX =
  /^(train|training|val|valid|validation|eval|evaluation|test|downstream|linear|knn|probe)(?:[/_.\-\s]+|$)/i;

/** A metric's name without its role prefixes, in lower case: `downstream/linear_acc` → `acc`. */
export function metricStem(name: string): string {
  let stem = name.toLowerCase();
  for (;;) {
    const next = stem.replace(ROLE_PREFIX, '');
    if (next === stem || next === '') return stem;
    stem = next;
  }
}

const ROLE_ORDER = { proxy: 0, target: 1, resource: 2, other: 3 } as const;

export function alignTables(metrics: readonly MetricAlignment[]): AlignTable[] {
  const paired = new Map<string, MetricAlignment[]>();
  const resources: MetricAlignment[] = [];
  const rest: MetricAlignment[] = [];
  for (const m of metrics) {
    if (m.role === 'resource' || m.role === 'other') {
      (m.role === 'resource' ? resources : rest).push(m);
      continue;
    }
    const stem = metricStem(m.metric);
    paired.set(stem, [...(paired.get(stem) ?? []), m]);
  }
  const rank = (rows: MetricAlignment[]) => {
    const hasProxy = rows.some((r) => r.role === 'proxy');
    const hasTarget = rows.some((r) => r.role === 'target');
    return hasProxy && hasTarget ? 0 : hasTarget ? 1 : 2;
  };
  const tables = [...paired.entries()]
    .map(([stem, rows]) => ({
      title: stem,
      rows: [...rows].sort(
        (a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.metric.localeCompare(b.metric),
      ),
    }))
    .sort((a, b) => rank(a.rows) - rank(b.rows) || a.title.localeCompare(b.title));
  if (resources.length > 0) tables.push({ title: 'resources', rows: resources });
  if (rest.length > 0) tables.push({ title: 'other metrics', rows: rest });
  return tables;
}
