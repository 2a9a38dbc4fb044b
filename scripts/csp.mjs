/**
 * The page's Content-Security-Policy, in one place: `vite.config.ts` sends it as a header from the
 * dev server (`npm start`) and the preview server, and writes it into the built index.html; the
 * README copies it for static hosts.
 *
 * What the page needs beyond `'self'`, and why:
 * - `script-src 'wasm-unsafe-eval'`: DuckDB-WASM compiles its WebAssembly (no `eval` of strings).
 * - `worker-src blob:`: as the issue asks; the workers here are files today, and only the page's own
 *   script can make a blob URL.
 * - `img-src data: blob:`: the empty favicon (`data:,`), PNG export draws the chart's SVG
 *   through a blob URL, and image samples show dropped files through blob URLs.
 * - `media-src blob:`: audio samples play from blob URLs of the dropped files (they are not fetched).
 * - `style-src 'unsafe-inline'`: Svelte and D3 write `style="…"` attributes (widths, colours,
 *   positions); no script can come in through a style attribute.
 * - dev server only, `connect-src ws://<host>`: Vite's hot reload socket.
 * - `connect-src <origins>`: the hosts the build lets the page fetch run files from without asking
 *   (`VITE_LOCKSTEP_SOURCE_ORIGINS`, see src/lib/files/hosted-sources.ts); any other origin stays
 *   blocked by the policy even after the user says yes, unless the host sends a looser one.
 */

/** The environment variable that lists who may frame the page, as CSP sources. */
export const FRAME_ANCESTORS_ENV = 'LOCKSTEP_FRAME_ANCESTORS';

const BASE = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'worker-src': ["'self'", 'blob:'],
  'connect-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'media-src': ["'self'", 'blob:'],
  'style-src': ["'self'", "'unsafe-inline'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
};

/**
 * The `frame-ancestors` sources from the environment (`'self'` when unset). A value that could end
 * the directive or the header (`;`, `,`, a line break) is refused with a message.
 */
export function frameAncestors(env = process.env) {
  const value = (env[FRAME_ANCESTORS_ENV] ?? '').trim();
  if (value === '') return "'self'";
  if (/[;,\r\n]/.test(value))
    throw new Error(
      `${FRAME_ANCESTORS_ENV}="${value}": list CSP sources separated by spaces (no ';', ',' or line breaks), e.g. "'self' https://wiki.example.com"`,
    );
  return value;
}

/** The environment variable of the build's source allow-list (read by the page too). */
export const SOURCE_ORIGINS_ENV = 'VITE_LOCKSTEP_SOURCE_ORIGINS';

/** The allow-listed origins, as CSP sources; what is not an http(s) origin is refused with a message. */
export function sourceOrigins(env = process.env) {
  return (env[SOURCE_ORIGINS_ENV] ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((item) => {
      let url = null;
      try {
        url = new URL(item.includes('://') ? item : `https://${item}`);
      } catch {
        /* refused below */
      }
      if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
        throw new Error(`${SOURCE_ORIGINS_ENV}: "${item}" is not an http(s) origin`);
      return url.origin;
    });
}

function serialize(directives) {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/**
 * The policy as an HTTP header value. `hmrSocket` (e.g. `ws://localhost:5173`) is added to
 * `connect-src` for the dev server's hot reload.
 */
export function cspHeader({
  ancestors = frameAncestors(),
  hmrSocket,
  sources = sourceOrigins(),
} = {}) {
  const connect = [...BASE['connect-src'], ...sources, ...(hmrSocket ? [hmrSocket] : [])];
  return serialize({ ...BASE, 'connect-src': connect, 'frame-ancestors': [ancestors] });
}

/** The policy for `<meta http-equiv>`: browsers ignore `frame-ancestors` there, so it is left out. */
export function cspMeta({ sources = sourceOrigins() } = {}) {
  return serialize({ ...BASE, 'connect-src': [...BASE['connect-src'], ...sources] });
}
