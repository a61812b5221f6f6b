import { describe, expect, it } from 'vitest';
import type { Preference } from '../types.js';
import { findPreference, preferencesWithKeys } from './preferenceIndex.js';

function preference(key: string, value: string): Preference {
  return { key, domain: 'email', value, confidence: 0.5, source: 'inferred', evidence: [], updatedAt: '2026-01-01T00:00:00.000Z' };
}

describe('the preference index', () => {
  const list = [preference('email.sender:a@x.com', 'archive'), preference('email.domain:x.com', 'label:X'), preference('email.situation:newsletter', 'mark_read')];

  it('finds what find and filter find, in list order', () => {
    const keys = ['email.situation:newsletter', 'email.sender:a@x.com', 'email.sender:a@x.com', 'email.domain:nope.com'];
    expect(preferencesWithKeys(list, keys)).toEqual(list.filter((p) => keys.includes(p.key)));
    expect(findPreference(list, 'email.domain:x.com')).toBe(list[1]);
    expect(findPreference(list, 'email.domain:nope.com')).toBeUndefined();
  });

  it('keeps find and filter semantics when a key occurs twice', () => {
    const twice = [...list, preference('email.sender:a@x.com', 'do_nothing')];
    expect(findPreference(twice, 'email.sender:a@x.com')).toBe(twice[0]);
    expect(preferencesWithKeys(twice, ['email.sender:a@x.com'])).toEqual([twice[0], twice[3]]);
  });

  it('sees a list that grew in place', () => {
    const growing = [...list];
    expect(findPreference(growing, 'email.situation:receipt')).toBeUndefined();
    growing.push(preference('email.situation:receipt', 'label:Receipts'));
    expect(findPreference(growing, 'email.situation:receipt')).toBe(growing[3]);
  });
});
