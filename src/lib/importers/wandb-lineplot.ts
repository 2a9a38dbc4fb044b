/**
 * The CSV a W&B line-plot panel exports: the x axis first, then one column per line of the plot
 * (`<run> - <metric>`), each followed by `__MIN` and `__MAX`. When a run logged more points than
 * the panel draws, W&B buckets them: a value is then the bucket's mean and MIN/MAX its range, so
 * the file is not the run's raw history. When the panel groups runs, a line is named
 * `<key>: <value>` and is the group's mean, MIN/MAX the range across its runs.
 */

import { findColumn } from './columns';
import { csvTable, probeHeader } from './csv/csv-table';
import { UnreadableError } from './shapes/read-shape';
import type { RowView } from './table';
import type { Importer, ReadContext } from './types';
import {
  hasRangeColumns,
  isLinePlotHeader,
  plotColumns,
  type PlotLine,
} from './wandb/lineplot-columns';

const STEP_AXIS = /^_?step$/i;
const TIME_AXIS = /^(Wall Time|Relative Time \((Wall|Process)\))$/i;
/** W&B labels a grouped line `<group key>: <group value>`. */
const GROUP_LABEL = /^[^:]+: \S/;

interface LineState {
  line: PlotLine;
  /** The run as the report names it: its name, with `(#2)` for a second run of the same name. */
  label: string;
  run: number;
  metric: number;
  points: number;
  /** Points whose MIN or MAX differs from the value. */
  ranged: number;
  hasRange: boolean;
}

export const wandbLinePlotImporter: Importer = {
  id: 'wandb-lineplot',
  sniff(probe) {
    if (probe.binary) return 0;
    const header = probeHeader(probe)?.header;
    if (!header || !isLinePlotHeader(header)) return 0;
    if (hasRangeColumns(header)) return 0.9;
    // Without ranges, only W&B's quoting of every field and its "Step" axis tell it apart.
    return probe.headText.startsWith('"Step","') ? 0.7 : 0;
  },
  async read(file, ctx) {
    const header = probeHeader(ctx.probe)?.header;
    const table = csvTable(file, ctx.probe);
    if (!header || !table) throw new UnreadableError('The file has no header row.');
    ctx.report.format = 'W&B line plot export (CSV)';
    const axis = header[0].trim();
    if (TIME_AXIS.test(axis)) {
      throw new UnreadableError(
        `The plot's x axis is "${axis}", a time: Lockstep needs steps. Export the panel with "Step" as its x axis.`,
      );
    }
    const { lines, unread } = plotColumns(header);
    if (lines.length === 0)
      throw new UnreadableError('No column of the form "<run> - <metric>" after the x axis.');
    for (const u of unread)
      ctx.report.warn(`Column ${u.column + 1} "${u.name}" was not loaded: ${u.reason}.`);
    const isStep = STEP_AXIS.test(axis);
    const isEpoch = !isStep && findColumn([axis], 'epoch') === 0;
    if (!isStep)
      ctx.report.warn(
        `The plot's x axis is "${axis}", not the step: its values are used as steps.`,
      );

    const states = lines.map((line) => openLine(line, ctx));
    await table.rows(ctx, (row) => {
      if (row.isEmpty(0)) return ctx.report.reject(row.line, 'no x value');
      const x = row.num(0);
      if (x === undefined || !Number.isSafeInteger(x))
        return ctx.report.reject(
          row.line,
          `the ${isStep ? 'step' : 'x value'} is not a whole number`,
        );
      for (const s of states) {
        const { value: col, min, max } = s.line;
        if (row.isEmpty(col)) continue;
        const value = row.num(col);
        if (value === undefined) {
          ctx.report.reject(row.line, `column "${header[col]}": not a number`);
          continue;
        }
        ctx.sink.point(s.run, s.metric, x, value, isEpoch ? x : undefined);
        s.points++;
        const low = rangeSide(row, min, value);
        const high = rangeSide(row, max, value);
        if (low !== 'none' || high !== 'none') s.hasRange = true;
        if (low === 'differs' || high === 'differs') s.ranged++;
      }
    });
    describeRanges(states, ctx);
  },
};

/**
 * A run is keyed by its name, `run:<name>`, as in every table that names runs; a second run with
 * the same name (W&B names are not unique) is keyed `run:<name>#2`.
 */
function openLine(line: PlotLine, ctx: ReadContext): LineState {
  const key = line.occurrence === 1 ? `run:${line.run}` : `run:${line.run}#${line.occurrence}`;
  if (line.occurrence > 1) {
    ctx.report.warn(
      `${line.occurrence} lines of the plot are named "${line.run} - ${line.metric}": W&B names are not unique, so they are kept as different runs (keyed "${key}").`,
    );
  }
  const run = ctx.sink.run(key, line.run);
  const label = line.occurrence === 1 ? line.run : `${line.run} (#${line.occurrence})`;
  return {
    line,
    label,
    run,
    metric: ctx.sink.metric(line.metric),
    points: 0,
    ranged: 0,
    hasRange: false,
  };
}

/** Whether a MIN or MAX cell is there, and whether it differs from the line's value. */
function rangeSide(row: RowView, col: number, value: number): 'none' | 'equal' | 'differs' {
  if (col < 0 || row.isEmpty(col)) return 'none';
  return Object.is(row.num(col), value) ? 'equal' : 'differs';
}

/** Says which lines are groups, and run by run whether the points are exact or bucket means (ranges are not stored). */
function describeRanges(states: LineState[], ctx: ReadContext): void {
  const groups = [...new Set(states.map((s) => s.line.run).filter((run) => GROUP_LABEL.test(run)))];
  if (groups.length > 0) {
    ctx.report.warn(
      `Lines named "<key>: <value>" are groups of runs (the panel grouped them): ${groups.map((g) => `"${g}"`).join(', ')}. ` +
        "Each is loaded as one run holding the group's mean.",
    );
  }
  if (!states.some((s) => s.hasRange)) {
    ctx.report.warn(
      'The export has no __MIN/__MAX columns: whether W&B bucketed the points cannot be told.',
    );
    return;
  }
  const exact: string[] = [];
  const byRun = new Map<number, LineState[]>();
  for (const s of states) byRun.set(s.run, [...(byRun.get(s.run) ?? []), s]);
  for (const list of byRun.values()) {
    const label = list[0].label;
    const points = list.reduce((n, s) => n + s.points, 0);
    const ranged = list.reduce((n, s) => n + s.ranged, 0);
    if (ranged === 0) {
      exact.push(`"${label}"`);
    } else if (GROUP_LABEL.test(list[0].line.run)) {
      ctx.report.warn(
        `"${label}" is a group of runs (W&B names grouped lines "<key>: <value>"): ${ranged.toLocaleString('en-US')} of its ` +
          `${points.toLocaleString('en-US')} points are the group's mean with a min–max range across its runs (the ranges were not loaded).`,
      );
    } else {
      ctx.report.warn(
        `W&B bucketed this plot: ${ranged.toLocaleString('en-US')} of the ${points.toLocaleString('en-US')} points of "${label}" ` +
          'are bucket means with their min–max range; the export is not the raw history (the ranges were not loaded).',
      );
    }
  }
  if (exact.length > 0) ctx.report.warn(`Points are exact (no bucketing) for ${exact.join(', ')}.`);
}
