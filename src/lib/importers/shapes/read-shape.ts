/** Reads any table whose shape the header reveals: long, wide, or a table of runs. */

import { classifyColumns, EXPECTED_COLUMNS, runNameFromPath } from '../columns';
import type { TableSource } from '../table';
import type { ReadContext, SourceFile } from '../types';
import { readLongTable } from './long';
import { readRunTable } from './runs';
import { readWideTable } from './wide';

export class UnreadableError extends Error {}

const SHAPE_LABEL = { long: 'long', wide: 'wide', runs: 'table of runs' } as const;

export async function readTableByShape(
  table: TableSource,
  file: SourceFile,
  ctx: ReadContext,
): Promise<void> {
  const columns = table.columns;
  if (columns.length > 1 && columns.every((c) => c.trim() !== '' && Number.isFinite(Number(c)))) {
    throw new UnreadableError(
      'The first line holds numbers, not column names: the file needs a header row.',
    );
  }
  const shape = classifyColumns(columns);
  if (!shape) {
    const shown = columns
      .slice(0, 12)
      .map((c) => JSON.stringify(c))
      .join(', ');
    throw new UnreadableError(
      `No known layout in the columns ${shown}${columns.length > 12 ? ', …' : ''}: expected ${EXPECTED_COLUMNS}.`,
    );
  }
  ctx.report.format = `${table.kind}, ${SHAPE_LABEL[shape.shape]}`;
  const name = runNameFromPath(file.name);
  const fileRun = { key: `file:${file.name}`, name };
  if (shape.shape === 'long') await readLongTable(table, shape, fileRun, ctx);
  else if (shape.shape === 'wide') await readWideTable(table, shape, fileRun, ctx);
  else await readRunTable(table, shape, ctx);
}
