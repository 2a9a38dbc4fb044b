/** The same-step comparison as CSV (one row per metric × baseline) and as Markdown tables. */

import { axisName, formatDelta, formatValue, formatX, stepsUsed } from '../align/format';
import type { AlignTable } from '../align/layout';
import type { AlignResult } from '../align/types';
import { csvTable } from './csv';
import { markdownText as mdCell } from './markdown';

export interface RunLabel {
  name: string;
  runKey: string;
}

export const COMPARISON_COLUMNS = [
  'metric',
  'role',
  'direction',
  'student_run_id',
  'student_run',
  'baseline_run_id',
  'baseline_run',
  'axis',
  'x_star',
  'student_value',
  'baseline_value',
  'baseline_steps_used',
  'method',
  'delta',
  'source_file',
] as const;

export function comparisonCsv(result: AlignResult, run: (runId: number) => RunLabel): string {
  const student = run(result.request.student);
  const rows = result.metrics.flatMap((m) =>
    m.baselines.map((b) => {
      const baseline = run(b.runId);
      const files = [...new Set(b.used.map((p) => result.sources[p.sourceId] ?? `#${p.sourceId}`))];
      return [
        m.metric,
        m.role,
        m.direction,
        student.runKey,
        student.name,
        baseline.runKey,
        baseline.name,
        axisName(result.request.axis),
        m.student?.xStar ?? null,
        m.student?.point.value ?? null,
        b.value,
        b.used.map((p) => p.step).join(';'),
        b.tie ? `${b.method} (tie: earlier step)` : b.method,
        b.delta,
        files.join(';'),
      ];
    }),
  );
  return csvTable(COMPARISON_COLUMNS, rows);
}

/** One Markdown table per same-step table, with full run names and how each number was read. */
export function comparisonMarkdown(
  tables: readonly AlignTable[],
  result: AlignResult,
  run: (runId: number) => RunLabel,
): string {
  const axis = result.request.axis;
  const student = run(result.request.student);
  const baselines = result.request.baselines.map(run);
  const out: string[] = [];
  for (const table of tables) {
    out.push(`### ${mdCell(table.title)}`, '');
    const head = [
      'metric',
      'role',
      `${student.name} (student)`,
      ...baselines.flatMap((b) => [b.name, 'Δ']),
    ];
    out.push(`| ${head.map(mdCell).join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`);
    for (const m of table.rows) {
      const own = m.student
        ? `${formatValue(m.student.point.value)} @ ${formatX(m.student.xStar, axis)}`
        : 'not yet';
      const cells = m.baselines.flatMap((b) => [
        b.value === null
          ? b.method
          : `${formatValue(b.value)} (${b.method}${b.used.length ? `, step ${stepsUsed(b.used)}` : ''})`,
        formatDelta(b.delta),
      ]);
      const arrow = m.direction === 'min' ? '↓' : '↑';
      out.push(`| ${[m.metric, `${m.role} ${arrow}`, own, ...cells].map(mdCell).join(' | ')} |`);
    }
    out.push('');
  }
  out.push(
    `Δ: student minus baseline, signed so that + means the student is better (↑ higher is better, ↓ lower is better).`,
  );
  return out.join('\n') + '\n';
}
