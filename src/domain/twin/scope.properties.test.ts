import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Domain, FeedbackKind, Situation, SituationKind, TrustProgressionSettings, TrustTier, TwinProfile } from '../types.js';
import { applyFeedback } from './feedback.js';
import { ARCHIVE, feedback, PROGRESSION, situation } from './fixtures.testkit.js';
import { emptyTwin } from './profile.js';
import { answersOf, hasEarned, scopeKeysFor, scopeSettings, SCOPE_COUNT_CAP, SCOPE_MISSES_KEPT, wilsonLowerBound } from './scope.js';
import { scopeStanding } from './scopeStanding.js';

const SETTINGS: TrustProgressionSettings = { ...PROGRESSION, demoteAfterRejections: 2, scopeMinAnswers: 3, scopeMinAccuracy: 0.6 };
const S = scopeSettings(SETTINGS);
const LOW: Record<Domain, TrustTier> = { email: 'low', calendar: 'low', finance: 'low' };
const SENDERS = ['a@one.example', 'b@one.example', 'c@two.example', 'd@gmail.com'];
const KINDS: SituationKind[] = ['newsletter', 'promotion'];
const KINDS_OF_ANSWER: FeedbackKind[] = ['approve', 'approve', 'approve', 'confirm', 'edit', 'reject', 'undo', 'correct', 'undo'];
const START = Date.parse('2026-10-01T00:00:00Z');

interface Step {
  sender: number;
  kind: number;
  answer: number;
  cancelled: boolean;
  hours: number;
}
const step = fc.record({
  sender: fc.nat({ max: SENDERS.length - 1 }),
  kind: fc.nat({ max: KINDS.length - 1 }),
  answer: fc.nat({ max: KINDS_OF_ANSWER.length - 1 }),
  cancelled: fc.boolean(),
  hours: fc.integer({ min: 1, max: 200 }),
});

function sitOf(s: Pick<Step, 'sender' | 'kind'>): Situation {
  return situation({ counterpart: SENDERS[s.sender], kind: KINDS[s.kind] });
}

function replay(steps: Step[], onStep?: (before: TwinProfile, after: TwinProfile, s: Step, now: Date, tierChanged: boolean) => void): TwinProfile {
  let twin = emptyTwin('u');
  let t = START;
  for (const s of steps) {
    t += s.hours * 3_600_000;
    const now = new Date(t);
    const kind = KINDS_OF_ANSWER[s.answer] as FeedbackKind;
    const r = applyFeedback(
      twin,
      feedback(kind, { situation: sitOf(s), action: ARCHIVE, cancelledBeforeRun: kind === 'undo' && s.cancelled, wasAutomatic: kind === 'undo' && s.hours % 2 === 0, correctedAction: null }),
      LOW,
      SETTINGS,
      now,
    );
    onStep?.(twin, r.twin, s, now, r.tierChange !== null);
    twin = r.twin;
  }
  return twin;
}

describe('scope trust properties', () => {
  it('a scope runs alone only when one of its scopes cleared the bar on its own record', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), fc.nat({ max: SENDERS.length - 1 }), fc.nat({ max: KINDS.length - 1 }), (steps, sender, kind) => {
        const twin = replay(steps);
        const now = new Date(START + 200 * 3_600_000 * (steps.length + 1));
        const sit = sitOf({ sender, kind });
        const standing = scopeStanding(twin.scopes, sit, S, now);
        if (standing.runs) {
          const record = twin.scopes?.scopes[standing.key];
          expect(record).toBeDefined();
          expect(hasEarned(record, S)).toBe(true);
          expect(record ? wilsonLowerBound(record.agree, answersOf(record)) : 0).toBeGreaterThanOrEqual(S.minAccuracy);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a disagreement never lets its own scope start running alone', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        replay(steps, (before, after, s, now) => {
          const kind = KINDS_OF_ANSWER[s.answer];
          if (kind !== 'reject' && kind !== 'undo' && kind !== 'correct') return;
          const sit = sitOf(s);
          if (!scopeStanding(before.scopes, sit, S, now).runs) expect(scopeStanding(after.scopes, sit, S, now).runs).toBe(false);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('answers in one kind of mail never change the standing of another kind', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), fc.nat({ max: SENDERS.length - 1 }), (steps, sender) => {
        replay(steps, (before, after, s, now) => {
          const otherKind = sitOf({ sender, kind: 1 - s.kind });
          expect(scopeStanding(after.scopes, otherKind, S, now)).toEqual(scopeStanding(before.scopes, otherKind, S, now));
        });
      }),
      { numRuns: 150 },
    );
  });

  it('the domain steps down only when enough distinct scopes had what ran alone undone within the window', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        replay(steps, (_before, after, _s, now, tierChanged) => {
          if (!tierChanged) return;
          const since = new Date(now.getTime() - S.windowDays * 86_400_000).toISOString();
          const failing = Object.values(after.scopes?.scopes ?? {}).filter((r) => r.misses.some((m) => m.at >= since && m.kind === 'undo' && m.auto === true));
          expect(failing.length).toBeGreaterThanOrEqual(S.failingScopes);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('keeps every record bounded', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 150 }), (steps) => {
        const twin = replay(steps);
        for (const [key, record] of Object.entries(twin.scopes?.scopes ?? {})) {
          expect(answersOf(record)).toBeLessThanOrEqual(SCOPE_COUNT_CAP + 1e-9);
          expect(record.misses.length).toBeLessThanOrEqual(SCOPE_MISSES_KEPT);
          expect(scopeKeysFor(sitOf({ sender: 0, kind: 0 })).length).toBe(3);
          expect(key.startsWith('email/')).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});
