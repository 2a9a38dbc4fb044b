import { describe, expect, it } from 'vitest';
import { isolated, nameInText, shortName } from '../../src/lib/run-name';

describe('shortName', () => {
  it('leaves a name up to the limit as it is and cuts a longer one with an ellipsis', () => {
    expect(shortName('a'.repeat(80))).toBe('a'.repeat(80));
    expect(shortName('a'.repeat(81))).toBe(`${'a'.repeat(79)}…`);
    expect(shortName('abcdef', 4)).toBe('abc…');
  });

  it('never cuts a character made of two UTF-16 units in half', () => {
    const cut = shortName('🚀'.repeat(10), 4);
    expect(cut).toBe('🚀🚀🚀…');
  });
});

describe('isolated', () => {
  it('wraps text holding a direction control in FSI … PDI, and leaves other text alone', () => {
    expect(isolated('safe\u202egnp.exe')).toBe('\u2068safe\u202egnp.exe\u2069');
    expect(isolated('plain name')).toBe('plain name');
    expect(isolated('שלום run')).toBe('שלום run');
  });

  it('drops isolate controls inside, so an early PDI cannot end the isolation', () => {
    expect(isolated('a\u2069\u202eb')).toBe('\u2068a\u202eb\u2069');
  });

  it('cuts and isolates a name for a sentence', () => {
    expect(nameInText(`\u202e${'x'.repeat(100)}`, 10)).toBe(`\u2068\u202e${'x'.repeat(8)}…\u2069`);
  });
});
