import { describe, expect, it } from 'vitest';
import { ContentHash } from '../../../src/lib/engine/content-hash';
import { sha256 } from '../../../src/lib/engine/sha256';

const hex = (bytes: ArrayBuffer | Uint8Array) =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

describe('sha256', () => {
  it('gives the FIPS 180-4 example digests', () => {
    expect(hex(sha256(new TextEncoder().encode('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hex(sha256(new Uint8Array(0)))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('agrees with crypto.subtle at every length around the block and padding edges', async () => {
    for (const n of [1, 55, 56, 63, 64, 65, 119, 120, 128, 1000, 1024, 4097]) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 255);
      expect(hex(sha256(data)), `${n} bytes`).toBe(
        hex(await crypto.subtle.digest('SHA-256', data)),
      );
    }
  });
});

describe('ContentHash', () => {
  it('is the same whether its chunks are hashed here or by crypto.subtle', async () => {
    const small = new TextEncoder().encode('mlflow-store:1/abc/params/lr\n');
    const big = new Uint8Array(5000).fill(7);
    const hash = new ContentHash();
    hash.update(small);
    hash.update(big);
    const digests = new Uint8Array(64);
    digests.set(new Uint8Array(await crypto.subtle.digest('SHA-256', small)));
    digests.set(new Uint8Array(await crypto.subtle.digest('SHA-256', big)), 32);
    expect(await hash.digest()).toBe(hex(await crypto.subtle.digest('SHA-256', digests)));
  });
});
