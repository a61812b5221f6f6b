import { describe, expect, it } from 'vitest';
import type { ActionType, Domain } from '../../types.js';
import { candidate, context } from '../fixtures.testkit.js';
import { newDomainRule } from './newDomainRule.js';

function check(executed: number, type: ActionType = 'archive', domain: Domain = 'email') {
  const ctx = context({ executedInDomain: { email: 50, calendar: 50, finance: 50, [domain]: executed } });
  return newDomainRule.check({ candidate: candidate({ type, domain }), tier: 'high', ctx });
}

describe('newDomainRule', () => {
  it.each([
    [0, 1],
    [3, 1],
    [9, 1],
    [10, 0],
    [250, 0],
  ])('%d executed → %d findings', (executed, count) => {
    expect(check(executed)).toHaveLength(count);
  });

  it('counts in the candidate\'s domain', () => {
    expect(check(3, 'rsvp', 'calendar')).toEqual([
      { verdict: 'needs_approval', code: 'new_domain', message: 'the first 10 actions in calendar need your approval; 3 so far' },
    ]);
  });

  it('treats a missing or malformed count as none', () => {
    const ctx = context({ executedInDomain: { email: Number.NaN } as unknown as Record<Domain, number> });
    expect(newDomainRule.check({ candidate: candidate(), tier: 'high', ctx })[0]?.message).toBe(
      'the first 10 actions in email need your approval; 0 so far',
    );
  });

  it('follows the ramp the user set, and keeps the default when the setting is missing or malformed', () => {
    const withRamp = (ramp: unknown, executed: number) => {
      const base = context({ executedInDomain: { email: executed, calendar: 0, finance: 0 } });
      const ctx = { ...base, settings: { ...base.settings, trustProgression: { ...base.settings.trustProgression, newDomainApprovals: ramp as number } } };
      return newDomainRule.check({ candidate: candidate(), tier: 'low', ctx });
    };
    expect(withRamp(0, 0)).toEqual([]);
    expect(withRamp(3, 2)[0]?.message).toBe('the first 3 actions in email need your approval; 2 so far');
    expect(withRamp(3, 3)).toEqual([]);
    expect(withRamp(-1, 5)[0]?.message).toBe('the first 10 actions in email need your approval; 5 so far');
    expect(withRamp(2.5, 5)[0]?.message).toBe('the first 10 actions in email need your approval; 5 so far');
  });

  it('leaves inert actions alone', () => {
    expect(check(0, 'do_nothing')).toEqual([]);
    expect(check(0, 'flag_for_review')).toEqual([]);
  });
});
