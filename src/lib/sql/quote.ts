/** Quoting for every identifier and value that goes into SQL; user text never enters SQL any other way. */

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export type SqlValue = string | number | bigint | boolean | null | undefined;

export function literal(value: SqlValue): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return `'NaN'::DOUBLE`;
    if (value === Infinity) return `'Infinity'::DOUBLE`;
    if (value === -Infinity) return `'-Infinity'::DOUBLE`;
    return Number.isInteger(value) && Math.abs(value) < 2 ** 53
      ? String(value)
      : `${value}::DOUBLE`;
  }
  return `'${value.replaceAll("'", "''")}'`;
}

/** `(1, 2, 3)` for an IN list; an empty list matches nothing. */
export function inList(values: readonly SqlValue[]): string {
  return values.length === 0 ? '(NULL)' : `(${values.map(literal).join(', ')})`;
}

/** Past this many run ids, `runsWhere` filters nothing (see there). */
export const LONG_RUN_LIST = 500;

/**
 * `WHERE <column> IN (…)` for a short list of run ids, or an always-true condition for a long one:
 * DuckDB spends ~50 ms planning an IN list of 10,000 literals, more than reading every row. A caller
 * that passes a long list must drop the rows of runs it did not ask for.
 */
export function runsWhere(column: string, runIds: readonly number[]): string {
  return runIds.length > LONG_RUN_LIST ? 'TRUE' : `${column} IN ${inList(runIds)}`;
}
