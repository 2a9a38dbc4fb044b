/** One colour per run, the same in every view: picked from the run's id, not from its position. */

import { hcl, interpolatePlasma, schemeDark2, schemeTableau10 } from 'd3';

const computed = new Map<number, string>();

export function runColor(runId: number): string {
  if (runId >= 1 && runId <= schemeTableau10.length) return schemeTableau10[runId - 1];
  // Past the palette, hues a golden angle apart keep neighbours distinct. Converting from HCL
  // costs microseconds, and every view asks for every run's colour on each update: kept once made.
  let color = computed.get(runId);
  if (color === undefined) {
    color = hcl((runId * 137.508) % 360, 55, 52).formatHex();
    computed.set(runId, color);
  }
  return color;
}

/** Groups take colours of their own, apart from the runs' palette. */
export function groupColor(index: number): string {
  return schemeDark2[index % schemeDark2.length];
}

/**
 * The ramp for an outcome (a metric colouring runs), t from worse (0) to better (1): plasma without
 * its palest end, which vanishes on white — dark blue to orange. One ramp in every sweep view.
 */
export function outcomeTone(t: number): string {
  return interpolatePlasma(0.05 + 0.8 * Math.min(1, Math.max(0, t)));
}
