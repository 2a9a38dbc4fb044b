/**
 * `npm run bench`: builds the page, serves dist/ with vite's preview server, and runs each scenario
 * of bench/scenarios.mjs in a fresh headless Chromium. For each it measures
 *   - wall time from handing the files to the page's file input to the file rows' final status,
 *   - peak memory: the sum of VmRSS over Chromium's process tree, sampled every ~50 ms from Node,
 *     as the rise over the baseline taken just before, and as the absolute peak,
 *   - the longest task on the page's main thread (Long Tasks API; entries exist only above 50 ms),
 * checks that the page loaded what the scenario expects (a mismatch is a harness error), prints a
 * table and writes bench/.data/results.json. A missed target prints MISSED; it does not fail.
 *
 *   node bench/run.mjs [--only <substring>] [--no-build] [--repeat N]
 *
 * BENCH_CONSOLE=1 also prints the page's console (timings a scenario logs while it is tuned);
 * BENCH_PROFILE=<file> writes a CPU profile of the page's main thread (see startProfiler); with
 * NO_MINIFY=1 the page is built unminified, so the profile names its functions.
 *
 * With --repeat N each scenario runs N times (each in a fresh browser) and the table shows the
 * fastest ingest, with the median of each of the scenario's own measures (first draw, zoom…);
 * every run's numbers are in results.json. Useful on a machine shared with other work.
 */

import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { DATA_DIR } from './generate.mjs';
import { SCENARIOS } from './scenarios.mjs';
import { CHROMIUM, CHROMIUM_FLAGS as FLAGS } from '../scripts/chromium.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FINAL_STATUSES = ['loaded', 'partial', 'empty', 'failed', 'duplicate', 'cancelled'];
const SAMPLE_MS = 50;
const INGEST_TIMEOUT_MS = 10 * 60_000;

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const skipBuild = args.includes('--no-build');
const repeat = args.includes('--repeat')
  ? Math.max(1, Number(args[args.indexOf('--repeat') + 1]) || 1)
  : 1;

class HarnessError extends Error {}

// ---------------------------------------------------------------------------------------------
// Memory of Chromium's process tree, from /proc.

function readProc(pid, file) {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return null;
  }
}

/** pid → ppid for every process, and each process's executable name. */
function processTable() {
  const table = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProc(entry, 'stat');
    if (!stat) continue;
    // "pid (comm) state ppid …": comm may hold spaces and parentheses; split after the last ')'.
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    table.set(Number(entry), {
      ppid: Number(fields[1]),
      comm,
      utime: Number(fields[11]),
      stime: Number(fields[12]),
    });
  }
  return table;
}

/** Chromium's processes: descendants of this Node process whose name says chrom(e|ium). */
function chromiumPids() {
  const table = processTable();
  const children = new Map();
  for (const [pid, p] of table) {
    if (!children.has(p.ppid)) children.set(p.ppid, []);
    children.get(p.ppid).push(pid);
  }
  const out = [];
  const stack = [process.pid];
  while (stack.length) {
    const pid = stack.pop();
    for (const c of children.get(pid) ?? []) {
      stack.push(c);
      if (/chrom/i.test(table.get(c).comm)) out.push(c);
    }
  }
  return out;
}

function rssKB(pid) {
  const status = readProc(pid, 'status');
  const m = status && /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) : 0;
}

function cpuTicks(pids) {
  let sum = 0;
  for (const pid of pids) {
    const stat = readProc(pid, 'stat');
    if (!stat) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    sum += Number(fields[11]) + Number(fields[12]);
  }
  return sum;
}

/** Samples the summed RSS every SAMPLE_MS; the process list is refreshed every second. */
class MemorySampler {
  #pids = chromiumPids();
  #timer = null;
  #refresh = 0;
  peakKB = 0;
  samples = 0;

  totalKB() {
    let sum = 0;
    for (const pid of this.#pids) sum += rssKB(pid);
    return sum;
  }

  start() {
    this.#pids = chromiumPids();
    this.peakKB = this.totalKB();
    this.#timer = setInterval(() => {
      if (++this.#refresh % Math.round(1000 / SAMPLE_MS) === 0) this.#pids = chromiumPids();
      const kb = this.totalKB();
      this.samples++;
      if (kb > this.peakKB) this.peakKB = kb;
    }, SAMPLE_MS);
  }

  stop() {
    clearInterval(this.#timer);
    const kb = this.totalKB();
    if (kb > this.peakKB) this.peakKB = kb;
    return this.peakKB;
  }
}

/** Waits until Chromium's processes use under 5% of a core for half a second (DuckDB started, page idle). */
async function settle(maxMs = 30_000) {
  const tick = 100; // USER_HZ on Linux
  const until = Date.now() + maxMs;
  let quiet = 0;
  while (Date.now() < until) {
    const pids = chromiumPids();
    const before = cpuTicks(pids);
    await sleep(500);
    const used = (cpuTicks(pids) - before) / tick; // seconds of CPU in 0.5 s
    quiet = used < 0.025 ? quiet + 1 : 0;
    if (quiet >= 2) return;
  }
  console.warn('  (the page did not go idle within 30 s; measuring anyway)');
}

/**
 * BENCH_PROFILE=<file>: a CPU profile of the page's main thread from the files' drop to the end of
 * the scenario, for Chromium's DevTools (Performance → load profile); beside it, `<file>.json` has
 * the epoch ms of the profile's start and of the drop's end (`doneAt`).
 */
async function startProfiler(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  // The profile's clock is the page's monotonic one: its start, in ms of the epoch, to place doneAt.
  const startedAt = await page.evaluate(() => performance.timeOrigin + performance.now());
  return { cdp, startedAt };
}

async function stopProfiler({ cdp, startedAt }, file, doneAt) {
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
  writeFileSync(`${file}.json`, JSON.stringify({ startedAt, doneAt }));
  console.log(`  CPU profile of the main thread written to ${file}`);
}

function median(values) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// In the page: a Long Tasks observer and the moment every file row reached a final status.

function instrumentPage(finalStatuses) {
  const since = performance.now();
  const bench = { since, longest: 0, longTasks: 0, tasks: [], doneAt: null, statuses: [] };
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.startTime < since) continue;
      bench.longTasks++;
      // When it ran, in ms of the epoch, so Node can place it relative to the scenario's start.
      bench.tasks.push({ at: performance.timeOrigin + e.startTime, ms: e.duration });
      if (e.duration > bench.longest) bench.longest = e.duration;
    }
  }).observe({ type: 'longtask', buffered: true });
  const check = () => {
    if (bench.doneAt !== null) return;
    // A dropped folder is one group line whose status sums up its files (which are not drawn).
    const files = [...document.querySelectorAll('[data-testid=file], [data-testid=file-group]')];
    if (files.length === 0) return;
    const statuses = files.map((f) => f.getAttribute('data-status'));
    if (statuses.every((s) => finalStatuses.includes(s))) {
      bench.doneAt = performance.timeOrigin + performance.now();
      bench.statuses = statuses;
    }
  };
  new MutationObserver(check).observe(document.body, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-status'],
  });
}

// ---------------------------------------------------------------------------------------------

/** The files' messages, each distinct one once with its count: a folder of 2,000 files stays one line. */
function describeFiles(files) {
  const counts = new Map();
  for (const f of files) counts.set(f.message, (counts.get(f.message) ?? 0) + 1);
  return [...counts].map(([message, n]) => (n > 1 ? `${n} × ${message}` : message)).join(' / ');
}

async function runScenario(baseUrl, scenario) {
  const data = await scenario.prepare();
  const profile = mkdtempSync(join(tmpdir(), 'lockstep-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
    // BENCH_DPR=2: a high-density screen (a laptop's), where canvases hold 4× the pixels.
    deviceScaleFactor: Number(process.env.BENCH_DPR) || 1,
    ...scenario.context,
  });
  const errors = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
      if (process.env.BENCH_CONSOLE) console.log('page:', m.text());
    });
    await page.goto(`${baseUrl}?debug${scenario.query ?? ''}`);
    await page.waitForSelector(`[data-testid=${data.input ?? 'file-input'}]`, {
      state: 'attached',
    });
    await settle();
    // The 1-minute load average still counts the scenario before this one; above the number of
    // cores, other work is competing and the timings are pessimistic.
    const load = loadavg()[0];
    if (load > cpus().length)
      console.warn(
        `  (load average ${load.toFixed(1)} on ${cpus().length} cores: the machine is busy, timings are pessimistic)`,
      );
    await page.evaluate(instrumentPage, FINAL_STATUSES);

    const sampler = new MemorySampler();
    const baselineKB = sampler.totalKB();
    sampler.start();
    const profiler = process.env.BENCH_PROFILE ? await startProfiler(context, page) : null;
    const started = Date.now();
    await page.setInputFiles(`[data-testid=${data.input ?? 'file-input'}]`, data.files);
    await page.waitForFunction(() => window.__bench.doneAt !== null, null, {
      timeout: INGEST_TIMEOUT_MS,
      polling: 100,
    });
    const bench = await page.evaluate(() => window.__bench);
    const seconds = (bench.doneAt - started) / 1000;
    // Keep sampling until the page has refreshed its runs table: that is part of the ingest's memory.
    const exp = scenario.expect ?? {};
    if (exp.runs !== undefined) {
      await page
        .waitForFunction(
          (n) =>
            document.querySelector('[data-testid=run-count]')?.textContent?.replace(/\D/g, '') ===
            String(n),
          exp.runs,
          {
            timeout: 60_000,
          },
        )
        .catch(() => {});
    }
    const peakKB = sampler.stop();
    const after = await page.evaluate(() => window.__bench);
    const longest = after.longest;
    const longTasks = after.longTasks;
    // Long tasks relative to the moment the files were handed over (negative: before; after the
    // final status: while the page refreshed its tables).
    const taskTimes = after.tasks.map((t) => ({
      atMs: Math.round(t.at - started),
      ms: Math.round(t.ms),
    }));

    // Verify that the page loaded what the scenario made.
    const files = await page.$$eval('[data-testid=file], [data-testid=file-group]', (els) =>
      els.map((el) => ({
        name: el.getAttribute('data-name'),
        status: el.getAttribute('data-status'),
        message:
          (
            el.querySelector('[data-testid=file-message]') ?? el.querySelector('.status')
          )?.textContent?.trim() ?? '',
      })),
    );
    const runCount = (await page.textContent('[data-testid=run-count]').catch(() => null))?.replace(
      /\D/g,
      '',
    );
    const problems = [];
    if (exp.status && files.some((f) => f.status !== exp.status))
      problems.push(`status ${files.map((f) => f.status).join(', ')}, expected ${exp.status}`);
    if (exp.runs !== undefined && runCount !== String(exp.runs))
      problems.push(`run count ${runCount}, expected ${exp.runs}`);
    if (exp.points !== undefined) {
      const wanted = `${exp.points.toLocaleString('en-US')} points`;
      if (!files.some((f) => f.message.includes(wanted)))
        problems.push(`no file message mentions "${wanted}"`);
    }
    if (exp.totalPoints !== undefined) {
      const total = await page.evaluate(() =>
        (window.lockstep?.workspace.runs ?? []).reduce((sum, run) => sum + run.points, 0),
      );
      if (total !== exp.totalPoints)
        problems.push(`${total} points in all runs, expected ${exp.totalPoints}`);
    }
    if (exp.messageIncludes && !files.some((f) => f.message.includes(exp.messageIncludes))) {
      problems.push(`no file message mentions "${exp.messageIncludes}"`);
    }
    if (problems.length > 0) {
      throw new HarnessError(
        `${scenario.name}: the page did not load the expected data: ${problems.join('; ')}\n  files: ${JSON.stringify(files)}\n  errors: ${errors.join(' | ')}`,
      );
    }
    const extra = scenario.after
      ? await scenario.after(page, { seconds, doneAt: bench.doneAt })
      : undefined;
    if (profiler) await stopProfiler(profiler, process.env.BENCH_PROFILE, bench.doneAt);
    const result = {
      scenario: scenario.name,
      rows: data.rows,
      bytes: data.bytes ?? null,
      seconds,
      memoryDeltaMB: (peakKB - baselineKB) / 1024,
      memoryPeakMB: peakKB / 1024,
      memoryBaselineMB: baselineKB / 1024,
      memorySamples: sampler.samples,
      loadBefore: load,
      longestTaskMs: longest,
      longTasks,
      taskTimes,
      doneAtMs: Math.round(bench.doneAt - started),
      files,
      runCount,
      target: scenario.target,
      extra,
      errors,
    };
    result.met = meets(result, scenario.target);
    return result;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

function meets(r, t) {
  const mem = t.memory === 'absolute' ? r.memoryPeakMB : r.memoryDeltaMB;
  return {
    seconds: t.seconds === undefined || r.seconds <= t.seconds,
    memory: t.memoryMB === undefined || mem <= t.memoryMB,
    longTask: t.longTaskMs === undefined || r.longestTaskMs <= t.longTaskMs,
  };
}

function targetText(t) {
  const parts = [];
  if (t.seconds !== undefined) parts.push(`≤ ${t.seconds} s`);
  if (t.memoryMB !== undefined)
    parts.push(
      `≤ ${t.memoryMB >= 1000 ? `${t.memoryMB / 1000} GB` : `${t.memoryMB} MB`}${t.memory === 'absolute' ? ' abs' : ''}`,
    );
  if (t.longTaskMs !== undefined) parts.push(`task ≤ ${t.longTaskMs} ms`);
  return parts.join(', ');
}

function printTable(results) {
  const head = [
    'scenario',
    'rows',
    'wall time (s)',
    'peak memory MB (Δ / abs)',
    'longest main-thread task (ms)',
    'target',
    'met?',
  ];
  const rows = results.map((r) => {
    const missed = Object.entries(r.met)
      .filter(([, ok]) => !ok)
      .map(([k]) => k);
    return [
      r.scenario,
      r.rows.toLocaleString('en-US'),
      r.seconds.toFixed(2),
      `${r.memoryDeltaMB.toFixed(0)} / ${r.memoryPeakMB.toFixed(0)}`,
      r.longTasks === 0 ? '< 50 (none)' : r.longestTaskMs.toFixed(0),
      targetText(r.target),
      missed.length === 0 ? 'yes' : `MISSED (${missed.join(', ')})`,
    ];
  });
  for (const r of results)
    for (const m of r.extra?.measures ?? []) {
      const ok = m.targetMs === undefined || m.ms <= m.targetMs;
      rows.push([
        `  ↳ ${m.name}`,
        '',
        `${m.ms.toFixed(0)} ms`,
        '',
        m.longestTaskMs === undefined
          ? ''
          : m.longestTaskMs === 0
            ? '< 50 (none)'
            : m.longestTaskMs.toFixed(0),
        m.targetMs === undefined ? '' : `≤ ${m.targetMs} ms`,
        m.targetMs === undefined ? '' : ok ? 'yes' : 'MISSED',
      ]);
    }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

async function main() {
  process.chdir(ROOT);
  const scenarios = SCENARIOS.filter((s) => !only || s.name.includes(only));
  if (scenarios.length === 0) throw new HarnessError(`no scenario matches ${JSON.stringify(only)}`);
  if (!skipBuild) {
    console.log('building the page…');
    await build({ root: ROOT, logLevel: 'error' });
  }
  const server = await preview({
    root: ROOT,
    preview: { port: 0, strictPort: false, host: '127.0.0.1' },
    logLevel: 'warn',
  });
  const baseUrl = server.resolvedUrls?.local[0];
  if (!baseUrl) throw new HarnessError('the preview server did not report its address');
  const results = [];
  try {
    for (const scenario of scenarios) {
      console.log(`▶ ${scenario.name}`);
      const runs = [];
      for (let i = 0; i < repeat; i++) {
        const one = await runScenario(baseUrl, scenario);
        if (repeat > 1)
          console.log(
            `  run ${i + 1}/${repeat}: ${one.seconds.toFixed(2)} s, +${one.memoryDeltaMB.toFixed(0)} MB, longest task ${one.longestTaskMs.toFixed(0)} ms` +
              (one.extra?.measures ?? [])
                .map((m) => `; ${m.name.replace(/ \(.*$/, '')} ${Math.round(m.ms)} ms`)
                .join(''),
          );
        runs.push(one);
      }
      const r = runs.reduce((best, x) => (x.seconds < best.seconds ? x : best));
      r.runs = runs.map((x) => ({
        seconds: x.seconds,
        memoryDeltaMB: x.memoryDeltaMB,
        memoryPeakMB: x.memoryPeakMB,
        longestTaskMs: x.longestTaskMs,
        loadBefore: x.loadBefore,
        measures: x.extra?.measures,
      }));
      // A scenario's own measures (first draw, zoom…) are the median over the runs, not the
      // fastest ingest's.
      if (runs.length > 1 && r.extra?.measures)
        r.extra.measures = r.extra.measures.map((m, k) => ({
          ...m,
          name: `${m.name} [median of ${runs.length} runs]`,
          ms: median(runs.map((x) => x.extra?.measures?.[k]?.ms ?? NaN)),
        }));
      console.log(
        `  ${r.seconds.toFixed(2)} s, +${r.memoryDeltaMB.toFixed(0)} MB (peak ${r.memoryPeakMB.toFixed(0)} MB), longest task ${r.longestTaskMs.toFixed(0)} ms` +
          ` — ${describeFiles(r.files)}`,
      );
      if (r.taskTimes.length > 0) {
        const shown = r.taskTimes.slice(0, 12).map((t) => `${t.atMs}: ${t.ms}`);
        const more = r.taskTimes.length > shown.length ? `, … (${r.taskTimes.length} in all)` : '';
        console.log(
          `  long tasks (ms after the files were given: duration): ${shown.join(', ')}${more}; final status at ${r.doneAtMs}`,
        );
      }
      results.push(r);
    }
  } finally {
    await new Promise((resolve) => server.httpServer.close(() => resolve()));
  }
  console.log('');
  printTable(results);
  const missed = results.filter(
    (r) =>
      Object.values(r.met).some((ok) => !ok) ||
      (r.extra?.measures ?? []).some((m) => m.targetMs !== undefined && m.ms > m.targetMs),
  );
  if (missed.length > 0) console.log(`\nMISSED: ${missed.map((r) => r.scenario).join('; ')}`);
  mkdirSync(DATA_DIR, { recursive: true });
  const out = join(DATA_DIR, 'results.json');
  writeFileSync(
    out,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        chromium: CHROMIUM,
        results: results.map(({ files, ...r }) => ({ ...r, files })),
      },
      null,
      1,
    ),
  );
  console.log(`results written to ${out}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof HarnessError ? `bench: ${error.message}` : error);
    process.exit(1);
  },
);
