/**
 * "Export all tables": one zip with a CSV per table the page shows, written by the same writers as
 * each view's own "Download CSV", and a README naming every file and where its numbers come from.
 */

import { strToU8, zipSync } from 'fflate';
import { axisName } from '../../align/format';
import { comparisonCsv } from '../comparison-export';
import { describeMode, scalarCsv } from '../scalar-export';
import { sweepCsv } from '../sweep-export';
import type { ReportRun, TablesData } from './report-data';
import { lineageCsv, runsCsv, statisticsCsv } from './tables-csv';
import { readableDate } from './section-header';

export interface ZipEntry {
  name: string;
  text: string;
  about: string;
}

export function tableEntries(data: TablesData): ZipEntry[] {
  const byId = new Map<number, ReportRun>(data.runs.map((r) => [r.runId, r]));
  const run = (id: number) => byId.get(id) ?? { name: `run ${id}`, runKey: `#${id}` };
  const out: ZipEntry[] = [
    {
      name: 'runs.csv',
      text: runsCsv(data.runs, data.paramKeys),
      about: `Every loaded run (${data.runs.length}), one row each: name, tracker id, state, last logged step, the files it came from, and one column per hyperparameter (param:<key>; empty where the run does not have it).`,
    },
  ];
  if (data.lineage)
    out.push({
      name: 'lineage.csv',
      text: lineageCsv(data.lineage, run),
      about: `The compare view's fields (run, hyperparameters, summary values, resources, lineage, packages) of ${data.lineage.runIds.length} runs, each with whether it differs from the base run, ${run(data.lineage.base).name}.`,
    });
  if (data.align) {
    const req = data.align.request;
    out.push({
      name: 'same-step.csv',
      text: comparisonCsv(data.align, run),
      about: `The same-step comparison, one row per metric and baseline run: the student (${run(req.student).name}) at its own last logged ${axisName(req.axis)} of each metric (x_star), each baseline's value there by the "${req.policy}" policy, the step(s) it was read from, the method (exact, nearest, interpolated, last observed, or why there is none), the delta (signed so that + means the student is better) and the source file.`,
    });
  }
  if (data.scalars)
    out.push({
      name: 'scalars.csv',
      text: scalarCsv(data.scalars.rows, data.scalars.runIds.map(run), data.scalars.mode),
      about: `The scalar table of the compare view: one row per metric, a value and a step column per run; rule: ${describeMode(data.scalars.mode)} value of each series (each at its own step, not the same step).`,
    });
  if (data.sweep)
    out.push({
      name: 'sweep.csv',
      text: sweepCsv(data.sweep.table, data.sweep.kept, data.sweep.columns, run),
      about: `The sweep view's runs that its brushes and filters keep (${data.sweep.kept.length} of ${data.sweep.table.runIds.length}), one column per axis shown (${data.sweep.columns.length}); metrics are the sweep's scalar rule, empty where a run has no value.`,
    });
  if (data.statistics)
    out.push({
      name: 'statistics-tests.csv',
      text: statisticsCsv(data.statistics),
      about: `The statistics view's tests: one row per metric, group compared against the reference group, and test (Welch's t, Mann–Whitney U, and paired t and Wilcoxon when runs pair by seed), with n, means, bootstrap intervals (${data.statistics.resamples} resamples, seed ${data.statistics.seed}, ${Math.round(data.statistics.level * 100)} %), effect sizes and raw and Holm-adjusted p-values.`,
    });
  return out;
}

export function readme(data: TablesData, entries: readonly ZipEntry[]): string {
  const lines = [
    'Lockstep tables',
    '===============',
    '',
    `Exported ${readableDate(data.createdAt)} from ${data.files.length} file(s), computed in the browser; nothing was sent anywhere.`,
    '',
    'Files in this archive:',
    '',
    ...entries.flatMap((e) => [`${e.name}`, `  ${e.about}`, '']),
    'Numbers keep every digit JavaScript has; NaN and infinities are written NaN, Infinity, -Infinity.',
    'Text cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR) begin with an apostrophe.',
    '',
    'Source files:',
    ...data.files.map(
      (f) =>
        `  ${f.name} (${f.bytes ?? '?'} bytes, ${f.status}${f.sha256 ? `, sha256 ${f.sha256}` : ''})`,
    ),
    '',
  ];
  return lines.join('\r\n');
}

export function tablesZip(data: TablesData): Uint8Array {
  const entries = tableEntries(data);
  const files: Record<string, Uint8Array> = { 'README.txt': strToU8(readme(data, entries)) };
  for (const e of entries) files[e.name] = strToU8(e.text);
  return zipSync(files, { level: 6, mtime: new Date(data.createdAt) });
}
