/**
 * The statistics view as one Markdown block: where the numbers come from, each metric's groups
 * with n, mean and bootstrap intervals, the tests with raw and Holm-adjusted p-values, the trend
 * of the student run, and the recommendation with every caveat.
 */

import { formatInterval, formatP, formatPercent, formatSigned, formatStat } from '../stats/format';
import type { GroupComparison, MetricStats, StatsResult, TestResult } from '../stats/types';
import { markdownText as cell } from './markdown';

export function statisticsMarkdown(
  result: StatsResult,
  runName: (runId: number) => string,
): string {
  const lines: string[] = ['## Statistics', '', provenance(result, runName), ''];
  for (const m of result.metrics) lines.push(...metricBlock(m, result), '');
  if (result.trends.length > 0) {
    const run = result.request.trend ? runName(result.request.trend.runId) : '';
    lines.push(`### Is ${cell(run)} improving?`, '');
    for (const t of result.trends) lines.push(`- **${cell(t.metric)}**: ${cell(t.sentence)}`);
    lines.push('');
  }
  const selection = result.selection;
  if (selection) {
    lines.push(
      `### Best under constraints (${cell(selection.primary)}, ${selection.direction === 'max' ? 'higher' : 'lower'} is better)`,
      '',
    );
    const constraints = result.request.selection?.constraints ?? [];
    lines.push(
      constraints.length > 0
        ? `Constraints: ${constraints.map((c) => cell(`${c.key} ${c.op} ${c.value}`)).join(', ')}.`
        : 'No constraints.',
      '',
    );
    lines.push('| rank | candidate | n | ' + cell(selection.primary) + ' | meets constraints |');
    lines.push('| ---: | --- | ---: | ---: | --- |');
    let rank = 0;
    for (const c of selection.candidates)
      lines.push(
        `| ${c.satisfies ? ++rank : '—'} | ${cell(c.label)} | ${c.n} | ${formatStat(c.primary)} | ${c.satisfies ? 'yes' : cell(c.failed.join('; '))} |`,
      );
    lines.push('');
    const r = selection.recommendation;
    if (r) {
      lines.push(`**Recommendation.** ${cell(r.sentence)}`, '');
      for (const c of r.caveats) lines.push(`- Caveat: ${cell(c)}`);
    } else lines.push(`**No recommendation.** ${cell(selection.none ?? '')}`);
    lines.push('');
  }
  return lines.join('\n').trimEnd() + '\n';
}

function provenance(result: StatsResult, runName: (runId: number) => string): string {
  const a = result.request.aggregation;
  const where =
    a.kind === 'aligned'
      ? `each run at ${cell(runName(a.student))}'s last logged step of each metric (${a.axis.kind} axis, ${a.policy} between logged points)`
      : a.kind === 'final'
        ? "each run's final value at its own step (not the same step)"
        : "each run's best value at its own step (not the same step)";
  return `Values: ${where}. Bootstrap: ${result.resamples.toLocaleString('en-US')} resamples, seed ${result.seed}, ${Math.round(result.level * 100)} % intervals (percentile and BCa). p-values: raw, and Holm-adjusted across the comparisons shown.`;
}

function metricBlock(m: MetricStats, result: StatsResult): string[] {
  const level = Math.round(result.level * 100);
  const at = m.xStar === null ? '' : ` at step ${formatStat(m.xStar)}`;
  const lines = [
    `### ${cell(m.metric)}${at} (${m.role}, ${m.direction === 'max' ? 'higher' : 'lower'} is better)`,
    '',
    `| group | n | mean | sd | ${level} % CI (percentile) | ${level} % CI (BCa) | P(best) |`,
    '| --- | ---: | ---: | ---: | --- | --- | ---: |',
  ];
  for (const g of m.groups)
    lines.push(
      `| ${cell(g.label)} | ${g.n} | ${formatStat(g.mean)} | ${formatStat(g.sd)} | ${formatInterval(g.percentile)} | ${formatInterval(g.bca)} | ${formatPercent(g.pBest)} |`,
    );
  for (const c of m.comparisons) lines.push('', ...comparisonLines(m, c, level));
  return lines;
}

function comparisonLines(m: MetricStats, c: GroupComparison, level: number): string[] {
  const a = m.groups[c.a].label;
  const b = m.groups[c.b].label;
  const head = `**${cell(b)} vs ${cell(a)}**`;
  if (c.noTest)
    return [`${head}: ${cell(c.noTest)}. Difference of means ${formatSigned(c.difference)}.`];
  const out = [
    `${head}: difference of means ${formatSigned(c.difference)} (${level} % CI ${formatInterval(c.percentile)} percentile, ${formatInterval(c.bca)} BCa); Cohen's d ${formatStat(c.cohenD)}, Hedges' g ${formatStat(c.hedgesG)}.`,
    '',
    '| test | statistic | p | p (Holm) |',
    '| --- | ---: | ---: | ---: |',
  ];
  const row = (name: string, t: TestResult | null) => {
    const method = name.startsWith(t?.method ?? '') ? '' : ` (${t?.method})`;
    if (t)
      out.push(
        `| ${name}${method} | ${formatStat(t.statistic)}${t.df === undefined ? '' : `, df ${formatStat(t.df)}`} | ${formatP(t.p)} | ${formatP(t.pHolm)} |`,
      );
  };
  row("Welch's t", c.welch);
  row('Mann–Whitney U', c.mannWhitney);
  if (c.paired) {
    row(`paired t (${c.paired.pairs} pairs by seed)`, c.paired.t);
    row(`Wilcoxon signed-rank (${c.paired.pairs} pairs)`, c.paired.wilcoxon);
  }
  return out;
}
