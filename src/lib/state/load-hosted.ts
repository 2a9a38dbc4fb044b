/** At start-up: the files `?src=` and `sources.json` list, handed to the hosted-sources state. */

import { readManifest } from '../files/source-manifest';
import {
  parseOriginList,
  sourcesFromManifest,
  sourcesFromQuery,
  type SourceList,
} from '../files/hosted-sources';
import type { HostedSources } from './hosted.svelte';

/**
 * `allowList` is the build's `VITE_LOCKSTEP_SOURCE_ORIGINS` (comma- or space-separated origins):
 * files there are fetched without asking, as the page's own are. `skip` leaves out files the page
 * holds already (a kept workspace reopened).
 */
export async function loadHostedSources(
  hosted: HostedSources,
  page: URL,
  options: { allowList?: string; skip?: (name: string) => boolean } = {},
): Promise<void> {
  const { origins, problems } = parseOriginList(options.allowList);
  const unskipped = (list: SourceList): SourceList => ({
    ...list,
    sources: list.sources.filter((s) => !options.skip?.(s.name)),
  });
  hosted.start({
    sources: [],
    problems: problems.map((p) => `The build's source allow-list: ${p}.`),
  });
  hosted.start(unskipped(sourcesFromQuery(page.searchParams, page, origins)));
  const manifest = new URL('sources.json', page);
  const read = await readManifest(manifest);
  if (read && 'problem' in read) hosted.start({ sources: [], problems: [read.problem] });
  else if (read) hosted.start(unskipped(sourcesFromManifest(read.json, manifest, page, origins)));
}
