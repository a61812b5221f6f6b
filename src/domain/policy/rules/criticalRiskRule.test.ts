import { describe, expect, it } from 'vitest';
import { RISK_LEVELS, TRUST_TIERS } from '../../types.js';
import { candidate, context, risk } from '../fixtures.testkit.js';
import { criticalRiskRule } from './criticalRiskRule.js';

describe('criticalRiskRule', () => {
  it.each(TRUST_TIERS)('asks for critical risk at %s', (tier) => {
    const findings = criticalRiskRule.check({ candidate: candidate({ overall: 'critical' }), tier, ctx: context() });
    expect(findings).toEqual([expect.objectContaining({ verdict: 'needs_approval', code: 'critical_risk' })]);
  });

  it.each(RISK_LEVELS.filter((l) => l !== 'critical'))('has nothing to say about %s risk', (overall) => {
    expect(criticalRiskRule.check({ candidate: candidate({ overall }), tier: 'high', ctx: context() })).toEqual([]);
  });

  it('names the critical dimensions', () => {
    const c = { ...candidate(), risk: risk('critical', { financial: 'critical', legal: 'high' }) };
    const [finding] = criticalRiskRule.check({ candidate: c, tier: 'high', ctx: context() });
    expect(finding?.message).toBe('critical risk always needs your approval (financial: financial is critical)');
  });

  it('leaves do_nothing and flag_for_review alone', () => {
    for (const type of ['do_nothing', 'flag_for_review'] as const) {
      expect(criticalRiskRule.check({ candidate: candidate({ type, overall: 'critical' }), tier: 'high', ctx: context() })).toEqual([]);
    }
  });
});
