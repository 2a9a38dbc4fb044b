/** A Parquet file as a `TableSource`, read row group by row group with hyparquet (no DuckDB extension needed). */

import { parquetMetadata, parquetRead, parquetSchema, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { MISSING_TOKENS, parseNumberText } from '../csv/numbers';
import type { RowView, TableSource } from '../table';

type Cell = unknown;

function cellText(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object')
    return JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? x.toString() : x));
  return String(v);
}

class ParquetRow implements RowView {
  line = 0;
  cells: Cell[] = [];

  isEmpty(col: number): boolean {
    const v = this.cells[col];
    return v === null || v === undefined || (typeof v === 'string' && MISSING_TOKENS.has(v));
  }

  text(col: number): string {
    return cellText(this.cells[col]);
  }

  intern(col: number): string {
    return this.text(col);
  }

  num(col: number): number | undefined {
    const v = this.cells[col];
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'string') return parseNumberText(v);
    if (v instanceof Date) return v.getTime() / 1000;
    return undefined;
  }
}

/** Column names of the top-level fields; nested groups are read as JSON text. */
export function parquetColumns(metadata: FileMetaData): string[] {
  return parquetSchema(metadata).children.map((c) => c.element.name);
}

export function parquetTable(bytes: ArrayBuffer): TableSource {
  const metadata = parquetMetadata(bytes);
  const columns = parquetColumns(metadata);
  return {
    kind: 'Parquet',
    columns,
    async rows(ctx, onRow) {
      const row = new ParquetRow();
      let rowStart = 0;
      for (const group of metadata.row_groups) {
        const rowEnd = rowStart + Number(group.num_rows);
        let rows: Cell[][] = [];
        await parquetRead({
          file: bytes,
          metadata,
          compressors,
          rowStart,
          rowEnd,
          rowFormat: 'array',
          onComplete: (data) => {
            rows = data as Cell[][];
          },
        });
        for (let i = 0; i < rows.length; i++) {
          ctx.report.rowsRead++;
          row.line = rowStart + i + 1;
          row.cells = rows[i];
          onRow(row);
        }
        rowStart = rowEnd;
        await ctx.sink.flush();
      }
    },
  };
}
