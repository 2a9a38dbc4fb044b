/**
 * TensorBoard's scalar downloads: "Download CSV" (`Wall time,Step,Value`, CRLF) and "Download JSON"
 * (`[[wall, step, value], …]`, non-finite values as the strings "NaN", "Infinity", "-Infinity").
 * One file is one tag of one run, both named only by the file name TensorBoard gives it,
 * `run-<run>-tag-<tag>.csv|json` (slashes in either appear as `_`, and are kept so).
 */

import { parseNumberText } from './csv/numbers';
import { locateJsonError } from './json/locate-error';
import { basename, dirname, folderRunKey } from './paths';
import { UnreadableError } from './shapes/read-shape';
import { readAllText } from './text/chunks';
import type { Importer, ReadContext, SourceFile } from './types';

const CSV_HEADER = /^Wall time,Step,Value\r?(\n|$)/;
const NUMBER = String.raw`-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?`;
const VALUE = String.raw`(${NUMBER}|"(NaN|-?Infinity)"|-?(NaN|Infinity))`;
const JSON_FIRST_ROW = new RegExp(
  String.raw`^\[\s*\[\s*${NUMBER}\s*,\s*-?\d+(\.0*)?\s*,\s*${VALUE}\s*\]`,
);
const DOWNLOAD_NAME = /^run-(.+?)-tag-(.+?)(?: \(\d+\))?\.(csv|json)$/i;
/** A bare NaN/Infinity where a value of a row stands (TensorBoard writes them as strings). */
const BARE_NON_FINITE = /(?<=[[,]\s*)(-?(?:NaN|Infinity))(?=\s*[\],])/g;

/**
 * The rows as `JSON.parse` reads them; bare NaN/Infinity are quoted first if the text has any.
 * (A download holds only numbers and those strings, so the quoting cannot touch a string.)
 */
function parseRows(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const quoted = text.replace(BARE_NON_FINITE, '"$1"');
    if (quoted === text) throw error;
    return JSON.parse(quoted);
  }
}

export interface DownloadSeries {
  key: string;
  run: string;
  tag: string;
}

/**
 * The run and tag of a download. TensorBoard's own name gives both; any other name is the tag,
 * and the folder it is in is the run (the file itself when dropped alone).
 */
export function downloadSeries(path: string): DownloadSeries {
  const file = basename(path);
  const named = DOWNLOAD_NAME.exec(file);
  if (named) return { key: `run:${named[1]}`, run: named[1], tag: named[2] };
  const tag = file.replace(/\.(csv|json)$/i, '');
  const dir = dirname(path);
  if (dir !== '') return { key: folderRunKey(dir), run: dir, tag };
  return { key: `file:${path}`, run: tag, tag };
}

export const tensorboardDownloadImporter: Importer = {
  id: 'tensorboard-download',
  sniff(probe) {
    if (probe.binary) return 0;
    if (CSV_HEADER.test(probe.headText)) return 0.9;
    const text = probe.headText.trimStart();
    if (JSON_FIRST_ROW.test(text)) return 0.9;
    if (/^\[\s*\]\s*$/.test(text) && DOWNLOAD_NAME.test(basename(probe.name))) return 0.9;
    return 0;
  },
  async read(file, ctx) {
    const text = await readAllText(file.blob, ctx);
    if (CSV_HEADER.test(text)) await readCsv(text, file, ctx);
    else await readJson(text, file, ctx);
  },
};

/** Adds one row's point, or rejects the row with the reason it holds none. */
type AddRow = (line: number, wall: unknown, step: unknown, value: unknown) => void;

function pointWriter(file: SourceFile, ctx: ReadContext): { add: AddRow; finish(): void } {
  const { sink, report } = ctx;
  const series = downloadSeries(file.name);
  // The run is made at the first point, so a file with a header only adds no run.
  let run = -1;
  let metric = -1;
  let badWalls = 0;
  const num = (x: unknown): number | undefined =>
    typeof x === 'number'
      ? x
      : typeof x === 'string' && x.trim() !== ''
        ? parseNumberText(x)
        : undefined;
  return {
    add(line, wallRaw, stepRaw, valueRaw) {
      report.rowsRead++;
      const step = num(stepRaw);
      const value = num(valueRaw);
      if (step === undefined) return report.reject(line, 'the step is not a number');
      if (!Number.isSafeInteger(step)) return report.reject(line, 'the step is not a whole number');
      if (value === undefined) {
        return report.reject(
          line,
          valueRaw === '' || valueRaw === null ? 'no value' : 'the value is not a number',
        );
      }
      let wall = num(wallRaw);
      if (wall !== undefined && !Number.isFinite(wall)) wall = undefined;
      if (wall === undefined) badWalls++;
      if (run < 0) {
        run = sink.run(series.key, series.run);
        metric = sink.metric(series.tag);
      }
      sink.point(run, metric, step, value, undefined, wall);
    },
    finish() {
      if (badWalls > 0)
        report.warn(
          `${badWalls.toLocaleString('en-US')} rows have no readable wall time: their points were kept without one.`,
        );
    },
  };
}

async function readCsv(text: string, file: SourceFile, ctx: ReadContext): Promise<void> {
  ctx.report.format = 'TensorBoard scalar download (CSV)';
  const lines = text.split(/\r?\n/);
  const writer = pointWriter(file, ctx);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const fields = line.split(',');
    if (fields.length !== 3)
      ctx.report.reject(i + 1, `expected 3 fields (Wall time,Step,Value), found ${fields.length}`);
    else writer.add(i + 1, fields[0], fields[1], fields[2]);
  }
  writer.finish();
}

async function readJson(text: string, file: SourceFile, ctx: ReadContext): Promise<void> {
  ctx.report.format = 'TensorBoard scalar download (JSON)';
  ctx.report.rowUnit = 'record';
  let rows: unknown;
  try {
    rows = parseRows(text);
  } catch (error) {
    const at = locateJsonError(text);
    const where = at ? ` on line ${at.line}, column ${at.column}` : '';
    throw new UnreadableError(`The JSON is not valid${where}: ${(error as Error).message}`);
  }
  if (!Array.isArray(rows))
    throw new UnreadableError('The JSON is not a list of [wall time, step, value] rows.');
  const writer = pointWriter(file, ctx);
  rows.forEach((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== 3)
      ctx.report.reject(i + 1, 'not a [wall time, step, value] row');
    else writer.add(i + 1, row[0], row[1], row[2]);
  });
  writer.finish();
}
