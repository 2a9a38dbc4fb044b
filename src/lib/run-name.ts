/**
 * Names from data as the page shows them: never shortened in data, but cut on screen past a length
 * (the whole name goes in a `title`), and isolated so that a right-to-left override or other
 * direction mark inside a name cannot reorder the text around it.
 */

/** Names longer than this are shown cut, with an ellipsis. */
export const SHOWN_NAME_CHARS = 80;

/** The first `max` characters (whole code points) and an ellipsis; short names unchanged. */
export function shortName(name: string, max = SHOWN_NAME_CHARS): string {
  if (name.length <= max) return name;
  // Enough UTF-16 units for max + 1 code points, to tell whether the name has more than max.
  const points = Array.from(name.slice(0, 2 * max + 2));
  return points.length <= max ? name : `${points.slice(0, max - 1).join('')}…`;
}

/**
 * Text wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, for places an element cannot
 * isolate it (option labels, SVG and canvas text, sentences). Explicit direction controls inside
 * are closed before the end, so an unmatched one cannot reach past it.
 */
export function isolated(text: string): string {
  return /[\u202a-\u202e\u2066-\u2069]/.test(text)
    ? `\u2068${text.replace(/[\u2066-\u2069]/g, '')}\u2069`
    : text;
}

/** A name inside a sentence or a label: cut and isolated. */
export function nameInText(name: string, max = SHOWN_NAME_CHARS): string {
  return isolated(shortName(name, max));
}
