/**
 * Text from data made inert in Markdown: a run name, tag or value written into a report shows as
 * itself in any renderer, never as HTML, a link, an image, code or emphasis, and never breaks out
 * of a table cell.
 */

/**
 * Characters Markdown (CommonMark and GitHub's tables and strikethrough) can make active, escaped
 * with a backslash: `\` `` ` `` `*` `[` `]` `<` `>` `|` `&` `~`, and `_` except between letters or
 * digits (where it cannot open or close emphasis, so `warmup_steps` stays readable). Line breaks
 * become spaces, so a value cannot start a new block.
 */
export function markdownText(text: string): string {
  return text
    .replace(/[\\`*[\]<>|&~]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\$&')
    .replace(/\s*[\r\n]+\s*/g, ' ');
}
