import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ActionSpec, FeedbackInput, FeedbackKind, Situation, TwinProfile } from '../types.js';
import { removePreference, setExplicitPreference } from './explicit.js';
import { applyFeedback } from './feedback.js';
import { ARCHIVE, action, deepFreeze, hoursAfter, PROGRESSION, situation, T0, TIERS } from './fixtures.testkit.js';
import { isValidPreferenceKey, preferenceKeysFor } from './keys.js';
import { predict } from './predict.js';
import { emptyTwin } from './profile.js';

// Random sequences of feedback, statements and removals against the twin's invariants.
const LABEL = action('label', { label: 'Reading' });

const SITUATIONS: Situation[] = [
  situation({ counterpart: 'news@acme.com' }),
  situation({ counterpart: 'shop@acme.com', kind: 'promotion' }),
  situation({ counterpart: 'friend@gmail.com', kind: 'personal' }),
  situation({ domain: 'calendar', kind: 'calendar_invitation', counterpart: 'boss@corp.com' }),
  situation({ domain: 'finance', kind: 'subscription_renewal', counterpart: 'billing@stream.tv' }),
];
const ACTIONS: ActionSpec[] = [
  ARCHIVE,
  LABEL,
  action('label', { label: 'Later' }),
  action('do_nothing'),
  action('flag_for_review'),
  action('rsvp', { response: 'accepted' }, 'calendar'),
  action('rsvp', { response: 'declined' }, 'calendar'),
];
const ALL_KEYS = [...new Set(SITUATIONS.flatMap(preferenceKeysFor))];

type Step =
  | { op: 'feedback'; input: FeedbackInput; usePrediction: boolean }
  | { op: 'set'; key: string; value: string }
  | { op: 'remove'; key: string };

const arbInput: fc.Arbitrary<FeedbackInput> = fc.record({
  kind: fc.constantFrom<FeedbackKind>('approve', 'reject', 'edit', 'undo', 'confirm', 'correct', 'restate'),
  decisionId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
  situation: fc.constantFrom(...SITUATIONS),
  action: fc.option(fc.constantFrom(...ACTIONS), { nil: null, freq: 8 }),
  correctedAction: fc.option(fc.constantFrom(...ACTIONS), { nil: null }),
  preferenceKeys: fc.subarray([...ALL_KEYS, 'not a key']),
  wasAutomatic: fc.boolean(),
});
const arbStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('feedback' as const), input: arbInput, usePrediction: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('set' as const), key: fc.constantFrom(...ALL_KEYS), value: fc.constantFrom('archive', 'label:Later', 'do_nothing') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const), key: fc.constantFrom(...ALL_KEYS, 'email.sender:nobody@x.org') }) },
);

function run(twin: TwinProfile, step: Step, now: Date): { next: TwinProfile; allowed: Set<string> } {
  if (step.op === 'set') {
    const domain = ALL_KEYS.includes(step.key) ? (step.key.split('.')[0] as 'email' | 'calendar' | 'finance') : 'email';
    return { next: setExplicitPreference(twin, step.key, domain, step.value, now).twin, allowed: new Set([step.key]) };
  }
  if (step.op === 'remove') return { next: removePreference(twin, step.key, now).twin, allowed: new Set([step.key]) };
  let input = step.input;
  if (step.usePrediction && input.action) {
    input = { ...input, preferenceKeys: predict(twin, input.situation, input.action, now).preferenceKeys };
  }
  const allowed = new Set(input.preferenceKeys);
  if (input.kind === 'restate') {
    const first = [...input.preferenceKeys, ...preferenceKeysFor(input.situation)].find(isValidPreferenceKey);
    if (first) allowed.add(first);
  }
  return { next: applyFeedback(twin, input, TIERS, PROGRESSION, now).twin, allowed };
}

describe('twin invariants under random feedback', () => {
  it('versions increase, inputs stay untouched, only allowed preferences change, confidence stays bounded', () => {
    fc.assert(
      fc.property(fc.array(arbStep, { maxLength: 25 }), (steps) => {
        let twin = emptyTwin('u');
        steps.forEach((step, i) => {
          const now = hoursAfter(T0, i * 7);
          const snapshot = structuredClone(twin);
          deepFreeze(twin);
          const { next, allowed } = run(twin, step, now);
          expect(twin).toEqual(snapshot);
          expect(next.version).toBe(twin.version + 1);
          expect(next.userId).toBe(twin.userId);
          for (const p of twin.preferences) {
            if (!allowed.has(p.key)) expect(next.preferences.find((q) => q.key === p.key)).toEqual(p);
          }
          for (const p of next.preferences) {
            expect(p.confidence).toBeGreaterThanOrEqual(0);
            expect(p.confidence).toBeLessThanOrEqual(0.99);
            expect(p.evidence.length).toBeLessThanOrEqual(50);
            expect(isValidPreferenceKey(p.key)).toBe(true);
            expect(p.key.startsWith(`${p.domain}.`)).toBe(true);
          }
          expect(new Set(next.preferences.map((p) => p.key)).size).toBe(next.preferences.length);
          for (const d of ['email', 'calendar', 'finance'] as const) expect(next.trust[d].recent.length).toBeLessThanOrEqual(20);
          twin = next;
        });
      }),
      { numRuns: 150 },
    );
  });

  it('predictions stay within [0, 1] with confidence in [0, 0.99]', () => {
    fc.assert(
      fc.property(fc.array(arbStep, { maxLength: 15 }), fc.constantFrom(...SITUATIONS), fc.constantFrom(...ACTIONS), (steps, sit, act) => {
        let twin = emptyTwin('u');
        steps.forEach((step, i) => {
          twin = run(twin, step, hoursAfter(T0, i)).next;
        });
        const p = predict(twin, sit, act, hoursAfter(T0, 100));
        expect(p.score).toBeGreaterThanOrEqual(0);
        expect(p.score).toBeLessThanOrEqual(1);
        expect(p.confidence).toBeGreaterThanOrEqual(0);
        expect(p.confidence).toBeLessThanOrEqual(0.99);
        expect(p.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
  });
});
