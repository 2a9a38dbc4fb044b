/**
 * The built page under its production Content-Security-Policy (scripts/csp.mjs), sent as a header
 * by the e2e server as by `npm start` and `vite preview`: the samples and real exports load, every
 * view draws, hovers and exports, and neither the page nor the engine worker — where Arrow's
 * builders once compiled code with `new Function` — reports a violation.
 */

import { readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cspMeta, FRAME_ANCESTORS_ENV, frameAncestors } from '../../scripts/csp.mjs';
import { openPage, type OpenPage } from './browser';
import { tourEveryView } from './tour';

const REAL = 'test/fixtures/real';
const FIXTURES = [
  `${REAL}/lightning/mlops-homework_version_0_metrics.csv`,
  `${REAL}/wandb/contextual-bandits_run_history_to_csv.csv`,
  `${REAL}/hf_trainer/lora-imdb-distilbert_trainer_state.json`,
  `${REAL}/mlflow/titanic_mlflow_ui_download_runs.csv`,
  `${REAL}/tensorboard/stockdata_keras_train_events.out.tfevents.1644728510.huangyuan3hdeMacBook-Pro.local.73068.0.v2`,
];

let open: OpenPage;
beforeAll(async () => {
  open = await openPage('?samples&debug');
});
afterAll(async () => open?.close());

const idle = () =>
  open.page.waitForFunction(
    () =>
      document.querySelector('main')?.dataset.busy === 'false' &&
      [...document.querySelectorAll('[data-testid=file]')].every(
        (f) => !['queued', 'reading'].includes(f.getAttribute('data-status') ?? ''),
      ),
    null,
    { timeout: 60_000 },
  );

const directives = (policy: string) =>
  new Map(
    policy.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name, sources.join(' ')] as const;
    }),
  );

describe('the Content-Security-Policy', () => {
  it('comes with the page and with each worker script, which a worker’s policy is taken from', async () => {
    const workers = readdirSync('dist/assets').filter((f) => /\.worker-.*\.js$/.test(f));
    expect(workers.length).toBeGreaterThanOrEqual(1);
    for (const path of ['', '?samples', ...workers.map((w) => `assets/${w}`)]) {
      const response = await fetch(new URL(path, open.baseUrl));
      const header = response.headers.get('content-security-policy') ?? '';
      expect(header.startsWith(`${cspMeta()}; frame-ancestors `), path).toBe(true);
      const policy = directives(header);
      expect(policy.get('script-src')).toBe("'self' 'wasm-unsafe-eval'");
      expect(policy.get('connect-src')).toBe("'self'");
      expect(policy.get('frame-ancestors')?.split(' ')).toContain("'self'");
    }
  });

  it('is written into the built page too, without frame-ancestors (a meta policy cannot hold it)', async () => {
    const meta = await open.page.getAttribute(
      'meta[http-equiv="Content-Security-Policy"]',
      'content',
    );
    expect(meta).toBe(cspMeta());
    expect(meta).not.toContain('frame-ancestors');
    // Before any script, or it would not cover them.
    const first = await open.page.evaluate(() =>
      [...document.head.children].findIndex((e) => e.matches('meta[http-equiv], script')),
    );
    expect(await open.page.evaluate((i) => document.head.children[i].tagName, first)).toBe('META');
  });
});

describe('the page under the policy', () => {
  it('loads the samples and real exports of several trackers', async () => {
    await open.page.waitForSelector('[data-testid=run-row]', { timeout: 60_000 });
    await idle();
    await open.page.setInputFiles('[data-testid=file-input]', FIXTURES);
    await open.page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid=file]').length === n,
      4 + FIXTURES.length,
    );
    await idle();
    const status = await open.page.$$eval('[data-testid=file]', (files) =>
      files.map((f) => `${f.getAttribute('data-name')}: ${f.getAttribute('data-status')}`),
    );
    expect(status).toHaveLength(4 + FIXTURES.length);
    for (const s of status) expect(s).toMatch(/: loaded$/);
  });

  it('draws, hovers and exports every view with no violation and no error', async () => {
    const tour = await tourEveryView(open);
    expect(tour.shown).toEqual(
      expect.arrayContaining(['curve readout', 'parallel coordinates run name', 'scatter tooltip']),
    );
    expect([...tour.downloads.keys()].map((n) => n.split('.').at(-1)).sort()).toEqual(
      expect.arrayContaining(['csv', 'png', 'svg']),
    );
    for (const [name, bytes] of tour.downloads) expect(bytes.length, name).toBeGreaterThan(0);
    expect(tour.markdown.sameStep).toMatch(/^### /);
    expect(tour.markdown.statistics).toMatch(/^## Statistics/);
    expect(await open.cspViolations()).toEqual([]);
    expect(open.errors).toEqual([]);
  });

  it('is really enforced: inline script and code from a string are refused, in the page and in the engine worker', async () => {
    await open.page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.ranInline = true';
      document.head.append(script);
      setTimeout('window.ranString = true');
    });
    const engine = open.page.workers().find((w) => w.url().includes('engine.worker'));
    expect(engine).toBeDefined();
    await engine?.evaluate(() => setTimeout('self.ranString = true'));
    // The page reports each twice, once for the header's policy and once for the meta one.
    await expect.poll(() => open.cspViolations()).toHaveLength(5);
    const ran = () => {
      const scope = globalThis as { ranInline?: boolean; ranString?: boolean };
      return [scope.ranInline ?? false, scope.ranString ?? false];
    };
    expect(await open.page.evaluate(ran)).toEqual([false, false]);
    expect(await engine?.evaluate(ran)).toEqual([false, false]);
    const blocked = (await open.cspViolations()).map((v) => v.split(' ')[0]);
    expect(blocked).toEqual([
      ...['script-src-elem', 'script-src-elem', 'script-src', 'script-src'],
      'script-src',
    ]);
  });
});

describe('frame-ancestors', () => {
  /** A page on its own localhost port that frames `url`. */
  async function framedBy(url: string): Promise<{ server: Server; origin: string }> {
    const server = createServer((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><iframe id="lockstep" src="${url}"></iframe>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  }

  const setAncestors = (value: string | undefined) => {
    if (value === undefined) delete process.env[FRAME_ANCESTORS_ENV];
    else process.env[FRAME_ANCESTORS_ENV] = value;
  };

  /** What a frame of the page shows on a host at another port, served with `ancestors` set. */
  async function framedTitle(ancestors: string | undefined): Promise<string> {
    const before = process.env[FRAME_ANCESTORS_ENV];
    setAncestors(ancestors);
    const lockstep = await preview({
      preview: { port: 0, host: '127.0.0.1' },
      logLevel: 'silent',
    });
    setAncestors(before);
    const host = await framedBy(lockstep.resolvedUrls?.local[0] ?? '');
    try {
      await open.page.goto(host.origin);
      const frame = open.page.frames()[1];
      await frame?.waitForLoadState();
      return (await frame?.title().catch(() => '')) ?? '';
    } finally {
      host.server.close();
      await new Promise<void>((resolve) => lockstep.httpServer.close(() => resolve()));
    }
  }

  it("keeps the page out of other sites' frames by default", async () => {
    expect(await framedTitle(undefined)).not.toMatch(/Lockstep/);
  });

  it('lets the sites listed in LOCKSTEP_FRAME_ANCESTORS frame it', async () => {
    expect(await framedTitle("'self' http://127.0.0.1:*")).toMatch(/Lockstep/);
  });

  it('refuses a list that would break out of the directive', () => {
    expect(() => frameAncestors({ [FRAME_ANCESTORS_ENV]: "'self'; script-src *" })).toThrow(
      /list CSP sources separated by spaces/,
    );
    expect(frameAncestors({})).toBe("'self'");
  });
});
