/** The view state a link carries: written and read back whole, and refused whole when it is bad. */
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  MAX_STATE_BYTES,
  decodeViewState,
  encodeViewState,
  viewStateFromHash,
  viewStateHash,
  type ViewState,
} from '../../../src/lib/share/view-state';
import { allowedOrigins, answerHostMessage } from '../../../src/lib/share/embed-api';

const full: ViewState = {
  v: 1,
  view: 'statistics',
  files: [
    { name: 'samples/runs.csv', bytes: 602 },
    { name: 'logs/events.out.tfevents.1', bytes: null },
  ],
  runs: ['wandb:5milpyx4', 'mlflow:0a1b2c', 'run:ünïcödé ✓'],
  sameStep: {
    student: 'wandb:5milpyx4',
    axis: { kind: 'counter', metric: 'train/tokens' },
    policy: 'last',
    roles: { 'val/acc': { role: 'target', direction: 'max' } },
  },
  curves: {
    filter: '/^val\\//',
    axis: { kind: 'wall' },
    smoothing: { kind: 'moving-average', window: 25 },
    showRaw: false,
    logX: true,
    logY: false,
    grouping: { kind: 'params', keys: ['lr', 'optimizer'] },
    center: 'median',
    band: 'minmax',
    hidden: ['mlflow:0a1b2c'],
  },
  sweep: {
    mode: { kind: 'atBest', of: 'val/loss' },
    axes: ['param:lr', 'metric:val/acc'],
    color: 'metric:val/acc',
    log: ['param:lr'],
    notLog: [],
    flipped: ['param:wd'],
    ranges: {
      'param:lr': [
        [0.1, 0.4],
        [0.6, 0.9],
      ],
    },
    topPercent: 10,
  },
  compare: {
    base: 'mlflow:0a1b2c',
    order: ['mlflow:0a1b2c', 'wandb:5milpyx4'],
    hideIdentical: true,
  },
  statistics: {
    grouping: { kind: 'none' },
    reference: 'lr=1e-3',
    aggregation: 'best',
    resamples: 2000,
    seed: 7,
    trendPoints: 20,
    primary: 'val/acc',
    direction: 'max',
    constraints: [{ key: 'latency_ms', op: '<=', value: 50 }],
  },
};

const encoded = (value: unknown) =>
  btoa(String.fromCharCode(...deflateSync(strToU8(JSON.stringify(value)))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

describe('view state in a link', () => {
  it('reads back exactly what was written, in a URL-safe hash', () => {
    const hash = viewStateHash(full);
    expect(hash).toMatch(/^#s=[A-Za-z0-9_-]+$/);
    expect(viewStateFromHash(hash)).toEqual(full);
    expect(decodeViewState(encodeViewState({ v: 1 }))).toEqual({ v: 1 });
    expect(viewStateFromHash('#curves')).toBeNull();
    expect(viewStateFromHash('')).toBeNull();
  });

  it('refuses bad states with the field that is wrong', () => {
    const bad: [unknown, RegExp][] = [
      [{ v: 2 }, /state\.v: version 2/],
      [[], /state: expected an object/],
      [{ v: 1, view: 'admin' }, /state\.view: expected one of same-step/],
      [{ v: 1, extra: 1 }, /state: unknown field "extra"/],
      [{ v: 1, runs: 'all' }, /state\.runs: expected a list/],
      [{ v: 1, runs: [1] }, /state\.runs\[0\]: expected text/],
      [{ v: 1, runs: ['x'.repeat(2001)] }, /over 2,000 characters/],
      [{ v: 1, curves: { smoothing: { kind: 'ema', weight: 2 } } }, /between 0 and 0\.999/],
      [
        { v: 1, curves: { smoothing: { kind: 'ema', weight: '0.5' } } },
        /weight: expected a number/,
      ],
      [{ v: 1, curves: { axis: { kind: 'counter' } } }, /curves\.axis\.metric: expected text/],
      [{ v: 1, sweep: { ranges: { a: [[0.9, 0.1]] } } }, /low then high/],
      [{ v: 1, sweep: { topPercent: 0 } }, /between 0 and 100/],
      [{ v: 1, statistics: { resamples: 1e9 } }, /between 100 and 1,000,000/],
      [{ v: 1, statistics: { seed: -1 } }, /whole number/],
      [
        { v: 1, statistics: { constraints: [{ key: 'a', op: '==', value: 1 }] } },
        /op: expected one of/,
      ],
      [
        { v: 1, sameStep: { roles: { a: { role: 'boss', direction: 'max' } } } },
        /role: expected one of/,
      ],
    ];
    for (const [value, message] of bad)
      expect(() => decodeViewState(encoded(value)), JSON.stringify(value)).toThrow(message);
  });

  it('does not let a parsed "__proto__" key reach any object', () => {
    const state = decodeViewState(
      encoded(
        JSON.parse(
          '{"v":1,"sameStep":{"roles":{"__proto__":{"role":"target","direction":"max"}}}}',
        ),
      ),
    );
    expect(({} as Record<string, unknown>).role).toBeUndefined();
    expect(Object.getPrototypeOf(state.sameStep?.roles)).toBe(Object.prototype);
  });

  it('refuses what is not its encoding, cut short, too long, or inflates too far', () => {
    expect(() => decodeViewState('a+b/')).toThrow(/characters that base64url does not use/);
    const hash = encodeViewState(full);
    expect(() => decodeViewState(hash.slice(0, hash.length / 2))).toThrow(/not compressed data/);
    expect(() => viewStateFromHash('#s=' + 'A'.repeat(40_000))).toThrow(/over the 32,000/);
    const bomb = encoded({ v: 1, runs: Array(MAX_STATE_BYTES).fill('a') });
    expect(bomb.length).toBeLessThan(32_000);
    expect(() => decodeViewState(bomb)).toThrow(/inflates to over 256,000 bytes/);
  });
});

describe('messages from a host page', () => {
  const own = 'https://lockstep.example';
  const { origins, problems } = allowedOrigins(
    {
      embedOrigins: [
        'https://wiki.example',
        'https://wiki.example/path',
        '*',
        'javascript:alert(1)',
      ],
    },
    own,
  );

  it('allows only plain origins from the site config, and the page’s own', () => {
    expect([...origins]).toEqual([own, 'https://wiki.example']);
    expect(problems).toHaveLength(3);
    expect(allowedOrigins(null, own).origins).toEqual(new Set([own]));
  });

  it('answers allowed origins and ignores the rest', () => {
    const replies: unknown[] = [];
    const opened: ViewState[] = [];
    const host = {
      origins,
      capture: (): ViewState => ({ v: 1, view: 'curves' }),
      open: (s: ViewState) => {
        opened.push(s);
        return { missingRuns: ['run:gone'], missingFiles: [] };
      },
    };
    const send = (origin: string, data: unknown) =>
      answerHostMessage({ origin, data }, host, (m) => replies.push(m));

    expect(send('https://evil.example', { type: 'lockstep:get-state' })).toBe(false);
    expect(send('https://wiki.example', { type: 'something-else' })).toBe(false);
    expect(send('https://wiki.example', 'lockstep:get-state')).toBe(false);
    expect(replies).toEqual([]);

    expect(send('https://wiki.example', { type: 'lockstep:get-state' })).toBe(true);
    expect(
      send('https://wiki.example', { type: 'lockstep:set-state', state: { v: 1, view: 'sweep' } }),
    ).toBe(true);
    expect(
      send('https://wiki.example', { type: 'lockstep:set-state', state: { v: 1, view: 1 } }),
    ).toBe(true);
    expect(opened).toEqual([{ v: 1, view: 'sweep' }]);
    expect(replies).toEqual([
      { type: 'lockstep:state', state: { v: 1, view: 'curves' } },
      { type: 'lockstep:applied', missingRuns: ['run:gone'], missingFiles: [] },
      { type: 'lockstep:error', message: expect.stringMatching(/state\.view: expected one of/) },
    ]);
  });
});
