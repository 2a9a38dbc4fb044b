/** Tick labels for the x axis: clock times for wall-clock seconds, D3's defaults otherwise. */

import { axisBottom, utcFormat, type Axis, type NumberValue } from 'd3';
import type { AlignAxis } from '../align/types';
import type { Scale } from './frame';

const clock = utcFormat('%m-%d %H:%M');

export function xAxisOf(scale: Scale, axis: AlignAxis, ticks: number): Axis<NumberValue> {
  const a = axisBottom(scale).ticks(ticks);
  return axis.kind === 'wallAbs' ? a.tickFormat((v) => clock(new Date(Number(v) * 1000))) : a;
}
