import { describe, expect, it } from 'vitest';
import {
  MAX_SOURCES,
  parseOriginList,
  resolveSource,
  sourcesFromManifest,
  sourcesFromQuery,
} from '../../../src/lib/files/hosted-sources';
import { policyAllowsFetch } from '../../../src/lib/files/page-policy';

const page = new URL('https://lab.example/tools/lockstep/index.html?embed=curves');
const allowed = ['https://data.example'];

describe('hosted sources', () => {
  it('resolves ?src= against the page, names files by their path below it, and sorts by trust', () => {
    const params = new URLSearchParams();
    for (const src of [
      'sweeps/0412/runs.csv',
      '/other/metrics.parquet',
      'https://data.example/a%20b/loss.csv#frag',
      'https://elsewhere.example:8443/x.csv',
      'sweeps/0412/runs.csv',
    ])
      params.append('src', src);
    const { sources, problems } = sourcesFromQuery(params, page, allowed);
    expect(problems).toEqual([]);
    expect(sources).toEqual([
      {
        url: 'https://lab.example/tools/lockstep/sweeps/0412/runs.csv',
        name: 'sweeps/0412/runs.csv',
        trust: 'same-origin',
      },
      {
        url: 'https://lab.example/other/metrics.parquet',
        name: 'lab.example/other/metrics.parquet',
        trust: 'same-origin',
      },
      {
        url: 'https://data.example/a%20b/loss.csv',
        name: 'data.example/a b/loss.csv',
        trust: 'allowed',
      },
      {
        url: 'https://elsewhere.example:8443/x.csv',
        name: 'elsewhere.example:8443/x.csv',
        trust: 'ask',
      },
    ]);
  });

  it('refuses what is not an http(s) URL, or carries credentials, and says which entry', () => {
    const params = new URLSearchParams();
    for (const src of [
      'javascript:alert(1)',
      'data:text/csv,a,b',
      'file:///etc/passwd',
      'https://user:secret@data.example/x.csv',
      'http://[::1',
      'x'.repeat(5000),
    ])
      params.append('src', src);
    const { sources, problems } = sourcesFromQuery(params, page, allowed);
    expect(sources).toEqual([]);
    expect(problems).toEqual([
      '?src= number 1: “javascript:alert(1)”: only http and https URLs are fetched, not javascript:',
      '?src= number 2: “data:text/csv,a,b”: only http and https URLs are fetched, not data:',
      '?src= number 3: “file:///etc/passwd”: only http and https URLs are fetched, not file:',
      '?src= number 4: “data.example/x.csv”: URLs with credentials in them are not fetched',
      '?src= number 5: “http://[::1” is not a URL',
      '?src= number 6: a URL of 5,000 characters (at most 4096)',
    ]);
    // The secret never reaches a message.
    expect(problems.join(' ')).not.toContain('secret');
  });

  it('reads a manifest relative to itself, with names for folder layouts, and names each bad entry', () => {
    const manifest = new URL('https://lab.example/tools/lockstep/exports/sources.json');
    const { sources, problems } = sourcesFromManifest(
      {
        files: [
          'runs.csv',
          { url: 'm/loss', name: '/mlruns/0/abc/metrics/loss' },
          42,
          { url: 7 },
          { url: 'vbscript:x' },
        ],
      },
      manifest,
      page,
      allowed,
    );
    expect(sources.map((s) => [s.url, s.name, s.trust])).toEqual([
      ['https://lab.example/tools/lockstep/exports/runs.csv', 'exports/runs.csv', 'same-origin'],
      [
        'https://lab.example/tools/lockstep/exports/m/loss',
        'mlruns/0/abc/metrics/loss',
        'same-origin',
      ],
    ]);
    expect(problems).toEqual([
      'sources.json files[2]: expected a URL or { "url": …, "name": … } with text values',
      'sources.json files[3]: expected a URL or { "url": …, "name": … } with text values',
      'sources.json files[4]: “vbscript:x”: only http and https URLs are fetched, not vbscript:',
    ]);
  });

  it('says what is wrong with a manifest of another shape, and caps a huge one', () => {
    for (const json of [null, [], 'files', { files: 'a.csv' }, {}])
      expect(sourcesFromManifest(json, page, page, allowed)).toEqual({
        sources: [],
        problems: ['sources.json: expected an object with a "files" list'],
      });
    const many = { files: Array.from({ length: MAX_SOURCES + 5 }, (_, i) => `f${i}.csv`) };
    const read = sourcesFromManifest(many, page, page, allowed);
    expect(read.sources).toHaveLength(MAX_SOURCES);
    expect(read.problems).toEqual(['10,005 sources listed: only the first 10,000 are read']);
  });

  it('reads a build-time allow-list of origins, bare hosts as https', () => {
    expect(parseOriginList('data.example, http://localhost:8000  https://b.example/path')).toEqual({
      origins: ['https://data.example', 'http://localhost:8000', 'https://b.example'],
      problems: [],
    });
    expect(parseOriginList('ftp://x.example').problems).toEqual([
      '“ftp://x.example” is not an http(s) origin',
    ]);
    expect(parseOriginList(undefined)).toEqual({ origins: [], problems: [] });
  });

  it('never treats a look-alike origin as the page’s own', () => {
    const lookalike = resolveSource('https://lab.example.evil.test/x.csv', page, page, allowed);
    expect(lookalike).toMatchObject({ trust: 'ask' });
    const otherPort = resolveSource('https://lab.example:444/x.csv', page, page, allowed);
    expect(otherPort).toMatchObject({ trust: 'ask' });
    const otherScheme = resolveSource('http://lab.example/x.csv', page, page, allowed);
    expect(otherScheme).toMatchObject({ trust: 'ask' });
  });
});

describe('the page’s own policy for fetching', () => {
  const policy =
    "default-src 'self'; connect-src 'self' https://data.example http://127.0.0.1:8000 *.corp.example; object-src 'none'";
  it('allows its own origin and the listed ones, and nothing else', () => {
    const allows = (o: string) => policyAllowsFetch(o, page, policy);
    expect(allows('https://lab.example')).toBe(true);
    expect(allows('https://data.example')).toBe(true);
    expect(allows('http://data.example')).toBe(false);
    expect(allows('http://127.0.0.1:8000')).toBe(true);
    expect(allows('http://127.0.0.1:8001')).toBe(false);
    expect(allows('https://files.corp.example')).toBe(true);
    expect(allows('https://corp.example.evil.test')).toBe(false);
    expect(allows('https://elsewhere.example')).toBe(false);
  });
  it('falls back to default-src, and knows nothing without a policy it can read', () => {
    expect(policyAllowsFetch('https://x.example', page, "default-src 'self'")).toBe(false);
    expect(policyAllowsFetch('https://x.example', page, 'default-src *')).toBe(true);
    expect(policyAllowsFetch('https://x.example', page, 'connect-src https:')).toBe(true);
    expect(policyAllowsFetch('https://x.example', page, "object-src 'none'")).toBe(true);
    expect(policyAllowsFetch('https://x.example', page, null)).toBeNull();
  });
});
