/**
 * The messages a host page may send an embedded Lockstep, and what it answers. Only origins on the
 * allow-list are heard (the page's own origin, and those the site lists in `lockstep.config.json`
 * beside the page); anything else, or any message of another shape, is ignored without an answer.
 *
 *   → { type: 'lockstep:set-state', state }   ← { type: 'lockstep:applied', missingRuns, missingFiles }
 *                                              or { type: 'lockstep:error', message }
 *   → { type: 'lockstep:get-state' }           ← { type: 'lockstep:state', state }
 *   ← { type: 'lockstep:ready' } once the page has loaded, to each allowed origin.
 */

import { ViewStateError, validateViewState, type ViewState } from './view-state';

export type HostMessage =
  { type: 'lockstep:set-state'; state: ViewState } | { type: 'lockstep:get-state' };

export type PageMessage =
  | { type: 'lockstep:ready' }
  | { type: 'lockstep:state'; state: ViewState }
  | { type: 'lockstep:applied'; missingRuns: string[]; missingFiles: string[] }
  | { type: 'lockstep:error'; message: string };

/** A message from a host: null when it is not one of ours; throws ViewStateError on a bad state. */
export function readHostMessage(data: unknown): HostMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const type = (data as { type?: unknown }).type;
  if (type === 'lockstep:get-state') return { type };
  if (type === 'lockstep:set-state')
    return { type, state: validateViewState((data as { state?: unknown }).state) };
  return null;
}

/** `https://wiki.example.com` and the like: scheme, host and port, nothing else. */
export function isOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === text;
  } catch {
    return false;
  }
}

/**
 * The origins allowed from a site config (`{ "embedOrigins": [...] }`); the page's own origin is
 * always allowed. Entries that are not plain origins are returned as problems, never allowed.
 */
export function allowedOrigins(
  config: unknown,
  ownOrigin: string,
): { origins: Set<string>; problems: string[] } {
  const origins = new Set([ownOrigin]);
  const problems: string[] = [];
  const list = (config as { embedOrigins?: unknown } | null)?.embedOrigins;
  if (list === undefined) return { origins, problems };
  if (!Array.isArray(list)) return { origins, problems: ['embedOrigins is not a list'] };
  for (const entry of list) {
    if (typeof entry === 'string' && isOrigin(entry)) origins.add(entry);
    else
      problems.push(
        `embedOrigins: ${JSON.stringify(entry)} is not an origin such as https://wiki.example.com`,
      );
  }
  return { origins, problems };
}

export interface EmbedHost {
  origins: ReadonlySet<string>;
  capture(): ViewState;
  open(state: ViewState): { missingRuns: string[]; missingFiles: string[] };
}

/** Answers a message event, or ignores it (returns false) when its origin or shape is not ours. */
export function answerHostMessage(
  event: Pick<MessageEvent, 'origin' | 'data'>,
  host: EmbedHost,
  reply: (message: PageMessage) => void,
): boolean {
  if (!host.origins.has(event.origin)) return false;
  let message: HostMessage | null;
  try {
    message = readHostMessage(event.data);
  } catch (error) {
    if (!(error instanceof ViewStateError)) throw error;
    reply({ type: 'lockstep:error', message: error.message });
    return true;
  }
  if (!message) return false;
  if (message.type === 'lockstep:get-state')
    reply({ type: 'lockstep:state', state: host.capture() });
  else reply({ type: 'lockstep:applied', ...host.open(message.state) });
  return true;
}
