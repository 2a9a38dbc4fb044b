import { makeVector, Table, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { exec } from '../../../src/lib/engine/db';
import { utf8Vector } from '../../../src/lib/schema/arrow-columns';
import { makeEngine } from '../helpers/engine';

const TEXTS = ['loss', '', null, 'val/accuracy', 'Zürich', '名前', '🚀 launch', null, "it's"];

describe('utf8Vector', () => {
  it('keeps every value, NULLs, empty text and characters outside ASCII', () => {
    const vector = utf8Vector(TEXTS);
    expect(vector.length).toBe(TEXTS.length);
    expect(vector.nullCount).toBe(2);
    expect(TEXTS.map((_, i) => vector.get(i))).toEqual(TEXTS);
  });

  it('reads back the same from DuckDB', async () => {
    const engine = await makeEngine();
    exec(engine.db, 'CREATE TABLE texts (i INTEGER, t VARCHAR)');
    const i = Int32Array.from(TEXTS, (_, k) => k);
    engine.db.insertIPC(
      'texts',
      tableToIPC(new Table({ i: makeVector(i), t: utf8Vector(TEXTS) }), 'stream'),
    );
    expect(engine.rows('SELECT t FROM texts ORDER BY i').map((r) => r.t)).toEqual(TEXTS);
  });
});
