/**
 * The flat `key: value` YAML MLflow writes for meta.yaml (PyYAML's safe_dump of a dict of scalars),
 * read without a YAML parser: the `yaml` library takes ~1 ms a file, and a store has one per run.
 * Anything this reader is not sure to read exactly as YAML's core schema would (a number other
 * than a plain integer, a boolean, escapes, nesting, comments, a repeated key) makes it give up
 * with `null`, and the caller parses the text as YAML.
 */

const LINE = /^([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$/;
/** Integers YAML reads back as the same digits. */
const INTEGER = /^(0|-?[1-9][0-9]*)$/;
const SINGLE_QUOTED = /^'((?:[^']|'')*)'$/;
const DOUBLE_QUOTED = /^"([^"\\]*)"$/;
const NULL = /^(null|Null|NULL|~|)$/;
const EMPTY_COLLECTION = /^(\[\]|\{\})$/;
/** Plain text the core schema reads as a number, a boolean or a special float. */
const NOT_TEXT =
  /^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|true|True|TRUE|false|False|FALSE)$/;
/** Plain text that is YAML syntax, or that YAML would trim or cut at a comment. */
const SYNTAX = /^[-?:,[\]{}#&*!|>'"%@`\s]|: | #|:$|\s$/;

/** Key → value as text (NULLs and empty collections left out), or `null` to parse it as YAML. */
export function flatYamlScalars(text: string): Map<string, string> | null {
  const out = new Map<string, string>();
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    if (line === '') continue;
    const m = LINE.exec(line);
    if (!m || seen.has(m[1])) return null;
    seen.add(m[1]);
    const raw = m[2] ?? '';
    if (NULL.test(raw) || EMPTY_COLLECTION.test(raw)) continue;
    const single = SINGLE_QUOTED.exec(raw);
    const double = DOUBLE_QUOTED.exec(raw);
    if (single) out.set(m[1], single[1].replaceAll("''", "'"));
    else if (double) out.set(m[1], double[1]);
    else if (INTEGER.test(raw) || !(NOT_TEXT.test(raw) || SYNTAX.test(raw))) out.set(m[1], raw);
    else return null;
  }
  return out;
}
