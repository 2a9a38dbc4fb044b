/**
 * nst/JSONTestSuite `test_parsing` (test/fixtures/suites/JSONTestSuite): every `y_` file parses,
 * every `n_` file is refused except the ones Lockstep accepts on purpose, and no file of the suite
 * makes an ingest throw.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRelaxedJson } from '../../../../src/lib/importers/json/records-table';
import { FIXTURES, makeEngine, text } from '../../helpers/engine';

const dir = join(FIXTURES, 'suites/JSONTestSuite/test_parsing');
const files = readdirSync(dir).sort();

/** Bare NaN and infinities, as Python's json module writes them: accepted by policy (README). */
const ACCEPTED_BY_POLICY = new Set([
  'n_number_NaN.json',
  'n_number_-NaN.json',
  'n_number_infinity.json',
  'n_number_minus_infinity.json',
]);

const parses = (file: string) => {
  try {
    parseRelaxedJson(readFileSync(join(dir, file), 'utf8'));
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(SyntaxError);
    return false;
  }
};

describe('JSONTestSuite', () => {
  it('has the expected number of cases', () => {
    expect(files.filter((f) => f.startsWith('y_'))).toHaveLength(95);
    expect(files.filter((f) => f.startsWith('n_'))).toHaveLength(188);
  });

  it('accepts every y_ case', () => {
    const refused = files.filter((f) => f.startsWith('y_') && !parses(f));
    expect(refused).toEqual([]);
  });

  it('refuses every n_ case but the documented NaN/Infinity ones', () => {
    const accepted = files.filter((f) => f.startsWith('n_') && parses(f));
    expect(accepted.sort()).toEqual([...ACCEPTED_BY_POLICY].sort());
  });

  it('answers every file of the suite with a report, never an exception', async () => {
    const engine = await makeEngine();
    for (const file of files) {
      const report = await engine.ingest(text(file, new Uint8Array(readFileSync(join(dir, file)))));
      expect(report.message, file).not.toBe('');
      expect(['loaded', 'partial', 'empty', 'failed', 'duplicate']).toContain(report.status);
    }
  }, 120_000);
});
