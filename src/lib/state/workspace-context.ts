/** How components find the page's state and the engine: through Svelte context, under private keys. */

import { getContext } from 'svelte';
import type { EngineClient } from '../engine/client';
import type { CompareView } from './compare.svelte';
import type { Comparison } from './comparison.svelte';
import type { CurvesView } from './curves.svelte';
import type { HostedSources } from './hosted.svelte';
import type { LiveWatch } from './live-watch.svelte';
import type { Persistence } from './persistence.svelte';
import type { PredictionsView } from './predictions.svelte';
import type { SamplesView } from './samples.svelte';
import type { StatisticsView } from './statistics.svelte';
import type { SweepView } from './sweep.svelte';
import type { ViewName } from '../share/view-state';
import type { ViewLink } from './view-link.svelte';
import type { Workspace } from './workspace.svelte';

/** `?embed[=view]`: one view without the app around it. */
export interface EmbedOptions {
  view: ViewName | null;
}

export interface PageContext {
  workspace: Workspace;
  hosted: HostedSources;
  persistence: Persistence;
  comparison: Comparison;
  curves: CurvesView;
  compare: CompareView;
  sweep: SweepView;
  statistics: StatisticsView;
  predictions: PredictionsView;
  samples: SamplesView;
  link: ViewLink;
  embed: EmbedOptions | null;
  engine: EngineClient;
  live: LiveWatch;
}

const KEY = Symbol('page');

const page = (): PageContext => getContext<PageContext>(KEY);

export const getWorkspace = (): Workspace => page().workspace;
export const getHosted = (): HostedSources => page().hosted;
export const getPersistence = (): Persistence => page().persistence;
export const getComparison = (): Comparison => page().comparison;
export const getCurves = (): CurvesView => page().curves;
export const getCompare = (): CompareView => page().compare;
export const getSweep = (): SweepView => page().sweep;
export const getStatistics = (): StatisticsView => page().statistics;
export const getPredictions = (): PredictionsView => page().predictions;
export const getSamples = (): SamplesView => page().samples;
export const getEngine = (): EngineClient => page().engine;
export const getViewLink = (): ViewLink => page().link;
export const getLive = (): LiveWatch => page().live;
export const getEmbed = (): EmbedOptions | null => page().embed;

/** The context map to `mount` the app with. */
export function pageContext(context: PageContext): Map<symbol, unknown> {
  return new Map<symbol, unknown>([[KEY, context]]);
}
