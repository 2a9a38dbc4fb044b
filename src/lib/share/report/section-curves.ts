/** The curve charts of the page, as inline SVG, with what each caption says on the page. */

import { axisName } from '../../align/format';
import type { Smoothing } from '../../curves/smoothing';
import { curveSvg } from './curve-svg';
import { h, type Html } from './html';
import type { ReportCurves } from './report-data';

export function smoothingWords(s: Smoothing): string {
  switch (s.kind) {
    case 'none':
      return 'no smoothing';
    case 'ema':
      return `EMA (TensorBoard's, debiased), weight ${s.weight}`;
    case 'time-ema':
      return `time-weighted EMA, half-life ${s.halfLife} x units`;
    case 'moving-average':
      return `centred moving average over ${s.window} points`;
  }
}

export function curvesSection(curves: ReportCurves | null): Html {
  if (!curves || (curves.charts.length === 0 && !curves.leftOut))
    return h(
      'section',
      { class: 'curves', 'data-testid': 'report-curves' },
      h('h2', {}, 'Curves'),
      h('p', { class: 'note' }, 'No curves to draw.'),
    );
  return h(
    'section',
    { class: 'curves', 'data-testid': 'report-curves' },
    h('h2', {}, 'Curves'),
    h(
      'p',
      {},
      `x axis: ${axisName(curves.axis)}; ${smoothingWords(curves.smoothing)}, computed on the full series before the lines were cut to the chart's pixels${curves.grouping ? `; runs grouped ${curves.grouping}` : ''}.`,
    ),
    curves.charts.map((c) =>
      h(
        'figure',
        { class: 'chart' },
        h(
          'figcaption',
          {},
          h('strong', {}, c.metric),
          ' ',
          h('span', { class: 'small' }, c.notes.join('; ')),
        ),
        curveSvg(c),
      ),
    ),
    curves.leftOut &&
      h(
        'p',
        { class: 'note', 'data-testid': 'report-curves-left-out' },
        `${curves.leftOut.metrics.length} more metric${curves.leftOut.metrics.length === 1 ? '' : 's'} not drawn (${curves.leftOut.reason}): ${curves.leftOut.metrics.join(', ')}.`,
      ),
  );
}
