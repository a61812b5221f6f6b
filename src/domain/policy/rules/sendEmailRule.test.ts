import { describe, expect, it } from 'vitest';
import type { ActionType, Reversibility, TrustTier } from '../../types.js';
import { candidate, context, settings } from '../fixtures.testkit.js';
import { sendEmailRule } from './sendEmailRule.js';

function check(tier: TrustTier, reversibility: Reversibility, allowIrreversible: ActionType[] = [], type: ActionType = 'send_email') {
  const ctx = context({ settings: settings({ domainOverrides: { email: { allowIrreversible } } }) });
  return sendEmailRule.check({ candidate: candidate({ type, reversibility, parameters: { to: ['a@x.com'] } }), tier, ctx });
}

describe('sendEmailRule', () => {
  it.each<[TrustTier, Reversibility, ActionType[], boolean]>([
    ['observer', 'none', ['send_email'], true],
    ['suggest', 'none', ['send_email'], true],
    ['low', 'full', ['send_email'], true], // a candidate claiming mail is reversible changes nothing
    ['moderate', 'partial', ['send_email'], true],
    ['high', 'none', [], true],
    ['high', 'full', ['archive'], true],
    ['high', 'none', ['send_email'], false],
  ])('%s (%s, allowed %o) asks: %s', (tier, reversibility, allowed, asks) => {
    const findings = check(tier, reversibility, allowed);
    if (asks) expect(findings).toEqual([expect.objectContaining({ verdict: 'needs_approval', code: 'send_email' })]);
    else expect(findings).toEqual([]);
  });

  it('ignores other actions, even drafts', () => {
    expect(check('low', 'full', [], 'draft_reply')).toEqual([]);
  });
});
