import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CsvTokenizer,
  fieldText,
  UnterminatedQuoteError,
} from '../../../../src/lib/importers/csv/tokenizer';
import { FIXTURES } from '../../helpers/engine';

function tokenize(
  bytes: Uint8Array,
  chunkSizes: number[] = [bytes.length],
): { fields: string[]; line: number }[] {
  const out: { fields: string[]; line: number }[] = [];
  const tokenizer = new CsvTokenizer(44, (r) =>
    out.push({ fields: Array.from({ length: r.count }, (_, i) => fieldText(r, i)), line: r.line }),
  );
  let offset = 0;
  let k = 0;
  while (offset < bytes.length) {
    const size = chunkSizes[k++ % chunkSizes.length];
    tokenizer.push(bytes.subarray(offset, offset + size), offset + size >= bytes.length);
    offset += size;
  }
  if (bytes.length === 0) tokenizer.push(bytes, true);
  return out;
}

const encode = (s: string) => new TextEncoder().encode(s);

describe('CsvTokenizer on csv-spectrum', () => {
  const dir = join(FIXTURES, 'suites/csv-spectrum');
  const names = readdirSync(join(dir, 'csvs'))
    .map((f) => f.replace(/\.csv$/, ''))
    // Known broken fixture: its JSON does not describe its CSV (see test/fixtures/suites/PROVENANCE.md).
    .filter((n) => n !== 'location_coordinates');

  for (const name of names) {
    it(`reads ${name}.csv as its expected records, whatever the chunking`, () => {
      const bytes = new Uint8Array(readFileSync(join(dir, 'csvs', `${name}.csv`)));
      const expected = JSON.parse(
        readFileSync(join(dir, 'json', `${name}.json`), 'utf8'),
      ) as Record<string, string>[];
      for (const chunks of [[bytes.length], [1], [2, 3, 5], [7]]) {
        const records = tokenize(bytes, chunks).filter(
          (r) => !(r.fields.length === 1 && r.fields[0] === ''),
        );
        const [header, ...rows] = records.map((r) => r.fields);
        const objects = rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
        expect(objects).toEqual(expected);
      }
    });
  }
});

describe('CsvTokenizer', () => {
  it('reports the line each record starts on, counting newlines inside quotes', () => {
    const records = tokenize(encode('a,b\n"x\ny",1\n"p",2\n'));
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(records[1].fields).toEqual(['x\ny', '1']);
  });

  it('treats CR CR LF as one line end (a Keras CSVLogger file written on Windows)', () => {
    const records = tokenize(encode('epoch,acc\r\r\n0,0.5\r\r\n1,0.9\r\r\n'));
    expect(records.map((r) => r.fields)).toEqual([
      ['epoch', 'acc'],
      ['0', '0.5'],
      ['1', '0.9'],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3]);
  });

  it('accepts CR alone as a line end, and a last line without one', () => {
    expect(tokenize(encode('a,b\r1,2\r3,4')).map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('keeps a trailing empty field', () => {
    expect(tokenize(encode('a,b,c\n1,2,\n')).map((r) => r.fields)).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', ''],
    ]);
  });

  it('names the line of a quote that is never closed', () => {
    expect(() => tokenize(encode('a,b\n1,2\n"oops,3\n4,5\n'))).toThrow(UnterminatedQuoteError);
    try {
      tokenize(encode('a,b\n1,2\n"oops,3\n4,5\n'), [3]);
    } catch (error) {
      expect((error as UnterminatedQuoteError).line).toBe(3);
    }
  });

  it('splits a record that straddles many chunks exactly as a whole buffer', () => {
    const text = Array.from({ length: 200 }, (_, i) => `run-${i},"quoted, ${i}",${i * 0.5}`).join(
      '\r\n',
    );
    const whole = tokenize(encode(text));
    expect(tokenize(encode(text), [13, 1, 64])).toEqual(whole);
    expect(whole).toHaveLength(200);
  });
});
