import { describe, expect, it } from 'vitest';
import { removePreference, setExplicitPreference } from './explicit.js';
import { applyFeedback } from './feedback.js';
import { ARCHIVE, action, deepFreeze, feedback, hoursAfter, PROGRESSION, situation, T0, TIERS, train } from './fixtures.testkit.js';
import { predict } from './predict.js';
import { emptyTwin } from './profile.js';

const KEY = 'email.sender:news@acme.com';
const NEWSLETTER = situation();

describe('setExplicitPreference', () => {
  it('creates an explicit preference from a weight-3 statement the twin acts on', () => {
    const r = setExplicitPreference(deepFreeze(emptyTwin('u')), KEY, 'email', 'archive', T0);
    expect(r.twin.version).toBe(1);
    expect(r.tierChange).toBeNull();
    const p = r.twin.preferences[0];
    expect(p).toMatchObject({ key: KEY, domain: 'email', value: 'archive', source: 'explicit', updatedAt: T0.toISOString() });
    expect(p?.evidence).toEqual([
      { kind: 'restate', weight: 3, decisionId: null, at: T0.toISOString(), note: 'you said: "archive"', about: { value: 'archive', weight: 3 } },
    ]);
    expect(p?.confidence ?? 0).toBeGreaterThanOrEqual(0.6);
    expect(r.changes).toEqual([`${KEY}: set to "archive" by you (confidence 0.67)`]);
    const prediction = predict(r.twin, NEWSLETTER, ARCHIVE, hoursAfter(T0, 24 * 365));
    expect(prediction.score).toBeGreaterThan(0.8);
    expect(prediction.reason).toBe('you asked for "archive" on newsletters from news@acme.com');
  });

  it('keeps the learned history when it confirms the value, drops it when it changes it', () => {
    const learned = train(emptyTwin('u'), NEWSLETTER, ARCHIVE, 3);
    const before = learned.preferences.find((p) => p.key === KEY);
    const same = setExplicitPreference(learned, KEY, 'email', 'archive', hoursAfter(T0, 5)).twin.preferences.find((p) => p.key === KEY);
    expect(same?.evidence).toHaveLength(4);
    expect(same?.confidence ?? 0).toBeGreaterThan(before?.confidence ?? 1);

    const r = setExplicitPreference(learned, KEY, 'email', 'label:Reading', hoursAfter(T0, 5));
    const changed = r.twin.preferences.find((p) => p.key === KEY);
    expect(changed?.evidence).toHaveLength(1);
    expect(changed?.value).toBe('label:Reading');
    expect(r.changes[0]).toBe(`${KEY}: set to "label:Reading" by you, replacing "archive" (inferred, confidence 0.67)`);
    // Other preferences are untouched.
    expect(r.twin.preferences.filter((p) => p.key !== KEY)).toEqual(learned.preferences.filter((p) => p.key !== KEY));
  });

  it('yields to enough contrary feedback and becomes inferred again', () => {
    let twin = setExplicitPreference(emptyTwin('u'), KEY, 'email', 'archive', T0).twin;
    const label = action('label', { label: 'Reading' });
    for (let i = 0; i < 8; i++) {
      const input = feedback('edit', { decisionId: `e${i}`, correctedAction: label, preferenceKeys: [KEY] });
      twin = applyFeedback(twin, input, TIERS, PROGRESSION, hoursAfter(T0, i + 1)).twin;
    }
    expect(twin.preferences.find((p) => p.key === KEY)).toMatchObject({ value: 'label:Reading', source: 'inferred' });
  });

  it.each([
    ['not a key', 'email', 'archive'],
    ['calendar.organizer:a@b.com', 'email', 'archive'],
    [KEY, 'email', ''],
    [KEY, 'email', ' archive'],
  ] as const)('refuses key %s in %s with value "%s"', (key, domain, value) => {
    expect(() => setExplicitPreference(emptyTwin('u'), key, domain, value, T0)).toThrow(RangeError);
  });
});

describe('removePreference', () => {
  it('removes the preference in a new version', () => {
    const twin = deepFreeze(setExplicitPreference(emptyTwin('u'), KEY, 'email', 'archive', T0).twin);
    const r = removePreference(twin, KEY, T0);
    expect(r.twin.version).toBe(2);
    expect(r.twin.preferences).toEqual([]);
    expect(r.changes).toEqual([`${KEY}: removed (was "archive", explicit, confidence 0.67)`]);
    expect(r.tierChange).toBeNull();
  });

  it('removing a missing key is not an error', () => {
    const twin = train(emptyTwin('u'), NEWSLETTER, ARCHIVE, 2);
    const r = removePreference(twin, 'email.sender:nobody@x.org', T0);
    expect(r.twin.version).toBe(twin.version + 1);
    expect(r.twin.preferences).toEqual(twin.preferences);
    expect(r.changes).toEqual(['email.sender:nobody@x.org: nothing to remove, no such preference']);
  });
});

describe('emptyTwin', () => {
  it('starts at version 0 with no preferences and zeroed trust in every domain', () => {
    const zero = { approvals: 0, rejections: 0, undos: 0, streak: 0, recent: [] };
    expect(emptyTwin('u')).toEqual({ userId: 'u', version: 0, preferences: [], trust: { email: zero, calendar: zero, finance: zero } });
  });
});
