/** Picks the delimiter that splits the first lines into the same, largest number of fields. */

const CANDIDATES = [',', '\t', ';', '|'];

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) count++;
  }
  return count;
}

export function detectDelimiter(headText: string): string {
  const lines = headText.split(/\r\n|\r|\n/).slice(0, 30);
  if (lines.length > 1 && lines.length === 30) lines.pop();
  const nonEmpty = lines.filter((l) => l.trim() !== '');
  let best = ',';
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const counts = nonEmpty.map((l) => countOutsideQuotes(l, d));
    if (counts.length === 0 || counts[0] === 0) continue;
    const consistent = counts.filter((c) => c === counts[0]).length / counts.length;
    const score = counts[0] * consistent;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}
