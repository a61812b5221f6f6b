import { describe, expect, it } from 'vitest';
import type { ActionType, Reversibility, TrustTier } from '../../types.js';
import { candidate, context, settings } from '../fixtures.testkit.js';
import { irreversibleRule } from './irreversibleRule.js';

function check(tier: TrustTier, type: ActionType, reversibility: Reversibility, allowIrreversible: ActionType[] = []) {
  const ctx = context({ settings: settings({ domainOverrides: { finance: { allowIrreversible } } }) });
  return irreversibleRule.check({ candidate: candidate({ type, reversibility, domain: 'finance' }), tier, ctx });
}

describe('irreversibleRule', () => {
  it.each<[TrustTier, Reversibility, ActionType[], number]>([
    ['low', 'full', [], 0],
    ['low', 'partial', [], 0],
    ['suggest', 'none', [], 1],
    ['low', 'none', ['approve_renewal'], 1],
    ['moderate', 'unknown', ['approve_renewal'], 1],
    ['high', 'none', [], 1],
    ['high', 'unknown', ['archive'], 1],
    ['high', 'none', ['approve_renewal'], 0],
    ['high', 'unknown', ['approve_renewal'], 0],
  ])('%s, %s, allowed %o → %d findings', (tier, reversibility, allowed, count) => {
    const findings = check(tier, 'approve_renewal', reversibility, allowed);
    expect(findings).toHaveLength(count);
    for (const finding of findings) expect(finding).toMatchObject({ verdict: 'needs_approval', code: 'irreversible' });
  });

  it('says that unknown counts as irreversible', () => {
    expect(check('low', 'approve_renewal', 'unknown')[0]?.message).toMatch(/unknown reversibility counts as irreversible/);
    expect(check('high', 'approve_renewal', 'none')[0]?.message).toBe(
      "this can't be undone, and you haven't allowed approve renewal to run alone in finance",
    );
  });

  it('leaves inert actions alone', () => {
    expect(check('low', 'do_nothing', 'none')).toEqual([]);
    expect(check('low', 'flag_for_review', 'unknown')).toEqual([]);
  });
});
