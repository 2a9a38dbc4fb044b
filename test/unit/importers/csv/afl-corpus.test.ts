/**
 * DuckDB's AFL fuzz-crash corpus of CSV files (test/fixtures/suites/duckdb-csv/data/csv/afl): each
 * file either loads or gets a clear message, and the engine keeps working after every one.
 */

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, makeEngine, text } from '../../helpers/engine';

const root = join(FIXTURES, 'suites/duckdb-csv/data/csv/afl');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

describe('the AFL crash corpus', () => {
  it('gets an answer for every file, and the engine still works after them', async () => {
    const files = walk(root).sort();
    expect(files).toHaveLength(244);
    const engine = await makeEngine();
    const statuses = new Map<string, number>();
    for (const path of files) {
      const name = relative(root, path);
      const report = await engine.ingest(text(name, new Uint8Array(readFileSync(path))));
      expect(report.message, name).toMatch(/\S/);
      if (report.status === 'failed')
        expect(report.message, name).not.toMatch(/undefined|\[object/);
      statuses.set(report.status, (statuses.get(report.status) ?? 0) + 1);
    }
    const after = await engine.ingest(text('after.csv', 'step,loss\n1,0.5\n'));
    expect(after.status).toBe('loaded');
    expect(
      [...statuses.keys()].every((s) =>
        ['loaded', 'partial', 'empty', 'failed', 'duplicate'].includes(s),
      ),
    ).toBe(true);
  }, 120_000);
});
