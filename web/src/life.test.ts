import { describe, expect, it } from 'vitest';
import { filtersFromSearch, lifeHeadline, searchFromFilters } from './life.js';

const now = new Date('2026-12-02T12:00:00');
const at = new Date('2026-12-02T09:14:00').toISOString();

describe('the life headline', () => {
  it('says what happened, when, after the fact', () => {
    expect(lifeHeadline({ state: 'executed', at, reason: null }, 'archive', now)).toEqual({ text: 'Archived at 09:14', tone: 'done' });
    expect(lifeHeadline({ state: 'undone', at, reason: null }, 'archive', now).text).toBe('Undone at 09:14');
    expect(lifeHeadline({ state: 'failed', at, reason: 'the message was deleted in Gmail' }, 'archive', now)).toEqual({
      text: 'Failed: the message was deleted in Gmail',
      tone: 'failed',
    });
    expect(lifeHeadline({ state: 'expired', at, reason: null }, 'archive', now).text).toBe('Expired unanswered at 09:14 — nothing was done');
    expect(lifeHeadline({ state: 'rejected', at, reason: 'not now' }, 'draft_reply', now).text).toBe('You rejected it at 09:14: “not now” — nothing was done');
    expect(lifeHeadline({ state: 'pending', at: null, reason: null }, 'draft_reply', now).text).toBe('Waiting for your approval to draft a reply');
    expect(lifeHeadline({ state: 'shadow', at: null, reason: null }, 'archive', now).text).toBe('Watching only: would have chosen to archive it');
  });

  it('never shows an internal code', () => {
    for (const state of ['pending', 'queued', 'executed', 'failed', 'undone', 'cancelled', 'expired', 'rejected', 'shadow', 'nothing', 'some_new_state']) {
      expect(lifeHeadline({ state, at, reason: null }, 'mark_read', now).text).not.toMatch(/_/);
    }
  });
});

describe('filters in the address', () => {
  it('round-trips, dropping empty values', () => {
    const filters = filtersFromSearch('?state=failed&q=bob%20stone&domain=&other=1');
    expect(filters).toEqual({ state: 'failed', q: 'bob stone' });
    expect(searchFromFilters(filters)).toBe('?state=failed&q=bob+stone');
    expect(searchFromFilters({})).toBe('');
  });
});
