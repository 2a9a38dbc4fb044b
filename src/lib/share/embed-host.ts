/**
 * In an embedded page: reads the site's allow-list, answers host messages (see embed-api.ts) and
 * tells the host page it is ready.
 */

import { allowedOrigins, answerHostMessage, type PageMessage } from './embed-api';
import type { ViewLink } from '../state/view-link.svelte';

/** The site config beside the page: optional, same origin, never sent anything. */
async function siteConfig(): Promise<unknown> {
  try {
    const response = await fetch('lockstep.config.json', {
      credentials: 'omit',
      cache: 'no-cache',
    });
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

export async function startEmbedApi(link: ViewLink): Promise<string[]> {
  const { origins, problems } = allowedOrigins(await siteConfig(), location.origin);
  const host = {
    origins,
    capture: () => link.capture(),
    open: (state: Parameters<ViewLink['open']>[0]) => {
      link.open(state);
      const restored = link.restored;
      return {
        missingRuns: restored?.missingRuns ?? [],
        missingFiles: (restored?.missingFiles ?? []).map((f) => f.name),
      };
    },
  };
  addEventListener('message', (event) => {
    answerHostMessage(event, host, (message: PageMessage) =>
      (event.source as WindowProxy | null)?.postMessage(message, event.origin),
    );
  });
  performance.mark('lockstep:embed-listening');
  if (parent !== window)
    for (const origin of origins)
      parent.postMessage({ type: 'lockstep:ready' } satisfies PageMessage, origin);
  return problems;
}
