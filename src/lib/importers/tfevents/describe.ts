/** The sentences an event file's report says about what was not loaded. */

import type { EventFileCounts, Skipped } from './event-file';
import type { FramingProblems } from './tfrecord';

const n = (x: number) => x.toLocaleString('en-US');
const plural = (x: number, word: string) => `${n(x)} ${word}${x === 1 ? '' : 's'}`;

function tagList(tags: Set<string>): string {
  const shown = [...tags].slice(0, 3).join(', ');
  return tags.size > 3 ? `${shown}, …` : shown;
}

function describeSkipped(label: string, s: Skipped): string {
  return `${plural(s.values, `${label} value`)} (${plural(s.tags.size, 'tag')}: ${tagList(s.tags)})`;
}

/** Warnings for what the event decoding left out; empty when everything was a scalar. */
export function eventWarnings(c: EventFileCounts, hyperparameters: number): string[] {
  const out: string[] = [];
  const left = [...c.skippedValues].map(([label, s]) => {
    const text = describeSkipped(label, s);
    return label === 'hparams' && hyperparameters > 0
      ? `${text}, whose ${plural(hyperparameters, 'hyperparameter')} were read as params`
      : text;
  });
  left.push(...[...c.skippedEvents].map(([kind, count]) => plural(count, `${kind} event`)));
  if (left.length > 0) out.push(`Only scalars are loaded; left out: ${left.join('; ')}.`);
  for (const [reason, s] of c.unreadableScalars) {
    out.push(
      `${plural(s.values, 'scalar-plugin value')} could not be read as one number (${reason}; ${plural(s.tags.size, 'tag')}: ${tagList(s.tags)}): not loaded.`,
    );
  }
  if (c.badSteps > 0)
    out.push(
      `${plural(c.badSteps, 'event')} with a step beyond ±2^53 (not a safe whole number): not loaded.`,
    );
  if (c.malformed.count > 0) {
    out.push(
      `${plural(c.malformed.count, 'record')} passed the checksum but are not valid events (the first at byte ${n(c.malformed.firstOffset)}): skipped.`,
    );
  }
  return out;
}

/** Warnings for damaged framing: bad checksums, damaged headers, a cut-off end. */
export function framingWarnings(p: FramingProblems): string[] {
  const out: string[] = [];
  if (p.corrupt.count > 0) {
    out.push(
      `${plural(p.corrupt.count, 'record')} failed the data checksum (damaged bytes; the first at byte ${n(p.corrupt.firstOffset)}): skipped, the other records were read.`,
    );
  }
  if (p.damaged.count > 0) {
    out.push(
      `The file is damaged at byte ${n(p.damaged.firstOffset)}: ${plural(p.damaged.bytes, 'byte')} were skipped up to the next valid record${p.damaged.count > 1 ? ` (${n(p.damaged.count)} damaged stretches)` : ''}.`,
    );
  }
  if (p.truncated) {
    out.push(
      `The file ends in the middle of a record (the last ${plural(p.truncated.bytes, 'byte')}, from byte ${n(p.truncated.offset)}): every whole record before it was read. Was it still being written?`,
    );
  }
  return out;
}
