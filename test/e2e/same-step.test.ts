/**
 * The same-step view on the sample runs: the running run is the student, every baseline is read at
 * the student's step (not at its final one), and the CSV download says what the table shows.
 */

import { readFileSync } from 'node:fs';
import { csvParseRows } from 'd3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, type OpenPage } from './browser';

let open: OpenPage;
beforeAll(async () => {
  open = await openPage('?samples');
  await open.page.waitForSelector('[data-testid=align-cell]');
  await open.page.waitForFunction(() => document.querySelector('main')?.dataset.busy === 'false');
});
afterAll(async () => open?.close());

/** value[run][metric][step] from the sample files themselves. */
function sampleValues() {
  const values = new Map<string, Map<string, Map<number, number>>>();
  const put = (run: string, metric: string, step: number, value: number) => {
    if (!values.has(run)) values.set(run, new Map());
    const byMetric = values.get(run) as Map<string, Map<number, number>>;
    if (!byMetric.has(metric)) byMetric.set(metric, new Map());
    byMetric.get(metric)?.set(step, value);
  };
  const [, ...rows] = csvParseRows(readFileSync('public/samples/metrics.csv', 'utf8'));
  for (const [run, step, , , metric, value] of rows) put(run, metric, Number(step), Number(value));
  for (const line of readFileSync('public/samples/eval.jsonl', 'utf8').trim().split('\n')) {
    const { run, step, ...fields } = JSON.parse(line) as Record<string, number> & { run: string };
    const metrics = Object.entries(fields).filter(([name]) => name !== 'epoch');
    for (const [metric, value] of metrics) put(run, metric, step, value);
  }
  return values;
}

const runningRun = () =>
  csvParseRows(readFileSync('public/samples/runs.csv', 'utf8')).find(
    (r) => r[1] === 'running',
  )?.[0];

async function shownCells() {
  return open.page.$$eval('[data-testid=align-row]', (rows) =>
    rows.flatMap((row) =>
      [...row.querySelectorAll('[data-testid=align-cell]')].map((cell) => ({
        metric: row.getAttribute('data-metric') as string,
        xStar: row.querySelector('[data-testid=student-cell]')?.getAttribute('data-x-star') ?? '',
        studentValue:
          row.querySelector('[data-testid=student-cell]')?.getAttribute('data-value') ?? '',
        run: cell.getAttribute('data-run') as string,
        method: cell.getAttribute('data-method') as string,
        value: cell.getAttribute('data-value') as string,
        steps: cell.getAttribute('data-steps') as string,
      })),
    ),
  );
}

describe('the same-step comparison of the sample runs', () => {
  it('takes the run still in progress as the student, and says why', async () => {
    const student = await open.page.textContent('[data-testid=student]');
    expect(student).toContain(`Student: ${runningRun()}, it is still running`);
  });

  it('reads every baseline at the student’s own last step, never at its final one', async () => {
    const values = sampleValues();
    const student = runningRun() as string;
    const cells = await shownCells();
    expect(cells.length).toBe(5 * 5); // 5 metrics × 5 baselines
    for (const c of cells) {
      const own = values.get(student)?.get(c.metric) as Map<number, number>;
      const xStar = Math.max(...own.keys());
      expect(Number(c.xStar), c.metric).toBe(xStar);
      expect(Number(c.studentValue)).toBe(own.get(xStar));
      const base = values.get(c.run)?.get(c.metric) as Map<number, number>;
      expect(Math.max(...base.keys())).toBeGreaterThan(xStar);
      expect(
        { method: c.method, steps: c.steps, value: Number(c.value) },
        `${c.run} ${c.metric}`,
      ).toEqual({
        method: 'exact',
        steps: String(xStar),
        value: base.get(xStar),
      });
    }
  });

  it('downloads a CSV that matches the table, row for row', async () => {
    const cells = await shownCells();
    const [download] = await Promise.all([
      open.page.waitForEvent('download'),
      open.page.click('[data-testid=download-csv]'),
    ]);
    const [header, ...rows] = csvParseRows(readFileSync(await download.path(), 'utf8'));
    const col = (name: string) => header.indexOf(name);
    expect(rows).toHaveLength(cells.length);
    for (const c of cells) {
      const row = rows.find(
        (r) => r[col('metric')] === c.metric && r[col('baseline_run')] === c.run,
      );
      expect(row, `${c.metric} ${c.run}`).toBeDefined();
      const r = row as string[];
      expect(r[col('student_run')]).toBe(runningRun());
      expect([
        r[col('x_star')],
        r[col('student_value')],
        r[col('baseline_value')],
        r[col('baseline_steps_used')],
        r[col('method')],
      ]).toEqual([c.xStar, c.studentValue, c.value, c.steps, c.method]);
      expect(r[col('source_file')]).toMatch(/^samples\/(metrics\.csv|eval\.jsonl)$/);
    }
  });

  it('recomputes for another student and policy without reading any file again', async () => {
    const fetched = open.requests.filter((u) => u.includes('/samples/')).length;
    const other = csvParseRows(readFileSync('public/samples/runs.csv', 'utf8'))[1][0];
    await open.page.selectOption('[data-testid=student-select]', { label: other });
    await open.page.selectOption('[data-testid=policy-select]', 'nearest');
    await open.page.waitForFunction(
      (name) =>
        document
          .querySelector('[data-testid=student]')
          ?.textContent?.includes(`Student: ${name}, picked by you`),
      other,
    );
    await open.page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid=align-cell]')].some(
        (c) => c.getAttribute('data-method') === 'not reached',
      ),
    );
    // The in-progress run stopped at step 1,000: measured at the new student's step 3,000 it has not reached it.
    const cells = await shownCells();
    const lagging = cells.filter((c) => c.run === runningRun());
    expect(lagging.map((c) => c.method)).toEqual(Array(5).fill('not reached'));
    expect(open.requests.filter((u) => u.includes('/samples/')).length).toBe(fetched);
    expect(open.errors).toEqual([]);
  });
});
