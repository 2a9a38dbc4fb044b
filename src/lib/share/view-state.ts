/**
 * The page's view state as it travels in a link: which view, which runs (by tracker id, never by
 * the page's own numbering), the same-step choices, curves, sweep, compare and statistics
 * settings, and the files it was made from (names and sizes only). Never the data.
 *
 * Written as JSON, deflated, in base64url after `#s=`. Read back strictly: anything oversized,
 * malformed or of the wrong shape is refused with a message naming the field; nothing read from a
 * link is ever evaluated.
 */

import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';
import type { AlignAxis, AlignPolicy } from '../align/types';
import type { ScalarMode } from '../compare/scalar-types';
import type { BandKind } from '../curves/bands';
import type { Smoothing } from '../curves/smoothing';
import type { Direction, MetricRole } from '../schema/metric-roles';
import type { Constraint } from '../stats/types';

export const VIEW_STATE_VERSION = 1;

/** Sections a link can point at (and an embed can show on its own). */
export const VIEWS = ['same-step', 'curves', 'sweep', 'runs', 'compare', 'statistics'] as const;
export type ViewName = (typeof VIEWS)[number];

export function isView(name: string): name is ViewName {
  return (VIEWS as readonly string[]).includes(name);
}

/** A link longer than this is refused before it is decoded (browsers and wikis cut long URLs). */
export const MAX_HASH_CHARS = 32_000;
/** The JSON a link inflates to may not exceed this (a small link must not inflate to gigabytes). */
export const MAX_STATE_BYTES = 256_000;

export type SharedGrouping =
  { kind: 'none' } | { kind: 'seeds' } | { kind: 'params'; keys: string[] };

export interface ViewState {
  v: typeof VIEW_STATE_VERSION;
  view?: ViewName;
  /** Files the state was made from, to say what to drop when they are missing. */
  files?: { name: string; bytes: number | null }[];
  /** Selected runs by tracker id (run key). */
  runs?: string[];
  sameStep?: {
    student?: string;
    axis?: AlignAxis;
    policy?: AlignPolicy;
    roles?: Record<string, { role: MetricRole; direction: Direction }>;
  };
  curves?: {
    filter?: string;
    axis?: AlignAxis;
    smoothing?: Smoothing;
    showRaw?: boolean;
    logX?: boolean;
    logY?: boolean;
    grouping?: SharedGrouping;
    center?: 'mean' | 'median';
    band?: BandKind;
    hidden?: string[];
  };
  sweep?: {
    mode?: ScalarMode;
    axes?: string[];
    color?: string;
    log?: string[];
    notLog?: string[];
    flipped?: string[];
    ranges?: Record<string, [number, number][]>;
    topPercent?: number;
  };
  compare?: { base?: string; order?: string[]; removed?: string[]; hideIdentical?: boolean };
  statistics?: {
    grouping?: SharedGrouping;
    reference?: string;
    aggregation?: 'aligned' | 'final' | 'best';
    resamples?: number;
    seed?: number;
    trendPoints?: number;
    primary?: string;
    direction?: Direction;
    constraints?: Constraint[];
  };
}

export class ViewStateError extends Error {}

// Writing.

export function encodeViewState(state: ViewState): string {
  const json = JSON.stringify(state);
  return base64UrlEncode(deflateSync(strToU8(json), { level: 9 }));
}

/** The hash of a link to this state: `#s=…`. */
export function viewStateHash(state: ViewState): string {
  return `#s=${encodeViewState(state)}`;
}

// Reading.

/** The state in a location hash; null when the hash holds none. Throws ViewStateError when it is bad. */
export function viewStateFromHash(hash: string): ViewState | null {
  const match = /^#?s=(.*)$/s.exec(hash);
  if (!match) return null;
  if (match[1].length > MAX_HASH_CHARS)
    throw new ViewStateError(
      `the link's view state is ${match[1].length.toLocaleString('en-US')} characters long, over the ${MAX_HASH_CHARS.toLocaleString('en-US')} a link may carry`,
    );
  return decodeViewState(match[1]);
}

export function decodeViewState(encoded: string): ViewState {
  if (!/^[A-Za-z0-9_-]*$/.test(encoded))
    throw new ViewStateError('the link’s view state has characters that base64url does not use');
  let json: string;
  try {
    json = strFromU8(inflateCapped(base64UrlDecode(encoded), MAX_STATE_BYTES));
  } catch (error) {
    if (error instanceof ViewStateError) throw error;
    throw new ViewStateError('the link’s view state is not compressed data (cut short or edited?)');
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new ViewStateError('the link’s view state is not JSON');
  }
  return validateViewState(value);
}

/** Checks every field of a state from outside (a link, a host page's message). */
export function validateViewState(value: unknown): ViewState {
  const s = object(value, 'state');
  if (s.v !== VIEW_STATE_VERSION)
    throw new ViewStateError(
      `state.v: version ${JSON.stringify(s.v)} is not one this page reads (${VIEW_STATE_VERSION})`,
    );
  known(s, 'state', [
    'v',
    'view',
    'files',
    'runs',
    'sameStep',
    'curves',
    'sweep',
    'compare',
    'statistics',
  ]);
  const out: ViewState = { v: VIEW_STATE_VERSION };
  if (s.view !== undefined) out.view = oneOf(s.view, 'state.view', VIEWS);
  if (s.files !== undefined)
    out.files = list(s.files, 'state.files', 1000, (f, at) => {
      const o = object(f, at);
      known(o, at, ['name', 'bytes']);
      return {
        name: text(o.name, `${at}.name`),
        bytes: o.bytes === null ? null : count(o.bytes, `${at}.bytes`),
      };
    });
  if (s.runs !== undefined) out.runs = texts(s.runs, 'state.runs');
  if (s.sameStep !== undefined) out.sameStep = sameStep(s.sameStep);
  if (s.curves !== undefined) out.curves = curves(s.curves);
  if (s.sweep !== undefined) out.sweep = sweep(s.sweep);
  if (s.compare !== undefined) out.compare = compare(s.compare);
  if (s.statistics !== undefined) out.statistics = statistics(s.statistics);
  return out;
}

function sameStep(value: unknown): NonNullable<ViewState['sameStep']> {
  const o = object(value, 'sameStep');
  known(o, 'sameStep', ['student', 'axis', 'policy', 'roles']);
  const out: NonNullable<ViewState['sameStep']> = {};
  if (o.student !== undefined) out.student = text(o.student, 'sameStep.student');
  if (o.axis !== undefined) out.axis = axis(o.axis, 'sameStep.axis');
  if (o.policy !== undefined)
    out.policy = oneOf(o.policy, 'sameStep.policy', ['exact', 'nearest', 'interpolate', 'last']);
  if (o.roles !== undefined) {
    const roles = object(o.roles, 'sameStep.roles');
    const entries = Object.entries(roles);
    if (entries.length > 10_000) throw new ViewStateError('sameStep.roles: too many metrics');
    out.roles = Object.fromEntries(
      entries.map(([metric, r]) => {
        const at = `sameStep.roles[${JSON.stringify(metric.slice(0, 40))}]`;
        const ro = object(r, at);
        known(ro, at, ['role', 'direction']);
        return [
          text(metric, at),
          {
            role: oneOf(ro.role, `${at}.role`, ['proxy', 'target', 'resource', 'other']),
            direction: oneOf(ro.direction, `${at}.direction`, ['max', 'min']),
          },
        ];
      }),
    );
  }
  return out;
}

function curves(value: unknown): NonNullable<ViewState['curves']> {
  const o = object(value, 'curves');
  known(o, 'curves', [
    'filter',
    'axis',
    'smoothing',
    'showRaw',
    'logX',
    'logY',
    'grouping',
    'center',
    'band',
    'hidden',
  ]);
  const out: NonNullable<ViewState['curves']> = {};
  if (o.filter !== undefined) out.filter = text(o.filter, 'curves.filter');
  if (o.axis !== undefined) out.axis = axis(o.axis, 'curves.axis');
  if (o.smoothing !== undefined) out.smoothing = smoothing(o.smoothing);
  for (const k of ['showRaw', 'logX', 'logY'] as const)
    if (o[k] !== undefined) out[k] = bool(o[k], `curves.${k}`);
  if (o.grouping !== undefined) out.grouping = grouping(o.grouping, 'curves.grouping');
  if (o.center !== undefined) out.center = oneOf(o.center, 'curves.center', ['mean', 'median']);
  if (o.band !== undefined) out.band = oneOf(o.band, 'curves.band', ['ci95', 'sd', 'se', 'minmax']);
  if (o.hidden !== undefined) out.hidden = texts(o.hidden, 'curves.hidden');
  return out;
}

function sweep(value: unknown): NonNullable<ViewState['sweep']> {
  const o = object(value, 'sweep');
  known(o, 'sweep', ['mode', 'axes', 'color', 'log', 'notLog', 'flipped', 'ranges', 'topPercent']);
  const out: NonNullable<ViewState['sweep']> = {};
  if (o.mode !== undefined) out.mode = scalarMode(o.mode, 'sweep.mode');
  if (o.axes !== undefined) out.axes = texts(o.axes, 'sweep.axes');
  if (o.color !== undefined) out.color = text(o.color, 'sweep.color');
  for (const k of ['log', 'notLog', 'flipped'] as const)
    if (o[k] !== undefined) out[k] = texts(o[k], `sweep.${k}`);
  if (o.ranges !== undefined) {
    const ranges = object(o.ranges, 'sweep.ranges');
    out.ranges = Object.fromEntries(
      Object.entries(ranges).map(([column, rs]) => {
        const at = `sweep.ranges[${JSON.stringify(column.slice(0, 40))}]`;
        return [
          text(column, at),
          list(rs, at, 100, (r, i) => {
            const pair = list(r, i, 2, (x, j) => finite(x, j));
            if (pair.length !== 2 || pair[0] > pair[1])
              throw new ViewStateError(`${i}: a range is two numbers, low then high`);
            return [pair[0], pair[1]] as [number, number];
          }),
        ];
      }),
    );
  }
  if (o.topPercent !== undefined) {
    const p = finite(o.topPercent, 'sweep.topPercent');
    if (p <= 0 || p > 100) throw new ViewStateError('sweep.topPercent: a share between 0 and 100');
    out.topPercent = p;
  }
  return out;
}

function compare(value: unknown): NonNullable<ViewState['compare']> {
  const o = object(value, 'compare');
  known(o, 'compare', ['base', 'order', 'removed', 'hideIdentical']);
  const out: NonNullable<ViewState['compare']> = {};
  if (o.base !== undefined) out.base = text(o.base, 'compare.base');
  if (o.order !== undefined) out.order = texts(o.order, 'compare.order');
  if (o.removed !== undefined) out.removed = texts(o.removed, 'compare.removed');
  if (o.hideIdentical !== undefined)
    out.hideIdentical = bool(o.hideIdentical, 'compare.hideIdentical');
  return out;
}

function statistics(value: unknown): NonNullable<ViewState['statistics']> {
  const o = object(value, 'statistics');
  known(o, 'statistics', [
    'grouping',
    'reference',
    'aggregation',
    'resamples',
    'seed',
    'trendPoints',
    'primary',
    'direction',
    'constraints',
  ]);
  const out: NonNullable<ViewState['statistics']> = {};
  if (o.grouping !== undefined) out.grouping = grouping(o.grouping, 'statistics.grouping');
  if (o.reference !== undefined) out.reference = text(o.reference, 'statistics.reference');
  if (o.aggregation !== undefined)
    out.aggregation = oneOf(o.aggregation, 'statistics.aggregation', ['aligned', 'final', 'best']);
  if (o.resamples !== undefined) {
    out.resamples = count(o.resamples, 'statistics.resamples');
    if (out.resamples < 100 || out.resamples > 1_000_000)
      throw new ViewStateError('statistics.resamples: between 100 and 1,000,000');
  }
  if (o.seed !== undefined) out.seed = count(o.seed, 'statistics.seed');
  if (o.trendPoints !== undefined) out.trendPoints = count(o.trendPoints, 'statistics.trendPoints');
  if (o.primary !== undefined) out.primary = text(o.primary, 'statistics.primary');
  if (o.direction !== undefined)
    out.direction = oneOf(o.direction, 'statistics.direction', ['max', 'min']);
  if (o.constraints !== undefined)
    out.constraints = list(o.constraints, 'statistics.constraints', 100, (c, at) => {
      const co = object(c, at);
      known(co, at, ['key', 'op', 'value']);
      return {
        key: text(co.key, `${at}.key`),
        op: oneOf(co.op, `${at}.op`, ['<=', '<', '>=', '>']),
        value: finite(co.value, `${at}.value`),
      };
    });
  return out;
}

function axis(value: unknown, at: string): AlignAxis {
  const o = object(value, at);
  const kind = oneOf(o.kind, `${at}.kind`, ['step', 'epoch', 'wall', 'wallAbs', 'counter']);
  if (kind === 'counter') {
    known(o, at, ['kind', 'metric']);
    return { kind, metric: text(o.metric, `${at}.metric`) };
  }
  known(o, at, ['kind']);
  return { kind };
}

function smoothing(value: unknown): Smoothing {
  const o = object(value, 'curves.smoothing');
  const kind = oneOf(o.kind, 'curves.smoothing.kind', [
    'none',
    'ema',
    'time-ema',
    'moving-average',
  ]);
  if (kind === 'none') {
    known(o, 'curves.smoothing', ['kind']);
    return { kind };
  }
  if (kind === 'ema') {
    known(o, 'curves.smoothing', ['kind', 'weight']);
    const weight = finite(o.weight, 'curves.smoothing.weight');
    if (weight < 0 || weight > 0.999)
      throw new ViewStateError('curves.smoothing.weight: between 0 and 0.999');
    return { kind, weight };
  }
  if (kind === 'time-ema') {
    known(o, 'curves.smoothing', ['kind', 'halfLife']);
    const halfLife = finite(o.halfLife, 'curves.smoothing.halfLife');
    if (halfLife <= 0) throw new ViewStateError('curves.smoothing.halfLife: above 0');
    return { kind, halfLife };
  }
  known(o, 'curves.smoothing', ['kind', 'window']);
  const window = count(o.window, 'curves.smoothing.window');
  if (window < 1 || window > 100_000)
    throw new ViewStateError('curves.smoothing.window: between 1 and 100,000 points');
  return { kind, window };
}

function scalarMode(value: unknown, at: string): ScalarMode {
  const o = object(value, at);
  const kind = oneOf(o.kind, `${at}.kind`, ['last', 'min', 'max', 'at', 'atBest']);
  if (kind === 'at') {
    known(o, at, ['kind', 'step']);
    return { kind, step: finite(o.step, `${at}.step`) };
  }
  if (kind === 'atBest') {
    known(o, at, ['kind', 'of']);
    return { kind, of: text(o.of, `${at}.of`) };
  }
  known(o, at, ['kind']);
  return { kind };
}

function grouping(value: unknown, at: string): SharedGrouping {
  const o = object(value, at);
  const kind = oneOf(o.kind, `${at}.kind`, ['none', 'seeds', 'params']);
  if (kind === 'params') {
    known(o, at, ['kind', 'keys']);
    return { kind, keys: texts(o.keys, `${at}.keys`) };
  }
  known(o, at, ['kind']);
  return { kind };
}

// Checks of one value each.

const MAX_TEXT = 2_000;
const MAX_LIST = 100_000;

function object(value: unknown, at: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ViewStateError(`${at}: expected an object`);
  return value as Record<string, unknown>;
}

function known(o: Record<string, unknown>, at: string, keys: readonly string[]): void {
  for (const k of Object.keys(o))
    if (!keys.includes(k))
      throw new ViewStateError(`${at}: unknown field ${JSON.stringify(k.slice(0, 40))}`);
}

function text(value: unknown, at: string): string {
  if (typeof value !== 'string') throw new ViewStateError(`${at}: expected text`);
  if (value.length > MAX_TEXT)
    throw new ViewStateError(`${at}: text over ${MAX_TEXT.toLocaleString('en-US')} characters`);
  return value;
}

function texts(value: unknown, at: string): string[] {
  return list(value, at, MAX_LIST, (v, i) => text(v, i));
}

function list<T>(
  value: unknown,
  at: string,
  max: number,
  item: (v: unknown, at: string) => T,
): T[] {
  if (!Array.isArray(value)) throw new ViewStateError(`${at}: expected a list`);
  if (value.length > max)
    throw new ViewStateError(`${at}: over ${max.toLocaleString('en-US')} entries`);
  return value.map((v, i) => item(v, `${at}[${i}]`));
}

function bool(value: unknown, at: string): boolean {
  if (typeof value !== 'boolean') throw new ViewStateError(`${at}: expected true or false`);
  return value;
}

function finite(value: unknown, at: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new ViewStateError(`${at}: expected a number`);
  return value;
}

function count(value: unknown, at: string): number {
  const n = finite(value, at);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new ViewStateError(`${at}: expected a whole number ≥ 0`);
  return n;
}

function oneOf<const T extends string>(value: unknown, at: string, options: readonly T[]): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value))
    throw new ViewStateError(
      `${at}: expected one of ${options.join(', ')}, not ${JSON.stringify(value)?.slice(0, 40)}`,
    );
  return value as T;
}

/** Inflates in slices and stops as soon as the output passes `max` bytes. */
function inflateCapped(data: Uint8Array, max: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total <= max) chunks.push(chunk);
  });
  const SLICE = 1024;
  for (let i = 0; i < data.length || i === 0; i += SLICE) {
    inflater.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
    if (total > max)
      throw new ViewStateError(
        `the link’s view state inflates to over ${max.toLocaleString('en-US')} bytes`,
      );
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

// base64url without padding.

function base64UrlEncode(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64UrlDecode(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
