import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActionType } from '../types.js';
import { candidate, situation } from '../policy/fixtures.testkit.js';
import { clause, describeAction, describeSubject } from './phrases.js';

describe('describeSubject', () => {
  it.each([
    [situation(), 'the newsletter from news@acme.com'],
    [situation({ kind: 'security_alert', facts: { counterpart: 'no-reply@bank.example' } }), 'the security alert from no-reply@bank.example'],
    [situation({ kind: 'calendar_invitation', domain: 'calendar', facts: { counterpart: 'bob@x.com', subject: 'Standup' } }), 'the invitation "Standup" from bob@x.com'],
    [situation({ kind: 'calendar_update', domain: 'calendar', facts: { subject: 'Review' } }), 'the event update "Review"'],
    [situation({ kind: 'receipt', facts: {} }), 'this receipt'],
    [situation({ kind: 'unknown', facts: {} }), 'this message'],
    [situation({ kind: 'unknown', domain: 'finance', facts: {} }), 'this item'],
  ])('%#: %s', (s, text) => {
    expect(describeSubject(s)).toBe(text);
  });
});

describe('describeAction', () => {
  const subject = 'the newsletter from news@acme.com';
  it.each<[ActionType, Record<string, unknown>, string, string]>([
    ['archive', {}, `archive ${subject}`, `archived ${subject}`],
    ['label', { label: 'Receipts' }, `label ${subject} "Receipts"`, `labelled ${subject} "Receipts"`],
    ['mark_read', {}, `mark ${subject} as read`, `marked ${subject} as read`],
    ['draft_reply', {}, `draft a reply to ${subject}`, `drafted a reply to ${subject}`],
    ['rsvp', { response: 'accepted' }, `accept ${subject}`, `accepted ${subject}`],
    ['rsvp', { response: 'declined' }, `decline ${subject}`, `declined ${subject}`],
    ['rsvp', { response: 'tentative' }, `tentatively accept ${subject}`, `tentatively accepted ${subject}`],
    ['rsvp', {}, `answer ${subject}`, `answered ${subject}`],
    ['flag_for_review', {}, `flag ${subject} for your review`, `flagged ${subject} for your review`],
    ['do_nothing', {}, `leave ${subject} as it is`, `left ${subject} as it is`],
    ['delete_permanently', {}, `permanently delete ${subject}`, `permanently deleted ${subject}`],
  ])('%s %o', (type, parameters, infinitive, past) => {
    expect(describeAction(candidate({ type, parameters }).action, subject)).toEqual({ infinitive, past });
  });
});

describe('clause', () => {
  it('drops trailing punctuation and space', () => {
    expect(clause('  you archived 12 like it. ')).toBe('you archived 12 like it');
    expect(clause('why?')).toBe('why?');
    expect(clause('...')).toBe('');
  });

  it('strips exactly what the trailing-punctuation pattern strips, for any text', () => {
    const pieces = fc.constantFrom('a', 'é', '?', '.', '!', ';', ':', ',', ' ', '\t', '\n', '\u00a0', '\u2003', '\u2028', '\ufeff', '\ud83d', 'x.y');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join('')), fc.string(), (built, any) => {
        for (const text of [built, any, `${any}${built}`]) expect(clause(text)).toBe(text.trim().replace(/[.!;:,\s]+$/, ''));
      }),
      { numRuns: 2000 },
    );
  });
});
