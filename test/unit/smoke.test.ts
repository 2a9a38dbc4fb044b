import { describe, expect, it } from 'vitest';
import { makeEngine, text } from './helpers/engine';

describe('smoke', () => {
  it('loads a long csv', async () => {
    const engine = await makeEngine();
    const r = await engine.ingest(text('a.csv', 'run,step,metric,value\nA,0,loss,1.5\nA,1,loss,1.2\nB,0,loss,2\nB,1,acc,NaN\n'));
    console.log(JSON.stringify(r, null, 1));
    console.log(engine.rows('select * from metrics'));
    console.log(engine.rows('select * from series'));
    console.log(engine.rows('select * from runs'));
  });
});
