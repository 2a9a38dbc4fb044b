/**
 * The report's sections from a real engine's answers over the sample runs, with one run whose name,
 * hyperparameter and metric are hostile markup: every number is the engine's, every name is text.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import { formatValue } from '../../../src/lib/align/format';
import type { Engine } from '../../../src/lib/engine/engine';
import {
  buildReport,
  DATA_ELEMENT_ID,
  REPORT_CSP,
} from '../../../src/lib/share/report/build-report';
import { collectReport } from '../../../src/lib/share/report/collect-report';
import { reportContext } from '../../../src/lib/share/report/report-context';
import type { ReportData } from '../../../src/lib/share/report/report-data';
import { scriptSafeJson } from '../../../src/lib/share/report/json-block';
import { curvesSection } from '../../../src/lib/share/report/section-curves';
import { lineageSection } from '../../../src/lib/share/report/section-lineage';
import { sameStepSection } from '../../../src/lib/share/report/section-same-step';
import { statisticsSection } from '../../../src/lib/share/report/section-statistics';
import { predictionsSection } from '../../../src/lib/share/report/section-predictions';
import { escapeHtml } from '../../../src/lib/share/report/html';
import { formatStat } from '../../../src/lib/stats/format';
import { predictionsMarkdown } from '../../../src/lib/share/predictions-report';
import {
  asyncEngine,
  HOSTILE_METRIC,
  HOSTILE_NOTE,
  HOSTILE_RUN,
  sampleEngine,
  sampleSettings,
  USER_NOTE,
} from './report-fixture';

let engine: Engine;
let data: ReportData;
let html: string;

beforeAll(async () => {
  engine = await sampleEngine();
  data = await collectReport(asyncEngine(engine), sampleSettings(engine));
  html = buildReport(data);
});

/** Every element whose attributes match, as its opening tag and text up to its closing tag. */
function elements(markup: string, attr: string): { open: string; text: string }[] {
  const out: { open: string; text: string }[] = [];
  const re = new RegExp(`<(td|tr|div|section|svg)\\b[^>]*${attr}[^>]*>`, 'g');
  for (const m of markup.matchAll(re)) {
    const tag = m[1];
    const end = markup.indexOf(`</${tag}>`, (m.index ?? 0) + m[0].length);
    out.push({ open: m[0], text: markup.slice((m.index ?? 0) + m[0].length, end) });
  }
  return out;
}

const attrOf = (open: string, name: string) =>
  new RegExp(`\\s${name}="([^"]*)"`).exec(open)?.[1].replaceAll('&amp;', '&') ?? null;
const textOf = (inner: string) => inner.replace(/<[^>]*>/g, '');

describe('the same-step section', () => {
  it('shows every baseline cell the engine aligned, with its value, method and steps', () => {
    const align = data.align;
    expect(align).not.toBeNull();
    if (!align) return;
    const section = sameStepSection(align, reportContext(data)).html;
    const cells = elements(section, 'data-testid="report-cell"');
    const expected = align.metrics.flatMap((m) => m.baselines.map((b) => ({ m, b })));
    expect(cells).toHaveLength(expected.length);
    for (const { m, b } of expected) {
      const key = data.runs.find((r) => r.runId === b.runId)?.runKey ?? '';
      const cell = cells.find(
        (c) =>
          attrOf(c.open, 'data-metric') === escapeHtml(m.metric).replaceAll('&amp;', '&') &&
          attrOf(c.open, 'data-run-key') === escapeHtml(key).replaceAll('&amp;', '&'),
      );
      expect(cell, `${m.metric} / ${key}`).toBeDefined();
      if (!cell) continue;
      expect(attrOf(cell.open, 'data-method')).toBe(b.method);
      expect(attrOf(cell.open, 'data-value')).toBe(b.value === null ? '' : String(b.value));
      expect(attrOf(cell.open, 'data-steps')).toBe(b.used.map((p) => p.step).join(';'));
      if (b.value !== null) expect(textOf(cell.text)).toContain(formatValue(b.value));
      if (b.method === 'interpolated')
        expect(textOf(cell.text)).toMatch(/interpolated, steps \S+ and \S+/);
    }
  });

  it('keeps proxies and targets apart: each metric says its role and direction', () => {
    const section = sameStepSection(data.align, reportContext(data)).html;
    expect(section).toContain('class="metric role-proxy" data-metric="train/loss"');
    expect(section).toMatch(
      /class="metric role-target" data-metric="val\/loss">.*target ↓ lower is better/,
    );
  });

  it('says that there is no comparison rather than drawing an empty one', () => {
    expect(sameStepSection(null, reportContext(data)).html).toContain('No comparison');
  });
});

describe('the curves section', () => {
  it('draws a chart with a path per run for every metric, and names what it left out', () => {
    const section = curvesSection(data.curves).html;
    const charts = elements(section, 'data-testid="report-chart"');
    expect(charts.map((c) => attrOf(c.open, 'data-metric'))).toEqual(
      data.curves?.charts.map((c) => escapeHtml(c.metric).replaceAll('&amp;', '&')),
    );
    const loss = charts.find((c) => attrOf(c.open, 'data-metric') === 'train/loss');
    // Seven runs with train/loss: a smoothed line and a faint raw one each.
    expect(loss?.text.match(/<path d="M[^"]+"/g)).toHaveLength(14);
    expect(section).not.toContain('NaN');
  });
});

describe('the lineage section', () => {
  it("lists the hyperparameters that differ from the base with every run's value", () => {
    const section = lineageSection(data, reportContext(data)).html;
    expect(section).toContain('data-key="hyperparameters/lr"');
    expect(section).toContain('data-key="hyperparameters/seed"');
    // The same in every sample run, but the hostile run has none: it differs.
    expect(section).toContain('data-key="hyperparameters/batch_size"');
    expect(section).toContain(escapeHtml(HOSTILE_NOTE));
  });
});

describe('the statistics section', () => {
  it("has a table per metric with the engine's tests and the recommendation", () => {
    const stats = data.statistics;
    expect(stats?.metrics.length).toBeGreaterThan(0);
    const section = statisticsSection(stats, reportContext(data)).html;
    const tests = stats?.metrics.flatMap((m) =>
      m.comparisons.flatMap((c) =>
        c.noTest
          ? []
          : [c.welch, c.mannWhitney, c.paired?.t ?? null, c.paired?.wilcoxon ?? null].filter(
              (t) => t !== null,
            ),
      ),
    );
    expect(elements(section, 'data-testid="report-test"')).toHaveLength(tests?.length ?? -1);
    expect(section).toContain('Holm');
    expect(section).toContain('seed 7');
    if (stats?.selection?.recommendation) expect(section).toContain('Recommendation.');
  });
});

describe('the predictions section', () => {
  it('compares two prediction sets example by example', () => {
    const section = predictionsSection(data.predictions)?.html ?? '';
    expect(section).toContain('McNemar');
    expect(section).toContain(
      `on the ${data.predictions?.shared.toLocaleString('en-US')} examples`,
    );
    // The samples' difficulty column, value by value, with the engine's numbers.
    expect(section).toContain('data-testid="report-segment"');
    expect(section).toContain('By difficulty');
    const rows = data.predictions?.segments[0].rows ?? [];
    expect(rows.map((r) => r.value).sort()).toEqual(['easy', 'hard', 'medium']);
    for (const r of rows) expect(textOf(section)).toContain(formatStat(r.accuracy.a));
    // And in the Markdown block, a table row per value.
    const markdown = data.predictions ? predictionsMarkdown(data.predictions) : '';
    expect(markdown).toContain('By difficulty (accuracy; sorted by the change):');
    for (const r of rows)
      expect(markdown).toContain(`| ${r.value} | ${r.examples} | ${formatStat(r.accuracy.a)} |`);
  });
});

describe('the whole report', () => {
  it('starts with the strict CSP and carries no script but its inert data', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head.indexOf('Content-Security-Policy')).toBeLessThan(head.indexOf('<title>'));
    expect(head).toContain(`content="${REPORT_CSP}"`);
    expect(html.match(/<script\b/gi)).toHaveLength(1);
    expect(html).toContain(`<script type="application/json" id="${DATA_ELEMENT_ID}">`);
    // In any tag (escaped text has no "<"; values are quoted, their quotes escaped): no handler,
    // nothing to load or follow.
    const tags = html.replace(/"[^"]*"/g, '""').match(/<[^>]*>/g) ?? [];
    expect(tags.filter((t) => /\son[a-z]+=/i.test(t))).toEqual([]);
    expect(tags.filter((t) => /\s(src|href|srcset|action|xlink:href)=/i.test(t))).toEqual([]);
  });

  it('shows hostile names only as escaped text', () => {
    expect(html).not.toContain(HOSTILE_RUN);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<svg onload');
    expect(html).not.toContain('<b>acc');
    expect(html).toContain(escapeHtml(HOSTILE_RUN));
    expect(html).toContain(escapeHtml(HOSTILE_METRIC));
  });

  it("shows the user's notes on runs beside them, as text", () => {
    const notes = elements(html, 'data-testid="report-note"');
    expect(notes.map((n) => n.text).filter(Boolean)).toEqual([escapeHtml(USER_NOTE)]);
    expect(html).not.toContain('<a href');
  });

  it('embeds its data as JSON that parses back exactly', () => {
    const open = `<script type="application/json" id="${DATA_ELEMENT_ID}">`;
    const start = html.indexOf(open) + open.length;
    const inner = html.slice(start, html.indexOf('</script>', start));
    expect(inner).not.toMatch(/[<>&\u2028\u2029]/);
    const parsed = JSON.parse(inner) as { format: string; report: ReportData };
    expect(parsed.format).toBe('lockstep-report/1');
    expect(parsed.report).toEqual(JSON.parse(scriptSafeJson(data)));
    expect(parsed.report.runs.map((r) => r.name)).toContain(HOSTILE_RUN);
    expect(parsed.report.align?.metrics.map((m) => m.metric)).toContain(HOSTILE_METRIC);
  });
});
