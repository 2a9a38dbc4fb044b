/**
 * The report's data as inert JSON inside `<script type="application/json">`: no character of it
 * can end the element or be read as markup, and it parses back with `JSON.parse` of the element's
 * text. Typed arrays are written as arrays; NaN and ±Infinity (which JSON lacks) as the strings
 * "NaN", "Infinity" and "-Infinity".
 */

import { Html } from './html';

/** `<`, `>`, `&` and the two JavaScript line terminators, as JSON's own \u escapes. */
const UNSAFE = /[<>&\u2028\u2029]/g;

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value))
    return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return Array.from(value as unknown as ArrayLike<number>);
  return value;
}

/** JSON text safe inside a script element (these characters only ever occur inside strings). */
export function scriptSafeJson(data: unknown): string {
  const json = JSON.stringify(data, replacer) ?? 'null';
  return json.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function jsonScript(id: string, data: unknown): Html {
  if (!/^[a-z][a-z0-9-]*$/.test(id)) throw new Error(`not an element id: ${id}`);
  return new Html(`<script type="application/json" id="${id}">${scriptSafeJson(data)}</script>`);
}
