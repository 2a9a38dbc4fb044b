/**
 * Whether this page's own Content-Security-Policy (its `<meta http-equiv>`, see scripts/csp.mjs)
 * lets it fetch from an origin: asking the user about a file the browser will refuse anyway would
 * only waste their yes. A policy sent only as a header cannot be read here: then nothing is known.
 */

export function policyAllowsFetch(
  origin: string,
  page: URL,
  policy: string | null,
): boolean | null {
  if (policy === null) return null;
  const directive = (name: string) =>
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .find(([n]) => n === name)
      ?.slice(1);
  const sources = directive('connect-src') ?? directive('default-src');
  if (!sources) return true;
  const url = new URL(origin);
  return sources.some((source) => matches(source, url, page));
}

function matches(source: string, url: URL, page: URL): boolean {
  if (source === "'self'") return url.origin === page.origin;
  if (source === '*') return url.protocol === 'http:' || url.protocol === 'https:';
  if (/^[a-z][a-z0-9+.-]*:$/i.test(source)) return url.protocol === source.toLowerCase();
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*\.)?([^/:]+)(?::(\d+|\*))?/i.exec(source);
  if (!m) return false;
  const [, scheme, wildcard, host, port] = m;
  if (scheme && `${scheme.toLowerCase()}:` !== url.protocol) return false;
  const hostOk = wildcard ? url.hostname.endsWith(`.${host}`) : url.hostname === host.toLowerCase();
  const defaultPort = url.protocol === 'https:' ? '443' : '80';
  const portOk = port === '*' || (port ?? defaultPort) === (url.port || defaultPort);
  return hostOk && portOk;
}

/** The policy of the page's `<meta http-equiv="Content-Security-Policy">`, if it has one. */
export function pagePolicy(): string | null {
  return (
    document
      .querySelector('meta[http-equiv="Content-Security-Policy" i]')
      ?.getAttribute('content') ?? null
  );
}
