/**
 * The same-step comparison as printed tables: one per group of metrics the page shows together
 * (a proxy beside the target it stands in for), a row per run, and under every number how it was
 * read — exact, nearest, interpolated or last observed, from which step(s) and file.
 */

import {
  axisName,
  describeCell,
  formatDelta,
  formatValue,
  formatX,
  METHOD_MARK,
  missingText,
  stepsUsed,
} from '../../align/format';
import { alignWarnings, interpretTable } from '../../align/interpret';
import { alignTables, type AlignTable } from '../../align/layout';
import type { AlignResult, BaselineCell, MetricAlignment } from '../../align/types';
import { formatCount } from '../../format';
import { h, type Html } from './html';
import type { ReportContext } from './report-context';

const POLICY_WORDS = {
  interpolate: 'interpolated between the bracketing logged points',
  nearest: 'the nearest logged point',
  last: 'the last point logged at or before it',
  exact: 'only a point logged exactly there',
} as const;

export function sameStepSection(result: AlignResult | null, ctx: ReportContext): Html {
  if (!result)
    return h(
      'section',
      { class: 'same-step', 'data-testid': 'report-same-step' },
      h('h2', {}, 'Same-step comparison'),
      h('p', { class: 'note' }, 'No comparison: select two or more runs on the page.'),
    );
  const req = result.request;
  const student = ctx.run(req.student);
  return h(
    'section',
    { class: 'same-step', 'data-testid': 'report-same-step' },
    h('h2', {}, 'Same-step comparison'),
    h(
      'p',
      {},
      'Student ',
      h('strong', {}, student.name),
      ` (${student.runKey}). For each metric, every other run is read at the student's own last logged ${axisName(req.axis)} of that metric (x*), by ${POLICY_WORDS[req.policy]}; never at its own final point, and never extrapolated past its last one.`,
    ),
    h(
      'p',
      { class: 'legend' },
      'Marks: none = exact · ≈ nearest · ~ interpolated · ← last observed. Δ = student minus run, signed so that + means the student is better (↑ higher is better, ↓ lower is better). Proxy metrics stand in for the downstream target; they are never read as the verdict.',
    ),
    alignWarnings(result, ctx.name).map((w) => h('p', { class: 'warning' }, w)),
    alignTables(result.metrics).map((t) => tableBlock(t, result, ctx)),
  );
}

function tableBlock(table: AlignTable, result: AlignResult, ctx: ReportContext): Html {
  const rows = table.rows;
  const files = sourceFiles(rows, result);
  return h(
    'div',
    { class: 'align-block', 'data-testid': 'report-align-table', 'data-title': table.title },
    h('h3', {}, table.title),
    h(
      'table',
      { class: 'align' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { rowspan: 2, class: 'run-col' }, 'Run'),
          rows.map((m) =>
            h(
              'th',
              { colspan: 2, class: `metric role-${m.role}`, 'data-metric': m.metric },
              h('span', { class: 'metric-name' }, m.metric),
              h(
                'span',
                { class: 'role' },
                `${m.role} ${m.direction === 'min' ? '↓ lower is better' : '↑ higher is better'}`,
              ),
            ),
          ),
        ),
        h(
          'tr',
          {},
          rows.map((m) => [
            h('th', { class: `num role-${m.role}` }, 'value'),
            h('th', { class: `num delta role-${m.role}` }, 'Δ'),
          ]),
        ),
      ),
      h(
        'tbody',
        {},
        studentRow(rows, result, ctx),
        result.request.baselines.map((id) => baselineRow(id, rows, result, ctx)),
      ),
    ),
    h(
      'div',
      { class: 'reading' },
      interpretTable(table, result, ctx.name).map((s) => h('p', {}, s)),
    ),
    files.length > 0 && h('p', { class: 'small' }, `Read from: ${files.join(', ')}.`),
  );
}

function studentRow(
  rows: readonly MetricAlignment[],
  result: AlignResult,
  ctx: ReportContext,
): Html {
  const student = ctx.run(result.request.student);
  return h(
    'tr',
    { class: 'student', 'data-run-key': student.runKey },
    h(
      'th',
      { scope: 'row', class: 'run-col' },
      student.name,
      h('span', { class: 'tag' }, 'student'),
    ),
    rows.map((m) => {
      const s = m.student;
      return [
        h(
          'td',
          {
            class: `num role-${m.role}`,
            'data-testid': 'report-student-cell',
            'data-metric': m.metric,
            'data-x-star': s?.xStar ?? '',
            'data-value': s ? String(s.point.value) : '',
          },
          s
            ? [
                h('span', { class: 'v' }, formatValue(s.point.value)),
                h(
                  'span',
                  { class: 'sub' },
                  `x* = ${formatX(s.xStar, result.request.axis)}, own last point`,
                ),
              ]
            : h('span', { class: 'missing' }, 'not yet'),
        ),
        h('td', { class: `num delta role-${m.role}` }),
      ];
    }),
  );
}

function baselineRow(
  runId: number,
  rows: readonly MetricAlignment[],
  result: AlignResult,
  ctx: ReportContext,
): Html {
  const r = ctx.run(runId);
  return h(
    'tr',
    { 'data-run-key': r.runKey },
    h('th', { scope: 'row', class: 'run-col' }, r.name, h('span', { class: 'sub' }, r.runKey)),
    rows.map((m) => {
      const cell = m.baselines.find((b) => b.runId === runId);
      if (!cell)
        return [
          h('td', { class: `num role-${m.role}` }, h('span', { class: 'missing' }, '—')),
          h('td', { class: `num delta role-${m.role}` }),
        ];
      return [valueCell(m, cell, result, ctx), deltaCell(m, cell)];
    }),
  );
}

function valueCell(
  m: MetricAlignment,
  cell: BaselineCell,
  result: AlignResult,
  ctx: ReportContext,
): Html {
  const r = ctx.run(cell.runId);
  return h(
    'td',
    {
      class: `num role-${m.role}`,
      'data-testid': 'report-cell',
      'data-metric': m.metric,
      'data-run-key': r.runKey,
      'data-method': cell.method,
      'data-value': cell.value === null ? '' : String(cell.value),
      'data-steps': cell.used.map((p) => p.step).join(';'),
      title: describeCell(cell, r, result.sources),
    },
    cell.value !== null
      ? [
          h(
            'span',
            { class: 'v' },
            formatValue(cell.value),
            h('span', { class: 'mark' }, METHOD_MARK[cell.method]),
          ),
          h('span', { class: 'sub' }, provenance(cell)),
        ]
      : [
          h('span', { class: 'missing' }, missingText(cell.method)),
          cell.final &&
            cell.method === 'not reached' &&
            h(
              'span',
              { class: 'sub' },
              `final ${formatValue(cell.final.value)} @ step ${formatCount(cell.final.step)}, not compared`,
            ),
        ],
  );
}

function provenance(cell: BaselineCell): string {
  const steps =
    cell.used.length === 0
      ? ''
      : `, step${cell.used.length > 1 ? 's' : ''} ${stepsUsed(cell.used)}`;
  return `${cell.method}${cell.tie ? ' (tie: earlier)' : ''}${steps}`;
}

function deltaCell(m: MetricAlignment, cell: BaselineCell): Html {
  const d = cell.delta;
  const tone =
    m.role === 'other' || d === null || Number.isNaN(d) || d === 0
      ? ''
      : d > 0
        ? ' better'
        : ' worse';
  return h(
    'td',
    {
      class: `num delta role-${m.role}${tone}`,
      'data-testid': 'report-delta',
      'data-metric': m.metric,
    },
    formatDelta(d),
  );
}

function sourceFiles(rows: readonly MetricAlignment[], result: AlignResult): string[] {
  const ids = new Set<number>();
  for (const m of rows) {
    if (m.student) ids.add(m.student.point.sourceId);
    for (const b of m.baselines) for (const p of b.used) ids.add(p.sourceId);
  }
  return [...ids].map((id) => result.sources[id] ?? `#${id}`).sort();
}
