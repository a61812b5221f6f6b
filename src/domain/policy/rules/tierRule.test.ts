import { describe, expect, it } from 'vitest';
import type { ActionType, Reversibility, RiskLevel, TrustTier } from '../../types.js';
import { candidate, context, settings } from '../fixtures.testkit.js';
import { tierRule } from './tierRule.js';

function check(tier: TrustTier, type: ActionType, reversibility: Reversibility, overall: RiskLevel, allowIrreversible: ActionType[] = []) {
  const ctx = context({ settings: settings({ domainOverrides: { email: { allowIrreversible } } }) });
  return tierRule.check({ candidate: candidate({ type, reversibility, overall }), tier, ctx });
}

describe('tierRule', () => {
  it.each<[TrustTier, ActionType, Reversibility, RiskLevel, string, string]>([
    ['observer', 'archive', 'full', 'negligible', 'needs_approval', 'tier_observer'],
    ['observer', 'do_nothing', 'full', 'negligible', 'needs_approval', 'tier_observer'],
    ['observer', 'flag_for_review', 'full', 'negligible', 'needs_approval', 'tier_observer'],
    ['suggest', 'archive', 'full', 'negligible', 'needs_approval', 'tier_suggest'],
    ['suggest', 'do_nothing', 'full', 'negligible', 'allowed', 'inert'],
    ['suggest', 'flag_for_review', 'full', 'negligible', 'allowed', 'inert'],
    ['low', 'archive', 'full', 'low', 'allowed', 'tier_allows'],
    ['low', 'archive', 'full', 'moderate', 'needs_approval', 'tier_insufficient'],
    ['low', 'rsvp', 'partial', 'low', 'needs_approval', 'tier_insufficient'],
    ['low', 'do_nothing', 'unknown', 'critical', 'allowed', 'inert'],
    ['moderate', 'rsvp', 'partial', 'moderate', 'allowed', 'tier_allows'],
    ['moderate', 'rsvp', 'partial', 'high', 'needs_approval', 'tier_insufficient'],
    ['moderate', 'approve_renewal', 'none', 'low', 'needs_approval', 'tier_insufficient'],
    ['high', 'approve_renewal', 'partial', 'high', 'allowed', 'tier_allows'],
    ['high', 'archive', 'full', 'critical', 'needs_approval', 'tier_insufficient'],
    ['high', 'approve_renewal', 'none', 'low', 'needs_approval', 'tier_insufficient'],
    ['high', 'approve_renewal', 'unknown', 'low', 'needs_approval', 'tier_insufficient'],
  ])('%s: %s (%s, %s risk) → %s %s', (tier, type, reversibility, overall, verdict, code) => {
    const findings = check(tier, type, reversibility, overall);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ verdict, code });
  });

  it('allows an irreversible action at high only where the user allowed its type', () => {
    expect(check('high', 'approve_renewal', 'none', 'moderate', ['approve_renewal'])[0]?.verdict).toBe('allowed');
    expect(check('high', 'approve_renewal', 'none', 'moderate', ['archive'])[0]?.verdict).toBe('needs_approval');
    expect(check('moderate', 'approve_renewal', 'none', 'low', ['approve_renewal'])[0]?.verdict).toBe('needs_approval');
  });

  it('says why in plain words', () => {
    expect(check('low', 'archive', 'full', 'low')[0]?.message).toBe('reversible, low risk, allowed at low autonomy in email');
    expect(check('low', 'archive', 'full', 'moderate')[0]?.message).toBe(
      'low autonomy in email runs only reversible actions of at most low risk on its own, and this one is reversible with moderate risk',
    );
    expect(check('observer', 'archive', 'full', 'low')[0]?.message).toBe('email is at observer autonomy, so SkyTwin only records what it would have done');
  });

  it('throws on a tier it does not know (the policy turns that into a denial)', () => {
    expect(() => tierRule.check({ candidate: candidate(), tier: 'admin' as TrustTier, ctx: context() })).toThrow(/unknown trust tier/);
  });
});
