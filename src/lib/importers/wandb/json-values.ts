/** JSON-shaped values as W&B's run files hold them, parsed without loss and flattened to dotted keys. */

// `json/relaxed.ts`'s toStrictJson quotes the digits of a long fraction (W&B summaries are full of
// 16-digit fractions) and breaks the JSON; the HF importer's stand-in reads each number whole.
import { strictJsonText } from '../hf/strict-json';
import { locateJsonError } from '../json/locate-error';
import { UnreadableError } from '../shapes/read-shape';
import type { ScalarValue } from '../types';

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export interface KeyValue {
  key: string;
  value: ScalarValue;
}

export function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A JSON object from text that Python or Go wrote: `NaN`/`Infinity` and integers too long for a
 * double are kept (as text). Throws `UnreadableError` with the line of a syntax error.
 */
export function parseJsonObject(text: string, what: string): JsonObject {
  const strict = strictJsonText(text);
  let parsed: JsonValue;
  try {
    parsed = JSON.parse(strict) as JsonValue;
  } catch (error) {
    const at = locateJsonError(strict);
    const where = at ? ` on line ${at.line}, column ${at.column}` : '';
    throw new UnreadableError(`The ${what} is not valid JSON${where}: ${(error as Error).message}`);
  }
  if (!isObject(parsed)) throw new UnreadableError(`The ${what} is not a JSON object ({…}).`);
  return parsed;
}

/** Nested objects become dotted keys; arrays are kept as their JSON text; `null` is kept. */
export function flattenObject(value: JsonObject, prefix = '', out: KeyValue[] = []): KeyValue[] {
  for (const [k, v] of Object.entries(value)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (isObject(v)) flattenObject(v, key, out);
    else out.push({ key, value: Array.isArray(v) ? JSON.stringify(v) : v });
  }
  return out;
}

/** A scalar as meta text (meta holds text only); `null` when there is nothing to say. */
export function metaText(value: ScalarValue | JsonValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
