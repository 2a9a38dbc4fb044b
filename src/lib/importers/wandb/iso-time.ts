/** ISO 8601 times as W&B writes them, read as unix seconds. */

const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Unix seconds, keeping the fraction's every digit (W&B writes microseconds). A time without a zone
 * is UTC: W&B writes `datetime.utcnow().isoformat()` (wandb 0.16), and `…Z` since. `undefined`
 * when the text is not such a time.
 */
export function isoToUnixSeconds(text: string): number | undefined {
  const match = ISO.exec(text.trim());
  if (!match) return undefined;
  const whole = Date.parse(`${match[1]}${match[3] ?? 'Z'}`);
  if (Number.isNaN(whole)) return undefined;
  return whole / 1000 + (match[2] ? Number(`0${match[2]}`) : 0);
}
