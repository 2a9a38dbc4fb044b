import { mount } from 'svelte';
import App from './App.svelte';
import { EngineClient } from './lib/engine/client';
import { Comparison } from './lib/state/comparison.svelte';
import { CurvesView } from './lib/state/curves.svelte';
import { CompareView } from './lib/state/compare.svelte';
import { StatisticsView } from './lib/state/statistics.svelte';
import { PredictionsView } from './lib/state/predictions.svelte';
import { SweepView } from './lib/state/sweep.svelte';
import { Workspace } from './lib/state/workspace.svelte';
import { pageContext } from './lib/state/workspace-context';
import './app.css';

const params = new URLSearchParams(location.search);
let workspace: Workspace | null = null;
const engine = new EngineClient({
  makeWorker: () =>
    new Worker(new URL('../workers/engine.worker.ts', import.meta.url), { type: 'module' }),
  hangAfterMs: Number(params.get('hangAfterMs')) || 15_000,
  onEvent: (event) => workspace?.onEngineEvent(event),
  onRestarted: async () => workspace?.reloadAfterRestart(),
});
workspace = new Workspace(engine);
const comparison = new Comparison(workspace, engine);
const curves = new CurvesView(workspace);
const compare = new CompareView(workspace, engine);
const sweep = new SweepView(workspace, engine);
const statistics = new StatisticsView(comparison, engine);
const predictions = new PredictionsView(engine);

mount(App, {
  target: document.getElementById('app') as HTMLElement,
  context: pageContext({
    workspace,
    comparison,
    curves,
    compare,
    sweep,
    statistics,
    predictions,
    engine,
  }),
});

// Tests reach the engine through this handle (e.g. to make the worker hang and watch it recover).
if (params.has('debug'))
  Object.assign(window, {
    lockstep: { engine, workspace, comparison, curves, compare, sweep, statistics, predictions },
  });

// The first refresh compiles the Arrow decoding and draws the table once, before any data arrives,
// so the refresh after a big file lands is a short task.
void workspace.refresh();
if (params.has('samples')) void workspace.loadSamples();
