/**
 * ROC and precision–recall curves in the page: two runs' binary predictions with scores dropped
 * beside the samples, compared, their curves drawn on one chart each and their AUCs in the legend,
 * equal to the Mann–Whitney count of the files themselves.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, type OpenPage } from './browser';

let open: OpenPage;
const N = 240;
/** Seeded, so the files are the same each run: example i is positive for every third i. */
function run(shift: number): { csv: string; scores: number[] } {
  let x = 12345 + shift;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const scores: number[] = [];
  let csv = 'example_id,label,prediction,score\n';
  for (let i = 0; i < N; i++) {
    const positive = i % 3 === 0;
    const s = Math.min(1, Math.max(0, (positive ? 0.35 + shift : 0.1) + 0.5 * next()));
    const rounded = Math.round(s * 1000) / 1000;
    scores.push(rounded);
    csv += `ex-${i},${positive ? 1 : 0},${rounded >= 0.5 ? 1 : 0},${rounded}\n`;
  }
  return { csv, scores };
}
const a = run(0);
const b = run(0.15);

/** AUC as the share of (positive, negative) pairs ordered right, ties half. */
function auc(scores: number[]): number {
  const pos = scores.filter((_, i) => i % 3 === 0);
  const neg = scores.filter((_, i) => i % 3 !== 0);
  let s = 0;
  for (const p of pos) for (const q of neg) s += p > q ? 1 : p === q ? 0.5 : 0;
  return s / (pos.length * neg.length);
}

beforeAll(async () => {
  open = await openPage('?samples');
  await open.page.waitForFunction(
    () =>
      document.querySelectorAll('[data-testid=file][data-status=loaded]').length === 4 &&
      document.querySelector('main')?.dataset.busy === 'false',
  );
  await open.page.setInputFiles('[data-testid=file-input]', [
    { name: 'predictions_bin-a.csv', mimeType: 'text/csv', buffer: Buffer.from(a.csv) },
    { name: 'predictions_bin-b.csv', mimeType: 'text/csv', buffer: Buffer.from(b.csv) },
  ]);
  await open.page.waitForFunction(
    () =>
      document.querySelectorAll('[data-testid=file][data-status=loaded]').length === 6 &&
      document.querySelector('main')?.dataset.busy === 'false',
  );
  await open.page.locator('[data-testid=statistics]').scrollIntoViewIfNeeded();
  await open.page.waitForSelector('[data-testid=predictions-a] option[value=bin-a]', {
    state: 'attached',
  });
  await open.page.selectOption('[data-testid=predictions-a]', 'bin-a');
  await open.page.selectOption('[data-testid=predictions-b]', 'bin-b');
  await open.page.waitForSelector('[data-testid=score-curves]');
});
afterAll(async () => open?.close());

describe('ROC and PR curves of two runs’ scores', () => {
  it('draws both runs on one ROC and one PR chart, with their AUCs from the files', async () => {
    for (const chart of ['roc', 'pr'])
      for (const key of ['A', 'B']) {
        const d = await open.page.getAttribute(
          `[data-testid=curve-${chart}] path[data-run=${key}]`,
          'd',
        );
        expect((d ?? '').split('L').length, `${chart} ${key}`).toBeGreaterThan(20);
      }
    const legend = await open.page.$$eval('[data-testid=score-legend] li[data-run]', (ls) =>
      ls.map((l) => l.textContent?.replace(/\s+/g, ' ') ?? ''),
    );
    const shown = legend.map((t) => Number(/AUC (\d\.\d+)/.exec(t)?.[1]));
    expect(shown[0]).toBeCloseTo(auc(a.scores), 3);
    expect(shown[1]).toBeCloseTo(auc(b.scores), 3);
    expect(await open.page.textContent('[data-testid=auc-difference]')).toMatch(
      /B − A: AUC \+0\.\d+\s+\[/,
    );
    expect(
      (await open.page.textContent('[data-testid=score-curves] h4'))?.replace(/\s+/g, ' '),
    ).toContain('positive class “1” (80 of 240 examples)');
    expect(open.errors).toEqual([]);
  });

  it('says why there are no curves for the samples’ ten classes', async () => {
    const samples = await open.page.$$eval('[data-testid=predictions-a] option', (os) =>
      os.map((o) => o.getAttribute('value') ?? '').filter((v) => !v.startsWith('bin-')),
    );
    await open.page.selectOption('[data-testid=predictions-a]', samples[0]);
    await open.page.selectOption('[data-testid=predictions-b]', samples[1]);
    await open.page.waitForSelector('[data-testid=scores-note]');
    expect(await open.page.textContent('[data-testid=scores-note]')).toMatch(
      /need two classes \(these predictions have \d+\)/,
    );
  });
});
