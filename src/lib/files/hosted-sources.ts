/**
 * Files a hosted page loads by itself: `?src=<url>` (repeatable) and the `sources.json` manifest
 * beside the page. Each URL is resolved against the page (or the manifest), checked for its scheme
 * and sorted by who may be asked for it: the page's own origin and the build-time allow-list are
 * fetched at once; any other origin only after the user said yes to its full URL.
 */

export interface HostedSource {
  url: string;
  /** The name the file gets in the workspace (its path: importers read folder layouts from it). */
  name: string;
  trust: 'same-origin' | 'allowed' | 'ask';
}

export interface SourceList {
  sources: HostedSource[];
  /** One line per entry that was refused, saying which and why. */
  problems: string[];
}

/** More entries than anyone publishes beside a page: a bigger list is a mistake or an attack. */
export const MAX_SOURCES = 10_000;
const MAX_URL_LENGTH = 4096;

/** `a.example, https://b.example:8443` → their origins; what is not an http(s) origin is refused. */
export function parseOriginList(text: string | undefined): {
  origins: string[];
  problems: string[];
} {
  const origins: string[] = [];
  const problems: string[] = [];
  for (const item of (text ?? '').split(/[\s,]+/).filter(Boolean)) {
    const url = safeUrl(item.includes('://') ? item : `https://${item}`);
    if (url && (url.protocol === 'https:' || url.protocol === 'http:')) origins.push(url.origin);
    else problems.push(`“${item}” is not an http(s) origin`);
  }
  return { origins, problems };
}

export function sourcesFromQuery(
  params: URLSearchParams,
  page: URL,
  allowed: readonly string[],
): SourceList {
  return resolveAll(
    params.getAll('src').map((url, i) => ({ url, label: `?src= number ${i + 1}` })),
    page,
    page,
    allowed,
  );
}

/**
 * A manifest: `{ "files": ["runs/a.csv", { "url": "…", "name": "mlruns/0/…/metrics/loss" }] }`,
 * relative URLs resolved against the manifest's own URL.
 */
export function sourcesFromManifest(
  json: unknown,
  manifest: URL,
  page: URL,
  allowed: readonly string[],
): SourceList {
  const files = (json as { files?: unknown } | null)?.files;
  if (typeof json !== 'object' || json === null || Array.isArray(json) || !Array.isArray(files))
    return { sources: [], problems: ['sources.json: expected an object with a "files" list'] };
  const entries: { url: string; name?: string; label: string }[] = [];
  const problems: string[] = [];
  files.forEach((entry: unknown, i) => {
    const label = `sources.json files[${i}]`;
    if (typeof entry === 'string') entries.push({ url: entry, label });
    else if (isEntry(entry)) entries.push({ url: entry.url, name: entry.name, label });
    else problems.push(`${label}: expected a URL or { "url": …, "name": … } with text values`);
  });
  const list = resolveAll(entries, manifest, page, allowed);
  return { sources: list.sources, problems: [...problems, ...list.problems] };
}

function isEntry(value: unknown): value is { url: string; name?: string } {
  if (typeof value !== 'object' || value === null) return false;
  const { url, name } = value as { url?: unknown; name?: unknown };
  return typeof url === 'string' && (name === undefined || typeof name === 'string');
}

function resolveAll(
  entries: readonly { url: string; name?: string; label: string }[],
  base: URL,
  page: URL,
  allowed: readonly string[],
): SourceList {
  const sources: HostedSource[] = [];
  const problems: string[] = [];
  if (entries.length > MAX_SOURCES)
    problems.push(
      `${entries.length.toLocaleString('en-US')} sources listed: only the first ${MAX_SOURCES.toLocaleString('en-US')} are read`,
    );
  const seen = new Set<string>();
  for (const entry of entries.slice(0, MAX_SOURCES)) {
    const resolved = resolveSource(entry.url, base, page, allowed, entry.name);
    if (typeof resolved === 'string') problems.push(`${entry.label}: ${resolved}`);
    else if (!seen.has(resolved.url)) {
      seen.add(resolved.url);
      sources.push(resolved);
    }
  }
  return { sources, problems };
}

export const originOf = (url: string): string => new URL(url).origin;

/** The source, or why it is refused. */
export function resolveSource(
  text: string,
  base: URL,
  page: URL,
  allowed: readonly string[],
  name?: string,
): HostedSource | string {
  if (text.length > MAX_URL_LENGTH)
    return `a URL of ${text.length.toLocaleString('en-US')} characters (at most ${MAX_URL_LENGTH})`;
  const url = safeUrl(text, base);
  if (!url) return `“${shorten(text)}” is not a URL`;
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return `“${shorten(text)}”: only http and https URLs are fetched, not ${url.protocol}`;
  if (url.username || url.password)
    return `“${url.host}${url.pathname}”: URLs with credentials in them are not fetched`;
  url.hash = '';
  const trust =
    url.origin === page.origin ? 'same-origin' : allowed.includes(url.origin) ? 'allowed' : 'ask';
  return { url: url.href, name: cleanName(name) ?? defaultName(url, page), trust };
}

/** The path below the page's folder for a file beside it, else host and path. */
function defaultName(url: URL, page: URL): string {
  const folder = page.pathname.slice(0, page.pathname.lastIndexOf('/') + 1);
  const path = decodePath(url.pathname);
  if (url.origin === page.origin && url.pathname.startsWith(folder))
    return decodePath(url.pathname.slice(folder.length)) || path;
  return `${url.host}${path}`;
}

function cleanName(name: string | undefined): string | undefined {
  const trimmed = name?.trim().replace(/^\/+/, '');
  return trimmed ? trimmed : undefined;
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function safeUrl(text: string, base?: URL): URL | null {
  try {
    return new URL(text, base);
  } catch {
    return null;
  }
}

function shorten(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
