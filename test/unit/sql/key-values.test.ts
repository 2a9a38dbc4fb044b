import { describe, expect, it } from 'vitest';
import { exec } from '../../../src/lib/engine/db';
import { deleteKeys } from '../../../src/lib/sql/key-values';
import { makeEngine } from '../helpers/engine';

describe('deleteKeys', () => {
  it('deletes exactly the listed (run, key) pairs, quotes in keys included', async () => {
    const engine = await makeEngine();
    exec(
      engine.db,
      `INSERT INTO params VALUES (1, 'lr', '0.1', 0.1), (1, 'it''s', 'x', NULL), (2, 'lr', '0.2', 0.2), (1, 'seed', '3', 3)`,
    );
    exec(
      engine.db,
      deleteKeys('params', [
        { runId: 1, key: 'lr' },
        { runId: 1, key: "it's" },
        { runId: 3, key: 'lr' },
      ]) as string,
    );
    expect(engine.rows('SELECT run_id, key FROM params ORDER BY run_id, key')).toEqual([
      { run_id: 1, key: 'seed' },
      { run_id: 2, key: 'lr' },
    ]);
  });

  it('is no statement at all for no pairs', () => {
    expect(deleteKeys('params', [])).toBeNull();
  });
});
