/**
 * The runs and how their configuration differs from the base run's: hyperparameters, lineage
 * (commit, data version, environment), packages, summary values and resources, as the compare view
 * shows them. Fields that differ get a row with every run's value; the rest are named once.
 */

import { formatDelta, formatValue } from '../../align/format';
import { SECTION_TITLES } from '../../compare/listing';
import { formatCount } from '../../format';
import { COMPARE_SECTIONS } from '../../sql/compare';
import { h, type Html } from './html';
import type { ReportContext } from './report-context';
import type { LineageCell, LineageField, ReportData, ReportLineage } from './report-data';

/** Shown in the runs table above, not diffed again. */
const RUN_TABLE_KEYS = new Set(['run/name', 'run/id', 'run/state']);

export function lineageSection(data: ReportData, ctx: ReportContext): Html {
  const lineage = data.lineage;
  const runIds = lineage?.runIds ?? data.compared;
  return h(
    'section',
    { class: 'lineage', 'data-testid': 'report-lineage' },
    h('h2', {}, 'Runs, lineage and configuration'),
    runsTable(runIds, data, ctx),
    lineage
      ? diffTables(lineage, ctx)
      : h(
          'p',
          { class: 'note' },
          'Fewer than two runs are compared: there is no base run to diff against.',
        ),
  );
}

function runsTable(runIds: readonly number[], data: ReportData, ctx: ReportContext): Html {
  const student = data.student?.runId;
  const base = data.lineage?.base;
  const noted = runIds.some((id) => ctx.run(id).note);
  return h(
    'table',
    { class: 'runs', 'data-testid': 'report-runs' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, 'Run'),
        h('th', {}, 'Tracker id'),
        h('th', {}, 'State'),
        h('th', { class: 'num' }, 'Last step'),
        h('th', {}, 'Files'),
        noted && h('th', {}, 'Note'),
      ),
    ),
    h(
      'tbody',
      {},
      runIds.map((id) => {
        const r = ctx.run(id);
        return h(
          'tr',
          { 'data-run-key': r.runKey },
          h(
            'td',
            { class: 'name' },
            r.name,
            id === student && h('span', { class: 'tag' }, 'student'),
            id === base && h('span', { class: 'tag' }, 'base'),
          ),
          h('td', { class: 'key' }, r.runKey),
          h('td', {}, r.state ?? '—'),
          h('td', { class: 'num' }, formatCount(r.lastStep)),
          h('td', { class: 'small' }, r.sources.join(', ')),
          noted && h('td', { class: 'note', 'data-testid': 'report-note' }, r.note ?? ''),
        );
      }),
    ),
  );
}

function diffTables(lineage: ReportLineage, ctx: ReportContext): Html[] {
  const baseAt = lineage.runIds.indexOf(lineage.base);
  const order = [baseAt, ...lineage.runIds.map((_, i) => i).filter((i) => i !== baseAt)];
  const out: Html[] = [
    h(
      'p',
      { class: 'note' },
      `Every run against the base, ${ctx.name(lineage.base)}: a marked value differs from the base's; a number's change from the base follows it.`,
    ),
  ];
  for (const section of COMPARE_SECTIONS) {
    const fields = lineage.fields.filter(
      (f) => f.section === section && !RUN_TABLE_KEYS.has(`${f.section}/${f.key}`),
    );
    if (fields.length === 0) continue;
    const differing = fields.filter((f) => f.anyDiff);
    const same = fields.filter((f) => !f.anyDiff);
    out.push(
      h(
        'h3',
        {},
        SECTION_TITLES[section],
        ' ',
        h('span', { class: 'count' }, `${differing.length} of ${fields.length} differ`),
      ),
    );
    if (differing.length > 0)
      out.push(
        h(
          'table',
          { class: 'diff', 'data-testid': 'report-diff', 'data-section': section },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, 'Field'),
              order.map((i) =>
                h(
                  'th',
                  { class: i === baseAt ? 'base' : null },
                  ctx.name(lineage.runIds[i]),
                  i === baseAt && h('span', { class: 'tag' }, 'base'),
                ),
              ),
            ),
          ),
          h(
            'tbody',
            {},
            differing.map((f) => fieldRow(f, order, baseAt)),
          ),
        ),
      );
    if (same.length > 0)
      out.push(
        section === 'packages'
          ? h(
              'p',
              { class: 'same' },
              `${formatCount(same.length)} packages at the same version in every run.`,
            )
          : h(
              'p',
              { class: 'same' },
              h('span', { class: 'label' }, 'Same in every run: '),
              sameList(same),
            ),
      );
  }
  return out;
}

function fieldRow(f: LineageField, order: readonly number[], baseAt: number): Html {
  return h(
    'tr',
    { 'data-key': `${f.section}/${f.key}` },
    h('th', { scope: 'row', class: 'field' }, f.key),
    order.map((i) => cell(f.cells[i], i === baseAt)),
  );
}

function cell(c: LineageCell | null, isBase: boolean): Html {
  if (!c) return h('td', { class: 'missing' }, '—');
  const change = c.change
    ? `${formatDelta(c.change.abs)}${c.change.pct === null ? '' : ` (${c.change.pct > 0 ? '+' : ''}${formatValue(c.change.pct)} %)`}`
    : null;
  return h(
    'td',
    { class: [isBase ? 'base' : '', c.differs ? 'differs' : ''].join(' ').trim() || null },
    c.value ?? 'null',
    c.package && h('span', { class: 'sub' }, c.package),
    change && h('span', { class: 'sub' }, change),
  );
}

function sameList(fields: readonly LineageField[]): Html[] {
  return fields.map((f, i) => {
    const value = f.cells.find((c) => c !== null)?.value ?? 'null';
    return h('span', { class: 'kv' }, i > 0 ? '; ' : '', h('code', {}, f.key), ' = ', value);
  });
}
