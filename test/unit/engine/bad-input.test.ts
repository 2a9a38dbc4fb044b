/** Every kind of bad input named in the foundation issue, each with the answer the user gets. */

import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import { makeEngine, text } from '../helpers/engine';

let engine: Engine;
beforeEach(async () => {
  engine = await makeEngine();
});

const points = (run: string) =>
  engine.rows<{ metric: string; step: number; value: number }>(
    `SELECT mn.name AS metric, m.step, m.value FROM metrics m JOIN runs r USING (run_id) JOIN metric_names mn USING (metric_id)
     WHERE r.name = '${run}' ORDER BY mn.name, m.step`,
  );

describe('bad input', () => {
  it('says an empty file is empty', async () => {
    const r = await engine.ingest(text('empty.csv', ''));
    expect(r.status).toBe('empty');
    expect(r.message).toBe('The file is empty.');
  });

  it('says a file of blank space is blank, Unicode spaces and a BOM included', async () => {
    for (const content of [' \r\n\t\n', '\u00a0\u2003\n', '\ufeff  \n']) {
      const r = await engine.ingest(text('blank.csv', content));
      expect(r.status, JSON.stringify(content)).toBe('empty');
      expect(r.message).toBe('The file holds only blank space.');
    }
    const indented = await engine.ingest(text('indented.csv', '\n  step,loss\n1,0.5\n'));
    expect(indented.message).not.toBe('The file holds only blank space.');
  });

  it('says a file with a header only has no data rows', async () => {
    const r = await engine.ingest(text('header.csv', 'run,step,metric,value\r\n'));
    expect(r.status).toBe('empty');
    expect(r.message).toMatch(/header only/);
    expect(engine.rows('SELECT * FROM runs')).toHaveLength(0);
  });

  it('rejects rows with too many or too few fields by line, keeps the good rows, and counts', async () => {
    const csv = [
      'step,loss,acc',
      '1,0.9,0.1',
      '2,0.8,0.2,EXTRA',
      '3,0.7,0.3',
      '4,0.6',
      '5,0.5,0.5',
    ].join('\n');
    const r = await engine.ingest(text('ragged.csv', csv));
    expect(r.status).toBe('partial');
    expect(r.report?.rowsRejected).toBe(2);
    expect(r.report?.rejections).toEqual([
      { reason: '4 fields where the header has 3', lines: [3], count: 1 },
      { reason: '2 fields where the header has 3', lines: [5], count: 1 },
    ]);
    expect(r.message).toContain('2 rejected');
    expect(
      points('ragged')
        .filter((p) => p.metric === 'loss')
        .map((p) => p.step),
    ).toEqual([1, 3, 5]);
  });

  it('never turns one ragged row among hundreds into a single text column', async () => {
    const lines = ['run,step,metric,value'];
    for (let i = 0; i < 500; i++) lines.push(`a,${i},loss,${1 / (i + 1)}`);
    lines.splice(300, 0, 'a,299.5,loss,1,oops');
    const r = await engine.ingest(text('one-bad.csv', lines.join('\n')));
    expect(r.report?.format).toBe('CSV, long');
    expect(r.report?.points).toBe(500);
    expect(r.report?.rejections[0]).toMatchObject({ lines: [301], count: 1 });
  });

  it('reports a non-numeric value in a numeric column with its line and column', async () => {
    const csv = 'step,loss,acc\n1,0.9,0.1\n2,oops,0.2\n3,0.7,0.3\n';
    const r = await engine.ingest(text('typo.csv', csv));
    expect(r.status).toBe('partial');
    expect(r.report?.rejections).toEqual([
      { reason: 'column "loss": not a number (e.g. "oops")', lines: [3], count: 1 },
    ]);
    expect(points('typo').map((p) => `${p.metric}@${p.step}`)).toEqual([
      'acc@1',
      'acc@2',
      'acc@3',
      'loss@1',
      'loss@3',
    ]);
  });

  it('reports a non-numeric value in a long table by line', async () => {
    const r = await engine.ingest(
      text('long.csv', 'run,step,metric,value\na,1,loss,0.5\na,2,loss,n/a?\n'),
    );
    expect(r.report?.rejections).toEqual([
      { reason: 'the value is not a number', lines: [3], count: 1 },
    ]);
  });

  it('reads a UTF-8 file with a byte-order mark, with a clean first column name', async () => {
    const r = await engine.ingest(text('bom.csv', '\uFEFFstep,loss\n1,0.5\n'));
    expect(r.status).toBe('loaded');
    expect(r.report?.encoding).toBe('UTF-8 with a byte-order mark');
    expect(engine.rows('SELECT name FROM metric_names')).toEqual([{ name: 'loss' }]);
  });

  it('transcodes Latin-1 and says so', async () => {
    const bytes = Uint8Array.from(
      [...'run,step,metric,value\ncaf', 0xe9, ...',1,loss,0.5\n'].map((c) =>
        typeof c === 'number' ? c : c.charCodeAt(0),
      ),
    );
    const r = await engine.ingest(text('latin1.csv', bytes));
    expect(r.status).toBe('loaded');
    expect(r.report?.warnings.join(' ')).toMatch(/Windows-1252/);
    expect(engine.rows('SELECT name FROM runs')).toEqual([{ name: 'café' }]);
  });

  it('transcodes UTF-16 with and without a byte-order mark', async () => {
    for (const [name, bom] of [
      ['utf16-bom.csv', true],
      ['utf16-nobom.csv', false],
    ] as const) {
      const content = 'run,step,metric,value\nü-run,1,loss,0.25\n';
      const bytes = new Uint8Array(content.length * 2 + (bom ? 2 : 0));
      let o = 0;
      if (bom) {
        bytes[o++] = 0xff;
        bytes[o++] = 0xfe;
      }
      for (const ch of content) {
        bytes[o++] = ch.charCodeAt(0) & 0xff;
        bytes[o++] = ch.charCodeAt(0) >> 8;
      }
      const r = await engine.ingest(text(name, bytes));
      expect(r.status, name).toBe('loaded');
      expect(r.report?.encoding).toBe('UTF-16 (little-endian)');
    }
    expect(engine.rows('SELECT DISTINCT name FROM runs')).toEqual([{ name: 'ü-run' }]);
  });

  it('removes stray NUL bytes and counts them', async () => {
    const r = await engine.ingest(text('nul.csv', 'step,loss\n1,0.5\u0000\n2,0.4\n'));
    expect(r.status).toBe('loaded');
    expect(r.report?.warnings).toContain('1 NUL bytes were removed from the text.');
    expect(points('nul').map((p) => p.value)).toEqual([0.5, 0.4]);
  });

  it('names empty and repeated column names', async () => {
    const r = await engine.ingest(text('names.csv', 'step,loss,,loss\n1,0.5,0.1,0.6\n'));
    expect(r.report?.warnings).toEqual([
      'Column 3 has no name; it is called "column 3".',
      'Column name "loss" appears more than once; column 4 is called "loss (2)".',
    ]);
    expect(points('names').map((p) => p.metric)).toEqual(['column 3', 'loss', 'loss (2)']);
  });

  it('keeps very long integer ids and hashes as exact text', async () => {
    const csv =
      'run,params.job_id,params.commit,params.max_steps\nr1,123456789012345678901234,4f3a9c0de1b2a3c4d5e6f708192a3b4c5d6e7f80,9223372036854775807\n';
    await engine.ingest(text('ids.csv', csv));
    expect(engine.rows('SELECT key, value FROM params ORDER BY key')).toEqual([
      { key: 'commit', value: '4f3a9c0de1b2a3c4d5e6f708192a3b4c5d6e7f80' },
      { key: 'job_id', value: '123456789012345678901234' },
      { key: 'max_steps', value: '9223372036854775807' },
    ]);
  });

  it('keeps long integer run names exact in a long table', async () => {
    await engine.ingest(
      text('long-ids.csv', 'run_id,step,metric,value\n98765432109876543210,1,loss,1\n'),
    );
    expect(engine.rows('SELECT name, run_key FROM runs')).toEqual([
      { name: '98765432109876543210', run_key: 'run:98765432109876543210' },
    ]);
  });

  it('keeps NaN and ±Inf as values and counts them per series', async () => {
    const r = await engine.ingest(
      text('nonfinite.csv', 'step,loss\n1,0.5\n2,NaN\n3,inf\n4,-Infinity\n5,0.25\n'),
    );
    expect(r.status).toBe('loaded');
    expect(points('nonfinite').map((p) => p.value)).toEqual([0.5, NaN, Infinity, -Infinity, 0.25]);
    expect(engine.rows('SELECT n, min, max, nonfinite, last_value FROM series')).toEqual([
      { n: 5, min: 0.25, max: 0.5, nonfinite: 3, last_value: 0.25 },
    ]);
  });

  it('keeps the later value of a repeated step and warns with the count', async () => {
    const csv =
      'run,step,metric,value\na,1,loss,0.9\na,2,loss,0.8\na,3,loss,0.7\na,2,loss,0.75\na,3,loss,0.65\na,4,loss,0.6\n';
    const r = await engine.ingest(text('resumed.csv', csv));
    expect(r.report?.warnings).toContain(
      '2 points repeat a step already logged for the same run and metric (a resumed run?): the later value was kept.',
    );
    expect(r.report?.points).toBe(4);
    expect(points('a').map((p) => [p.step, p.value])).toEqual([
      [1, 0.9],
      [2, 0.75],
      [3, 0.65],
      [4, 0.6],
    ]);
    expect(engine.rows('SELECT n, last_step, last_value, min FROM series')).toEqual([
      { n: 4, last_step: 4, last_value: 0.6, min: 0.6 },
    ]);
  });

  it('says what a binary file dropped by mistake looks like', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const r = await engine.ingest(text('figure.png', png));
    expect(r.status).toBe('failed');
    expect(r.message).toBe('This looks like a PNG image, which Lockstep does not read.');
  });

  it('says which columns it found when the layout is unknown', async () => {
    const r = await engine.ingest(text('odd.csv', 'alpha,beta\n1,2\n'));
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(
      /No known layout in the columns "alpha", "beta": expected a step column/,
    );
  });

  it('asks for a header when the first line is data', async () => {
    const r = await engine.ingest(text('noheader.csv', '1,0.5\n2,0.4\n'));
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/needs a header row/);
  });

  it('reports a quote that is never closed, keeping the rows before it', async () => {
    const r = await engine.ingest(text('quote.csv', 'step,loss\n1,0.5\n2,"0.4\n3,0.3\n'));
    expect(r.status).toBe('partial');
    expect(r.report?.rejections[0]).toMatchObject({
      lines: [3],
      reason: expect.stringMatching(/never closed/),
    });
    expect(points('quote').map((p) => p.step)).toEqual([1]);
  });

  it('reports a JSON syntax error with its line and loads nothing from that file', async () => {
    const r = await engine.ingest(
      text('broken.json', '[\n {"step": 1, "loss": 0.5},\n {"step": 2, "loss": }\n]'),
    );
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/line 3/);
    expect(engine.rows('SELECT * FROM metrics')).toHaveLength(0);
  });

  it('rejects bad JSON Lines by line and keeps the others', async () => {
    const r = await engine.ingest(
      text('log.jsonl', '{"step":1,"loss":0.5}\n{"step":2,"loss":\n{"step":3,"loss":0.3}\n[1]\n'),
    );
    expect(r.status).toBe('partial');
    expect(r.report?.rejections).toEqual([
      { reason: 'not valid JSON', lines: [2], count: 1 },
      { reason: 'not a JSON record ({…})', lines: [4], count: 1 },
    ]);
    expect(points('log').map((p) => p.step)).toEqual([1, 3]);
  });

  it('reads NaN and Infinity literals in JSON as numbers', async () => {
    const r = await engine.ingest(
      text(
        'py.json',
        '[{"step": 1, "loss": NaN}, {"step": 2, "loss": Infinity}, {"step": 3, "loss": -Infinity}]',
      ),
    );
    expect(r.status).toBe('loaded');
    expect(points('py').map((p) => p.value)).toEqual([NaN, Infinity, -Infinity]);
  });
});

describe('a file too large for a format read whole', () => {
  it('says so and suggests a streamed format, instead of running out of memory', async () => {
    const megabyte = new Uint8Array(1024 * 1024).fill(32);
    const parts: BlobPart[] = [
      new TextEncoder().encode('[{"step": 1, "loss": 0.5}'),
      ...Array.from({ length: 257 }, () => megabyte),
      ']',
    ];
    const r = await engine.ingest({ name: 'huge.json', blob: new Blob(parts) });
    expect(r.status).toBe('failed');
    expect(r.message).toBe(
      'This format is read whole, and the file is larger than 256 MB: split it, or export it as CSV, which is read in pieces.',
    );
  });
});

describe('one bad file among good ones', () => {
  it('never stops the others, and loses nothing that loaded', async () => {
    const good1 = await engine.ingest(text('a/metrics.csv', 'step,loss\n1,0.5\n2,0.4\n'));
    const bad = await engine.ingest(text('b/metrics.csv', 'step,loss\n1,"0.5\n'));
    const binary = await engine.ingest(text('c.bin', new Uint8Array(64).fill(1)));
    const good2 = await engine.ingest(text('d/metrics.csv', 'step,acc\n1,0.1\n'));
    expect([good1.status, bad.status, binary.status, good2.status]).toEqual([
      'loaded',
      'failed',
      'failed',
      'loaded',
    ]);
    expect(bad.message).toMatch(
      /^Nothing could be read: 1 rejected \(a quoted field is never closed.*line 2\)/,
    );
    expect(engine.rows('SELECT name FROM runs ORDER BY run_id')).toEqual([
      { name: 'a' },
      { name: 'd' },
    ]);
    expect(engine.rows('SELECT count(*)::INTEGER AS n FROM metrics')).toEqual([{ n: 3 }]);
  });

  it('recognizes the same content dropped twice', async () => {
    const first = await engine.ingest(text('x/metrics.csv', 'step,loss\n1,0.5\n'));
    const again = await engine.ingest(text('copy/metrics.csv', 'step,loss\n1,0.5\n'));
    expect(again.status).toBe('duplicate');
    expect(again.duplicateOf).toBe(first.sourceId);
    expect(again.sha256).toBe(first.sha256);
    expect(again.message).toBe('Same content as x/metrics.csv, which is already loaded; skipped.');
    expect(engine.rows('SELECT count(*)::INTEGER AS n FROM metrics')).toEqual([{ n: 1 }]);
  });
});
