/** The Statistics section of the sample runs: seed groups and their n, the tests, best run, Markdown. */

import { readFileSync } from 'node:fs';
import { csvParseRows } from 'd3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, type OpenPage } from './browser';

let open: OpenPage;
beforeAll(async () => {
  open = await openPage('?samples');
  await open.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(open.baseUrl).origin,
  });
  await open.page.waitForFunction(() => document.querySelector('main')?.dataset.busy === 'false');
  await open.page.locator('[data-testid=statistics]').scrollIntoViewIfNeeded();
  await open.page.waitForSelector('[data-testid=stats-metric]');
});
afterAll(async () => open?.close());

// What the sample files say, read the way a person would read them.

interface SampleRun {
  name: string;
  state: string;
  params: Map<string, string>;
}

const [header, ...runRows] = csvParseRows(readFileSync('public/samples/runs.csv', 'utf8'));
const runs: SampleRun[] = runRows.map((row) => ({
  name: row[0],
  state: row[header.indexOf('state')],
  params: new Map(
    header.flatMap((h, i): [string, string][] =>
      h.startsWith('params.') ? [[h.slice('params.'.length), row[i]]] : [],
    ),
  ),
}));

/** `seed`, `random_seed`, `*_seed`. */
const isSeedKey = (key: string) => /(^|_)seed$/i.test(key);

/** Runs of one config apart from the seed, labelled by the keys that differ, ordered by their values. */
function configGroups(): { label: string; runs: SampleRun[] }[] {
  const keys = [...new Set(runs.flatMap((r) => [...r.params.keys()]))]
    .filter((k) => !isSeedKey(k))
    .sort();
  const shown = keys.filter((k) => new Set(runs.map((r) => r.params.get(k))).size > 1);
  const byConfig = new Map<string, SampleRun[]>();
  for (const r of runs) {
    const config = JSON.stringify(keys.map((k) => r.params.get(k)));
    byConfig.set(config, [...(byConfig.get(config) ?? []), r]);
  }
  const value = (g: SampleRun[], k: string) => g[0].params.get(k) ?? '';
  const order = (a: string, b: string) =>
    Number.isFinite(Number(a)) && Number.isFinite(Number(b))
      ? Number(a) - Number(b)
      : a.localeCompare(b);
  return [...byConfig.values()]
    .sort((a, b) => {
      for (const k of shown)
        if (order(value(a, k), value(b, k)) !== 0) return order(value(a, k), value(b, k));
      return 0;
    })
    .map((g) => ({ label: shown.map((k) => `${k}=${value(g, k)}`).join(', '), runs: g }));
}

/** Every logged value: metric → run → step → value. */
function samplePoints(): Map<string, Map<string, Map<number, number>>> {
  const out = new Map<string, Map<string, Map<number, number>>>();
  const add = (metric: string, run: string, step: number, value: number) => {
    if (!out.has(metric)) out.set(metric, new Map());
    const byRun = out.get(metric) as Map<string, Map<number, number>>;
    if (!byRun.has(run)) byRun.set(run, new Map());
    byRun.get(run)?.set(step, value);
  };
  const [head, ...rows] = csvParseRows(readFileSync('public/samples/metrics.csv', 'utf8'));
  const col = (name: string) => head.indexOf(name);
  for (const r of rows)
    add(r[col('metric')], r[col('run')], Number(r[col('step')]), Number(r[col('value')]));
  for (const line of readFileSync('public/samples/eval.jsonl', 'utf8').trim().split('\n')) {
    const { run, step, ...fields } = JSON.parse(line) as Record<string, number | string>;
    for (const [metric, value] of Object.entries(fields))
      if (metric !== 'epoch' && typeof value === 'number')
        add(metric, run as string, step as number, value);
  }
  return out;
}

const groups = configGroups();
const points = samplePoints();
const metrics = [...points.keys()].sort();
const [student] = runs.filter((r) => r.state === 'running');

/** Each run's value at the student's last logged step of the metric (the same-step rule). */
function atStudentStep(metric: string): { step: number; byRun: Map<string, number> } {
  const byRun = points.get(metric) as Map<string, Map<number, number>>;
  const step = Math.max(...(byRun.get(student.name)?.keys() ?? []));
  const values = new Map<string, number>();
  for (const [run, steps] of byRun) {
    const v = steps.get(step);
    if (v !== undefined) values.set(run, v);
  }
  return { step, byRun: values };
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: readonly number[]) =>
  xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1);

function welch(a: readonly number[], b: readonly number[]): { t: number; df: number } {
  const va = variance(a) / a.length;
  const vb = variance(b) / b.length;
  return {
    t: (mean(b) - mean(a)) / Math.sqrt(va + vb),
    df: (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1)),
  };
}

/** The page writes four significant digits (three in exponent form): close to that. */
function expectShown(text: string | null, expected: number, what: string) {
  const shown = Number((text ?? '').trim());
  expect(Number.isFinite(shown), `${what}: "${text}"`).toBe(true);
  const relative = /e/.test(text ?? '') ? 5e-3 : 5e-4;
  expect(Math.abs(shown - expected), `${what}: "${text}" for ${expected}`).toBeLessThanOrEqual(
    relative * Math.abs(expected) + 1e-15,
  );
}

// What the page shows.

const stats = '[data-testid=statistics]';
const metricTable = (metric: string) =>
  `${stats} [data-testid=stats-metric][data-metric="${metric}"]`;

async function texts(selector: string): Promise<string[]> {
  return open.page.$$eval(selector, (els) => els.map((e) => e.textContent?.trim() ?? ''));
}

async function groupRows(metric: string) {
  return open.page.$$eval(`${metricTable(metric)} [data-testid=stats-group]`, (rows) =>
    rows.map((r) => {
      const cell = (id: string) => r.querySelector(`[data-testid=${id}]`)?.textContent?.trim();
      return {
        label: cell('group-label'),
        n: Number(cell('group-n')),
        mean: cell('group-mean') ?? null,
        sd: cell('group-sd'),
        pBest: cell('group-p-best'),
        values: [...r.querySelectorAll('[data-testid=run-value]')].map((v) => [
          v.getAttribute('data-run'),
          v.textContent?.trim(),
        ]),
      };
    }),
  );
}

async function candidates() {
  return open.page.$$eval('[data-testid=candidate]', (rows) =>
    rows.map((r) => {
      const cell = (id: string) => r.querySelector(`[data-testid=${id}]`)?.textContent?.trim();
      return {
        rank: cell('candidate-rank'),
        label: cell('candidate-label'),
        n: Number(cell('candidate-n')),
        primary: cell('candidate-primary') ?? null,
        constraints: cell('candidate-constraints'),
        satisfies: r.getAttribute('data-satisfies') === 'true',
      };
    }),
  );
}

/** Waits until every metric's table has `count` groups (a new answer from the worker). */
async function waitForGroups(count: number) {
  await open.page.waitForFunction(
    ({ count, metrics }) =>
      metrics.every(
        (m) =>
          document.querySelectorAll(
            `[data-testid=stats-metric][data-metric="${m}"] [data-testid=stats-group]`,
          ).length === count,
      ),
    { count, metrics },
  );
}

/**
 * Chooses an option with the select on screen: the section asks the worker only when it is near
 * the screen, and charts drawn above it after the first answer push it out of view.
 */
async function choose(selector: string, value: string) {
  const select = open.page.locator(selector);
  await select.scrollIntoViewIfNeeded();
  await select.selectOption(value);
}

async function addConstraint(key: string, op: string, value: number) {
  await choose('[data-testid=constraint-key]', key);
  await choose('[data-testid=constraint-op]', op);
  await open.page.fill('[data-testid=constraint-value]', String(value));
  await open.page.click('[data-testid=constraint-add]');
  await open.page.waitForSelector('[data-testid=candidates][data-constraints="1"]');
}

async function removeConstraint() {
  await open.page.click('[data-testid=constraint-remove]');
  await open.page.waitForSelector('[data-testid=candidates][data-constraints="0"]');
}

describe('the Statistics section of the sample runs', () => {
  it('groups runs by their config without the seed and says each group’s n', async () => {
    expect(groups.length).toBeGreaterThanOrEqual(2);
    const listed = groups.map((g) => `${g.label} (n = ${g.runs.length})`);
    expect(await open.page.textContent(`${stats} .hint`)).toContain(
      `${groups.length} groups: ${listed.join(', ')}.`,
    );
    expect(await texts('[data-testid=stats-reference] option')).toEqual(listed);
    expect(await texts(`${stats} [data-testid=stats-metric] h3`)).toHaveLength(metrics.length);
    expect(
      await open.page.$$eval(`${stats} [data-testid=stats-metric]`, (els) =>
        els.map((e) => e.getAttribute('data-metric')),
      ),
    ).toEqual(metrics);
  });

  it('shows each metric at the student’s last step, with every group’s n, mean and values', async () => {
    for (const metric of metrics) {
      const { step, byRun } = atStudentStep(metric);
      expect(await open.page.textContent(`${metricTable(metric)} h3`)).toContain(`at step ${step}`);
      const rows = await groupRows(metric);
      expect(rows.map((r) => r.label)).toEqual(groups.map((g) => g.label));
      groups.forEach((g, i) => {
        const values = g.runs.flatMap((r) =>
          byRun.has(r.name) ? [byRun.get(r.name) as number] : [],
        );
        expect(rows[i].n, `${metric} ${g.label}`).toBe(values.length);
        expectShown(rows[i].mean, mean(values), `${metric} ${g.label} mean`);
        expect(rows[i].values.map(([run]) => run)).toEqual(g.runs.map((r) => r.name));
        for (const [run, shown] of rows[i].values)
          expectShown(shown ?? null, byRun.get(run as string) as number, `${metric} ${run}`);
      });
    }
  });

  it('tests each group against the reference where both sides have two runs or more', async () => {
    const reference = groups.findIndex((g) => !g.runs.includes(student));
    for (const metric of metrics) {
      const { byRun } = atStudentStep(metric);
      const valuesOf = (i: number) =>
        groups[i].runs.flatMap((r) => (byRun.has(r.name) ? [byRun.get(r.name) as number] : []));
      const comparisons = open.page.locator(
        `${metricTable(metric)} [data-testid=stats-comparison]`,
      );
      const others = groups.map((_, i) => i).filter((i) => i !== reference);
      expect(await comparisons.count()).toBe(others.length);
      for (const [k, b] of others.entries()) {
        const c = comparisons.nth(k);
        const a = valuesOf(reference);
        const bs = valuesOf(b);
        expect(await c.textContent()).toContain(`${groups[b].label} vs ${groups[reference].label}`);
        expect(a.length >= 2 && bs.length >= 2, 'the samples have seeds to test').toBe(true);
        expect(await c.locator('[data-testid=no-test]').count()).toBe(0);
        expect(await c.locator('[data-testid=mann-whitney]').textContent()).toMatch(
          /^Mann–Whitney p \S+ · Holm \S+$/,
        );
        const seedsA = new Set(groups[reference].runs.map((r) => r.params.get('seed')));
        const pairs = groups[b].runs.filter((r) => seedsA.has(r.params.get('seed'))).length;
        expect(await c.locator('[data-testid=paired-t]').textContent()).toContain(
          `paired t (${pairs} pairs)`,
        );
        const w = c.locator('[data-testid=welch]');
        if (new Set(a).size === 1 && new Set(bs).size === 1) {
          // Every run of each group logged the same value (the lr schedule): no variance, no t.
          expect(await w.textContent()).toBe('Welch —');
          continue;
        }
        expect(await w.textContent()).toMatch(/^Welch p \S+ · Holm \S+$/);
        const title = (await w.getAttribute('title')) ?? '';
        const [, t, df, p, holm] =
          /statistic (\S+), df (\S+), p (\S+), Holm-adjusted (\S+)$/.exec(title) ?? [];
        const expected = welch(a, bs);
        // Group − reference, as the difference, d and the paired t beside it.
        expectShown(t, expected.t, `${metric} Welch t`);
        expectShown(df, expected.df, `${metric} Welch df`);
        expect(Number(p)).toBeGreaterThan(0);
        expect(Number(holm)).toBeGreaterThanOrEqual(Number(p));
        expect(Number(holm)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('shows only the values, and no test, when each run stands alone', async () => {
    await choose('[data-testid=stats-grouping]', 'none');
    await waitForGroups(runs.length);
    for (const metric of metrics) {
      const { byRun } = atStudentStep(metric);
      const rows = await groupRows(metric);
      expect(rows.map((r) => r.label)).toEqual(runs.map((r) => r.name));
      for (const row of rows) {
        expect(row.n).toBe(1);
        expectShown(row.mean, byRun.get(row.label as string) as number, `${metric} ${row.label}`);
        expect([row.sd, row.pBest]).toEqual(['—', '—']);
      }
      const comparisons = await texts(`${metricTable(metric)} [data-testid=stats-comparison]`);
      expect(comparisons).toHaveLength(runs.length - 1);
      for (const c of comparisons) {
        expect(c).toContain('single seed: no test possible');
        expect(c).not.toMatch(/\bp \d|Holm|Welch|Mann–Whitney/);
      }
      expect(await open.page.locator(`${metricTable(metric)} [data-testid=no-test]`).count()).toBe(
        runs.length - 1,
      );
    }
    await choose('[data-testid=stats-grouping]', 'seeds');
    await waitForGroups(groups.length);
  });

  it('recommends nothing when a constraint excludes every run, and says so', async () => {
    const valLoss = [...atStudentStep('val/loss').byRun.values()];
    const bound = Math.min(...valLoss);
    await addConstraint('val/loss', '<', bound);
    const rows = await candidates();
    expect(rows).toHaveLength(groups.length);
    for (const r of rows) {
      expect(r.satisfies).toBe(false);
      expect(r.rank).toBe('—');
      expect(r.constraints).toMatch(new RegExp(`^val/loss = \\S+, not < ${bound}$`));
    }
    expect(await open.page.locator('[data-testid=recommendation]').count()).toBe(0);
    expect(await open.page.textContent('[data-testid=no-recommendation]')).toContain(
      'No run satisfies every constraint',
    );
    await removeConstraint();
    await open.page.waitForSelector('[data-testid=recommendation]');
  });

  it('moves to the next candidate when a constraint excludes the best one', async () => {
    const primary = await open.page.inputValue('[data-testid=primary-select]');
    expect(primary).toBe('downstream/linear_acc');
    const { byRun } = atStudentStep(primary);
    const groupMean = (g: { runs: SampleRun[] }) =>
      mean(g.runs.map((r) => byRun.get(r.name) as number));
    // Accuracy: higher is better.
    const ranked = [...groups].sort((a, b) => groupMean(b) - groupMean(a));
    const before = await candidates();
    expect(before.map((c) => c.label)).toEqual(ranked.map((g) => g.label));
    before.forEach((c, i) => {
      expect(c.rank).toBe(String(i + 1));
      expect(c.n).toBe(ranked[i].runs.length);
      expectShown(c.primary, groupMean(ranked[i]), c.label ?? '');
    });
    expect(await open.page.textContent('[data-testid=recommendation] p')).toContain(
      `Best under the constraints: ${before[0].label} (n = ${before[0].n}), ${primary} ${before[0].primary}.`,
    );

    // A hyperparameter on which the winner is the odd one out, bounded to exclude it alone.
    const winner = ranked[0];
    const key = 'warmup_steps';
    const own = Number(winner.runs[0].params.get(key));
    const others = ranked.slice(1).map((g) => Number(g.runs[0].params.get(key)));
    const op = others.every((v) => v > own) ? '>' : '<';
    expect(others.every((v) => (op === '>' ? v > own : v < own))).toBe(true);
    await addConstraint(key, op, own);

    const after = await candidates();
    expect(after.map((c) => c.label)).toEqual([...before.slice(1), before[0]].map((c) => c.label));
    expect(after.map((c) => c.satisfies)).toEqual(after.map((_, i) => i < after.length - 1));
    expect(after.at(-1)?.constraints).toBe(`${key} = ${own}, not ${op} ${own}`);
    expect(after[0].primary).toBe(before[1].primary);
    expect(after[0].rank).toBe('1');
    expect(await open.page.textContent('[data-testid=recommendation] p')).toContain(
      `Best under the constraints: ${before[1].label} (n = ${before[1].n}), ${primary} ${before[1].primary}.`,
    );
    await removeConstraint();
  });

  it('copies the tables and the recommendation as Markdown', async () => {
    await open.page.click('[data-testid=stats-markdown]');
    const markdown = await open.page.inputValue('[data-testid=stats-markdown-text]');
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('## Statistics');
    for (const metric of metrics) {
      const { step, byRun } = atStudentStep(metric);
      const heading = lines.findIndex((l) => l.startsWith(`### ${metric} at step ${step} (`));
      expect(heading, metric).toBeGreaterThan(0);
      expect(lines[heading + 2]).toMatch(/^\| group \| n \| mean \| sd \|/);
      groups.forEach((g, i) => {
        const cells = lines[heading + 4 + i].split(' | ');
        expect(cells[0]).toBe(`| ${g.label}`);
        expect(Number(cells[1])).toBe(g.runs.length);
        expectShown(cells[2], mean(g.runs.map((r) => byRun.get(r.name) as number)), metric);
      });
    }
    expect(markdown).toMatch(/^\| Welch's t \| \S+, df \S+ \| \S+ \| \S+ \|$/m);
    expect(markdown).not.toMatch(/\n\n\n/);
    const recommendation = await open.page.textContent('[data-testid=recommendation] p');
    expect(lines).toContain(`**Recommendation.** ${recommendation}`);
    const winner = (await candidates())[0];
    expect(lines).toContain(`| 1 | ${winner.label} | ${winner.n} | ${winner.primary} | yes |`);
    expect(await open.page.evaluate(() => navigator.clipboard.readText())).toBe(markdown);
    expect(open.errors).toEqual([]);
  });
});
