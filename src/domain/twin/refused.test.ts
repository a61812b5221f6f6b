import { describe, expect, it } from 'vitest';
import { applyFeedback } from './feedback.js';
import { action, ARCHIVE, feedback, hoursAfter, PROGRESSION, situation, T0, TIERS, train } from './fixtures.testkit.js';
import { predict } from './predict.js';
import { emptyTwin } from './profile.js';

describe('an action only ever turned down for a sender', () => {
  // The habit for newsletters is to archive; this one sender's archive was rejected once.
  const habit = train(emptyTwin('u'), situation({ counterpart: 'a@one.example' }), ARCHIVE, 6);
  const digest = situation({ counterpart: 'digest@two.example' });
  const keys = predict(habit, digest, ARCHIVE, T0).preferenceKeys;
  const rejected = applyFeedback(habit, feedback('reject', { situation: digest, action: ARCHIVE, preferenceKeys: keys }), TIERS, PROGRESSION, hoursAfter(T0, 10)).twin;

  it('is not proposed again on the strength of the general habit', () => {
    const now = hoursAfter(T0, 11);
    const archive = predict(rejected, digest, ARCHIVE, now);
    const label = predict(rejected, digest, action('label', { label: 'Newsletters' }), now);
    expect(archive.score).toBeLessThan(0.5);
    expect(label.score).toBe(0.5);
    expect(archive.reason).toMatch(/you said no to "archive" for newsletters from digest@two\.example/);
  });

  it('while other senders keep the habit', () => {
    expect(predict(rejected, situation({ counterpart: 'c@three.example' }), ARCHIVE, hoursAfter(T0, 11)).score).toBeGreaterThan(0.5);
  });
});
