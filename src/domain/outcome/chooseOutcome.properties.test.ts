import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arbEvaluated, arbNow, arbSituation, arbTier } from '../policy/fixtures.testkit.js';
import { chooseOutcome } from './chooseOutcome.js';

const runs = { numRuns: 3000 };

describe('outcome safety invariants (fast-check)', () => {
  it('(f) auto_execute only for an allowed candidate, never at observer or suggest', () => {
    fc.assert(
      fc.property(fc.array(arbEvaluated, { maxLength: 6 }), arbTier, arbSituation, arbNow, (candidates, tier, situation, now) => {
        const decision = chooseOutcome(candidates, tier, situation, now);
        if (decision.outcome === 'auto_execute') {
          expect(tier === 'observer' || tier === 'suggest').toBe(false);
          expect(situation.kind).not.toBe('unknown');
          expect(decision.selectedIndex).not.toBeNull();
          expect(candidates[decision.selectedIndex ?? -1]?.verdict.verdict).toBe('allowed');
        }
        // With nothing proposed there is nothing to record, even at observer.
        if (tier === 'observer') expect(decision.outcome).toBe(candidates.length === 0 ? 'no_action' : 'shadow');
      }),
      runs,
    );
  });

  it('always gives reasons, a valid selection, and an expiry exactly for approvals', () => {
    fc.assert(
      fc.property(fc.array(arbEvaluated, { maxLength: 6 }), arbTier, arbSituation, arbNow, (candidates, tier, situation, now) => {
        const decision = chooseOutcome(candidates, tier, situation, now);
        expect(decision.reasons.length).toBeGreaterThan(0);
        if (decision.selectedIndex !== null) expect(candidates[decision.selectedIndex]).toBeDefined();
        expect(decision.approvalExpiresAt !== null).toBe(decision.outcome === 'needs_approval');
        if (decision.outcome !== 'auto_execute') expect(decision.notBefore).toBeNull();
        if (decision.outcome === 'needs_approval') {
          expect(decision.selectedIndex).not.toBeNull();
          expect(Date.parse(decision.approvalExpiresAt ?? '')).toBeGreaterThan(now.getTime());
        }
      }),
      runs,
    );
  });
});
