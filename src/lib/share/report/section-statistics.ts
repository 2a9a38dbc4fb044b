/**
 * The statistics view as tables, with the content of statistics-report.ts's Markdown: where the
 * numbers come from, each metric's groups with bootstrap intervals, the tests with raw and
 * Holm-adjusted p-values, the student's trend, and the best run under constraints with every caveat.
 */

import {
  formatInterval,
  formatP,
  formatPercent,
  formatSigned,
  formatStat,
} from '../../stats/format';
import type { GroupComparison, MetricStats, StatsResult, TestResult } from '../../stats/types';
import { h, type Html } from './html';
import type { ReportContext } from './report-context';

export function statisticsSection(result: StatsResult | null, ctx: ReportContext): Html {
  const head = h('h2', {}, 'Statistics');
  if (!result)
    return h(
      'section',
      { class: 'statistics', 'data-testid': 'report-statistics' },
      head,
      h('p', { class: 'note' }, 'No statistics: the runs compared fall in fewer than two groups.'),
    );
  return h(
    'section',
    { class: 'statistics', 'data-testid': 'report-statistics' },
    head,
    h('p', {}, provenance(result, ctx)),
    h(
      'p',
      { class: 'small' },
      'Groups: ',
      result.request.groups.map((g, i) => [
        i > 0 ? '; ' : '',
        h('strong', {}, g.label),
        ` (n = ${g.runIds.length}: ${g.runIds.map(ctx.name).join(', ')})`,
      ]),
      '.',
    ),
    result.metrics.map((m) => metricBlock(m, result)),
    trends(result, ctx),
    selection(result),
  );
}

function provenance(result: StatsResult, ctx: ReportContext): string {
  const a = result.request.aggregation;
  const where =
    a.kind === 'aligned'
      ? `each run at ${ctx.name(a.student)}'s last logged step of each metric (${a.axis.kind} axis, ${a.policy} between logged points)`
      : a.kind === 'final'
        ? "each run's final value at its own step (not the same step)"
        : "each run's best value at its own step (not the same step)";
  return `Values: ${where}. Bootstrap: ${result.resamples.toLocaleString('en-US')} resamples, seed ${result.seed}, ${Math.round(result.level * 100)} % intervals (percentile and BCa). p-values: raw, and Holm-adjusted across the comparisons shown.`;
}

const num = (text: string) => h('td', { class: 'num' }, text);

function metricBlock(m: MetricStats, result: StatsResult): Html {
  const level = Math.round(result.level * 100);
  const at = m.xStar === null ? '' : ` at step ${formatStat(m.xStar)}`;
  return h(
    'div',
    { class: 'stats-metric', 'data-testid': 'report-stats-metric', 'data-metric': m.metric },
    h(
      'h3',
      {},
      m.metric,
      h(
        'span',
        { class: 'count' },
        `${at} (${m.role}, ${m.direction === 'max' ? 'higher' : 'lower'} is better)`,
      ),
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
          h('th', {}, 'group'),
          ['n', 'mean', 'sd'].map((t) => h('th', { class: 'num' }, t)),
          h('th', { class: 'num' }, `${level} % CI (percentile)`),
          h('th', { class: 'num' }, `${level} % CI (BCa)`),
          h('th', { class: 'num' }, 'P(best)'),
        ),
      ),
      h(
        'tbody',
        {},
        m.groups.map((g) =>
          h(
            'tr',
            {},
            h('td', {}, g.label),
            num(String(g.n)),
            num(formatStat(g.mean)),
            num(formatStat(g.sd)),
            num(formatInterval(g.percentile)),
            num(formatInterval(g.bca)),
            num(formatPercent(g.pBest)),
          ),
        ),
      ),
    ),
    m.comparisons.map((c) => comparison(m, c, level)),
  );
}

function comparison(m: MetricStats, c: GroupComparison, level: number): Html {
  const a = m.groups[c.a].label;
  const b = m.groups[c.b].label;
  const head = h('strong', {}, `${b} vs ${a}`);
  if (c.noTest)
    return h(
      'p',
      { class: 'comparison' },
      head,
      `: ${c.noTest}. Difference of means ${formatSigned(c.difference)}.`,
    );
  const tests: [string, TestResult | null][] = [
    ["Welch's t", c.welch],
    ['Mann–Whitney U', c.mannWhitney],
  ];
  if (c.paired)
    tests.push(
      [`paired t (${c.paired.pairs} pairs by seed)`, c.paired.t],
      [`Wilcoxon signed-rank (${c.paired.pairs} pairs)`, c.paired.wilcoxon],
    );
  return h(
    'div',
    { class: 'comparison', 'data-testid': 'report-comparison' },
    h(
      'p',
      {},
      head,
      `: difference of means ${formatSigned(c.difference)} (${level} % CI ${formatInterval(c.percentile)} percentile, ${formatInterval(c.bca)} BCa); Cohen's d ${formatStat(c.cohenD)}, Hedges' g ${formatStat(c.hedgesG)}.`,
    ),
    h(
      'table',
      { class: 'tests' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'test'),
          ['statistic', 'df', 'p', 'p (Holm)'].map((t) => h('th', { class: 'num' }, t)),
        ),
      ),
      h(
        'tbody',
        {},
        tests
          .filter((t): t is [string, TestResult] => t[1] !== null)
          .map(([name, t]) =>
            h(
              'tr',
              { 'data-testid': 'report-test' },
              h('td', {}, name, name.startsWith(t.method) ? '' : ` (${t.method})`),
              num(
                `${formatStat(t.statistic)}${t.df === undefined ? '' : `, df ${formatStat(t.df)}`}`,
              ),
              num(formatP(t.p)),
              num(formatP(t.pHolm)),
            ),
          ),
      ),
    ),
  );
}

function trends(result: StatsResult, ctx: ReportContext): Html | null {
  if (result.trends.length === 0) return null;
  const run = result.request.trend ? ctx.name(result.request.trend.runId) : 'the run';
  return h(
    'div',
    { class: 'trends' },
    h('h3', {}, `Is ${run} improving?`),
    h(
      'ul',
      {},
      result.trends.map((t) => h('li', {}, h('strong', {}, t.metric), `: ${t.sentence}`)),
    ),
  );
}

function selection(result: StatsResult): Html | null {
  const s = result.selection;
  if (!s) return null;
  const constraints = result.request.selection?.constraints ?? [];
  let rank = 0;
  return h(
    'div',
    { class: 'selection', 'data-testid': 'report-selection' },
    h(
      'h3',
      {},
      `Best under constraints (${s.primary}, ${s.direction === 'max' ? 'higher' : 'lower'} is better)`,
    ),
    h(
      'p',
      {},
      constraints.length > 0
        ? `Constraints: ${constraints.map((c) => `${c.key} ${c.op} ${c.value}`).join(', ')}.`
        : 'No constraints.',
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
          h('th', { class: 'num' }, 'rank'),
          h('th', {}, 'candidate'),
          h('th', { class: 'num' }, 'n'),
          h('th', { class: 'num' }, s.primary),
          h('th', {}, 'meets constraints'),
        ),
      ),
      h(
        'tbody',
        {},
        s.candidates.map((c) =>
          h(
            'tr',
            {},
            num(c.satisfies ? String(++rank) : '—'),
            h('td', {}, c.label),
            num(String(c.n)),
            num(formatStat(c.primary)),
            h('td', {}, c.satisfies ? 'yes' : c.failed.join('; ')),
          ),
        ),
      ),
    ),
    s.recommendation
      ? h(
          'div',
          { class: 'recommendation', 'data-testid': 'report-recommendation' },
          h('p', {}, h('strong', {}, 'Recommendation. '), s.recommendation.sentence),
          s.recommendation.caveats.length > 0 &&
            h(
              'ul',
              { class: 'caveats' },
              s.recommendation.caveats.map((c) => h('li', {}, 'Caveat: ', c)),
            ),
        )
      : h('p', { class: 'recommendation' }, h('strong', {}, 'No recommendation. '), s.none ?? ''),
  );
}
