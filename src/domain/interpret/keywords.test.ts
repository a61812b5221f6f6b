import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPhrase, phrasePositions, RECEIPT_PHRASES, RENEWAL_PHRASES, REQUEST_PHRASES, SECURITY_PHRASES, WORK_PHRASES } from './keywords.js';

/** The plain definition: every phrase searched with its word-edge pattern. */
function edgePattern(phrase: string, flags = ''): RegExp {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const before = /[a-z0-9]/.test(phrase.charAt(0)) ? '(?<![a-z0-9])' : '';
  const after = /[a-z0-9]/.test(phrase.charAt(phrase.length - 1)) ? '(?![a-z0-9])' : '';
  return new RegExp(`${before}${escaped}${after}`, flags);
}

const LISTS: readonly (readonly string[])[] = [SECURITY_PHRASES, RENEWAL_PHRASES, RECEIPT_PHRASES, REQUEST_PHRASES, WORK_PHRASES];

describe('phrase search', () => {
  it('finds "sale" in "on sale" but not in "wholesale"', () => {
    expect(findPhrase('prices on sale today', ['sale'])).toBe('sale');
    expect(findPhrase('wholesale prices', ['sale'])).toBeNull();
  });

  it('finds the first phrase of the list, and every position, exactly as the patterns alone do', () => {
    const words = fc.constantFrom(...LISTS.flat(), 'a', 'x', '1', ' ', '-', '#', 'wholesale', 'sign', 'in', 'renew', 'order', 'ü', 'ß');
    const text = fc.array(words, { maxLength: 14 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(text, fc.string()), fc.constantFrom(...LISTS), (normalized, list) => {
        const expectedFirst = list.find((phrase) => edgePattern(phrase).test(normalized)) ?? null;
        expect(findPhrase(normalized, list)).toBe(expectedFirst);
        const expectedPositions = list.flatMap((phrase) => [...normalized.matchAll(edgePattern(phrase, 'g'))].map((m) => m.index)).sort((a, b) => a - b);
        expect(phrasePositions(normalized, list)).toEqual(expectedPositions);
      }),
      { numRuns: 3000 },
    );
  });
});
