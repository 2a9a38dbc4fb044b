/**
 * HTML and SVG built as strings for the report, where every piece of data passes through one
 * escape: a string child or attribute value is always text, never markup. Only `Html` values made
 * by these helpers are inserted as they are.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
};

/**
 * Text safe as element content and as an attribute value in double quotes (the only quotes these
 * helpers write, so an apostrophe stays as it is).
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c]);
}

/** Markup made by `h` (or a constant of ours): the only thing inserted without escaping. */
export class Html {
  readonly html: string;
  constructor(html: string) {
    this.html = html;
  }
  toString(): string {
    return this.html;
  }
}

export type Child = Html | string | number | null | undefined | false | readonly Child[];

export type Attrs = Record<string, string | number | boolean | null | undefined>;

const TAG = /^[a-zA-Z][a-zA-Z0-9]*$/;
const ATTR = /^[a-zA-Z][a-zA-Z0-9:-]*$/;
const VOID = new Set(['br', 'col', 'hr', 'img', 'input', 'meta', 'wbr']);

function childHtml(child: Child): string {
  if (child === null || child === undefined || child === false) return '';
  if (child instanceof Html) return child.html;
  if (Array.isArray(child)) return (child as readonly Child[]).map(childHtml).join('');
  return escapeHtml(String(child));
}

function attrsHtml(attrs: Attrs): string {
  let out = '';
  for (const [name, value] of Object.entries(attrs)) {
    if (!ATTR.test(name)) throw new Error(`not an attribute name: ${name}`);
    // The report runs no script: no event handler attribute is ever written, whatever asks.
    if (/^on/i.test(name)) throw new Error(`event handler attributes are not allowed: ${name}`);
    if (value === null || value === undefined || value === false) continue;
    out += value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`;
  }
  return out;
}

/** An element: `h('td', { class: 'num' }, value)`. */
export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): Html {
  if (!TAG.test(tag)) throw new Error(`not a tag name: ${tag}`);
  const open = `<${tag}${attrsHtml(attrs)}>`;
  if (VOID.has(tag)) return new Html(open);
  return new Html(`${open}${childHtml(children)}</${tag}>`);
}

/** Several children as one piece of markup. */
export function fragment(...children: Child[]): Html {
  return new Html(childHtml(children));
}
