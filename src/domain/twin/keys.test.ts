import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { action, situation } from './fixtures.testkit.js';
import { actionValue, isValidPreferenceKey, parsePreferenceKey, preferenceKeysFor } from './keys.js';

describe('preferenceKeysFor', () => {
  it('lists sender, domain and situation keys for email, most specific first', () => {
    expect(preferenceKeysFor(situation())).toEqual([
      'email.sender:news@acme.com',
      'email.domain:acme.com',
      'email.situation:newsletter',
    ]);
  });

  it.each(['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com'])('skips the domain key for webmail %s', (d) => {
    expect(preferenceKeysFor(situation({ counterpart: `someone@${d}` }))).toEqual([
      `email.sender:someone@${d}`,
      'email.situation:newsletter',
    ]);
  });

  it('uses organizer keys for calendar and sender keys for finance', () => {
    const cal = situation({ domain: 'calendar', kind: 'calendar_invitation', counterpart: 'boss@corp.com' });
    expect(preferenceKeysFor(cal)).toEqual(['calendar.organizer:boss@corp.com', 'calendar.situation:calendar_invitation']);
    const fin = situation({ domain: 'finance', kind: 'subscription_renewal', counterpart: 'billing@stream.tv' });
    expect(preferenceKeysFor(fin)).toEqual(['finance.sender:billing@stream.tv', 'finance.situation:subscription_renewal']);
  });

  it('falls back to the situation key when there is no counterpart, and drops malformed keys', () => {
    const none = situation();
    none.facts = {};
    expect(preferenceKeysFor(none)).toEqual(['email.situation:newsletter']);
    expect(preferenceKeysFor(situation({ counterpart: 'has space@x.org', counterpartDomain: 'x.org' }))).toEqual([
      'email.domain:x.org',
      'email.situation:newsletter',
    ]);
  });

  it('only ever produces valid keys prefixed by the situation domain', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.constantFrom('email', 'calendar', 'finance' as const), (who, dom, d) => {
        const keys = preferenceKeysFor(situation({ domain: d, counterpart: who, counterpartDomain: dom }));
        expect(keys.length).toBeGreaterThan(0);
        for (const k of keys) {
          expect(isValidPreferenceKey(k)).toBe(true);
          expect(k.startsWith(`${d}.`)).toBe(true);
        }
      }),
    );
  });
});

describe('actionValue', () => {
  it('is the action type, with the response for rsvp and the label for label', () => {
    expect(actionValue(action('archive'))).toBe('archive');
    expect(actionValue(action('rsvp', { response: 'accepted' }, 'calendar'))).toBe('rsvp:accepted');
    expect(actionValue(action('label', { label: 'Receipts' }))).toBe('label:Receipts');
    expect(actionValue(action('label'))).toBe('label');
  });
});

describe('isValidPreferenceKey', () => {
  it.each([
    ['email.sender:news@acme.com', true],
    ['calendar.situation:calendar_invitation', true],
    ['finance.global', true],
    ['email.sender:', false],
    ['sms.sender:x', false],
    ['email:x', false],
    ['email.Sender:x', false],
    ['email.sender:a b', false],
    ['email.sender:a\u0000b', false],
    [`email.sender:${'a'.repeat(190)}`, false],
    [`email.sender:${'a'.repeat(187)}`, true],
  ])('%s → %s', (key, ok) => {
    expect(isValidPreferenceKey(key)).toBe(ok);
  });

  it('parses the parts', () => {
    expect(parsePreferenceKey('email.domain:acme.com')).toEqual({ domain: 'email', kind: 'domain', subject: 'acme.com' });
  });

  it('refuses a subject with a control character or any Unicode space, whatever surrounds it', () => {
    const unfit = (subject: string) => [...subject].some((ch) => (ch.codePointAt(0) ?? 0) <= 0x20 || ch === '\u007f' || /\s/u.test(ch));
    const pieces = fc.constantFrom('a', 'é', '@', '.', '\u00a0', '\u2003', '\u2028', '\u3000', '\ufeff', '\u0085', '\u007f', '\u0001', '\t', '\ud83d', '\ude00', '😀');
    fc.assert(
      fc.property(fc.oneof(fc.array(pieces, { minLength: 1, maxLength: 8 }).map((parts) => parts.join('')), fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme' })), (subject) => {
        expect(isValidPreferenceKey(`email.sender:${subject}`)).toBe(subject.length + 'email.sender:'.length <= 200 && !unfit(subject));
      }),
      { numRuns: 2000 },
    );
  });
});
