/**
 * ROC and precision–recall curves in the page: runs' predictions with scores dropped beside the
 * samples, their curves drawn on one chart each and their AUCs (with intervals) in the legend,
 * equal to the Mann–Whitney count of the files themselves. Binary files with one score, and
 * three runs of a 3-class file with a probability per class, one-vs-rest.
 */

import { mkdirSync } from 'node:fs';
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

const CLASSES = ['cat', 'dog', 'fox'];
const M = 150;
/** Example i is of class i mod 3; a run's probabilities lean towards it by `strength`, seeded. */
function multiClass(seed: number, strength: number): { csv: string; probs: number[][] } {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const probs: number[][] = [];
  let csv = `id,label,prediction,${CLASSES.map((c) => `prob_${c}`).join(',')}\n`;
  for (let i = 0; i < M; i++) {
    const raw = CLASSES.map((_, c) => next() + (c === i % 3 ? strength : 0));
    const total = raw.reduce((t, v) => t + v, 0);
    const p = raw.map((v) => Math.round((v / total) * 1000) / 1000);
    probs.push(p);
    csv += `m${i},${CLASSES[i % 3]},${CLASSES[p.indexOf(Math.max(...p))]},${p.join(',')}\n`;
  }
  return { csv, probs };
}
const mc = [multiClass(11, 0.3), multiClass(22, 0.6), multiClass(33, 0.8)];

/** AUC as the share of (positive, negative) pairs ordered right, ties half. */
function pairsAuc(positive: boolean[], scores: number[]): number {
  const pos = scores.filter((_, i) => positive[i]);
  const neg = scores.filter((_, i) => !positive[i]);
  let s = 0;
  for (const p of pos) for (const q of neg) s += p > q ? 1 : p === q ? 0.5 : 0;
  return s / (pos.length * neg.length);
}
const binaryPositive = Array.from({ length: N }, (_, i) => i % 3 === 0);

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
    ...mc.map((m, i) => ({
      name: `predictions_mc-${'abc'[i]}.csv`,
      mimeType: 'text/csv',
      buffer: Buffer.from(m.csv),
    })),
  ]);
  await open.page.waitForFunction(
    () =>
      document.querySelectorAll('[data-testid=file][data-status=loaded]').length === 9 &&
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

/** Ticks exactly these sets in the run picker, then waits for a legend of them. */
async function drawOnly(refs: string[]): Promise<void> {
  const boxes = open.page.locator('[data-testid=curve-runs] input[type=checkbox]');
  for (let i = 0; i < (await boxes.count()); i++) {
    const box = boxes.nth(i);
    await box.setChecked(refs.includes((await box.getAttribute('value')) ?? ''));
  }
  await open.page.waitForFunction(
    (want) =>
      [...document.querySelectorAll('[data-testid=score-legend] li[data-run]')]
        .map((l) => l.getAttribute('data-run'))
        .join(',') === want.join(','),
    refs,
  );
}

const legendTexts = () =>
  open.page.$$eval('[data-testid=score-legend] li[data-run]', (ls) =>
    ls.map((l) => l.textContent?.replace(/\s+/g, ' ').trim() ?? ''),
  );

describe('ROC and PR curves of several runs’ scores', () => {
  it('draws two binary runs on one ROC and one PR chart, with their AUCs from the files', async () => {
    await drawOnly(['bin-a', 'bin-b']);
    for (const chart of ['roc', 'pr'])
      for (const key of ['bin-a', 'bin-b']) {
        const d = await open.page.getAttribute(
          `[data-testid=curve-${chart}] path[data-run=${key}]`,
          'd',
        );
        expect((d ?? '').split('L').length, `${chart} ${key}`).toBeGreaterThan(20);
      }
    const shown = (await legendTexts()).map((t) => Number(/AUC (\d\.\d+)/.exec(t)?.[1]));
    expect(shown[0]).toBeCloseTo(pairsAuc(binaryPositive, a.scores), 3);
    expect(shown[1]).toBeCloseTo(pairsAuc(binaryPositive, b.scores), 3);
    expect(await open.page.textContent('[data-testid=auc-difference]')).toMatch(
      /bin-b − bin-a: AUC \+0\.\d+\s+\[/,
    );
    expect(
      (await open.page.textContent('[data-testid=curves-basis]'))?.replace(/\s+/g, ' '),
    ).toContain('positive class: 1, 80 positive of 240 examples');
    expect(open.errors).toEqual([]);
  });

  it('draws three runs of a 3-class file one-vs-rest for the class picked, each with AUC and AP intervals', async () => {
    await drawOnly(['mc-a', 'mc-b', 'mc-c']);
    await open.page.selectOption('[data-testid=curve-class]', 'dog');
    await open.page.waitForFunction(() =>
      document.querySelector('[data-testid=curves-basis]')?.textContent?.includes('class: dog'),
    );
    expect(
      (await open.page.textContent('[data-testid=curves-basis]'))?.replace(/\s+/g, ' '),
    ).toContain('class: dog (one-vs-rest), 50 positive of 150 examples');
    const legend = await legendTexts();
    expect(legend).toHaveLength(3);
    const isDog = Array.from({ length: M }, (_, i) => i % 3 === 1);
    legend.forEach((text, i) => {
      const n = String.raw`(\d(?:\.\d+)?)`;
      const m = new RegExp(String.raw`AUC ${n} \[${n}, ${n}\], AP ${n} \[${n}, ${n}\]`).exec(text);
      expect(m, text).not.toBeNull();
      const [auc, aucLo, aucHi, ap, apLo, apHi] = (m ?? []).slice(1).map(Number);
      expect(auc).toBeCloseTo(
        pairsAuc(
          isDog,
          mc[i].probs.map((p) => p[1]),
        ),
        3,
      );
      expect(aucLo).toBeLessThanOrEqual(auc);
      expect(aucHi).toBeGreaterThanOrEqual(auc);
      expect(apLo).toBeLessThanOrEqual(ap);
      expect(apHi).toBeGreaterThanOrEqual(ap);
    });
    // The stronger a run's lean towards the true class, the higher its AUC.
    const aucs = legend.map((t) => Number(/AUC (\d\.\d+)/.exec(t)?.[1]));
    expect(aucs[0]).toBeLessThan(aucs[2]);
    mkdirSync('.shots', { recursive: true });
    await open.page
      .locator('[data-testid=score-curves]')
      .screenshot({ path: '.shots/score-curves-3-runs.png' });
    expect(open.errors).toEqual([]);
  });

  it('draws the samples’ two runs of ten classes one-vs-rest from their class probabilities', async () => {
    const samples = await open.page.$$eval('[data-testid=curve-runs] input', (is) =>
      is.map((i) => i.getAttribute('value') ?? '').filter((v) => !/^(bin|mc)-/.test(v)),
    );
    await drawOnly(samples);
    await open.page.selectOption('[data-testid=curve-class]', '3');
    await open.page.waitForFunction(() =>
      document.querySelector('[data-testid=curves-basis]')?.textContent?.includes('class: 3'),
    );
    expect(await legendTexts()).toHaveLength(2);
    await open.page
      .locator('[data-testid=score-curves]')
      .screenshot({ path: '.shots/score-curves-samples.png' });
  });
});
