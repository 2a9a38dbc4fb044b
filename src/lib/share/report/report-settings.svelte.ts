/**
 * The page's current state, read once from its state modules into the plain settings the report
 * and the tables zip are collected from. Views below the fold that have not asked the worker yet
 * (the sweep table, the prediction sets) are asked here, through their own state's methods.
 */

import type { Grouping } from '../../state/curves.svelte';
import type { PageContext } from '../../state/workspace-context';
import type { SweepColumn, SweepTable } from '../../sweep/types';
import type { ReportSettings } from './collect-report';
import { reportRun } from './report-run';

function groupingWords(g: Grouping): string | null {
  if (g.kind === 'none') return null;
  return g.kind === 'seeds' ? 'by configuration, any seed' : `by ${g.keys.join(', ')}`;
}

/** The state modules a report reads. */
export type ReportPage = Pick<
  PageContext,
  'workspace' | 'comparison' | 'curves' | 'compare' | 'sweep' | 'statistics' | 'predictions'
>;

const plain = <T>(value: T): T => $state.snapshot(value) as T;

export async function reportSettings(page: ReportPage): Promise<ReportSettings> {
  const { workspace, comparison, curves, compare, statistics, predictions } = page;
  // Asked again: the sets shown may predate the last drop when that view was off screen.
  await predictions.reload();
  const student = comparison.student;
  const pair = predictions.pair(student?.runId ?? null);
  return {
    now: new Date(), // eslint-disable-line svelte/prefer-svelte-reactivity -- a timestamp, not state
    files: workspace.files.map((f) => ({
      name: f.name,
      bytes: f.report?.bytes ?? f.bytes,
      status: f.status,
      sha256: f.report?.sha256 ?? null,
    })),
    runs: workspace.runs.map((r) => reportRun(r, workspace.notes.get(r.runKey))),
    paramKeys: [...workspace.paramKeys],
    compared: comparison.runs.map((r) => r.runId),
    student: student ? { ...student } : null,
    roles: plain(comparison.roles),
    align: { request: plain(comparison.request), shown: comparison.result },
    curves: {
      metrics: [...curves.metrics],
      runIds: curves.runs.map((r) => r.runId),
      hidden: [...curves.hidden],
      axis: plain(curves.axis),
      smoothing: plain(curves.smoothing),
      showRaw: curves.showRaw,
      logX: curves.logX,
      logY: curves.logY,
      groups: plain(curves.groups),
      grouping: groupingWords(curves.grouping),
      center: curves.center,
      band: curves.band,
    },
    lineage: { runIds: compare.runs.map((r) => r.runId), base: compare.base },
    statistics: { request: plain(statistics.request), shown: statistics.result },
    predictions: {
      request: pair
        ? { ...pair, resamples: statistics.resamples, seed: statistics.seed, level: 0.95 }
        : null,
      shown: predictions.result,
    },
  };
}

/** The sweep view's table as its CSV download writes it: the runs kept, the axes shown. */
export async function sweepSnapshot(
  page: ReportPage,
): Promise<{ table: SweepTable; kept: Int32Array; columns: SweepColumn[] } | null> {
  const sweep = page.sweep;
  // The sweep asks the worker only when scrolled near: its table may predate the last drop.
  const ids = page.workspace.runs.map((r) => r.runId);
  const current = sweep.table?.runIds;
  if (!current || current.length !== ids.length || current.some((id, i) => id !== ids[i]))
    await sweep.load();
  const table = sweep.table;
  if (!table) return null;
  return { table, kept: sweep.kept, columns: sweep.axes.map((a) => a.column) };
}
