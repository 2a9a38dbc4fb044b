/**
 * A YAML mapping as flat key-value pairs for `params`: nested mappings become dotted keys, lists
 * become JSON text, and scalars keep the text they were written with (`1.0e-05` stays `1.0e-05`,
 * `9223372036854775807` is not rounded); the sink derives the number from that text.
 */

import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  type Document,
  type Node,
  type Scalar,
} from 'yaml';
import { parseNumberText } from '../csv/numbers';
import type { ScalarValue } from '../types';

export class YamlShapeError extends Error {}

export interface FlatEntry {
  key: string;
  value: ScalarValue;
}

export interface FlatYaml {
  entries: FlatEntry[];
  /** Things worth telling the user: Python-specific tags met, parser warnings. */
  notes: string[];
}

const CORE_TAG = 'tag:yaml.org,2002:';
/** Tags PyYAML writes for containers that read naturally as lists or mappings. */
const LIST_TAGS = new Set(['python/tuple', 'python/list', 'set']);
const MAP_TAGS = new Set(['python/dict', 'omap']);
const STANDARD_TAGS = new Set([
  'str',
  'int',
  'float',
  'bool',
  'null',
  'map',
  'seq',
  'binary',
  'timestamp',
]);
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

type Doc = Document.Parsed;

class Walker {
  readonly entries: FlatEntry[] = [];
  readonly pythonTags = new Set<string>();
  #doc: Doc;

  constructor(doc: Doc) {
    this.#doc = doc;
  }

  /** The node an alias (`*ref`) points to, or the node itself. */
  resolve(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.#doc) : node;
  }

  /** The tag without the core prefix (`python/tuple`), or `null` for untagged and standard nodes. */
  tagOf(node: Node): string | null {
    const tag = node.tag;
    if (!tag) return null;
    const short = tag.startsWith(CORE_TAG) ? tag.slice(CORE_TAG.length) : tag;
    if (STANDARD_TAGS.has(short)) return null;
    if (short.startsWith('python/')) this.pythonTags.add(`!!${short}`);
    return short;
  }

  flatten(value: unknown, key: string): void {
    const node = this.resolve(value);
    if (node === null || node === undefined) return this.push(key, null);
    const tag = this.tagOf(node as Node);
    if (isMap(node) && (tag === null || MAP_TAGS.has(tag) || tag.startsWith('python/object:'))) {
      if (node.items.length === 0 && key !== '') return this.push(key, '{}');
      for (const pair of node.items)
        this.flatten(
          pair.value,
          key === '' ? this.keyText(pair.key) : `${key}.${this.keyText(pair.key)}`,
        );
      return;
    }
    if (tag !== null && !LIST_TAGS.has(tag)) return this.push(key, `!!${tag} ${this.json(node)}`);
    if (isScalar(node)) return this.push(key, scalarValue(node));
    this.push(key, this.json(node));
  }

  push(key: string, value: ScalarValue): void {
    this.entries.push({ key, value });
  }

  keyText(key: unknown): string {
    const node = this.resolve(key);
    if (node === null || node === undefined) return 'null';
    if (isScalar(node)) return typeof node.source === 'string' ? node.source : String(node.value);
    return this.json(node);
  }

  /** JSON text of a node, numbers written as in the YAML where that is valid JSON. */
  json(value: unknown): string {
    const node = this.resolve(value);
    if (node === null || node === undefined) return 'null';
    if (isMap(node)) {
      return `{${node.items.map((p) => `${JSON.stringify(this.keyText(p.key))}: ${this.json(p.value)}`).join(', ')}}`;
    }
    if (isSeq(node)) return `[${node.items.map((item) => this.json(item)).join(', ')}]`;
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v === 'number') {
        if (typeof node.source === 'string' && JSON_NUMBER.test(node.source)) return node.source;
        return Number.isFinite(v) ? JSON.stringify(v) : String(v);
      }
      if (typeof v === 'string' || typeof v === 'boolean' || v === null) return JSON.stringify(v);
      return JSON.stringify(String(v));
    }
    return 'null';
  }
}

/** A scalar's value for the sink: numbers as their written text when that text reads back as the same number. */
function scalarValue(node: Scalar): ScalarValue {
  const v = node.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') {
    const source = typeof node.source === 'string' ? node.source.trim() : '';
    const reread = parseNumberText(source);
    if (reread !== undefined && (Object.is(reread, v) || reread === v)) return source;
    return v;
  }
  return String(v);
}

/** Reads YAML text whose top level is a mapping; throws `YamlShapeError` with a readable sentence otherwise. */
export function flattenYamlMapping(text: string): FlatYaml {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const where = first.linePos ? ` on line ${first.linePos[0].line}` : '';
    throw new YamlShapeError(`The YAML is not valid${where}: ${first.message.split('\n')[0]}`);
  }
  const walker = new Walker(doc);
  const root = walker.resolve(doc.contents);
  if (root === null || root === undefined || (isScalar(root) && root.value === null))
    return { entries: [], notes: [] };
  if (!isMap(root))
    throw new YamlShapeError(
      'The YAML does not hold a mapping (key: value lines) at its top level.',
    );
  walker.flatten(root, '');
  const notes = doc.warnings
    .filter((w) => !/^Unresolved tag/.test(w.message))
    .map((w) => w.message.split('\n')[0]);
  if (walker.pythonTags.size > 0) {
    notes.push(
      `Python-specific YAML tags (${[...walker.pythonTags].join(', ')}): tuples were read as lists, objects as mappings, anything else kept as its tagged text.`,
    );
  }
  return { entries: walker.entries, notes };
}
