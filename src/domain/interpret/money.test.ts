import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findAmounts, toCents } from './money.js';

describe('findAmounts', () => {
  it.each([
    ['$45.00', 4500, 'USD'],
    ['€9,99', 999, 'EUR'],
    ['usd 120', 12000, 'USD'],
    ['45.00 usd', 4500, 'USD'],
    ['1.234,56 €', 123456, 'EUR'],
    ['$1,200', 120000, 'USD'],
    ['$1,234.5', 123450, 'USD'],
    ['£3.5', 350, 'GBP'],
    ['chf 12', 1200, 'CHF'],
    ['us$45', 4500, 'USD'],
    ['ca$19.99', 1999, 'CAD'],
    ['total: 12,50€', 1250, 'EUR'],
    ['$0', 0, 'USD'],
  ])('reads %s as %i cents %s', (text, cents, currency) => {
    const found = findAmounts(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ amountCents: cents, currency });
  });

  it('finds every amount in order and never one inside a longer number', () => {
    expect(findAmounts('pay $5 now or 10 eur later').map((m) => m.amountCents)).toEqual([500, 1000]);
    expect(findAmounts('$1,2345')).toEqual([]);
    expect(findAmounts('order 12345 shipped')).toEqual([]);
  });

  it('ignores amounts too large to be a price', () => {
    expect(findAmounts('$1234567890123456')).toEqual([]);
  });

  it('converts without floating point error', () => {
    expect(toCents('0.29')).toBe(29);
    expect(toCents('1.005')).toBe(100500);
    expect(toCents('19,9')).toBe(1990);
  });

  it('always yields non-negative safe integers', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        for (const match of findAmounts(text.toLowerCase())) {
          expect(Number.isSafeInteger(match.amountCents)).toBe(true);
          expect(match.amountCents).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('round-trips any whole-cent dollar amount written with two decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), (cents) => {
        const text = `$${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
        expect(findAmounts(text)[0]?.amountCents).toBe(cents);
      }),
    );
  });
});
