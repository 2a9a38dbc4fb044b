/** The report's stylesheet: a printable document in the reader's system fonts, light rules. */

export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1d1d1f; --muted: #666; --rule: #dcdcdc; --wash: #f5f6f8;
  --accent: #2458d3; --good: #1a7f37; --bad: #b42318; --warn: #9a6700; --differs: #fff3cd; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 1080px; padding: 28px 32px 48px; color: var(--ink); background: #fff;
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 22px; margin: 0 0 10px; }
h2 { font-size: 17px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 14px; margin: 20px 0 6px; }
p { margin: 6px 0; max-width: 90ch; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.count, .small, .sub, .note, .legend { color: var(--muted); }
.count { font-weight: normal; font-size: 12px; margin-left: 6px; }
.small, .legend { font-size: 11.5px; }
.note { font-size: 12px; }
.warning { color: var(--warn); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 8px; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
table { border-collapse: collapse; margin: 6px 0 4px; font-variant-numeric: tabular-nums; font-size: 12px; }
th, td { padding: 3px 8px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { font-weight: 600; border-bottom: 1px solid #999; vertical-align: bottom; }
tbody th { font-weight: 500; }
.num { text-align: right; white-space: nowrap; }
.name, .run-col { overflow-wrap: anywhere; max-width: 260px; }
.key, .hash { font: 11px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.hash { max-width: 200px; color: var(--muted); }
.tag { display: inline-block; margin-left: 6px; padding: 0 5px; border: 1px solid var(--accent);
  border-radius: 3px; color: var(--accent); font-size: 10px; font-weight: 500; vertical-align: 1px; }
.sub { display: block; font-size: 10.5px; font-weight: normal; }
.missing { color: var(--muted); font-style: italic; }
.mark { display: inline-block; width: 1em; text-align: left; color: var(--muted); }
table.align th.metric { text-align: center; border-bottom: 1px solid var(--rule); }
table.align .metric-name { display: block; }
table.align .role { display: block; font-size: 10.5px; font-weight: normal; color: var(--muted); }
table.align th.role-target, table.align td.role-target { background: #f3f7ff; }
table.align th.metric.role-target .role { color: var(--accent); font-weight: 600; }
table.align td.delta, table.align th.delta { border-right: 1px solid var(--rule); }
table.align tr.student td, table.align tr.student th { background: #eef3ff; }
.better { color: var(--good); }
.worse { color: var(--bad); }
.reading p { margin: 4px 0; }
table.diff td.differs { background: var(--differs); }
table.diff th.base, table.diff td.base { background: var(--wash); }
table.diff td { overflow-wrap: anywhere; max-width: 220px; }
.same { font-size: 11.5px; color: var(--muted); }
.same .label { color: var(--ink); }
.kv code { color: var(--ink); }
figure.chart { margin: 14px 0; }
figure.chart figcaption { margin-bottom: 2px; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
.comparison p { margin-top: 10px; }
.recommendation { margin-top: 10px; padding: 8px 12px; border-left: 3px solid var(--accent); background: var(--wash); }
.caveats { margin: 4px 0 0; padding-left: 20px; }
footer { margin-top: 40px; padding-top: 8px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 11.5px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  h2 { break-after: avoid; }
  h3 { break-after: avoid; }
  figure.chart, table, .recommendation { break-inside: avoid; }
  thead { display: table-header-group; }
}
@page { margin: 14mm 12mm; }
`;
