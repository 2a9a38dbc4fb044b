/**
 * W&B curve tables: `wandb.plot.pr_curve` and `wandb.plot.roc_curve` log a table of points, one
 * curve per class, to `<run>/files/media/table/<key>_<step>_<hash>.table.json` as
 * `{"columns": ["class", "precision", "recall"], "data": [[…], …]}` (ROC: `fpr`, `tpr`). Each class
 * becomes a tracker curve of the run at that step, drawn with TensorBoard's under one section.
 * Other tables are said not to be read.
 */

import { basename } from './paths';
import { UnreadableError } from './shapes/read-shape';
import { readAllText } from './text/chunks';
import type { Importer, PrCurveRecord, ReadContext } from './types';
import { runOfFile } from './wandb/run-file-kind';

const TABLE_FILE = /\.table\.json$/i;
/** W&B's media name: the key, the step, a content hash. */
const MEDIA_NAME = /^(.+)_(\d+)_([0-9a-f]{6,})$/;

interface CurveTable {
  kind: 'pr' | 'roc';
  x: number;
  y: number;
  class: number;
}

/** The curve a table's columns hold, or `null`. */
export function curveColumns(columns: readonly string[]): CurveTable | null {
  const at = (name: string) => columns.findIndex((c) => c.toLowerCase() === name);
  const cls = at('class');
  if (at('precision') >= 0 && at('recall') >= 0)
    return { kind: 'pr', x: at('recall'), y: at('precision'), class: cls };
  if (at('fpr') >= 0 && at('tpr') >= 0)
    return { kind: 'roc', x: at('fpr'), y: at('tpr'), class: cls };
  return null;
}

/** The key and step a table's file name gives (`pr_curve_12_3f8a9c1e.table.json`). */
export function tableKeyStep(path: string): { key: string; step: number } | null {
  const stem = basename(path).replace(TABLE_FILE, '');
  const m = MEDIA_NAME.exec(stem);
  if (!m) return null;
  const step = Number(m[2]);
  return Number.isSafeInteger(step) ? { key: m[1], step } : null;
}

export const wandbTableImporter: Importer = {
  id: 'wandb-table',
  sniff(probe) {
    if (probe.binary || !TABLE_FILE.test(probe.name)) return 0;
    return /"columns"\s*:/.test(probe.headText) ? 0.96 : 0;
  },
  async read(file, ctx) {
    ctx.report.format = 'W&B table (media/table)';
    const text = await readAllText(file.blob, ctx);
    let table: { columns?: unknown; data?: unknown };
    try {
      table = JSON.parse(text) as typeof table;
    } catch (error) {
      throw new UnreadableError(`Not valid JSON: ${(error as Error).message}.`);
    }
    const { columns, data } = table;
    if (!Array.isArray(columns) || !Array.isArray(data))
      throw new UnreadableError('No "columns" and "data" lists, as a W&B table has.');
    const names = columns.map(String);
    const curve = curveColumns(names);
    if (!curve)
      throw new UnreadableError(
        `A W&B table of ${names.join(', ')}: only curve tables are read (precision and recall, as wandb.plot.pr_curve logs, or fpr and tpr, as roc_curve does).`,
      );
    const at = tableKeyStep(file.name) ?? {
      key: basename(file.name).replace(TABLE_FILE, ''),
      step: 0,
    };
    if (!tableKeyStep(file.name))
      ctx.report.warn(
        'The file name does not give the step (W&B names tables <key>_<step>_<hash>.table.json): read as step 0.',
      );
    readCurves(file.name, data, curve, at, ctx);
  },
};

function readCurves(
  path: string,
  data: unknown[],
  curve: CurveTable,
  at: { key: string; step: number },
  ctx: ReadContext,
): void {
  const byClass = new Map<string, { x: number; y: number }[]>();
  data.forEach((row, i) => {
    const line = i + 1;
    if (!Array.isArray(row)) return ctx.report.reject(line, 'a row that is not a list');
    const x = row[curve.x];
    const y = row[curve.y];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x + y))
      return ctx.report.reject(line, 'the point is not two numbers');
    const cls = curve.class >= 0 ? String(row[curve.class] ?? '') : '';
    let points = byClass.get(cls);
    if (!points) byClass.set(cls, (points = []));
    points.push({ x, y });
  });
  ctx.report.rowsRead = data.length;
  if (byClass.size === 0) throw new UnreadableError('The table holds no point.');
  const run = runOfFile(path);
  if (run.note) ctx.report.warn(run.note);
  const handle = ctx.sink.run(run.key, run.name, run.info);
  for (const [cls, points] of byClass)
    ctx.sink.prCurve?.(
      handle,
      record(curve.kind, cls ? `${at.key} · ${cls}` : at.key, at.step, points),
    );
  ctx.report.format = `W&B ${curve.kind === 'pr' ? 'precision–recall' : 'ROC'} curve table (${byClass.size} curve${byClass.size === 1 ? '' : 's'}, key ${at.key}, step ${at.step})`;
}

function record(
  kind: 'pr' | 'roc',
  tag: string,
  step: number,
  points: { x: number; y: number }[],
): PrCurveRecord {
  const nan = new Float64Array(kind === 'pr' ? points.length : 0).fill(NaN);
  const base = {
    source: 'wandb' as const,
    tag,
    step,
    wall: null,
    tp: nan,
    fp: nan,
    tn: nan,
    fn: nan,
  };
  if (kind === 'roc') {
    // W&B may resample a long table and sort it by rate: the curve runs along rising rates.
    const sorted = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
    return {
      ...base,
      precision: new Float64Array(0),
      recall: new Float64Array(0),
      roc: {
        fpr: Float64Array.from(sorted, (p) => p.x),
        tpr: Float64Array.from(sorted, (p) => p.y),
      },
    };
  }
  // As TensorBoard's thresholds rise: recall falling; at equal recall, precision rising.
  const sorted = [...points].sort((a, b) => b.x - a.x || a.y - b.y);
  return {
    ...base,
    recall: Float64Array.from(sorted, (p) => p.x),
    precision: Float64Array.from(sorted, (p) => p.y),
  };
}
