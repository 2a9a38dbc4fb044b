/** A table seen without one of its columns, for a column that is no data (pandas' row index). */

import type { RowView, TableSource } from '../table';

class ShiftedRow implements RowView {
  row: RowView | null = null;
  #dropped: number;

  constructor(dropped: number) {
    this.#dropped = dropped;
  }

  #col(col: number): number {
    return col >= this.#dropped ? col + 1 : col;
  }

  #inner(): RowView {
    if (!this.row) throw new Error('no row');
    return this.row;
  }

  get line(): number {
    return this.#inner().line;
  }

  isEmpty(col: number): boolean {
    return this.#inner().isEmpty(this.#col(col));
  }

  text(col: number): string {
    return this.#inner().text(this.#col(col));
  }

  intern(col: number): string {
    return this.#inner().intern(this.#col(col));
  }

  num(col: number): number | undefined {
    return this.#inner().num(this.#col(col));
  }
}

export function withoutColumn(table: TableSource, dropped: number): TableSource {
  return {
    kind: table.kind,
    columns: table.columns.filter((_, i) => i !== dropped),
    async rows(ctx, onRow) {
      const shifted = new ShiftedRow(dropped);
      await table.rows(ctx, (row) => {
        shifted.row = row;
        onRow(shifted);
      });
    },
  };
}
