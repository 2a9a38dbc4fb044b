/**
 * Per-example predictions in the page: the sample runs' predictions compared example by example
 * (accuracy, McNemar's discordant pairs), and a run evaluated on fewer examples said to be so.
 */

import { readFileSync } from 'node:fs';
import { csvParseRows } from 'd3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, type OpenPage } from './browser';

let open: OpenPage;
beforeAll(async () => {
  open = await openPage('?samples');
  // Every sample file in (the page is not busy before the samples arrive either).
  await open.page.waitForFunction(
    () =>
      document.querySelectorAll('[data-testid=file][data-status=loaded]').length === 4 &&
      document.querySelector('main')?.dataset.busy === 'false',
  );
  await open.page.locator('[data-testid=statistics]').scrollIntoViewIfNeeded();
  await open.page.waitForSelector('[data-testid=predictions-row]');
});
afterAll(async () => open?.close());

const [, ...rows] = csvParseRows(readFileSync('public/samples/predictions.csv', 'utf8'));
const byRun = new Map<
  string,
  Map<string, { label: string; prediction: string; difficulty: string }>
>();
for (const [run, id, label, prediction, , difficulty] of rows) {
  if (!byRun.has(run)) byRun.set(run, new Map());
  byRun.get(run)?.set(id, { label, prediction, difficulty });
}

/** An element's text as read, white space collapsed. */
const textOf = async (selector: string) =>
  ((await open.page.textContent(selector)) ?? '').replace(/\s+/g, ' ');

const shownRow = (metric: string) =>
  open.page.$$eval(`[data-testid=predictions-row][data-metric="${metric}"] td`, (cells) =>
    cells.map((c) => c.textContent?.trim() ?? ''),
  );

describe('per-example predictions of the sample runs', () => {
  it('breaks the comparison down by class, with the confusion of each run and their difference', async () => {
    const a = await open.page.inputValue('[data-testid=predictions-a]');
    const b = await open.page.inputValue('[data-testid=predictions-b]');
    await open.page.waitForSelector('[data-testid=class-row]');
    const classes = [...new Set(rows.map((r) => r[2]))];
    const shown = await open.page.$$eval('[data-testid=class-row]', (rs) =>
      rs.map((r) => r.getAttribute('data-class')),
    );
    expect(new Set(shown)).toEqual(new Set(classes));
    // Each class's F1 for each run, from the file itself.
    const f1 = (run: string, cls: string) => {
      const preds = [...(byRun.get(run)?.values() ?? [])];
      const tp = preds.filter((p) => p.label === cls && p.prediction === cls).length;
      const fp = preds.filter((p) => p.label !== cls && p.prediction === cls).length;
      const fn = preds.filter((p) => p.label === cls && p.prediction !== cls).length;
      return (2 * tp) / (2 * tp + fp + fn);
    };
    for (const cls of classes) {
      const cells = await open.page.$$eval(
        `[data-testid=class-row][data-class="${cls}"] td`,
        (cs) => cs.map((c) => c.textContent?.trim() ?? ''),
      );
      expect(Number(cells[2]), `F1 A of ${cls}`).toBeCloseTo(f1(a, cls), 3);
      expect(Number(cells[3]), `F1 B of ${cls}`).toBeCloseTo(f1(b, cls), 3);
    }
    // The difference matrix is B's counts minus A's, cell by cell.
    const matrix = (id: string) =>
      open.page.$$eval(`[data-testid=${id}] tbody tr`, (trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
      );
    const count = (t: string) => (t === '·' ? 0 : Number(t.replace(/[+,]/g, '').replace('−', '-')));
    const [ma, mb, md] = [
      await matrix('confusion-A'),
      await matrix('confusion-B'),
      await matrix('confusion-diff'),
    ];
    expect(ma.flat().reduce((s, t) => s + count(t), 0)).toBe(byRun.get(a)?.size);
    md.forEach((row, r) =>
      row.forEach((t, c) => expect(count(t)).toBe(count(mb[r][c]) - count(ma[r][c]))),
    );
    expect(
      await open.page.locator('[data-testid=confusion-diff] td[data-moved]').count(),
    ).toBeGreaterThan(0);
    const [download] = await Promise.all([
      open.page.waitForEvent('download'),
      open.page.click('[data-testid=class-csv]'),
    ]);
    const csv = csvParseRows(readFileSync((await download.path()) as string, 'utf8'));
    expect(csv[0].slice(0, 4)).toEqual(['class', 'support', 'precision_a', 'precision_b']);
    expect(csv.length - 1).toBe(classes.length);
  });

  it('breaks the comparison down by the segment column of the file, value by value', async () => {
    const a = await open.page.inputValue('[data-testid=predictions-a]');
    const b = await open.page.inputValue('[data-testid=predictions-b]');
    await open.page.waitForSelector('[data-testid=segment-row]');
    expect(await textOf('[data-testid=segment-breakdown] h4')).toContain('by difficulty');
    const accuracy = (run: string, difficulty: string) => {
      const preds = [...(byRun.get(run)?.values() ?? [])].filter(
        (p) => p.difficulty === difficulty,
      );
      return preds.filter((p) => p.label === p.prediction).length / preds.length;
    };
    const shown = await open.page.$$eval('[data-testid=segment-row]', (trs) =>
      trs.map((tr) => ({
        value: tr.getAttribute('data-value') ?? '',
        cells: [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? ''),
      })),
    );
    expect(shown.map((r) => r.value).sort()).toEqual(['easy', 'hard', 'medium']);
    for (const { value, cells } of shown) {
      expect(Number(cells[2]), `accuracy A on ${value}`).toBeCloseTo(accuracy(a, value), 3);
      expect(Number(cells[3]), `accuracy B on ${value}`).toBeCloseTo(accuracy(b, value), 3);
    }
    // Sorted by the size of the change.
    const changes = shown.map(({ value }) => Math.abs(accuracy(b, value) - accuracy(a, value)));
    expect(changes).toEqual([...changes].sort((x, y) => y - x));
    const [download] = await Promise.all([
      open.page.waitForEvent('download'),
      open.page.click('[data-testid=segment-csv]'),
    ]);
    const csv = csvParseRows(readFileSync((await download.path()) as string, 'utf8'));
    expect(csv[0].slice(0, 4)).toEqual(['segment', 'value', 'examples', 'accuracy_a']);
    expect(csv.slice(1).map((r) => r[1])).toEqual(shown.map((r) => r.value));
  });

  it('compares the two runs on every example, with the discordant pairs counted', async () => {
    const a = await open.page.inputValue('[data-testid=predictions-a]');
    const b = await open.page.inputValue('[data-testid=predictions-b]');
    expect(new Set([a, b])).toEqual(new Set(byRun.keys()));
    const examples = [...(byRun.get(a)?.keys() ?? [])];
    const right = (run: string, id: string) => {
      const p = byRun.get(run)?.get(id);
      return p !== undefined && p.label === p.prediction;
    };
    const accuracy = (run: string) =>
      examples.filter((id) => right(run, id)).length / examples.length;
    const [, shownA, shownB] = await shownRow('accuracy');
    expect(Number(shownA)).toBeCloseTo(accuracy(a), 3);
    expect(Number(shownB)).toBeCloseTo(accuracy(b), 3);
    const onlyA = examples.filter((id) => right(a, id) && !right(b, id)).length;
    const onlyB = examples.filter((id) => right(b, id) && !right(a, id)).length;
    const sentence = await textOf('[data-testid=predictions-mcnemar]');
    expect(sentence).toContain(`${onlyA} examples only A got right, ${onlyB} only B got right`);
    expect(await textOf('[data-testid=predictions-basis]')).toContain(
      `on the ${examples.length} examples both predicted`,
    );
    expect(await open.page.$('[data-testid=predictions-different-sets]')).toBeNull();
  });

  it('says when a run was evaluated on other examples, and compares only the shared ones', async () => {
    const [run, examples] = [...byRun.entries()][0];
    const kept = [...examples.entries()].slice(0, 500);
    const csv =
      'example_id,label,prediction\n' +
      kept.map(([id, p]) => `${id},${p.label},${p.label}`).join('\n') +
      '\nnew-1,3,3\n';
    await open.page.setInputFiles('[data-testid=file-input]', [
      { name: 'predictions_oracle.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) },
    ]);
    await open.page.waitForFunction(
      () => document.querySelectorAll('[data-testid=predictions-b] option').length === 3,
    );
    await open.page.selectOption('[data-testid=predictions-a]', run);
    await open.page.selectOption('[data-testid=predictions-b]', 'oracle');
    const note = await open.page.waitForSelector('[data-testid=predictions-different-sets]');
    expect((await note.textContent())?.replace(/\s+/g, ' ')).toContain(
      `${examples.size - 500} examples only A predicted and 1 only B predicted were left out`,
    );
    await open.page.waitForFunction(
      () =>
        document.querySelector(
          '[data-testid=predictions-row][data-metric=accuracy] td:nth-child(3)',
        )?.textContent === '1',
    );
    expect(await textOf('[data-testid=predictions-basis]')).toContain(
      'on the 500 examples both predicted',
    );
  });
});
