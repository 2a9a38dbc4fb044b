/**
 * One metric file of an MLflow FileStore: a line per logged point, `<timestamp ms> <value> <step>`
 * (two fields in MLflow before 1.0: no step, which MLflow reads as step 0). Values are Python floats,
 * so `nan`, `inf` and `-inf` occur. Parsed straight from bytes: a store holds thousands of these.
 */

import { parseNumberBytes } from '../csv/numbers';

export interface MetricHistory {
  length: number;
  step: Float64Array;
  value: Float64Array;
  /** Unix seconds. */
  wall: Float64Array;
}

export type BadLine = (line: number, reason: string) => void;

export const BAD_FIELDS = 'not "<timestamp> <value> <step>"';
export const BAD_TIMESTAMP = 'the timestamp is not a whole number of milliseconds';
export const BAD_VALUE = 'the value is not a number';
export const BAD_STEP = 'the step is not a whole number';

const NEWLINE = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** Feed it the file's chunks in order with `push`, then call `end` for the points. */
export class MetricHistoryParser {
  #onBad: BadLine;
  #carry: Uint8Array | null = null;
  #line = 0;
  #n = 0;
  #step: Float64Array<ArrayBuffer> = new Float64Array(1024);
  #value: Float64Array<ArrayBuffer> = new Float64Array(1024);
  #wall: Float64Array<ArrayBuffer> = new Float64Array(1024);
  #textOf: Uint8Array | null = null;
  #textOfBuf = '';

  constructor(onBad: BadLine) {
    this.#onBad = onBad;
  }

  push(chunk: Uint8Array): void {
    let start = 0;
    if (this.#carry) {
      const nl = chunk.indexOf(NEWLINE);
      if (nl < 0) {
        this.#carry = concat(this.#carry, chunk);
        return;
      }
      const line = concat(this.#carry, chunk.subarray(0, nl));
      this.#carry = null;
      this.#parseLine(line, 0, line.length);
      start = nl + 1;
    }
    let nl = chunk.indexOf(NEWLINE, start);
    while (nl >= 0) {
      this.#parseLine(chunk, start, nl);
      start = nl + 1;
      nl = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length) this.#carry = chunk.slice(start);
  }

  end(): MetricHistory {
    if (this.#carry) {
      this.#parseLine(this.#carry, 0, this.#carry.length);
      this.#carry = null;
    }
    const n = this.#n;
    return {
      length: n,
      step: this.#step.subarray(0, n),
      value: this.#value.subarray(0, n),
      wall: this.#wall.subarray(0, n),
    };
  }

  #parseLine(buf: Uint8Array, start: number, end: number): void {
    const line = ++this.#line;
    let s = start;
    let e = end;
    if (e > s && buf[e - 1] === CR) e--;
    while (s < e && isBlank(buf[s])) s++;
    while (e > s && isBlank(buf[e - 1])) e--;
    if (s === e) return;
    // Up to three fields separated by blanks: [s, a) [b, c) [d, f).
    let a = s;
    while (a < e && !isBlank(buf[a])) a++;
    let b = a;
    while (b < e && isBlank(buf[b])) b++;
    let c = b;
    while (c < e && !isBlank(buf[c])) c++;
    let d = c;
    while (d < e && isBlank(buf[d])) d++;
    let f = d;
    while (f < e && !isBlank(buf[f])) f++;
    if (b === e || f < e) return this.#onBad(line, BAD_FIELDS);
    const timestamp = parseNumberBytes(buf, s, a);
    if (timestamp === undefined || !Number.isSafeInteger(timestamp))
      return this.#onBad(line, BAD_TIMESTAMP);
    const value = parseValue(buf, b, c, () => this.#text(buf));
    if (value === undefined) return this.#onBad(line, BAD_VALUE);
    let step = 0;
    if (d < e) {
      const parsed = parseNumberBytes(buf, d, f);
      if (parsed === undefined || !Number.isSafeInteger(parsed)) return this.#onBad(line, BAD_STEP);
      step = parsed;
    }
    this.#add(step, value, timestamp / 1000);
  }

  /** `buf` as text, decoded once however many of its values need it. */
  #text(buf: Uint8Array): string {
    if (this.#textOf !== buf) {
      this.#textOf = buf;
      this.#textOfBuf = latin1.decode(buf);
    }
    return this.#textOfBuf;
  }

  #add(step: number, value: number, wall: number): void {
    const i = this.#n++;
    if (i === this.#step.length) {
      this.#step = grow(this.#step);
      this.#value = grow(this.#value);
      this.#wall = grow(this.#wall);
    }
    this.#step[i] = step;
    this.#value[i] = value;
    this.#wall[i] = wall;
  }
}

/** Each chunk as text once, for the values `Number` must read (a string per value costs more). */
const latin1 = new TextDecoder('latin1');
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const EXACT_MANTISSA = 2 ** 53;

/**
 * `parseNumberBytes`, without its detour through a TextDecoder and a regex for the 16–17 digit
 * floats Python writes (`repr`): exact from the digits when Clinger's fast path covers them, else
 * `Number` on the text (`text()` is the whole of `buf` as a string), which rounds correctly.
 */
function parseValue(
  buf: Uint8Array,
  start: number,
  end: number,
  text: () => string,
): number | undefined {
  if (end - start > 16) {
    const exact = exactDecimal(buf, start, end);
    if (exact !== undefined) return exact ?? Number(text().substring(start, end));
  }
  return parseNumberBytes(buf, start, end);
}

/**
 * `[+-]?(digits[.digits]|.digits)([eE][+-]?digits)?` read from its digits when the mantissa is
 * below 2^53 and the power of ten at most 22 (both exact doubles, so one multiply or divide rounds
 * correctly); `null` for decimal text past that, `undefined` for text that is not decimal. Below
 * 2^53 every partial mantissa was exact too; at 2^53 it may be 2^53 + 1 rounded down.
 */
function exactDecimal(buf: Uint8Array, start: number, end: number): number | null | undefined {
  let i = start;
  const negative = buf[i] === 45;
  if (negative || buf[i] === 43) i++;
  let mantissa = 0;
  let scale = 0;
  let digits = 0;
  while (i < end && isDigit(buf[i])) {
    mantissa = mantissa * 10 + (buf[i++] - 48);
    digits++;
  }
  if (i < end && buf[i] === 46) {
    i++;
    while (i < end && isDigit(buf[i])) {
      mantissa = mantissa * 10 + (buf[i++] - 48);
      digits++;
      scale--;
    }
  }
  if (digits === 0) return undefined;
  if (i < end && (buf[i] | 32) === 101) {
    i++;
    const expNegative = buf[i] === 45;
    if (expNegative || buf[i] === 43) i++;
    const expStart = i;
    let exp = 0;
    while (i < end && isDigit(buf[i])) exp = exp * 10 + (buf[i++] - 48);
    if (i === expStart) return undefined;
    scale += expNegative ? -exp : exp;
  }
  if (i !== end) return undefined;
  if (mantissa >= EXACT_MANTISSA || scale < -22 || scale > 22) return null;
  const magnitude = scale < 0 ? mantissa / POW10[-scale] : mantissa * POW10[scale];
  return negative ? -magnitude : magnitude;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function grow(a: Float64Array): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
