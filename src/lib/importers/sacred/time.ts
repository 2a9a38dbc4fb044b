/** Sacred's times: ISO 8601 from `datetime.utcnow().isoformat()`, usually with no time zone. */

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

export interface SacredTime {
  /** Unix seconds, microseconds kept. */
  seconds: number;
  /** True when the text had no time zone and was read as UTC. */
  naive: boolean;
}

/** Parses the time; a time without a zone is UTC (Sacred writes `utcnow()`). `undefined` when it is not ISO 8601. */
export function parseSacredTime(text: string): SacredTime | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return { seconds: ms / 1000 + (fraction ? Number(fraction) : 0), naive: !zone };
}

export const NAIVE_TIME_NOTE =
  'Sacred wrote times without a time zone (its clock is datetime.utcnow()): they were read as UTC.';
