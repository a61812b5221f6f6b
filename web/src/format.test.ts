import { describe, expect, it } from 'vitest';
import { actionWords, clip, irreversible, money, plural, relativeTime, senderName, verdictWords } from './format.js';

const now = new Date('2026-12-02T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

describe('format', () => {
  it('says recent times relative to now, older ones as a date', () => {
    expect(relativeTime(ago(10_000), now)).toBe('just now');
    expect(relativeTime(ago(5 * 60_000), now)).toBe('5 min ago');
    expect(relativeTime(ago(2 * 3_600_000), now)).toBe('2 h ago');
    expect(relativeTime(ago(30 * 3_600_000), now)).toBe('yesterday');
    expect(relativeTime(ago(3 * 86_400_000), now)).toBe('3 d ago');
    expect(relativeTime(ago(40 * 86_400_000), now)).toBe('23 Oct');
    expect(relativeTime(new Date(now.getTime() + 3 * 3_600_000).toISOString(), now)).toBe('in 3 h');
    expect(relativeTime('not a date', now)).toBe('');
  });

  it('writes amounts with their currency and counts with their noun', () => {
    expect(money(2000)).toBe('€20.00');
    expect(money(50, 'USD')).toBe('US$0.50');
    expect(plural(1, 'newsletter')).toBe('1 newsletter');
    expect(plural(7, 'newsletter')).toBe('7 newsletters');
    expect(plural(1200, 'item')).toBe('1,200 items');
  });

  it('names the sender by name, else address, never blank', () => {
    expect(senderName({ name: 'Bob Stone', address: 'bob@example.com' })).toBe('Bob Stone');
    expect(senderName({ name: ' ', address: 'bob@example.com' })).toBe('bob@example.com');
    expect(senderName({ name: null, address: null })).toBe('Unknown sender');
  });

  it('puts actions and verdicts in words, never codes', () => {
    expect(actionWords('draft_reply')).toBe('draft a reply');
    expect(actionWords('something_new')).toBe('something new');
    expect(verdictWords('needs_approval')).toBe('needs your approval');
    expect(verdictWords('denied')).toBe('not allowed');
  });

  it('knows which actions cannot be taken back', () => {
    expect(irreversible({ type: 'archive', reversibility: 'full' })).toBe(false);
    expect(irreversible({ type: 'send_email', reversibility: 'unknown' })).toBe(true);
    expect(irreversible({ type: 'rsvp', reversibility: 'none' })).toBe(true);
    expect(irreversible(null)).toBe(false);
  });

  it('clips long text at a word', () => {
    expect(clip('short', 10)).toBe('short');
    expect(clip('Can you review the Q1 roadmap by Friday?', 24)).toBe('Can you review the Q1…');
  });
});
