/**
 * Gathers what the report and the tables zip need: the answers the page already shows where they
 * are for the current settings, the engine's answers for the rest (the curve charts keep their
 * lines to themselves, and views below the fold may not have asked yet). Plain data in and out.
 */

import type { StudentChoice } from '../../align/student';
import type { AlignAxis, AlignRequest, AlignResult } from '../../align/types';
import type { ScalarRequest, ScalarRow } from '../../compare/scalar-types';
import {
  CompareTable,
  type CompareViewData,
  type CompareViewRequest,
} from '../../compare/view-data';
import type { BandKind } from '../../curves/bands';
import type { Smoothing } from '../../curves/smoothing';
import type { CurvesRequest, CurvesResult } from '../../curves/types';
import type { PredictionsRequest, PredictionsResult } from '../../predictions/types';
import type { Direction, MetricRole } from '../../schema/metric-roles';
import type { StatsRequest, StatsResult } from '../../stats/types';
import type { SweepColumn, SweepTable } from '../../sweep/types';
import { reportChart } from './chart-lines';
import { PLOT_WIDTH } from './curve-svg';
import type {
  LineageField,
  ReportChart,
  ReportCurves,
  ReportData,
  ReportFile,
  ReportLineage,
  ReportRun,
  TablesData,
} from './report-data';

/** Charts drawn into one report; the others are named, with how to choose them. */
export const MAX_CHARTS = 24;

export interface ReportEngine {
  align(request: AlignRequest): Promise<AlignResult>;
  curves(request: CurvesRequest): Promise<CurvesResult>;
  compareView(request: CompareViewRequest): Promise<CompareViewData>;
  statistics(request: StatsRequest): Promise<StatsResult>;
  comparePredictions(request: PredictionsRequest): Promise<PredictionsResult>;
  scalars(request: ScalarRequest): Promise<ScalarRow[]>;
}

/** The page's settings and answers, as plain data (see report-settings.svelte.ts). */
export interface ReportSettings {
  now: Date;
  files: ReportFile[];
  /** Every loaded run. */
  runs: ReportRun[];
  paramKeys: string[];
  compared: number[];
  student: StudentChoice | null;
  roles: Record<string, { role: MetricRole; direction: Direction }>;
  align: { request: AlignRequest | null; shown: AlignResult | null };
  curves: {
    metrics: string[];
    runIds: number[];
    hidden: number[];
    axis: AlignAxis;
    smoothing: Smoothing;
    showRaw: boolean;
    logX: boolean;
    logY: boolean;
    groups: { key: string; runIds: number[] }[] | null;
    grouping: string | null;
    center: 'mean' | 'median';
    band: BandKind;
  };
  lineage: { runIds: number[]; base: number | null };
  statistics: { request: StatsRequest | null; shown: StatsResult | null };
  predictions: { request: PredictionsRequest | null; shown: PredictionsResult | null };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

async function alignOf(engine: ReportEngine, s: ReportSettings): Promise<AlignResult | null> {
  const { request, shown } = s.align;
  if (!request) return null;
  return shown && same(shown.request, request) ? shown : engine.align(request);
}

async function statisticsOf(engine: ReportEngine, s: ReportSettings): Promise<StatsResult | null> {
  const { request, shown } = s.statistics;
  if (!request) return null;
  return shown && same(shown.request, request) ? shown : engine.statistics(request);
}

async function predictionsOf(
  engine: ReportEngine,
  s: ReportSettings,
): Promise<PredictionsResult | null> {
  const { request, shown } = s.predictions;
  if (!request) return null;
  return shown && same(shown.request, request) ? shown : engine.comparePredictions(request);
}

export async function lineageOf(
  engine: ReportEngine,
  runIds: readonly number[],
  base: number | null,
): Promise<ReportLineage | null> {
  if (base === null || runIds.length < 2) return null;
  const table = new CompareTable(await engine.compareView({ runIds: [...runIds], base }));
  const fields: LineageField[] = [];
  for (let f = 0; f < table.fields; f++)
    fields.push({
      section: table.section(f),
      key: table.key(f),
      anyDiff: table.anyDiff(f),
      cells: table.data.runIds.map((_, r) => {
        const c = table.cell(f, r);
        if (c === undefined) return null;
        return {
          value: c.value,
          differs: table.differs(f, r),
          change: table.change(f, r),
          package: table.section(f) === 'packages' ? table.packageChange(f, r) : null,
        };
      }),
    });
  return { runIds: table.data.runIds, base: table.data.base, fields };
}

async function curvesOf(
  engine: ReportEngine,
  s: ReportSettings,
  runName: (runId: number) => string,
): Promise<ReportCurves | null> {
  const c = s.curves;
  if (c.runIds.length === 0 || c.metrics.length === 0) return null;
  const hidden = new Set(c.hidden);
  const charts: ReportChart[] = [];
  const noPoints: string[] = [];
  const smoothed = c.smoothing.kind !== 'none';
  // One at a time: the worker answers the page's own requests in between.
  for (const metric of c.metrics.slice(0, MAX_CHARTS)) {
    const result = await engine.curves({
      metric,
      runIds: c.runIds,
      axis: c.axis,
      range: null,
      width: PLOT_WIDTH,
      smoothing: c.smoothing,
      raw: c.showRaw && smoothed && c.groups === null,
      logX: c.logX,
      groups: c.groups,
      center: c.center,
      band: c.band,
    });
    const chart = reportChart(result, {
      axis: c.axis,
      hidden,
      raw: c.showRaw && smoothed,
      logX: c.logX,
      logY: c.logY,
      runName,
    });
    if (chart) charts.push(chart);
    else noPoints.push(metric);
  }
  const left = c.metrics.slice(MAX_CHARTS);
  const leftOut =
    left.length > 0
      ? {
          metrics: left,
          reason: `a report draws the first ${MAX_CHARTS}; filter the curves view by name to choose others`,
        }
      : noPoints.length > 0
        ? { metrics: noPoints, reason: 'no point on this axis' }
        : null;
  return {
    axis: c.axis,
    smoothing: c.smoothing,
    grouping: c.grouping,
    charts,
    leftOut,
  };
}

/** The runs a section names, in the order they were loaded. */
function namedRuns(s: ReportSettings, lineage: ReportLineage | null): ReportRun[] {
  const ids = new Set([...s.compared, ...s.curves.runIds, ...(lineage?.runIds ?? [])]);
  for (const g of s.statistics.request?.groups ?? []) for (const id of g.runIds) ids.add(id);
  return s.runs.filter((r) => ids.has(r.runId));
}

export async function collectReport(engine: ReportEngine, s: ReportSettings): Promise<ReportData> {
  const lineage = await lineageOf(engine, s.lineage.runIds, s.lineage.base);
  const align = await alignOf(engine, s);
  const statistics = await statisticsOf(engine, s);
  const predictions = await predictionsOf(engine, s);
  const byId = new Map(s.runs.map((r) => [r.runId, r.name]));
  const curves = await curvesOf(engine, s, (id) => byId.get(id) ?? `run ${id}`);
  return {
    createdAt: s.now.toISOString(),
    files: s.files,
    runsLoaded: s.runs.length,
    runs: namedRuns(s, lineage),
    compared: s.compared,
    student: s.student,
    align,
    lineage,
    curves,
    statistics,
    predictions,
  };
}

export async function collectTables(
  engine: ReportEngine,
  s: ReportSettings,
  sweep: { table: SweepTable; kept: ArrayLike<number>; columns: SweepColumn[] } | null,
): Promise<TablesData> {
  const lineage = await lineageOf(engine, s.lineage.runIds, s.lineage.base);
  const scalarRuns = s.lineage.runIds;
  const directions = Object.fromEntries(Object.entries(s.roles).map(([m, r]) => [m, r.direction]));
  const mode = { kind: 'last' } as const;
  const scalars =
    scalarRuns.length > 0
      ? {
          mode,
          runIds: scalarRuns,
          rows: await engine.scalars({ runIds: scalarRuns, mode, directions }),
        }
      : null;
  return {
    createdAt: s.now.toISOString(),
    files: s.files,
    runs: s.runs,
    paramKeys: s.paramKeys,
    align: await alignOf(engine, s),
    lineage,
    scalars,
    sweep,
    statistics: await statisticsOf(engine, s),
  };
}
