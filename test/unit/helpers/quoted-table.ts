/** Expected values from a CSV whose every field is quoted and holds no quote: its lines split on `","`. */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './engine';

export function quotedTable(path: string): { header: string[]; rows: string[][] } {
  const [header, ...rows] = readFileSync(join(FIXTURES, path), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l !== '')
    .map((l) => l.slice(1, -1).split('","'));
  return { header, rows };
}
