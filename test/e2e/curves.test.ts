/** Curve charts of the sample runs: one per metric, every run drawn, export equal to what is drawn. */

import { readFileSync } from 'node:fs';
import { csvParseRows } from 'd3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, type OpenPage } from './browser';

let open: OpenPage;
beforeAll(async () => {
  open = await openPage('?samples&debug');
  await open.page.waitForFunction(() => document.querySelector('main')?.dataset.busy === 'false');
  await open.page.waitForFunction(
    () => document.querySelectorAll('[data-testid=chart-caption]').length === 5,
  );
});
afterAll(async () => open?.close());

const chart = (metric: string) => `[data-testid=curve-chart][data-metric="${metric}"]`;

function sampleEval(metric: string): Map<string, [number, number][]> {
  const out = new Map<string, [number, number][]>();
  for (const line of readFileSync('public/samples/eval.jsonl', 'utf8').trim().split('\n')) {
    const row = JSON.parse(line) as Record<string, number | string>;
    if (typeof row[metric] !== 'number') continue;
    const run = row.run as string;
    out.set(run, [...(out.get(run) ?? []), [row.step as number, row[metric] as number]]);
  }
  return out;
}

describe('curve charts of the sample runs', () => {
  it('draws one chart per metric, each with every run', async () => {
    const charts = await open.page.$$eval('[data-testid=curve-chart]', (els) =>
      els.map((e) => e.getAttribute('data-metric')),
    );
    expect(charts).toEqual(['downstream/linear_acc', 'lr', 'train/loss', 'val/acc', 'val/loss']);
    for (const metric of charts)
      expect(
        await open.page.textContent(`${chart(metric as string)} [data-testid=chart-caption]`),
      ).toMatch(/^\s*showing all 6 runs/);
  });

  it('filters metrics by substring or /regex/, and says when a regex is broken', async () => {
    await open.page.fill('[data-testid=metric-filter]', '/^val\\//');
    await open.page.waitForFunction(
      () => document.querySelectorAll('[data-testid=curve-chart]').length === 2,
    );
    await open.page.fill('[data-testid=metric-filter]', '/[/');
    await open.page.waitForSelector('section.curves .error');
    await open.page.fill('[data-testid=metric-filter]', 'acc');
    await open.page.waitForFunction(
      () => document.querySelectorAll('[data-testid=curve-chart]').length === 2,
    );
    await open.page.fill('[data-testid=metric-filter]', '');
    await open.page.waitForFunction(
      () => document.querySelectorAll('[data-testid=curve-chart]').length === 5,
    );
  });

  it('exports as CSV exactly the raw points of the files, next to the smoothed ones', async () => {
    const [download] = await Promise.all([
      open.page.waitForEvent('download'),
      open.page.click(`${chart('val/acc')} [data-testid=chart-csv]`),
    ]);
    const [header, ...rows] = csvParseRows(readFileSync(await download.path(), 'utf8'));
    const col = (name: string) => header.indexOf(name);
    const expected = sampleEval('val/acc');
    for (const [run, points] of expected) {
      const raw = rows
        .filter((r) => r[col('series')] === 'raw' && r[col('run')] === run)
        .map((r) => [Number(r[col('x')]), Number(r[col('value')])]);
      expect(raw, run).toEqual(points);
      const smoothed = rows.filter((r) => r[col('series')] === 'smoothed' && r[col('run')] === run);
      expect(smoothed).toHaveLength(points.length);
      // TensorBoard's debiased EMA starts at the first value.
      expect(Number(smoothed[0][col('value')])).toBeCloseTo(points[0][1], 12);
    }
  });

  it('exports the same SVG for the same data (snapshot)', async () => {
    const [download] = await Promise.all([
      open.page.waitForEvent('download'),
      open.page.click(`${chart('val/acc')} button:has-text("SVG")`),
    ]);
    const svg = readFileSync(await download.path(), 'utf8');
    expect(svg).toContain('vit-s16-adamw-lr3e-4-warmup500-s2');
    await expect(svg).toMatchFileSnapshot('./__snapshots__/curves-val-acc.svg');
  });

  it('hides a run from every chart when its legend entry is clicked', async () => {
    await open.page.click('[data-testid=legend-run] >> nth=0');
    await open.page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid=chart-caption]')].every((c) =>
        c.textContent?.includes('showing all 5 runs (1 hidden)'),
      ),
    );
    await open.page.click('[data-testid=legend-run] >> nth=0');
    await open.page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid=chart-caption]')].every((c) =>
        /showing all 6 runs/.test(c.textContent ?? ''),
      ),
    );
  });

  it('reads every run’s value at the hovered step from the full series', async () => {
    const svg = open.page.locator(`${chart('val/acc')} svg`);
    const box = await svg.boundingBox();
    if (!box) throw new Error('no chart');
    await open.page.mouse.move(box.x + box.width * 0.5, box.y + 60);
    await open.page.waitForSelector(`${chart('val/acc')} [data-testid=readout]`);
    const lines = await open.page.$$eval(`${chart('val/acc')} [data-testid=readout] > div`, (ds) =>
      ds.map((d) => d.textContent ?? ''),
    );
    expect(lines).toHaveLength(6);
    for (const l of lines) expect(l).toMatch(/(exact|nearest) step [\d,]+/);
    // The crosshair shows in the other charts too.
    expect(await open.page.$$eval('line.crosshair', (ls) => ls.length)).toBeGreaterThan(1);
    await open.page.mouse.move(0, 0);
  });

  it('lights the run hovered in any view in every chart, and names the line under the pointer', async () => {
    // Every chart drawn so far (charts far below the screen wait to be scrolled near).
    const highlighted = async () =>
      new Set(
        await open.page.$$eval('[data-testid=curve-chart]', (charts) =>
          charts
            .filter((c) => c.querySelector('[data-testid=chart-caption]'))
            .map((c) => c.querySelector<HTMLElement>('[data-testid=curve-highlight]')?.dataset.run),
        ),
      );
    const rows = open.page.locator('[data-testid=run-row]');
    const runId = async (i: number) => {
      const name = (await rows.nth(i).getAttribute('data-run-key')) ?? '';
      return open.page.evaluate(
        (key) =>
          String(
            (
              window as unknown as {
                lockstep: { workspace: { runs: { runKey: string; runId: number }[] } };
              }
            ).lockstep.workspace.runs.find((r) => r.runKey === key)?.runId,
          ),
        name,
      );
    };
    // Hovered again on each try: views that finish later may move the row from under the pointer.
    const lit = (target: { hover(): Promise<void> }) => async () => {
      await target.hover();
      return highlighted();
    };
    const id = await runId(2);
    await expect.poll(lit(rows.nth(2)), { timeout: 10_000 }).toEqual(new Set([id]));
    await open.page.mouse.move(0, 0);
    await expect.poll(highlighted, { timeout: 10_000 }).toEqual(new Set(['']));

    const legendId = await runId(4);
    await expect
      .poll(lit(open.page.locator('[data-testid=legend-run]').nth(4)), { timeout: 10_000 })
      .toEqual(new Set([legendId]));
    await open.page.mouse.move(0, 0);

    // Over val/acc at the last step, where the runs' values are apart: each line names its run.
    const svg = open.page.locator(`${chart('val/acc')} svg`);
    await svg.scrollIntoViewIfNeeded();
    const box = await svg.boundingBox();
    if (!box) throw new Error('no chart');
    const frame = await open.page.$eval(
      `${chart('val/acc')} [data-testid=curve-highlight]`,
      (c) => {
        const r = c.getBoundingClientRect();
        return { left: r.left, top: r.top, width: r.width, height: r.height };
      },
    );
    await open.page.mouse.move(frame.left + frame.width - 1, frame.top + frame.height / 2);
    await open.page.waitForSelector(`${chart('val/acc')} [data-testid=readout]`);
    let named: string | null = null;
    for (let y = 2; y < frame.height && !named; y += 2) {
      await open.page.mouse.move(frame.left + frame.width - 1, frame.top + y);
      await open.page.waitForTimeout(30);
      named =
        (await open.page.$eval(
          `${chart('val/acc')} [data-testid=curve-highlight]`,
          (c) => c.dataset.run,
        )) || null;
    }
    expect(named).not.toBeNull();
    expect(await open.page.$$eval('[data-testid=run-row].hovered', (rs) => rs.length)).toBe(1);
    await open.page.mouse.move(0, 0);
    await expect.poll(highlighted, { timeout: 10_000 }).toEqual(new Set(['']));
  });

  it('groups seeds of one configuration into a mean with a band and says how many runs', async () => {
    await open.page.selectOption('[data-testid=grouping]', 'seeds');
    await open.page.waitForSelector(`${chart('val/acc')} .legend li`);
    const groups = await open.page.$$eval(`${chart('val/acc')} .legend li`, (ls) =>
      ls.map((l) => l.textContent?.trim()),
    );
    expect(groups).toHaveLength(2);
    for (const g of groups) expect(g).toMatch(/n = 3$/);
    await open.page.selectOption('[data-testid=grouping]', 'none');
  });

  it('zooms to a dragged box and back on double-click', async () => {
    const svg = open.page.locator(`${chart('train/loss')} svg`);
    const reset = open.page.locator(`${chart('train/loss')} button:has-text("Reset zoom")`);
    // Dragged again on each try, where the chart is now: views that finish later move it.
    const zoomed = async () => {
      await svg.scrollIntoViewIfNeeded();
      const box = await svg.boundingBox();
      if (!box) throw new Error('no chart');
      await open.page.mouse.move(box.x + 120, box.y + 40);
      await open.page.mouse.down();
      await open.page.mouse.move(box.x + 300, box.y + 150);
      await open.page.mouse.up();
      return reset.count();
    };
    await expect.poll(zoomed, { timeout: 10_000 }).toBe(1);
    await svg.dblclick({ position: { x: 200, y: 100 } });
    await open.page.waitForSelector(`${chart('train/loss')} button:has-text("Reset zoom")`, {
      state: 'detached',
    });
    expect(open.errors).toEqual([]);
  });

  it('knows each chart’s width before laying it out, so its first answer is the one drawn', async () => {
    const widths = await open.page.$$eval('[data-testid=curve-chart]', (charts) =>
      charts.map((c) => [
        Number(c.getAttribute('data-estimated-width')),
        (c.querySelector('.plot') as HTMLElement).clientWidth,
      ]),
    );
    expect(widths.length).toBeGreaterThan(0);
    for (const [estimated, measured] of widths) expect(estimated).toBe(measured);
  });
});
