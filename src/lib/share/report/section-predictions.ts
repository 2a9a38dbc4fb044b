/** The per-example comparison, with the content of predictions-report.ts's Markdown. */

import type { PredictionsResult } from '../../predictions/types';
import { formatInterval, formatP, formatSigned, formatStat } from '../../stats/format';
import { mcnemarVerdict } from '../../stats/mcnemar';
import type { SegmentBreakdown } from '../../stats/segment-breakdown';
import { h, type Html } from './html';

const count = (n: number) => n.toLocaleString('en-US');

export function predictionsSection(r: PredictionsResult | null): Html | null {
  if (!r || r.shared === 0) return null;
  const { a, b } = r.request;
  return h(
    'section',
    { class: 'predictions', 'data-testid': 'report-predictions' },
    h('h2', {}, 'Per-example predictions'),
    h(
      'p',
      {},
      'B = ',
      h('strong', {}, b),
      ' against A = ',
      h('strong', {}, a),
      `, on the ${count(r.shared)} examples both predicted (${r.classes} classes); paired bootstrap of ${count(r.resamples)} resamples${r.bootstrap === 'poisson-cells' ? ' (Poisson weights over the cells of label and both predictions)' : ''}, seed ${r.request.seed}.`,
    ),
    (r.onlyA > 0 || r.onlyB > 0) &&
      h(
        'p',
        { class: 'warning' },
        `Different evaluation sets: ${count(r.onlyA)} examples only A predicted and ${count(r.onlyB)} only B predicted were left out.`,
      ),
    (r.labelsDisagree > 0 || r.unlabelled > 0) &&
      h(
        'p',
        { class: 'warning' },
        `Also left out: ${count(r.labelsDisagree)} examples whose label differs between the files, ${count(r.unlabelled)} without a label.`,
      ),
    h(
      'table',
      { class: 'stats' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'metric'),
          ['A', 'B', 'B − A', '95 % CI'].map((t) => h('th', { class: 'num' }, t)),
        ),
      ),
      h(
        'tbody',
        {},
        (
          [
            ['accuracy', r.accuracy],
            ['macro F1', r.macroF1],
          ] as const
        ).map(([name, m]) =>
          h(
            'tr',
            {},
            h('td', {}, name),
            [
              formatStat(m.a),
              formatStat(m.b),
              formatSigned(m.difference),
              formatInterval(m.interval),
            ].map((t) => h('td', { class: 'num' }, t)),
          ),
        ),
      ),
    ),
    r.mcnemar &&
      h(
        'p',
        {},
        `McNemar's test (${r.mcnemar.method}): ${count(r.mcnemar.b)} examples only A got right, ${count(r.mcnemar.c)} only B; p ${formatP(r.mcnemar.p)}: ${mcnemarVerdict(r.mcnemar)}.`,
      ),
    r.segments.map(segmentTable),
  );
}

function segmentTable(s: SegmentBreakdown): Html {
  return h(
    'table',
    { class: 'stats', 'data-testid': 'report-segment' },
    h(
      'caption',
      {},
      `By ${s.segment}, sorted by the change in accuracy (Poisson bootstrap of ${count(s.resamples)} resamples)`,
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, s.segment),
        [
          'examples',
          'accuracy A',
          'accuracy B',
          'B − A',
          '95 % CI',
          'macro F1 B − A',
          '95 % CI',
        ].map((t) => h('th', { class: 'num' }, t)),
      ),
    ),
    h(
      'tbody',
      {},
      s.rows.map((row) =>
        h(
          'tr',
          {},
          h('td', {}, row.value ?? 'none'),
          [
            count(row.examples),
            formatStat(row.accuracy.a),
            formatStat(row.accuracy.b),
            formatSigned(row.accuracy.difference),
            formatInterval(row.accuracy.interval),
            formatSigned(row.macroF1.difference),
            formatInterval(row.macroF1.interval),
          ].map((t) => h('td', { class: 'num' }, t)),
        ),
      ),
    ),
  );
}
