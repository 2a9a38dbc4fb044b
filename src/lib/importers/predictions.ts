/**
 * Per-example predictions (CSV, TSV, JSON or JSON Lines): one row per example with its id, true
 * label and the model's prediction (and a score). They are kept apart from the runs' metrics and
 * linked to a run by name or id when two runs are compared (see engine/predictions.ts).
 */

import { parseNumberText } from './csv/numbers';
import { csvTable, probeHeader } from './csv/csv-table';
import { JsonShapeError, recordsTable } from './json/records-table';
import { firstRecordKeys, predictionColumns, type PredictionColumns } from './predictions/columns';
import { runRefFromPath } from './predictions/run-ref';
import { PredictionBatcher } from './predictions/batcher';
import { ClassScoreReader } from './predictions/class-scores';
import { SegmentReader } from './predictions/segments';
import { UnreadableError } from './shapes/read-shape';
import type { RowView, TableSource } from './table';
import { readAllText } from './text/chunks';
import type { Importer, ReadContext } from './types';

export const predictionsImporter: Importer = {
  id: 'predictions',
  sniff(probe) {
    if (probe.binary) return 0;
    const start = probe.headText.trimStart();
    const columns =
      start.startsWith('{') || start.startsWith('[')
        ? firstRecordKeys(probe.headText)
        : (probeHeader(probe)?.header ?? []);
    const found = predictionColumns(columns);
    if (!found) return 0;
    return found.id >= 0 ? 0.97 : 0.8;
  },
  async read(file, ctx) {
    const start = ctx.probe.headText.trimStart();
    const table =
      start.startsWith('{') || start.startsWith('[')
        ? await jsonTable(file.blob, ctx)
        : csvTable(file, ctx.probe);
    if (!table) throw new UnreadableError('The file has no header row.');
    const columns = predictionColumns(table.columns);
    if (!columns)
      throw new UnreadableError(
        'No label and prediction columns (e.g. "label" and "prediction", or "y_true" and "y_pred").',
      );
    ctx.report.format = `Per-example predictions (${table.kind})`;
    if (table.kind === 'JSON') ctx.report.rowUnit = 'record';
    if (columns.id < 0)
      ctx.report.warn(
        'No example id column ("example_id", "id"…): examples are numbered by row, so two runs pair up only if their files list the examples in the same order.',
      );
    const read = await readRows(table, columns, runRefFromPath(file.name), ctx);
    const by = read.segments.length > 0 ? `, by ${read.segments.join(', ')}` : '';
    const scored =
      read.classScores.length > 0 ? `; class scores from ${read.classScores.join(', ')}` : '';
    ctx.report.format = `Per-example predictions (${table.kind}${by}${scored})`;
  },
};

async function jsonTable(blob: Blob, ctx: ReadContext): Promise<TableSource> {
  const text = await readAllText(blob, ctx);
  try {
    const parsed = recordsTable(text, (line, reason) => ctx.report.reject(line, reason));
    for (const note of parsed.notes) ctx.report.warn(note);
    return parsed.table;
  } catch (error) {
    if (error instanceof JsonShapeError) throw new UnreadableError(error.message);
    throw error;
  }
}

/** A class as text, numbers written one way (`1`, `1.0` and `1e0` are the same class). */
function classOf(row: RowView, col: number): string | null {
  if (row.isEmpty(col)) return null;
  const text = row.text(col).trim();
  const number = parseNumberText(text);
  return number !== undefined && Number.isFinite(number) ? String(number) : text;
}

async function readRows(
  table: TableSource,
  columns: PredictionColumns,
  fileRun: string,
  ctx: ReadContext,
): Promise<{ segments: string[]; classScores: string[] }> {
  const { sink, report } = ctx;
  const seen = new Map<string, Set<string>>();
  const roles = new Set(Object.values(columns).filter((c) => c >= 0));
  const classScores = new ClassScoreReader(table.columns, roles);
  const segments = new SegmentReader(table.columns, new Set([...roles, ...classScores.columns]));
  const classes = new Set<string>();
  const keptRuns: string[] = [];
  const keptIds: string[] = [];
  const batcher = new PredictionBatcher(sink);
  let rowNumber = 0;
  let textScores = 0;
  await table.rows(ctx, (row) => {
    rowNumber++;
    const runRef =
      columns.run >= 0 && !row.isEmpty(columns.run) ? row.text(columns.run).trim() : fileRun;
    if (columns.id >= 0 && row.isEmpty(columns.id)) return report.reject(row.line, 'no example id');
    const exampleId = columns.id >= 0 ? row.text(columns.id).trim() : String(rowNumber);
    let ids = seen.get(runRef);
    if (!ids) seen.set(runRef, (ids = new Set()));
    if (ids.has(exampleId))
      return report.reject(
        row.line,
        'the example id repeats for the same run (the first row was kept)',
      );
    ids.add(exampleId);
    let score: number | null = null;
    if (columns.score >= 0 && !row.isEmpty(columns.score)) {
      const value = row.num(columns.score);
      if (value === undefined) textScores++;
      else score = value;
    }
    const label = classOf(row, columns.label);
    const prediction = classOf(row, columns.prediction);
    batcher.add(runRef, exampleId, label, prediction, score);
    if (label !== null) classes.add(label);
    if (prediction !== null) classes.add(prediction);
    if (segments.tracking) segments.add((col) => classOf(row, col));
    if (classScores.tracking) classScores.add(row);
    if (segments.tracking || classScores.tracking) {
      keptRuns.push(runRef);
      keptIds.push(exampleId);
    }
  });
  batcher.flush();
  if (textScores > 0)
    report.warn(
      `The score column holds text, not numbers, in ${textScores.toLocaleString('en-US')} rows: those scores were left empty.`,
    );
  const { segments: found, notSegments } = segments.finish();
  for (const s of found)
    sink.predictionSegments({
      segment: s.name,
      runRefs: keptRuns,
      exampleIds: keptIds,
      values: Array.from(s.codes, (code) => s.values[code]),
    });
  if (notSegments.length > 0)
    report.warn(`Columns not read as segments: ${notSegments.join('; ')}.`);
  const scored = classScores.finish(classes);
  for (const note of scored.notes) report.warn(note);
  if (scored.scores)
    sink.predictionClassScores({
      classes: scored.scores.classes,
      runRefs: keptRuns,
      exampleIds: keptIds,
      scores: scored.scores.scores,
    });
  return { segments: found.map((s) => s.name), classScores: scored.scores?.read ?? [] };
}
