/**
 * YAML read into JSON-shaped values, numbers kept as the text the file wrote (`1.0e-05`, `0.10`)
 * so a hyperparameter reads as it was written; the sink derives the number from it.
 */

import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { UnreadableError } from '../shapes/read-shape';
import type { JsonObject, JsonValue } from './json-values';
import { isObject } from './json-values';

const YAML_SPECIAL: Record<string, string> = {
  '.inf': 'Infinity',
  '+.inf': 'Infinity',
  '-.inf': '-Infinity',
  '.nan': 'NaN',
};

export function parseYamlObject(text: string, what: string): JsonObject {
  const doc = parseDocument(text, { uniqueKeys: false });
  const error = doc.errors[0];
  if (error) {
    const line = error.linePos?.[0].line;
    throw new UnreadableError(
      `The ${what} is not valid YAML${line ? ` on line ${line}` : ''}: ${error.message.split('\n')[0]}`,
    );
  }
  const value = toValue(doc.contents);
  if (value === null) return {};
  if (!isObject(value))
    throw new UnreadableError(`The ${what} is not a YAML mapping (key: value lines).`);
  return value;
}

/** `asText`: numbers as their source text; inside lists they stay numbers, as the list's JSON text shows them. */
function toValue(node: Node | null | undefined | unknown, asText = true): JsonValue {
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'number' && !asText) return v;
    if (typeof v === 'number') {
      const source = node.source ?? String(v);
      return YAML_SPECIAL[source.toLowerCase()] ?? source;
    }
    if (typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
    return String(v);
  }
  if (isSeq(node)) return node.items.map((item) => toValue(item, false));
  if (isMap(node)) {
    const out: JsonObject = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.source ?? pair.key.value) : String(pair.key);
      out[key] = toValue(pair.value, asText);
    }
    return out;
  }
  return null;
}
