/**
 * The sweep views (parallel coordinates, scatter, importance): which columns are axes, how each is
 * scaled, the brushes and the top-k filter, and the runs they leave. The table itself comes from
 * the worker (engine/sweep.ts), for every run loaded: a sweep is how runs get picked.
 */

import { SvelteSet } from 'svelte/reactivity';
import type { ScalarMode } from '../compare/scalar-types';
import { axisPositions, axisScale, type AxisScale } from '../sweep/axis-positions';
import { brushedMask, selectedIndices, topPercentMask, type Range } from '../sweep/brush';
import type { NumericColumn, SweepColumn, SweepTable } from '../sweep/types';
import type { SweepRequest } from '../engine/sweep';
import type { Workspace } from './workspace.svelte';

export interface SweepEngine {
  sweepTable(request: SweepRequest): Promise<SweepTable>;
}

/** Axes shown by default: hyperparameters that vary, then the colour metric. */
const DEFAULT_PARAM_AXES = 12;

export interface Axis {
  column: SweepColumn;
  scale: AxisScale;
  positions: Float32Array;
}

export class SweepView {
  #workspace: Workspace;
  #engine: SweepEngine;
  #asked = 0;
  mode = $state.raw<ScalarMode>({ kind: 'last' });
  table = $state.raw<SweepTable | null>(null);
  error = $state<string | null>(null);
  /** Column ids in axis order; null until the user changes them (then the defaults apply). */
  chosenAxes = $state.raw<string[] | null>(null);
  chosenColor = $state<string | null>(null);
  readonly log = new SvelteSet<string>();
  readonly notLog = new SvelteSet<string>();
  readonly flipped = new SvelteSet<string>();
  /** Brushed ranges per column id, in axis positions (see axis-positions.ts). */
  ranges = $state.raw<Record<string, Range[]>>({});
  /** Keep only the best k % by the colour metric; null for all. */
  topPercent = $state<number | null>(null);
  /** The runs inside the scatter's brushed box (run ids); null when nothing is brushed there. */
  scatterRuns = $state.raw<ReadonlySet<number> | null>(null);

  constructor(workspace: Workspace, engine: SweepEngine) {
    this.#workspace = workspace;
    this.#engine = engine;
  }

  async load(): Promise<void> {
    const asked = ++this.#asked;
    const runIds = this.#workspace.runs.map((r) => r.runId);
    if (runIds.length === 0) {
      this.table = null;
      return;
    }
    try {
      const table = await this.#engine.sweepTable({ runIds, mode: $state.snapshot(this.mode) });
      if (asked !== this.#asked) return;
      this.table = table;
      this.error = null;
    } catch (e) {
      if (asked === this.#asked) this.error = e instanceof Error ? e.message : String(e);
    }
  }

  readonly columns: SweepColumn[] = $derived(this.table?.columns ?? []);

  /** Numeric metrics and summary values: what lines can be coloured by and ranked on. */
  readonly outcomes: NumericColumn[] = $derived(
    this.columns.filter((c): c is NumericColumn => c.type === 'numeric' && c.source !== 'param'),
  );

  readonly colorColumn: NumericColumn | null = $derived(
    this.outcomes.find((c) => c.id === this.chosenColor) ?? defaultOutcome(this.outcomes),
  );

  readonly axes: Axis[] = $derived.by(() => {
    const byId = new Map(this.columns.map((c) => [c.id, c])); // eslint-disable-line svelte/prefer-svelte-reactivity -- a lookup, not state
    const ids = this.chosenAxes ?? defaultAxes(this.columns, this.colorColumn);
    return ids
      .map((id) => byId.get(id))
      .filter((c): c is SweepColumn => c !== undefined)
      .map((column) => {
        const wantsLog =
          column.type === 'numeric' &&
          (this.log.has(column.id) || (column.logSuggested && !this.notLog.has(column.id)));
        const scale = axisScale(column, { log: wantsLog, flipped: this.flipped.has(column.id) });
        return { column, scale, positions: axisPositions(column, scale) };
      });
  });

  /** Indices (into the table's runs) of the runs every brush and the top-k filter keep. */
  readonly kept: Int32Array = $derived.by(() => {
    const runs = this.table?.runIds.length ?? 0;
    const brushed = this.hasBrushes
      ? brushedMask(
          this.axes.map((a) => a.positions),
          this.axes.map((a) => this.ranges[a.column.id] ?? []),
          runs,
        )
      : null;
    const color = this.colorColumn;
    const top =
      this.topPercent !== null && color
        ? topPercentMask(color.values, color.direction ?? 'max', this.topPercent)
        : null;
    const boxed = this.scatterRuns;
    const inBox = boxed
      ? Uint8Array.from(this.table?.runIds ?? [], (id) => (boxed.has(id) ? 1 : 0))
      : null;
    return selectedIndices(runs, brushed, top, inBox);
  });

  get hasBrushes(): boolean {
    return Object.values(this.ranges).some((r) => r.length > 0);
  }

  get filtered(): boolean {
    return this.hasBrushes || this.topPercent !== null || this.scatterRuns !== null;
  }

  /** The runs kept, as run ids. */
  readonly keptRunIds: number[] = $derived.by(() => {
    const ids = this.table?.runIds ?? [];
    return Array.from(this.kept, (i) => ids[i]);
  });

  setRanges(columnId: string, ranges: Range[]): void {
    this.ranges = { ...this.ranges, [columnId]: ranges };
  }

  clearBrushes(): void {
    this.ranges = {};
    this.scatterRuns = null;
  }

  toggleLog(column: SweepColumn): void {
    const on = this.axes.find((a) => a.column.id === column.id)?.scale.log ?? false;
    if (on) {
      this.log.delete(column.id);
      this.notLog.add(column.id);
    } else {
      this.notLog.delete(column.id);
      this.log.add(column.id);
    }
    this.clearRangesOf(column.id);
  }

  toggleFlip(column: SweepColumn): void {
    if (this.flipped.has(column.id)) this.flipped.delete(column.id);
    else this.flipped.add(column.id);
    this.clearRangesOf(column.id);
  }

  /** Moves an axis to another place in the order. */
  moveAxis(columnId: string, to: number): void {
    const ids = this.axes.map((a) => a.column.id).filter((id) => id !== columnId);
    ids.splice(Math.max(0, Math.min(to, ids.length)), 0, columnId);
    this.chosenAxes = ids;
  }

  setAxisShown(columnId: string, shown: boolean): void {
    const ids = this.axes.map((a) => a.column.id).filter((id) => id !== columnId);
    this.chosenAxes = shown ? [...ids, columnId] : ids;
    if (!shown) this.clearRangesOf(columnId);
  }

  /** The kept runs become the workspace's selection (what the other views show). */
  selectKept(): void {
    this.#workspace.selection.replace(this.filtered ? this.keptRunIds : []);
  }

  // A brush is in positions of one scale: on another scale it would mean other runs.
  clearRangesOf(columnId: string): void {
    if (!this.ranges[columnId]) return;
    const next = { ...this.ranges };
    delete next[columnId];
    this.ranges = next;
  }
}

/** A target-like outcome first (validation/test names), else the first one. */
function defaultOutcome(outcomes: readonly NumericColumn[]): NumericColumn | null {
  return (
    outcomes.find((c) => /^(eval|test|val|valid|validation)[_/.\-\s]/i.test(c.label)) ??
    outcomes.find((c) => c.source === 'summary') ??
    outcomes[0] ??
    null
  );
}

function defaultAxes(columns: readonly SweepColumn[], color: NumericColumn | null): string[] {
  const varying = columns.filter((c) => c.source === 'param' && varies(c));
  return [...varying.slice(0, DEFAULT_PARAM_AXES).map((c) => c.id), ...(color ? [color.id] : [])];
}

/** More than one distinct value (a missing value counts as one). */
function varies(c: SweepColumn): boolean {
  const cells: ArrayLike<number> = c.type === 'numeric' ? c.values : c.codes;
  for (let i = 1; i < cells.length; i++) if (!Object.is(cells[i], cells[0])) return true;
  return false;
}
