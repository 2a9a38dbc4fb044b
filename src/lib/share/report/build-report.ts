/**
 * The self-contained report: one HTML document that runs no script and asks for nothing (its
 * Content-Security-Policy forbids both), with the page's comparison rendered as tables and SVG,
 * and the data behind it embedded as inert JSON. Every name and value is escaped text.
 */

import { h, Html } from './html';
import { jsonScript } from './json-block';
import { reportContext } from './report-context';
import type { ReportData } from './report-data';
import { REPORT_CSS } from './report-style';
import { curvesSection } from './section-curves';
import { headerSection, readableDate } from './section-header';
import { lineageSection } from './section-lineage';
import { predictionsSection } from './section-predictions';
import { sameStepSection } from './section-same-step';
import { statisticsSection } from './section-statistics';

export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
export const DATA_ELEMENT_ID = 'lockstep-data';

/** The report's data, as embedded: a format tag, so a reader years later knows what it holds. */
export function embeddedData(data: ReportData): { format: string; report: ReportData } {
  return { format: 'lockstep-report/1', report: data };
}

export function buildReport(data: ReportData): string {
  const ctx = reportContext(data);
  const student = data.student ? ctx.name(data.student.runId) : null;
  if (REPORT_CSS.includes('</')) throw new Error('the stylesheet must not close its element');
  const head = h(
    'head',
    {},
    h('meta', { charset: 'utf-8' }),
    h('meta', { 'http-equiv': 'Content-Security-Policy', content: REPORT_CSP }),
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    h('meta', { name: 'generator', content: 'Lockstep' }),
    h(
      'title',
      {},
      `Lockstep report${student ? ` — ${student}` : ''} — ${readableDate(data.createdAt)}`,
    ),
    new Html(`<style>${REPORT_CSS}</style>`),
  );
  const body = h(
    'body',
    {},
    headerSection(data, ctx),
    h(
      'main',
      {},
      sameStepSection(data.align, ctx),
      curvesSection(data.curves),
      lineageSection(data, ctx),
      statisticsSection(data.statistics, ctx),
      predictionsSection(data.predictions),
    ),
    h(
      'footer',
      {},
      `Made by Lockstep on ${readableDate(data.createdAt)}. This file runs no script and loads nothing: open it offline in any browser, or print it. The numbers above are in the JSON element "${DATA_ELEMENT_ID}" (NaN and infinities written as the strings "NaN", "Infinity", "-Infinity").`,
    ),
    jsonScript(DATA_ELEMENT_ID, embeddedData(data)),
  );
  return `<!doctype html>\n<html lang="en">${head.html}${body.html}</html>\n`;
}
