import { describe, expect, it } from 'vitest';
import type { Domain } from '../../types.js';
import type { Finding } from '../rule.js';
import { candidate, context, settings } from '../fixtures.testkit.js';
import { spendRule } from './spendRule.js';

function check(cost: number, spent = 0, domain: Domain = 'finance', overrides = {}): Finding[] {
  const ctx = context({
    spentLast24hCents: spent,
    settings: settings({ spendLimits: { perActionCents: 3000, dailyCents: 5000 }, domainOverrides: overrides }),
  });
  return spendRule.check({ candidate: candidate({ type: 'approve_renewal', domain, cost }), tier: 'high', ctx });
}

const codes = (findings: Finding[]) => findings.map((f) => `${f.verdict}:${f.code}`);

describe('spendRule', () => {
  it.each<[number, number, string[]]>([
    [0, 999_999, []],
    [1, 0, ['allowed:spend_within_limits']],
    [2999, 0, ['allowed:spend_within_limits']],
    [3000, 0, ['allowed:spend_within_limits']],
    [3001, 0, ['needs_approval:spend_per_action']],
    [3000, 2000, ['allowed:spend_within_limits']],
    [3000, 2001, ['needs_approval:spend_daily']],
    [4500, 1000, ['needs_approval:spend_per_action', 'needs_approval:spend_daily']],
  ])('cost %d with %d spent → %o', (cost, spent, expected) => {
    expect(codes(check(cost, spent))).toEqual(expected);
  });

  it('asks for a renewal whose amount could not be read, whatever the tier and limits', () => {
    const ctx = context({ settings: settings({ spendLimits: { perActionCents: 1_000_000, dailyCents: 1_000_000 } }) });
    const unknown = candidate({ type: 'approve_renewal', domain: 'finance', cost: 0 });
    const findings = spendRule.check({
      candidate: { ...unknown, action: { ...unknown.action, parameters: { amountCents: null, merchant: 'Dropbox' } } },
      tier: 'high',
      ctx,
    });
    expect(codes(findings)).toEqual(['needs_approval:spend_unknown']);
  });

  it('writes exact amounts', () => {
    expect(check(4500)[0]?.message).toBe('$45.00 is over your $30.00 per-action limit');
    expect(check(1500, 4000)[0]?.message).toBe('$15.00 would bring the last 24 hours to $55.00, over your $50.00 daily limit');
    expect(check(1)[0]?.message).toBe('$0.01 is within your $30.00 per-action and $50.00 daily limits');
  });

  it('uses the domain override instead of the global limits', () => {
    const overrides = { finance: { perActionCents: 10_000, dailyCents: 20_000 } };
    expect(codes(check(4500, 1000, 'finance', overrides))).toEqual(['allowed:spend_within_limits']);
    expect(codes(check(4500, 1000, 'email', overrides))).toEqual(['needs_approval:spend_per_action', 'needs_approval:spend_daily']);
    expect(check(10_001, 0, 'finance', overrides)[0]?.message).toBe('$100.01 is over your $100.00 per-action limit');
  });

  it('denies a malformed cost instead of comparing it', () => {
    for (const cost of [-5, 12.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(codes(check(cost))).toEqual(['denied:invalid_cost']);
    }
  });

  it('asks when the day spend or a limit is not a valid amount', () => {
    expect(codes(check(100, Number.NaN))).toEqual(['needs_approval:spend_daily']);
    expect(codes(check(100, 0, 'finance', { finance: { perActionCents: Number.NaN } }))).toEqual(['needs_approval:spend_limit_invalid']);
    expect(codes(check(0, 0, 'finance', { finance: { perActionCents: -1 } }))).toEqual([]);
  });
});
