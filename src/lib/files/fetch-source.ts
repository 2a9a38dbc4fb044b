/**
 * Fetches one hosted file as a Blob, with progress, never sending cookies or credentials, and
 * refusing a file past the size cap before or while it arrives. Every failure is a
 * SourceFetchError whose message says which URL and why, in words a user can act on.
 */

import { formatBytes } from '../format';

export class SourceFetchError extends Error {}

/** Past this a tab runs short of memory long before the engine has read the file. */
export const MAX_SOURCE_BYTES = 2 * 1024 ** 3;

export interface FetchProgress {
  bytes: number;
  /** From Content-Length when the body is not re-encoded in transit; null when unknown. */
  total: number | null;
}

export async function fetchSource(
  url: string,
  options: {
    onProgress?: (progress: FetchProgress) => void;
    signal?: AbortSignal;
    maxBytes?: number;
    /** The page's own origin, for the message about cross-origin reads. */
    pageOrigin?: string;
  } = {},
): Promise<Blob> {
  const maxBytes = options.maxBytes ?? MAX_SOURCE_BYTES;
  let response: Response;
  try {
    response = await fetch(url, {
      credentials: 'omit',
      mode: 'cors',
      referrerPolicy: 'no-referrer',
      cache: 'no-cache',
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw new SourceFetchError(`${url}: cancelled`);
    throw new SourceFetchError(unreachable(url, options.pageOrigin, error));
  }
  if (!response.ok)
    throw new SourceFetchError(
      `${url}: the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
    );
  const type = response.headers.get('content-type') ?? '';
  if (/^text\/html\b/i.test(type) && !/\.html?$/i.test(new URL(url).pathname)) {
    await response.body?.cancel();
    throw new SourceFetchError(
      `${url}: the server answered with a web page, not a data file (most likely the file is not there and the server sent its index page instead)`,
    );
  }
  const declared = Number(response.headers.get('content-length'));
  const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
  const total = Number.isFinite(declared) && declared > 0 && !encoded ? declared : null;
  if (total !== null && total > maxBytes) {
    await response.body?.cancel();
    throw new SourceFetchError(tooBig(url, total, maxBytes));
  }
  if (!response.body) return new Blob([await response.arrayBuffer()]);
  const reader = response.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let bytes = 0;
  options.onProgress?.({ bytes, total });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes) {
        await reader.cancel();
        throw new SourceFetchError(tooBig(url, bytes, maxBytes, true));
      }
      chunks.push(value);
      options.onProgress?.({ bytes, total });
    }
  } catch (error) {
    if (error instanceof SourceFetchError) throw error;
    if (options.signal?.aborted) throw new SourceFetchError(`${url}: cancelled`);
    throw new SourceFetchError(
      `${url}: the download broke off after ${bytes.toLocaleString('en-US')} bytes (${message(error)}); nothing of it was loaded`,
    );
  }
  if (total !== null && bytes !== total)
    throw new SourceFetchError(
      `${url}: ${bytes.toLocaleString('en-US')} bytes arrived of the ${total.toLocaleString('en-US')} the server announced; nothing of it was loaded`,
    );
  return new Blob(chunks, { type });
}

function unreachable(url: string, pageOrigin: string | undefined, error: unknown): string {
  const origin = new URL(url).origin;
  const crossOrigin = pageOrigin !== undefined && origin !== pageOrigin;
  return crossOrigin
    ? `${url}: could not be read (${message(error)}). Either ${origin} cannot be reached, or it does not let this page read its files: a server on another origin must answer with the header “Access-Control-Allow-Origin: ${pageOrigin}” (or *). The browser does not say which of the two it was.`
    : `${url}: could not be reached (${message(error)})`;
}

function tooBig(url: string, bytes: number, max: number, sofar = false): string {
  return `${url}: ${sofar ? 'more than ' : ''}${formatBytes(bytes)}, past the ${formatBytes(max)} a hosted file may have; nothing of it was loaded`;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
