import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { OutcomeDecision } from '../types.js';
import { chooseOutcome } from '../outcome/index.js';
import { evaluatePolicy } from '../policy/index.js';
import {
  arbCandidate,
  arbContext,
  arbEvaluated,
  arbNow,
  arbPrediction,
  arbSettings,
  arbSituation,
  arbTier,
  preference,
} from '../policy/fixtures.testkit.js';
import { explainDecision } from './explainDecision.js';

const runs = { numRuns: 1500 };

const arbPreferences = fc.array(
  fc.record({
    key: fc.constantFrom('email.sender:news@acme.com', 'email.situation:newsletter', 'calendar.situation:calendar_invitation', 'finance.sender:billing@acme.com'),
    value: fc.constantFrom('archive', 'do_nothing', 'rsvp:accepted'),
    confidence: fc.double({ min: 0, max: 1, noNaN: true }),
  }).map((p) => preference(p.key, p.value, p.confidence)),
  { maxLength: 4 },
);

const arbOutcome = (size: number): fc.Arbitrary<OutcomeDecision> =>
  fc.record({
    outcome: fc.constantFrom('auto_execute', 'needs_approval', 'no_action', 'shadow' as const),
    selectedIndex: fc.option(fc.integer({ min: -1, max: size + 1 }), { nil: null }),
    reasons: fc.array(fc.record({ code: fc.string({ maxLength: 12 }), message: fc.string({ maxLength: 40 }) }), { maxLength: 3 }),
    approvalExpiresAt: fc.option(arbNow.map((d) => d.toISOString()), { nil: null }),
    notBefore: fc.option(arbNow.map((d) => d.toISOString()), { nil: null }),
  });

const arbArbitraryInput = fc
  .array(arbEvaluated, { maxLength: 6 })
  .chain((candidates) =>
    fc.record({
      situation: arbSituation,
      candidates: fc.constant(candidates),
      outcome: arbOutcome(candidates.length),
      tier: arbTier,
      settings: arbSettings,
      preferences: arbPreferences,
    }),
  );

function validIndex(outcome: OutcomeDecision, size: number): boolean {
  return outcome.selectedIndex !== null && outcome.selectedIndex >= 0 && outcome.selectedIndex < size;
}

describe('explanation invariants (fast-check)', () => {
  it('(g) any input: a non-empty summary and one alternative per candidate not selected', () => {
    fc.assert(
      fc.property(arbArbitraryInput, (input) => {
        const e = explainDecision(input);
        expect(e.summary.trim().length).toBeGreaterThan(0);
        expect(e.summary.endsWith('.')).toBe(true);
        expect(e.whatHappened.trim().length).toBeGreaterThan(0);
        expect(e.whyThisAction.trim().length).toBeGreaterThan(0);
        expect(e.whatWouldChange.length).toBeGreaterThan(0);
        expect(e.howToCorrect.length).toBeGreaterThan(0);
        const selected = validIndex(input.outcome, input.candidates.length) ? input.outcome.selectedIndex : null;
        const others = input.candidates.filter((_, i) => i !== selected);
        expect(e.alternatives.map((a) => [a.action, a.verdict])).toEqual(others.map((c) => [c.action.type, c.verdict.verdict]));
        for (const alternative of e.alternatives) expect(alternative.why.trim().length).toBeGreaterThan(0);
        for (const used of e.preferencesUsed) {
          expect(selected).not.toBeNull();
          expect(input.candidates[selected ?? -1]?.prediction.preferenceKeys).toContain(used.key);
        }
        expect(explainDecision(input)).toEqual(e);
      }),
      runs,
    );
  });

  it('(g) through the real policy and outcome: the summary matches the outcome', () => {
    const arbPipeline = fc.record({
      candidates: fc.array(fc.tuple(arbCandidate, arbPrediction), { minLength: 1, maxLength: 5 }),
      tier: arbTier,
      ctx: arbContext,
      preferences: arbPreferences,
    });
    fc.assert(
      fc.property(arbPipeline, ({ candidates, tier, ctx, preferences }) => {
        const evaluated = candidates.map(([c, prediction]) => ({ ...c, prediction, verdict: evaluatePolicy(c, tier, ctx) }));
        const outcome = chooseOutcome(evaluated, tier, ctx.situation, ctx.now);
        const e = explainDecision({ situation: ctx.situation, candidates: evaluated, outcome, tier, settings: ctx.settings, preferences });
        const start = { auto_execute: /^(Will |[A-Z])/, needs_approval: /^Waiting for your approval to /, no_action: /^Did nothing/, shadow: /^Recorded only/ }[outcome.outcome];
        expect(e.summary).toMatch(start);
        expect(e.alternatives).toHaveLength(evaluated.length - (outcome.selectedIndex === null ? 0 : 1));
      }),
      runs,
    );
  });
});
