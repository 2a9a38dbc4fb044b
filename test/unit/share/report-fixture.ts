/**
 * The sample runs (public/samples) and one run with hostile names, read by a real engine, and the
 * settings the page would hand the report for them: every run compared, the running run as
 * student, seed groups for the statistics, the first two prediction sets.
 */

import { readFileSync } from 'node:fs';
import { chooseStudent } from '../../../src/lib/align/student';
import type { Engine } from '../../../src/lib/engine/engine';
import { decodeRunsTable } from '../../../src/lib/engine/runs-decode';
import type { ReportEngine, ReportSettings } from '../../../src/lib/share/report/collect-report';
import { reportRun } from '../../../src/lib/share/report/report-run';
import { seedGroups } from '../../../src/lib/stats/seed-groups';
import { makeEngine, text } from '../helpers/engine';

export const HOSTILE_RUN = '</script><script>alert(1)</script><img src=x onerror=alert(2)>';
export const HOSTILE_NOTE = ']]><svg onload=alert(3)>\u2028<!--';
/** A hyperparameter a spreadsheet would run as a formula. */
export const FORMULA = '=1+2';
export const HOSTILE_METRIC = 'val/<b>acc</b>';
/** The user's own note on the hostile run, as typed in the runs table. */
export const USER_NOTE = '<a href="javascript:alert(4)">rerun</a> =SUM(A1)';

export async function sampleEngine(): Promise<Engine> {
  const engine = await makeEngine();
  for (const name of ['runs.csv', 'metrics.csv', 'eval.jsonl', 'predictions.csv'])
    await engine.ingest(text(`samples/${name}`, readFileSync(`public/samples/${name}`)));
  await engine.ingest(
    text(
      'hostile/runs.csv',
      `run,state,params.lr,params.note,params.seed,params.cmd\n"${HOSTILE_RUN}",finished,1e-3,"${HOSTILE_NOTE}",9,${FORMULA}\n`,
    ),
  );
  const rows = ['run,step,metric,value'];
  for (const step of [0, 250, 500, 750, 1000, 1250]) {
    rows.push(`"${HOSTILE_RUN}",${step},train/loss,${6 - step / 400}`);
    rows.push(`"${HOSTILE_RUN}",${step},${HOSTILE_METRIC},${step / 2500}`);
  }
  await engine.ingest(text('hostile/metrics.csv', rows.join('\n') + '\n'));
  return engine;
}

export function asyncEngine(engine: Engine): ReportEngine {
  return {
    align: async (r) => engine.align(r),
    curves: async (r) => engine.curves(r),
    compareView: async (r) => engine.compareView(r),
    statistics: async (r) => engine.statistics(r),
    comparePredictions: async (r) => engine.comparePredictions(r),
    scalars: async (r) => engine.scalars(r),
  };
}

export function sampleSettings(engine: Engine): ReportSettings {
  const table = decodeRunsTable(engine.runsTable());
  const runs = table.runs;
  const student = chooseStudent(runs);
  if (!student) throw new Error('no student among the sample runs');
  const ids = runs.map((r) => r.runId);
  const baselines = ids.filter((id) => id !== student.runId);
  const metrics = [...new Set(runs.flatMap((r) => r.metricNames))].sort();
  const groups = seedGroups(runs).map((g) => ({ label: g.key, runIds: g.runIds }));
  const sets = engine.predictionSets();
  return {
    now: new Date('2026-12-05T14:03:07.000Z'),
    files: engine.sources().map((s) => ({
      name: s.name,
      bytes: s.bytes,
      status: s.status,
      sha256: s.sha256,
    })),
    runs: runs.map((r) => reportRun(r, r.name === HOSTILE_RUN ? USER_NOTE : '')),
    paramKeys: table.paramKeys,
    compared: ids,
    student,
    roles: {},
    align: {
      request: {
        student: student.runId,
        baselines,
        axis: { kind: 'step' },
        policy: 'interpolate',
        roles: {},
      },
      shown: null,
    },
    curves: {
      metrics,
      runIds: ids,
      hidden: [],
      axis: { kind: 'step' },
      smoothing: { kind: 'ema', weight: 0.6 },
      showRaw: true,
      logX: false,
      logY: false,
      groups: null,
      grouping: null,
      center: 'mean',
      band: 'ci95',
    },
    lineage: { runIds: ids, base: ids[0] },
    statistics: {
      request: {
        groups,
        reference: groups.findIndex((g) => !g.runIds.includes(student.runId)),
        aggregation: {
          kind: 'aligned',
          student: student.runId,
          axis: { kind: 'step' },
          policy: 'interpolate',
        },
        seeds: Object.fromEntries(
          runs.flatMap((r) => {
            const seed = r.params.get('seed');
            return seed == null ? [] : [[r.runId, seed]];
          }),
        ),
        resamples: 500,
        seed: 7,
        trend: { runId: student.runId, points: 10 },
        selection: { primary: 'val/acc', constraints: [] },
      },
      shown: null,
    },
    predictions: {
      request:
        sets.length >= 2
          ? { a: sets[0].runRef, b: sets[1].runRef, resamples: 500, seed: 7, level: 0.95 }
          : null,
      shown: null,
    },
  };
}
