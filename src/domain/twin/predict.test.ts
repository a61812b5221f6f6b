import { describe, expect, it } from 'vitest';
import { ARCHIVE, action, deepFreeze, hoursAfter, situation, T0, train } from './fixtures.testkit.js';
import { predict } from './predict.js';
import { emptyTwin } from './profile.js';

const X = situation({ counterpart: 'news@acme.com' });
const Y = situation({ counterpart: 'digest@other.org' });
const LATER = hoursAfter(T0, 200);

describe('predict', () => {
  it('has no idea without preferences', () => {
    const p = predict(emptyTwin('u'), X, ARCHIVE, T0);
    expect(p).toEqual({
      score: 0.5,
      confidence: 0,
      preferenceKeys: [],
      reason: 'you have not told SkyTwin yet what you want for newsletters from news@acme.com',
    });
  });

  it('scores the preferred action near 1 and explains with counts', () => {
    const twin = train(emptyTwin('u'), X, ARCHIVE, 7);
    const p = predict(twin, X, ARCHIVE, LATER);
    expect(p.score).toBeGreaterThan(0.9);
    expect(p.confidence).toBeGreaterThan(0.8);
    expect(p.reason).toBe('you archived newsletters from news@acme.com all 7 times you were asked');
    expect(p.preferenceKeys).toEqual(['email.sender:news@acme.com', 'email.domain:acme.com', 'email.situation:newsletter']);
  });

  it('scores another action near 0, and the fallbacks near neutral', () => {
    const twin = train(emptyTwin('u'), X, ARCHIVE, 7);
    const label = predict(twin, X, action('label', { label: 'Reading' }), LATER);
    expect(label.score).toBeLessThan(0.1);
    expect(label.reason).toContain('prefers "archive" over "label:Reading"');
    for (const fallback of [action('do_nothing'), action('flag_for_review')]) {
      const p = predict(twin, X, fallback, LATER);
      expect(p.score).toBeGreaterThanOrEqual(0.4);
      expect(p.score).toBeLessThan(0.5);
    }
  });

  it('scores do_nothing high when it is the preference', () => {
    const twin = train(emptyTwin('u'), X, action('do_nothing'), 5);
    expect(predict(twin, X, action('do_nothing'), LATER).score).toBeGreaterThan(0.8);
  });

  it('lets the most specific preference win over a more confident general one', () => {
    let twin = train(emptyTwin('u'), Y, ARCHIVE, 20, 'approve', T0, 'y');
    const label = action('label', { label: 'Reading' });
    twin = train(twin, X, label, 2, 'approve', hoursAfter(T0, 30), 'x');
    const general = twin.preferences.find((p) => p.key === 'email.situation:newsletter');
    const sender = twin.preferences.find((p) => p.key === 'email.sender:news@acme.com');
    expect(general?.value).toBe('archive');
    expect(sender?.value).toBe('label:Reading');
    expect(general?.confidence ?? 0).toBeGreaterThan(sender?.confidence ?? 1);

    const forLabel = predict(twin, X, label, LATER);
    const forArchive = predict(twin, X, ARCHIVE, LATER);
    expect(forLabel.score).toBeGreaterThan(0.5);
    expect(forArchive.score).toBeLessThan(0.5);
    // The outranked general preference is not "used", so feedback here does not erode it.
    expect(forArchive.preferenceKeys).toEqual(['email.sender:news@acme.com', 'email.domain:acme.com']);
  });

  it('falls back to the general preference for a new sender', () => {
    const twin = train(emptyTwin('u'), Y, ARCHIVE, 6);
    const p = predict(twin, X, ARCHIVE, LATER);
    expect(p.preferenceKeys).toEqual(['email.situation:newsletter']);
    expect(p.score).toBeGreaterThan(0.8);
    expect(p.reason).toBe('you archived newsletters all 6 times you were asked');
  });

  it('counts agreeing general evidence only once', () => {
    // Same decisions on all keys: no corroboration beyond the sender key itself.
    const same = train(emptyTwin('u'), X, ARCHIVE, 2);
    const sender = same.preferences.find((p) => p.key === 'email.sender:news@acme.com');
    expect(predict(same, X, ARCHIVE, hoursAfter(T0, 2)).confidence).toBeCloseTo(sender?.confidence ?? -1, 10);
    expect(predict(same, X, ARCHIVE, hoursAfter(T0, 2)).confidence).toBeLessThan(0.6);

    // Independent decisions for other newsletters do lend confidence to a young sender preference.
    const twin = train(train(emptyTwin('u'), Y, ARCHIVE, 6, 'approve', T0, 'y'), X, ARCHIVE, 1, 'approve', hoursAfter(T0, 10), 'x');
    const young = twin.preferences.find((p) => p.key === 'email.sender:news@acme.com');
    const p = predict(twin, X, ARCHIVE, hoursAfter(T0, 11));
    expect(p.confidence).toBeGreaterThan(young?.confidence ?? 1);
    expect(p.confidence).toBeGreaterThanOrEqual(0.6);
    expect(p.reason).toContain('in line with your habit for newsletters');
  });

  it('is pure: same inputs, same output, input untouched', () => {
    const twin = deepFreeze(train(emptyTwin('u'), X, ARCHIVE, 4));
    expect(predict(twin, X, ARCHIVE, LATER)).toEqual(predict(twin, X, ARCHIVE, LATER));
  });
});
