/**
 * A JSON file whose top level is an object, read without loss: bare NaN/Infinity and integers
 * longer than 15 digits (`9223372036854775807`) go through `toStrictJson`, so the long integers
 * reach the sink as their exact digits. Shared by the Hugging Face and Sacred importers.
 */

import { locateJsonError } from '../json/locate-error';
import { toStrictJson } from '../json/relaxed';
import { parseNumberText } from '../csv/numbers';
import type { ScalarValue } from '../types';

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export class JsonObjectError extends Error {}

export function isJsonObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses `text`; throws `JsonObjectError` with the line of a syntax error, or when the top level is not an object. */
export function parseJsonObject(text: string): JsonObject {
  const strict = toStrictJson(text).text;
  let value: Json;
  try {
    value = JSON.parse(strict) as Json;
  } catch (error) {
    const at = locateJsonError(strict);
    const where = at ? ` on line ${at.line}, column ${at.column}` : '';
    throw new JsonObjectError(`The JSON is not valid${where}: ${(error as Error).message}`);
  }
  if (!isJsonObject(value))
    throw new JsonObjectError('The JSON does not hold an object ({…}) at its top level.');
  return value;
}

/**
 * The number a JSON value stands for: a number, or a string `toStrictJson` made of NaN, Infinity
 * or a long integer; `undefined` for anything else.
 */
export function jsonNumber(value: Json | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return parseNumberText(value);
  return undefined;
}

/** A JSON value as one scalar for the sink: objects and arrays become their JSON text. */
export function jsonScalar(value: Json): ScalarValue {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : value;
}

/**
 * Nested objects become dotted keys, arrays their JSON text, an empty object `{}`. An object with
 * jsonpickle keys (`py/tuple`, `py/object`…) stays whole, as JSON text.
 */
export function flattenJson(
  value: Json,
  prefix: string,
  out: [string, ScalarValue][] = [],
): [string, ScalarValue][] {
  if (!isJsonObject(value)) {
    out.push([prefix, jsonScalar(value)]);
    return out;
  }
  const keys = Object.keys(value);
  if ((keys.length === 0 || keys.some((k) => k.startsWith('py/'))) && prefix !== '') {
    out.push([prefix, JSON.stringify(value)]);
    return out;
  }
  for (const key of keys) flattenJson(value[key], prefix === '' ? key : `${prefix}.${key}`, out);
  return out;
}
