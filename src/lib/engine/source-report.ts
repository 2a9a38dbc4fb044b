/** The report a user reads for each file: one sentence, and the details behind it. */

import { describeLines, type ImportReport, type ImportReportData } from '../importers/report';
import type { SourceReport, SourceStatus } from './api';

export interface SourceBase {
  sourceId: number;
  name: string;
  bytes: number;
}

const numbers = new Intl.NumberFormat('en-US');
const n = (x: number) => numbers.format(x);
const plural = (x: number, word: string) => `${n(x)} ${word}${x === 1 ? '' : 's'}`;

/** A file that loaded nothing: failed, empty, cancelled or a duplicate. */
export function unloadedReport(
  base: SourceBase,
  status: SourceStatus,
  message: string,
  report: ImportReport | null,
  extra: { sha256?: string | null; duplicateOf?: number | null } = {},
): SourceReport {
  return {
    ...base,
    sha256: extra.sha256 ?? null,
    duplicateOf: extra.duplicateOf ?? null,
    status,
    message,
    report: report?.toData({ runs: 0, metrics: 0, points: 0 }) ?? null,
    children: [],
  };
}

export function statusOf(data: ImportReportData): SourceStatus {
  if (data.runs > 0 || data.examples > 0) return data.rowsRejected > 0 ? 'partial' : 'loaded';
  return data.rowsRejected > 0 ? 'failed' : 'empty';
}

export function summarize(status: SourceStatus, data: ImportReportData): string {
  if (status === 'empty') {
    return data.rowsRead === 0
      ? 'No data rows: the file has a header only.'
      : 'No run could be read from this file.';
  }
  const first = data.rejections[0];
  const rejected = first
    ? `${n(data.rowsRejected)} rejected (${first.reason}: ${describeLines(first, data.rowUnit)}${data.rejections.length > 1 ? '; more below' : ''}).`
    : '';
  if (status === 'failed') return `Nothing could be read: ${rejected}`;
  const main =
    data.runs === 0 && data.examples > 0
      ? `${data.format}: ${plural(data.examples, 'example')} of ${listed(data.predictionRuns)}.`
      : `${data.format}: ${plural(data.runs, 'run')}, ${plural(data.metrics, 'metric')}, ${plural(data.points, 'point')}.`;
  return status === 'partial' ? `${main} ${rejected}` : main;
}

export function repeatedWarning(count: number): string {
  return `${n(count)} points repeat a step already logged for the same run and metric (a resumed run?): the later value was kept.`;
}

/** `run "a"`, `runs "a", "b" and 3 more`. */
function listed(refs: readonly string[], shown = 3): string {
  const names = refs.slice(0, shown).map((r) => JSON.stringify(r));
  const more = refs.length > shown ? ` and ${n(refs.length - shown)} more` : '';
  return `${refs.length === 1 ? 'run' : 'runs'} ${names.join(', ')}${more}`;
}
