/** A grouping of runs as the value of a `<select>` option, and back. */

import type { Grouping } from './curves.svelte';

export function groupingToOption(grouping: Grouping): string {
  return grouping.kind === 'params' ? `param:${grouping.keys.join(',')}` : grouping.kind;
}

export function groupingFromOption(value: string): Grouping {
  if (value.startsWith('param:'))
    return { kind: 'params', keys: value.slice('param:'.length).split(',') };
  return value === 'seeds' ? { kind: 'seeds' } : { kind: 'none' };
}
