import { describe, expect, it } from 'vitest';
import { nearNow } from '../../../src/lib/dom/observe-near';

const entry = (isIntersecting: boolean) => ({ isIntersecting });

describe('nearNow', () => {
  it('reads the newest of several changes handed over at once', () => {
    // Scrolled past and back before the page could run the observer's callback: near now.
    expect(nearNow([entry(false), entry(true)])).toBe(true);
    // Scrolled to and away again: not near now.
    expect(nearNow([entry(true), entry(false)])).toBe(false);
    expect(nearNow([entry(false), entry(true), entry(false)])).toBe(false);
  });

  it('reads a single change as it is, and no change as not near', () => {
    expect(nearNow([entry(true)])).toBe(true);
    expect(nearNow([entry(false)])).toBe(false);
    expect(nearNow([])).toBe(false);
  });
});
