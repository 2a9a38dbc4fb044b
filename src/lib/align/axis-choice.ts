/** An axis as the value of a `<select>` option and back: `step`, `epoch`, …, `counter:<metric>`. */

import type { AlignAxis } from './types';

const COUNTER = 'counter:';
const KINDS = ['step', 'epoch', 'wall', 'wallAbs'] as const;

export function axisToOption(axis: AlignAxis): string {
  return axis.kind === 'counter' ? `${COUNTER}${axis.metric}` : axis.kind;
}

export function axisFromOption(value: string): AlignAxis {
  if (value.startsWith(COUNTER)) return { kind: 'counter', metric: value.slice(COUNTER.length) };
  const kind = KINDS.find((k) => k === value);
  return kind ? { kind } : { kind: 'step' };
}
