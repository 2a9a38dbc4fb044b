/** A watched file's report after more of it was read: counts added, new rejections moved to their lines in the file. */

import type { ImportReportData, Rejection } from '../importers/report';

const LINES_KEPT = 20;

/** `added`'s line numbers are shifted by `lineOffset` (its line 1 is line `1 + lineOffset` of the file). */
export function shiftLines(added: ImportReportData, lineOffset: number): ImportReportData {
  return {
    ...added,
    rejections: added.rejections.map((r) => ({
      ...r,
      lines: r.lines.map((l) => l + lineOffset),
    })),
  };
}

/** The report of the whole file: what was read before and what was read now. */
export function mergeReports(before: ImportReportData, added: ImportReportData): ImportReportData {
  const rejections = new Map<string, Rejection>();
  for (const r of [...before.rejections, ...added.rejections]) {
    const seen = rejections.get(r.reason);
    if (!seen) {
      rejections.set(r.reason, { ...r, lines: [...r.lines] });
      continue;
    }
    seen.count += r.count;
    seen.lines.push(...r.lines.slice(0, LINES_KEPT - seen.lines.length));
  }
  return {
    ...before,
    runs: Math.max(before.runs, added.runs),
    metrics: Math.max(before.metrics, added.metrics),
    points: before.points + added.points,
    rowsRead: before.rowsRead + added.rowsRead,
    rowsRejected: before.rowsRejected + added.rowsRejected,
    warnings: [...new Set([...before.warnings, ...added.warnings])],
    rejections: [...rejections.values()],
  };
}
