/**
 * Makes Python-style JSON parseable by `JSON.parse` without losing anything: bare `NaN`,
 * `Infinity` and `-Infinity` become the strings "NaN", "Infinity", "-Infinity", and integers too
 * long for a double (ids, hashes, 9223372036854775807) become strings holding their exact digits.
 * Readers treat those strings as numbers where a number is expected.
 */

const LONGEST_EXACT_DIGITS = 15;

export interface RelaxedJson {
  text: string;
  nonFinite: number;
  longIntegers: number;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function toStrictJson(input: string): RelaxedJson {
  const parts: string[] = [];
  let copied = 0;
  let nonFinite = 0;
  let longIntegers = 0;
  const n = input.length;
  let i = 0;
  while (i < n) {
    const c = input.charCodeAt(i);
    if (c === 34) {
      i++;
      while (i < n) {
        const d = input.charCodeAt(i);
        if (d === 92) i += 2;
        else if (d === 34) break;
        else i++;
      }
      i++;
      continue;
    }
    if (c === 78 || c === 73 || c === 45 || c === 43) {
      const match = /^[-+]?(NaN|Infinity)/.exec(input.slice(i, i + 10));
      if (match) {
        parts.push(input.slice(copied, i), `"${match[0].replace('+', '')}"`);
        i += match[0].length;
        copied = i;
        nonFinite++;
        continue;
      }
    }
    if ((c >= 48 && c <= 57) || c === 45) {
      // Consume the whole number token, so the digits of a fraction or exponent are never taken for an integer.
      const sign = c === 45 ? 1 : 0;
      let j = i + sign;
      while (j < n && isDigit(input.charCodeAt(j))) j++;
      const digits = j - i - sign;
      let plainInteger = true;
      if (j < n && input.charCodeAt(j) === 46) {
        plainInteger = false;
        j++;
        while (j < n && isDigit(input.charCodeAt(j))) j++;
      }
      if (j < n && (input.charCodeAt(j) | 32) === 101) {
        plainInteger = false;
        j++;
        if (j < n && (input.charCodeAt(j) === 43 || input.charCodeAt(j) === 45)) j++;
        while (j < n && isDigit(input.charCodeAt(j))) j++;
      }
      // Only a valid JSON integer (no leading zero) is rewritten; anything else stays for JSON.parse to judge.
      const leadingZero = input.charCodeAt(i + sign) === 48;
      if (plainInteger && digits > LONGEST_EXACT_DIGITS && !leadingZero) {
        parts.push(input.slice(copied, i), `"${input.slice(i, j)}"`);
        copied = j;
        longIntegers++;
      }
      i = Math.max(j, i + 1);
      continue;
    }
    i++;
  }
  if (parts.length === 0) return { text: input, nonFinite, longIntegers };
  parts.push(input.slice(copied));
  return { text: parts.join(''), nonFinite, longIntegers };
}
