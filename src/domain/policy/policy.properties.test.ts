import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ActionType, Candidate } from '../types.js';
import { TRUST_TIERS } from '../types.js';
import { evaluatePolicy, evaluateWithRules } from './evaluatePolicy.js';
import { arbCandidate, arbContext, arbTier, candidate, context, settings } from './fixtures.testkit.js';
import type { PolicyRule } from './rule.js';
import { POLICY_RULES } from './ruleSet.js';
import { spendLimitsFor } from './settings.js';

const runs = { numRuns: 2000 };
const NEVER: ActionType[] = ['delete_permanently', 'accept_terms', 'share_credentials', 'change_security_settings'];
const withType = (c: Candidate, type: ActionType): Candidate => ({ ...c, action: { ...c.action, type } });

describe('policy safety invariants (fast-check)', () => {
  it('(a) never-list actions are never allowed, at any tier, under any settings', () => {
    const arbNeverCandidate = fc.oneof(
      fc.tuple(arbCandidate, fc.constantFrom(...NEVER)).map(([c, type]) => withType(c, type)),
      fc.tuple(arbCandidate, fc.integer({ min: 11, max: 40 })).map(([c, n]) => ({
        ...c,
        action: { ...c.action, type: 'send_email' as const, parameters: { to: Array.from({ length: n }, (_, i) => `p${i}@x.com`) } },
      })),
    );
    const arbGenerous = arbContext.map((ctx) => ({
      ...ctx,
      executedInDomain: { email: 1000, calendar: 1000, finance: 1000 },
      settings: { ...ctx.settings, domainOverrides: { email: { allowIrreversible: [...NEVER, 'send_email' as const] }, calendar: { allowIrreversible: [...NEVER] }, finance: { allowIrreversible: [...NEVER] } } },
    }));
    fc.assert(
      fc.property(arbNeverCandidate, arbTier, fc.oneof(arbContext, arbGenerous), (c, tier, ctx) => {
        expect(evaluatePolicy(c, tier, ctx).verdict).not.toBe('allowed');
      }),
      runs,
    );
  });

  it('(b) a cost over the per-action limit is never allowed', () => {
    fc.assert(
      fc.property(arbCandidate, arbTier, arbContext, fc.integer({ min: 1, max: 100_000 }), (c, tier, ctx, excess) => {
        const limit = spendLimitsFor(ctx.settings, c.action.domain).perActionCents;
        const over = { ...c, action: { ...c.action, estimatedCostCents: limit + excess } };
        const result = evaluatePolicy(over, tier, ctx);
        expect(result.verdict).not.toBe('allowed');
        if (result.verdict === 'needs_approval' && !['observer'].includes(tier)) {
          const all = POLICY_RULES.flatMap((rule) => rule.check({ candidate: over, tier, ctx }));
          expect(all.some((f) => f.code === 'spend_per_action')).toBe(true);
        }
      }),
      runs,
    );
  });

  it('(b) a cost exactly at the per-action limit is allowed when nothing else objects', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom('low', 'moderate', 'high' as const),
        fc.constantFrom('email', 'calendar', 'finance' as const),
        fc.boolean(),
        (limit, tier, domain, viaOverride) => {
          const s = viaOverride
            ? settings({ spendLimits: { perActionCents: 1, dailyCents: 1 }, domainOverrides: { [domain]: { perActionCents: limit, dailyCents: limit } } })
            : settings({ spendLimits: { perActionCents: limit, dailyCents: limit } });
          const ctx = context({ settings: s });
          const result = evaluatePolicy(candidate({ type: 'approve_renewal', domain, cost: limit, overall: 'low' }), tier, ctx);
          expect(result.verdict).toBe('allowed');
          const oneMore = evaluatePolicy(candidate({ type: 'approve_renewal', domain, cost: limit + 1, overall: 'low' }), tier, ctx);
          expect(oneMore.verdict).toBe('needs_approval');
        },
      ),
      runs,
    );
  });

  it('(c) observer allows nothing at all; suggest allows only do_nothing and flag_for_review', () => {
    fc.assert(
      fc.property(arbCandidate, fc.constantFrom('observer', 'suggest' as const), arbContext, (c, tier, ctx) => {
        const { verdict } = evaluatePolicy(c, tier, ctx);
        if (tier === 'observer') expect(verdict).not.toBe('allowed');
        else if (verdict === 'allowed') expect(['do_nothing', 'flag_for_review']).toContain(c.action.type);
      }),
      runs,
    );
  });

  // They cost nothing by nature; one that claims a cost still meets the spend rule (spend limits are hard).
  it('(c) do_nothing and flag_for_review are allowed at every tier above observer', () => {
    fc.assert(
      fc.property(arbCandidate, fc.constantFrom(...TRUST_TIERS.filter((t) => t !== 'observer')), arbContext, fc.constantFrom('do_nothing', 'flag_for_review' as const), (c, tier, ctx, type) => {
        const inert = withType(c, type);
        expect(evaluatePolicy({ ...inert, action: { ...inert.action, estimatedCostCents: 0 } }, tier, ctx).verdict).toBe('allowed');
      }),
      runs,
    );
  });

  it('(d) irreversible or unknown reversibility is never allowed below high', () => {
    fc.assert(
      fc.property(arbCandidate, fc.constantFrom('observer', 'suggest', 'low', 'moderate' as const), arbContext, fc.constantFrom('none', 'unknown' as const), (c, tier, ctx, reversibility) => {
        const irreversible = { ...c, action: { ...c.action, reversibility } };
        const result = evaluatePolicy(irreversible, tier, ctx);
        if (!['do_nothing', 'flag_for_review'].includes(c.action.type)) expect(result.verdict).not.toBe('allowed');
      }),
      runs,
    );
  });

  it('(e) a throwing rule denies, wherever it sits among the rules', () => {
    fc.assert(
      fc.property(arbCandidate, arbTier, arbContext, fc.nat(POLICY_RULES.length), fc.string(), (c, tier, ctx, at, text) => {
        const throwing: PolicyRule = {
          name: 'throwing',
          check: () => {
            throw new Error(text);
          },
        };
        const rules = [...POLICY_RULES.slice(0, at), throwing, ...POLICY_RULES.slice(at)];
        const result = evaluateWithRules(rules, c, tier, ctx);
        expect(result.verdict).toBe('denied');
        expect(result.reasons.some((r) => r.code === 'policy_error')).toBe(true);
      }),
      runs,
    );
  });

  it('every verdict carries at least one reason, and only an allowed one may carry notBefore', () => {
    fc.assert(
      fc.property(arbCandidate, arbTier, arbContext, (c, tier, ctx) => {
        const result = evaluatePolicy(c, tier, ctx);
        expect(result.reasons.length).toBeGreaterThan(0);
        for (const reason of result.reasons) expect(reason.message.length).toBeGreaterThan(0);
        if (result.verdict !== 'allowed') expect(result.notBefore).toBeNull();
        if (result.notBefore !== null) expect(new Date(result.notBefore).getTime()).toBeGreaterThan(ctx.now.getTime());
      }),
      runs,
    );
  });

  it('more autonomy never turns an allowed verdict into a stricter one', () => {
    fc.assert(
      fc.property(arbCandidate, arbContext, (c, ctx) => {
        const verdicts = TRUST_TIERS.map((tier) => evaluatePolicy(c, tier, ctx).verdict);
        const firstAllowed = verdicts.indexOf('allowed');
        if (firstAllowed >= 0) expect(verdicts.slice(firstAllowed).every((v) => v === 'allowed')).toBe(true);
      }),
      runs,
    );
  });
});
