import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KIND_NOUNS } from './describe.js';
import { scopePhrase } from './scopeWords.js';

/** The phrase as first written, splitting the key: the faster slicing must read every key the same. */
function splitPhrase(key: string): string {
  const parts = key.split('/');
  const kind = parts[1] ?? 'unknown';
  const noun = (KIND_NOUNS as Record<string, string | undefined>)[kind] ?? kind.replace(/_/g, ' ');
  const narrow = parts.slice(2).join('/');
  if (narrow.startsWith('sender:')) return `${noun} from ${narrow.slice('sender:'.length)}`;
  if (narrow.startsWith('domain:')) return `${noun} from anyone at ${narrow.slice('domain:'.length)}`;
  return noun;
}

describe('scopePhrase', () => {
  it('names the kind and the sender or domain', () => {
    expect(scopePhrase('email/newsletter')).toBe('newsletters');
    expect(scopePhrase('email/newsletter/sender:digest@compilerweekly.example')).toBe('newsletters from digest@compilerweekly.example');
    expect(scopePhrase('email/receipt/domain:acme.com')).toBe('receipts from anyone at acme.com');
  });

  it('reads any key as splitting it at its slashes does', () => {
    const part = fc.constantFrom('email', 'newsletter', 'receipt', 'calendar_invitation', 'sender:a@b.example', 'domain:acme.com', '', 'x/y', 'odd_kind');
    fc.assert(
      fc.property(fc.array(part, { maxLength: 5 }), (parts) => {
        const key = parts.join('/');
        expect(scopePhrase(key)).toBe(splitPhrase(key));
      }),
      { numRuns: 500 },
    );
  });
});
