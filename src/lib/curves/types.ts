/** The worker's answers for curve charts: lines already cut to the pixels they will cover. */

import type { AlignAxis } from '../align/types';
import type { BandKind, GroupBand } from './bands';
import type { NonFinitePoint, Polyline } from './m4';
import type { Smoothing } from './smoothing';

export interface CurvesRequest {
  metric: string;
  runIds: number[];
  axis: AlignAxis;
  /** The x range in view; null for everything. */
  range: [number, number] | null;
  /** Pixel columns of the plot: beyond ~4 points per column, lines come back as M4. */
  width: number;
  smoothing: Smoothing;
  /** Also the raw lines behind smoothed ones (when smoothing is on and they will be drawn). */
  raw: boolean;
  logX: boolean;
  groups: { key: string; runIds: number[] }[] | null;
  center: 'mean' | 'median';
  band: BandKind;
}

export interface CurveLine {
  runId: number;
  /** Points of the run in the x range asked for (before any downsampling). */
  points: number;
  /** Smoothed when smoothing is on, else the raw values. */
  line: Polyline;
  /** The raw values, when smoothing is on (drawn faintly behind). */
  raw: Polyline | null;
  nonFinite: NonFinitePoint[];
  downsampled: boolean;
}

export interface GroupCurve {
  key: string;
  runIds: number[];
  band: GroupBand;
}

export interface CurvesResult {
  metric: string;
  lines: CurveLine[];
  /** Runs asked for that have no point of this metric on this axis. */
  missing: number[];
  /** Points left out because x ≤ 0 cannot sit on a log axis. */
  notOnLogAxis: number;
  xExtent: [number, number] | null;
  /** Over finite values of what is drawn. */
  yExtent: [number, number] | null;
  groups: GroupCurve[];
}

/** Every run's value at one x, for the crosshair. */
export interface HoverRequest {
  metric: string;
  runIds: number[];
  axis: AlignAxis;
  x: number;
  smoothing: Smoothing;
}

export interface HoverValue {
  runId: number;
  x: number;
  step: number;
  value: number;
  smoothed: number;
  method: 'exact' | 'nearest';
}
