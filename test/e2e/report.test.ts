/**
 * The downloaded report, opened later with no network: its same-step table says what the page said,
 * its charts are there as SVG, it asks for nothing and runs nothing (not even a hostile run name),
 * and the tables zip holds every table as CSV.
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { csvParseRows } from 'd3';
import { strFromU8, unzipSync } from 'fflate';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_FLAGS } from '../../scripts/chromium.mjs';
import { openPage, type OpenPage } from './browser';

const HOSTILE_RUN = '</script><script>alert(1)</script><img src=x onerror=alert(2)>';
const HOSTILE_RUNS = `run,state,params.lr,params.seed\n"${HOSTILE_RUN}",finished,1e-3,9\n`;
const HOSTILE_METRICS = [
  'run,step,metric,value',
  // Off the samples' steps: read at the student's step by the policy, not exactly.
  ...[0, 300, 600, 900, 1200].map((s) => `"${HOSTILE_RUN}",${s},train/loss,${6 - s / 400}`),
].join('\n');

let open: OpenPage;
let dir: string;
let reportPath: string;
let zip: Record<string, string>;
let live: { cells: Cell[]; students: Student[]; charts: number; runs: number };
let browser: Browser;
let report: Page;
/** Every request the report's browser saw, and every dialog a script would have opened. */
const requests: string[] = [];
const dialogs: string[] = [];
const consoleErrors: string[] = [];

interface Cell {
  metric: string;
  runKey: string;
  method: string;
  value: string;
  text: string;
}
interface Student {
  metric: string;
  xStar: string;
  value: string;
}

const quiet = (o: OpenPage) =>
  o.page.waitForFunction(() => document.querySelector('main')?.dataset.busy === 'false');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lockstep-report-'));
  open = await openPage('?samples');
  const page = open.page;
  await page.waitForSelector('[data-testid=align-cell]');
  await quiet(open);
  await page.setInputFiles('[data-testid=file-input]', [
    { name: 'hostile/runs.csv', mimeType: 'text/csv', buffer: Buffer.from(HOSTILE_RUNS) },
    { name: 'hostile/metrics.csv', mimeType: 'text/csv', buffer: Buffer.from(HOSTILE_METRICS) },
  ]);
  await page.waitForFunction(
    (name) =>
      [...document.querySelectorAll('[data-testid=align-cell][data-method=interpolated]')].some(
        (c) => c.getAttribute('data-run') === name,
      ),
    HOSTILE_RUN,
  );
  // Not the default policy: the report follows what the page shows now.
  await page.selectOption('[data-testid=policy-select]', 'last');
  await page.waitForFunction(
    () => !document.querySelector('[data-testid=align-cell][data-method=interpolated]'),
  );
  await quiet(open);
  live = {
    cells: await page.$$eval('[data-testid=align-row]', (rows) =>
      rows.flatMap((row) =>
        [...row.querySelectorAll('[data-testid=align-cell]')].map((c) => ({
          metric: row.getAttribute('data-metric') ?? '',
          runKey: c.getAttribute('data-run-key') ?? '',
          method: c.getAttribute('data-method') ?? '',
          value: c.getAttribute('data-value') ?? '',
          text: (c.textContent ?? '').replace(/\s+/g, ' ').trim(),
        })),
      ),
    ),
    students: await page.$$eval('[data-testid=align-row]', (rows) =>
      rows.map((row) => {
        const s = row.querySelector('[data-testid=student-cell]');
        return {
          metric: row.getAttribute('data-metric') ?? '',
          xStar: s?.getAttribute('data-x-star') ?? '',
          value: s?.getAttribute('data-value') ?? '',
        };
      }),
    ),
    charts: await page.locator('[data-testid=curve-chart]').count(),
    runs: Number(await page.textContent('[data-testid=run-count]')),
  };

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid=download-report]'),
  ]);
  expect(download.suggestedFilename()).toMatch(/^lockstep-report-[\d-]+\.html$/);
  reportPath = join(dir, 'report.html');
  await download.saveAs(reportPath);
  const [zipped] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid=download-tables]'),
  ]);
  expect(zipped.suggestedFilename()).toMatch(/^lockstep-tables-[\d-]+\.zip$/);
  const zipPath = join(dir, 'tables.zip');
  await zipped.saveAs(zipPath);
  zip = Object.fromEntries(
    Object.entries(unzipSync(readFileSync(zipPath))).map(([n, b]) => [n, strFromU8(b)]),
  );

  // Another browser, as a colleague opening the attachment on a plane.
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  await context.setOffline(true);
  const fileUrl = pathToFileURL(reportPath).href;
  await context.route('**', (route) =>
    route.request().url() === fileUrl ? route.continue() : route.abort(),
  );
  context.on('request', (r) => requests.push(r.url()));
  report = await context.newPage();
  report.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  report.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await report.goto(fileUrl);
  await report.waitForLoadState('load');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await open?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the downloaded report, opened offline', () => {
  it('shows the same-step values the page showed, each with how it was read', async () => {
    const cells = await report.$$eval('[data-testid=report-cell]', (tds) =>
      tds.map((c) => ({
        metric: c.getAttribute('data-metric') ?? '',
        runKey: c.getAttribute('data-run-key') ?? '',
        method: c.getAttribute('data-method') ?? '',
        value: c.getAttribute('data-value') ?? '',
        text: (c.querySelector('.v, .missing')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      })),
    );
    const key = (c: Cell) => `${c.metric}|${c.runKey}`;
    expect(live.cells.length).toBeGreaterThan(20);
    expect(cells.map(key).sort()).toEqual(live.cells.map(key).sort());
    for (const c of live.cells) {
      const mine = cells.find((r) => key(r) === key(c));
      expect(mine, key(c)).toEqual({ ...c, text: c.text.replace(/ final .*$/, '') });
    }
    expect(cells.some((c) => c.method === 'last observed')).toBe(true);
    const students = await report.$$eval('[data-testid=report-student-cell]', (tds) =>
      tds.map((c) => ({
        metric: c.getAttribute('data-metric') ?? '',
        xStar: c.getAttribute('data-x-star') ?? '',
        value: c.getAttribute('data-value') ?? '',
      })),
    );
    const byMetric = (a: Student, b: Student) => a.metric.localeCompare(b.metric);
    expect(students.sort(byMetric)).toEqual([...live.students].sort(byMetric));
  });

  it('draws the curve charts as SVG with a path per line', async () => {
    const charts = await report.$$eval('svg[data-testid=report-chart]', (svgs) =>
      svgs.map((svg) => ({
        metric: svg.getAttribute('data-metric'),
        paths: [...svg.querySelectorAll('[data-part=lines] path')].filter(
          (p) => (p.getAttribute('d') ?? '').length > 20,
        ).length,
      })),
    );
    expect(charts).toHaveLength(live.charts);
    for (const c of charts) expect(c.paths, String(c.metric)).toBeGreaterThan(0);
    expect(charts.find((c) => c.metric === 'train/loss')?.paths).toBeGreaterThanOrEqual(live.runs);
  });

  it('shows a hostile run name as text and runs no script at all', async () => {
    expect(await report.textContent('[data-testid=report-same-step]')).toContain(HOSTILE_RUN);
    expect(await report.locator('img').count()).toBe(0);
    const scripts = await report.$$eval('script', (s) => s.map((e) => e.getAttribute('type')));
    expect(scripts).toEqual(['application/json']);
    // The CSP holds: script the page is made to insert, inline or as a handler, does not run.
    const ran = await report.evaluate(async () => {
      const w = window as unknown as { ranInline?: boolean; ranHandler?: boolean };
      const s = document.createElement('script');
      s.textContent = 'window.ranInline = true';
      document.body.append(s);
      const img = document.createElement('img');
      img.setAttribute('onerror', 'window.ranHandler = true');
      img.src = 'data:,not-an-image';
      document.body.append(img);
      await new Promise((r) => setTimeout(r, 200));
      return [w.ranInline ?? false, w.ranHandler ?? false];
    });
    expect(ran).toEqual([false, false]);
    expect(dialogs).toEqual([]);
  });

  it('asked for nothing but the file itself', () => {
    const fileUrl = pathToFileURL(reportPath).href;
    // The listener sees the report's own load, so it would have seen anything else.
    expect(requests).toContain(fileUrl);
    expect(requests.filter((u) => u !== fileUrl)).toEqual([]);
    expect(consoleErrors.filter((e) => !/Content Security Policy/.test(e))).toEqual([]);
  });

  it('embeds the data behind its tables as JSON that parses', async () => {
    const data = await report.evaluate(() =>
      JSON.parse(document.getElementById('lockstep-data')?.textContent ?? 'null'),
    );
    expect(data.format).toBe('lockstep-report/1');
    expect(data.report.align.request.policy).toBe('last');
    expect(data.report.runs.map((r: { name: string }) => r.name)).toContain(HOSTILE_RUN);
    const cells = (data.report.align.metrics as { baselines: unknown[] }[]).flatMap(
      (m) => m.baselines,
    );
    expect(cells).toHaveLength(live.cells.length);
  });
});

describe('the tables zip', () => {
  const table = (name: string) => csvParseRows(zip[name].trimEnd());

  it('has a README naming every CSV in it', () => {
    const csvs = Object.keys(zip).filter((n) => n.endsWith('.csv'));
    expect(csvs.sort()).toEqual([
      'lineage.csv',
      'runs.csv',
      'same-step.csv',
      'scalars.csv',
      'statistics-tests.csv',
      'sweep.csv',
    ]);
    for (const name of csvs) expect(zip['README.txt']).toContain(name);
  });

  it('has every run, every same-step cell and the statistics tests', () => {
    const [runsHeader, ...runs] = table('runs.csv');
    expect(runsHeader.slice(0, 5)).toEqual(['run', 'run_id', 'state', 'last_step', 'source_files']);
    expect(runsHeader).toEqual(expect.arrayContaining(['param:lr', 'param:seed']));
    expect(runs).toHaveLength(live.runs);
    expect(runs.map((r) => r[0])).toContain(HOSTILE_RUN);
    const [sameHeader, ...same] = table('same-step.csv');
    expect(sameHeader.slice(0, 3)).toEqual(['metric', 'role', 'direction']);
    expect(same).toHaveLength(live.cells.length);
    const method = sameHeader.indexOf('method');
    expect(new Set(same.map((r) => r[method]))).toContain('last observed');
    const [statsHeader, ...tests] = table('statistics-tests.csv');
    expect(statsHeader).toEqual(expect.arrayContaining(['test', 'p', 'p_holm']));
    expect(tests.length).toBeGreaterThan(0);
    const [sweepHeader, ...sweep] = table('sweep.csv');
    expect(sweepHeader.slice(0, 2)).toEqual(['run', 'run_id']);
    expect(sweep).toHaveLength(live.runs);
  });
});

describe('the page', () => {
  it('never asked another origin for anything while making them', () => {
    const origin = new URL(open.baseUrl).origin;
    expect(
      open.requests.filter(
        (u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'),
      ),
    ).toEqual([]);
    expect(open.errors).toEqual([]);
  });
});
