/**
 * What a report is made of: plain data, gathered once from the page's state and the engine's
 * answers (collect-report.ts), then rendered (build-report.ts) and embedded as JSON.
 */

import type { StudentChoice } from '../../align/student';
import type { AlignAxis, AlignResult } from '../../align/types';
import type { Change } from '../../compare/diff';
import type { ScalarMode, ScalarRow } from '../../compare/scalar-types';
import type { Polyline } from '../../curves/m4';
import type { Smoothing } from '../../curves/smoothing';
import type { PredictionsResult } from '../../predictions/types';
import type { CompareSection } from '../../sql/compare';
import type { StatsResult } from '../../stats/types';
import type { SweepColumn, SweepTable } from '../../sweep/types';

export interface ReportFile {
  name: string;
  bytes: number | null;
  status: string;
  sha256: string | null;
}

export interface ReportRun {
  runId: number;
  runKey: string;
  name: string;
  state: string | null;
  lastStep: number | null;
  sources: string[];
  /** Every hyperparameter the run has (`null`: logged as null). */
  params: Record<string, string | null>;
  /** The user's note on the run, when there is one. */
  note?: string;
}

export interface LineageCell {
  value: string | null;
  differs: boolean;
  change: Change | null;
  /** Packages only: added, removed or changed against the base. */
  package: string | null;
}

export interface LineageField {
  section: CompareSection;
  key: string;
  anyDiff: boolean;
  /** One per run of the lineage, in its order; null where the run lacks the field. */
  cells: (LineageCell | null)[];
}

/** The compare view's fields of the runs, diffed against the base run. */
export interface ReportLineage {
  runIds: number[];
  base: number;
  fields: LineageField[];
}

export interface ChartLine {
  line: Polyline;
  color: string;
  width: number;
  alpha: number;
}

export interface ChartBand {
  x: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
  color: string;
}

/** One curve chart as drawn: every line already in data units, with its colour. */
export interface ReportChart {
  metric: string;
  axis: AlignAxis;
  logX: boolean;
  logY: boolean;
  xDomain: [number, number];
  yDomain: [number, number];
  bands: ChartBand[];
  lines: ChartLine[];
  legend: { label: string; color: string }[];
  /** What the chart's caption says: runs shown, runs without the metric, M4, raw lines. */
  notes: string[];
}

export interface ReportCurves {
  axis: AlignAxis;
  smoothing: Smoothing;
  /** The grouping in words, or null. */
  grouping: string | null;
  charts: ReportChart[];
  /** Metrics of the curves view without a chart in the report, and why (null: none left out). */
  leftOut: { metrics: string[]; reason: string } | null;
}

export interface ReportData {
  /** ISO 8601, UTC. */
  createdAt: string;
  files: ReportFile[];
  runsLoaded: number;
  /** Every run any section names. */
  runs: ReportRun[];
  /** The runs of the same-step comparison. */
  compared: number[];
  student: StudentChoice | null;
  align: AlignResult | null;
  lineage: ReportLineage | null;
  curves: ReportCurves | null;
  statistics: StatsResult | null;
  predictions: PredictionsResult | null;
}

/** What "export all tables" writes, beside the report's own data. */
export interface TablesData {
  createdAt: string;
  files: ReportFile[];
  /** Every loaded run. */
  runs: ReportRun[];
  paramKeys: string[];
  align: AlignResult | null;
  lineage: ReportLineage | null;
  scalars: { mode: ScalarMode; runIds: number[]; rows: ScalarRow[] } | null;
  sweep: { table: SweepTable; kept: ArrayLike<number>; columns: SweepColumn[] } | null;
  statistics: StatsResult | null;
}
