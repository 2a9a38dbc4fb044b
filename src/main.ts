import { mount } from 'svelte';
import App from './App.svelte';
import { EngineClient } from './lib/engine/client';
import { Comparison } from './lib/state/comparison.svelte';
import { CurvesView } from './lib/state/curves.svelte';
import { CompareView } from './lib/state/compare.svelte';
import { StatisticsView } from './lib/state/statistics.svelte';
import { PredictionsView } from './lib/state/predictions.svelte';
import { SweepView } from './lib/state/sweep.svelte';
import { SamplesView } from './lib/state/samples.svelte';
import { Workspace } from './lib/state/workspace.svelte';
import { HostedSources } from './lib/state/hosted.svelte';
import { loadHostedSources } from './lib/state/load-hosted';
import { pagePolicy, policyAllowsFetch } from './lib/files/page-policy';
import { Persistence } from './lib/state/persistence.svelte';
import { LiveWatch } from './lib/state/live-watch.svelte';
import { ViewLink } from './lib/state/view-link.svelte';
import { syncViewLink } from './lib/state/link-sync.svelte';
import { startEmbedApi } from './lib/share/embed-host';
import { isView } from './lib/share/view-state';
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
  // With ?debug, each engine call is a `lockstep:engine <call>` span for profiles and benchmarks.
  timeline: params.has('debug'),
});
workspace = new Workspace(engine);
const hosted = new HostedSources(workspace, {
  policyAllows: (origin) => policyAllowsFetch(origin, new URL(location.href), pagePolicy()),
});
const comparison = new Comparison(workspace, engine);
const curves = new CurvesView(workspace);
const compare = new CompareView(workspace, engine);
const sweep = new SweepView(workspace, engine);
const statistics = new StatisticsView(comparison, engine);
const predictions = new PredictionsView(engine);
const samples = new SamplesView(workspace, engine);
workspace.onSamples = (found) => samples.add(found);
const link = new ViewLink({ workspace, comparison, curves, compare, sweep, statistics });
const persistence = new Persistence(workspace, engine, link, samples);
const live = new LiveWatch(workspace, engine, {
  everyMs: Number(params.get('watchEveryMs')) || undefined,
  stallAfterMs: Number(params.get('stallAfterMs')) || undefined,
});
const embedded = params.get('embed');
const embed = embedded === null ? null : { view: isView(embedded) ? embedded : null };

mount(App, {
  target: document.getElementById('app') as HTMLElement,
  context: pageContext({
    workspace,
    hosted,
    persistence,
    comparison,
    curves,
    compare,
    sweep,
    statistics,
    predictions,
    samples,
    link,
    embed,
    engine,
    live,
  }),
});

syncViewLink(link, workspace, { onView: scrollToView });
if (embed)
  void startEmbedApi(link).then((problems) => {
    if (problems.length > 0) workspace.notice = `lockstep.config.json: ${problems.join('; ')}.`;
  });

function scrollToView(view: string | null) {
  if (embed || !view) return;
  requestAnimationFrame(() => document.querySelector(`[data-view="${view}"]`)?.scrollIntoView());
}

// Tests reach the engine through this handle (e.g. to make the worker hang and watch it recover).
if (params.has('debug'))
  Object.assign(window, {
    lockstep: {
      engine,
      workspace,
      hosted,
      persistence,
      comparison,
      curves,
      compare,
      sweep,
      statistics,
      predictions,
      samples,
      link,
      live,
    },
  });

// The first refresh compiles the Arrow decoding and draws the table once, before any data arrives,
// so the refresh after a big file lands is a short task.
void workspace.refresh();
// An embedded view shows what its address names, never the workspace kept in this browser (and
// keeps nothing of its own in it).
const started = embed
  ? Promise.resolve()
  : persistence.start({ hasLinkState: location.hash.startsWith('#s=') });
void started.then(() => {
  // A kept workspace already holds what the address asks for: nothing is loaded twice.
  const kept = new Set(workspace.files.map((f) => f.name));
  if (params.has('samples') && !persistence.reopened) void workspace.loadSamples();
  void loadHostedSources(hosted, new URL(location.href), {
    allowList: import.meta.env.VITE_LOCKSTEP_SOURCE_ORIGINS,
    skip: (name) => kept.has(name),
  });
});
