import { describe, expect, it } from 'vitest';
import type { ActionType } from '../../types.js';
import { TRUST_TIERS } from '../../types.js';
import { candidate, context } from '../fixtures.testkit.js';
import { neverListRule } from './neverListRule.js';

describe('neverListRule', () => {
  const listed: ActionType[] = ['delete_permanently', 'accept_terms', 'share_credentials', 'change_security_settings'];

  it.each(TRUST_TIERS)('asks for every listed action at %s', (tier) => {
    for (const type of listed) {
      const findings = neverListRule.check({ candidate: candidate({ type }), tier, ctx: context() });
      expect(findings).toEqual([expect.objectContaining({ verdict: 'needs_approval', code: 'never_list' })]);
    }
  });

  it('asks for mail to 11 recipients but not 10', () => {
    const to = (n: number) => ({ to: Array.from({ length: n }, (_, i) => `p${i}@x.com`) });
    const eleven = candidate({ type: 'send_email', parameters: to(11) });
    const ten = candidate({ type: 'send_email', parameters: to(10) });
    expect(neverListRule.check({ candidate: eleven, tier: 'high', ctx: context() })).toHaveLength(1);
    expect(neverListRule.check({ candidate: ten, tier: 'high', ctx: context() })).toEqual([]);
  });

  it('has nothing to say about ordinary actions', () => {
    expect(neverListRule.check({ candidate: candidate({ type: 'archive' }), tier: 'high', ctx: context() })).toEqual([]);
  });
});
