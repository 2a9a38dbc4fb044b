/**
 * Numbers read straight from bytes. The fast path is Clinger's: up to 15 significant digits and a
 * power of ten within ±22 are both exact doubles, so one multiply or divide is correctly rounded,
 * i.e. the result equals `Number(text)`. Everything else falls back to `Number` on the text.
 */

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const SPECIAL: Record<string, number> = {
  nan: NaN,
  '+nan': NaN,
  '-nan': NaN,
  inf: Infinity,
  '+inf': Infinity,
  '-inf': -Infinity,
  infinity: Infinity,
  '+infinity': Infinity,
  '-infinity': -Infinity,
};

/** Cell text that means "not logged" rather than a value. */
export const MISSING_TOKENS = new Set(['', 'NA', 'N/A', 'null', 'NULL', 'None', 'none']);

/** The missing-value tokens as bytes (they are ASCII, so equal bytes mean equal text). */
const MISSING_BYTES = [...MISSING_TOKENS]
  .filter((t) => t !== '')
  .map((t) => Uint8Array.from(t, (c) => c.charCodeAt(0)));
export const MISSING_MAX_BYTES = Math.max(...MISSING_BYTES.map((b) => b.length));
const MISSING_FIRST = new Uint8Array(256);
for (const b of MISSING_BYTES) MISSING_FIRST[b[0]] = 1;

/** Same as `MISSING_TOKENS.has(text of buf[start, start + length))`, without decoding. */
export function isMissingToken(buf: Uint8Array, start: number, length: number): boolean {
  const first = buf[start];
  // Numbers start with bytes no token starts with: the common case leaves at once.
  if (MISSING_FIRST[first] === 0) return false;
  for (const token of MISSING_BYTES) {
    if (token.length !== length || token[0] !== first) continue;
    let i = 1;
    while (i < length && token[i] === buf[start + i]) i++;
    if (i === length) return true;
  }
  return false;
}

/** Parses decimal text (also `NaN`, `inf`, `Infinity` in any case); `undefined` when it is not a number. */
export function parseNumberText(text: string): number | undefined {
  const t = text.trim();
  if (DECIMAL.test(t)) return Number(t);
  const special = SPECIAL[t.toLowerCase()];
  return special;
}

const decoder = new TextDecoder();

/** Same contract as `parseNumberText`, over `buf[start, end)`, without making a string on the fast path. */
export function parseNumberBytes(buf: Uint8Array, start: number, end: number): number | undefined {
  let i = start;
  while (i < end && buf[i] === 32) i++;
  let j = end;
  while (j > i && buf[j - 1] === 32) j--;
  if (i === j) return undefined;
  let negative = false;
  let c = buf[i];
  if (c === 45 || c === 43) {
    negative = c === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let sawDigit = false;
  while (i < j && (c = buf[i]) >= 48 && c <= 57) {
    sawDigit = true;
    if (digits > 0 || c !== 48) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
    }
    i++;
  }
  if (i < j && buf[i] === 46) {
    i++;
    while (i < j && (c = buf[i]) >= 48 && c <= 57) {
      sawDigit = true;
      if (digits > 0 || c !== 48) {
        mantissa = mantissa * 10 + (c - 48);
        digits++;
      }
      scale--;
      i++;
    }
  }
  if (sawDigit && i < j && (buf[i] | 32) === 101) {
    i++;
    let expNegative = false;
    if (i < j && (buf[i] === 45 || buf[i] === 43)) {
      expNegative = buf[i] === 45;
      i++;
    }
    let exp = 0;
    let expDigits = 0;
    while (i < j && (c = buf[i]) >= 48 && c <= 57) {
      exp = exp * 10 + (c - 48);
      expDigits++;
      i++;
    }
    if (expDigits === 0) return slowPath(buf, start, end);
    scale += expNegative ? -exp : exp;
  }
  if (i !== j || !sawDigit) return slowPath(buf, start, end);
  if (digits > 15 || scale < -22 || scale > 22) return slowPath(buf, start, end);
  const magnitude = scale < 0 ? mantissa / POW10[-scale] : mantissa * POW10[scale];
  return negative ? -magnitude : magnitude;
}

function slowPath(buf: Uint8Array, start: number, end: number): number | undefined {
  return parseNumberText(decoder.decode(buf.subarray(start, end)));
}
