/** At start-up: the files `?src=` and `sources.json` list, handed to the hosted-sources state. */

import { readManifest } from '../files/source-manifest';
import { parseOriginList, sourcesFromManifest, sourcesFromQuery } from '../files/hosted-sources';
import type { HostedSources } from './hosted.svelte';

/**
 * `allowList` is the build's `VITE_LOCKSTEP_SOURCE_ORIGINS` (comma- or space-separated origins):
 * files there are fetched without asking, as the page's own are.
 */
export async function loadHostedSources(
  hosted: HostedSources,
  page: URL,
  allowList: string | undefined,
): Promise<void> {
  const { origins, problems } = parseOriginList(allowList);
  hosted.start({
    sources: [],
    problems: problems.map((p) => `The build's source allow-list: ${p}.`),
  });
  hosted.start(sourcesFromQuery(page.searchParams, page, origins));
  const manifest = new URL('sources.json', page);
  const read = await readManifest(manifest);
  if (read && 'problem' in read) hosted.start({ sources: [], problems: [read.problem] });
  else if (read) hosted.start(sourcesFromManifest(read.json, manifest, page, origins));
}
