/** The per-example comparison as Markdown, to follow the statistics block in the report. */

import type { PredictionsResult } from '../predictions/types';
import { formatInterval, formatP, formatSigned, formatStat } from '../stats/format';
import { mcnemarVerdict } from '../stats/mcnemar';
import { markdownText as cell } from './markdown';

const count = (n: number) => n.toLocaleString('en-US');

export function predictionsMarkdown(r: PredictionsResult): string {
  const { a, b } = r.request;
  const lines = [
    '### Per-example predictions',
    '',
    `B = ${cell(b)} against A = ${cell(a)}, on the ${count(r.shared)} examples both predicted (${r.classes} classes); paired bootstrap of ${count(r.resamples)} resamples${r.bootstrap === 'poisson-cells' ? ' (Poisson weights over the cells of label and both predictions)' : ''}, seed ${r.request.seed}.`,
    '',
  ];
  if (r.onlyA > 0 || r.onlyB > 0)
    lines.push(
      `Different evaluation sets: ${count(r.onlyA)} examples only A predicted and ${count(r.onlyB)} only B predicted were left out.`,
      '',
    );
  if (r.labelsDisagree > 0 || r.unlabelled > 0)
    lines.push(
      `Also left out: ${count(r.labelsDisagree)} examples whose label differs between the files, ${count(r.unlabelled)} without a label.`,
      '',
    );
  lines.push('| metric | A | B | B − A | 95 % CI |', '| --- | ---: | ---: | ---: | --- |');
  for (const [name, m] of [
    ['accuracy', r.accuracy],
    ['macro F1', r.macroF1],
  ] as const)
    lines.push(
      `| ${name} | ${formatStat(m.a)} | ${formatStat(m.b)} | ${formatSigned(m.difference)} | ${formatInterval(m.interval)} |`,
    );
  if (r.mcnemar)
    lines.push(
      '',
      `McNemar's test (${r.mcnemar.method}): ${count(r.mcnemar.b)} examples only A got right, ${count(r.mcnemar.c)} only B; p ${formatP(r.mcnemar.p)}: ${mcnemarVerdict(r.mcnemar)}.`,
    );
  for (const s of r.segments) {
    lines.push(
      '',
      `By ${cell(s.segment)} (accuracy; sorted by the change):`,
      '',
      `| ${cell(s.segment)} | examples | A | B | B − A | 95 % CI |`,
      '| --- | ---: | ---: | ---: | ---: | --- |',
    );
    for (const row of s.rows)
      lines.push(
        `| ${row.value === null ? 'none' : cell(row.value)} | ${count(row.examples)} | ${formatStat(row.accuracy.a)} | ${formatStat(row.accuracy.b)} | ${formatSigned(row.accuracy.difference)} | ${formatInterval(row.accuracy.interval)} |`,
      );
  }
  return lines.join('\n');
}
