import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatCents } from './money.js';

describe('formatCents', () => {
  it.each([
    [0, '$0.00'],
    [5, '$0.05'],
    [-5, '-$0.05'],
    [99, '$0.99'],
    [100, '$1.00'],
    [2000, '$20.00'],
    [4500, '$45.00'],
    [3000, '$30.00'],
    [123456, '$1,234.56'],
    [-123456789, '-$1,234,567.89'],
    [Number.MAX_SAFE_INTEGER, '$90,071,992,547,409.91'],
  ])('%d cents → %s', (cents, text) => {
    expect(formatCents(cents)).toBe(text);
  });

  it('names malformed amounts instead of rounding them', () => {
    expect(formatCents(12.5)).toBe('12.5 cents');
    expect(formatCents(Number.NaN)).toBe('NaN cents');
  });

  it('round-trips every integer amount exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        const text = formatCents(cents);
        const digits = text.replace(/[$,.-]/g, '');
        expect(BigInt(digits) * (cents < 0 ? -1n : 1n)).toBe(BigInt(cents));
        expect(text).toMatch(/^-?\$\d{1,3}(,\d{3})*\.\d{2}$/);
      }),
    );
  });
});
