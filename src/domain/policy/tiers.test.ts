import { describe, expect, it } from 'vitest';
import type { Reversibility, RiskLevel, TrustTier } from '../types.js';
import { RISK_LEVELS, TRUST_TIERS } from '../types.js';
import { candidate, REVERSIBILITIES } from './fixtures.testkit.js';
import { lowestTierAllowing, nextTierDown, nextTierUp, riskRank, tierAllows, tierRank } from './tiers.js';

describe('tierAllows (DESIGN.md "Trust tiers")', () => {
  it.each<[TrustTier, Reversibility, RiskLevel, boolean, boolean]>([
    ['observer', 'full', 'negligible', false, false],
    ['suggest', 'full', 'negligible', false, false],
    ['suggest', 'full', 'negligible', true, false],
    ['low', 'full', 'negligible', false, true],
    ['low', 'full', 'low', false, true],
    ['low', 'full', 'moderate', false, false],
    ['low', 'partial', 'negligible', false, false],
    ['low', 'none', 'negligible', true, false],
    ['low', 'unknown', 'negligible', false, false],
    ['moderate', 'full', 'moderate', false, true],
    ['moderate', 'partial', 'moderate', false, true],
    ['moderate', 'partial', 'high', false, false],
    ['moderate', 'none', 'low', true, false],
    ['moderate', 'unknown', 'negligible', true, false],
    ['high', 'full', 'high', false, true],
    ['high', 'partial', 'high', false, true],
    ['high', 'full', 'critical', false, false],
    ['high', 'none', 'low', false, false],
    ['high', 'none', 'low', true, true],
    ['high', 'unknown', 'moderate', false, false],
    ['high', 'unknown', 'moderate', true, true],
    ['high', 'none', 'critical', true, false],
  ])('%s, %s, %s risk, irreversible allowed=%s → %s', (tier, reversibility, overall, allowed, expected) => {
    expect(tierAllows(tier, reversibility, overall, allowed)).toBe(expected);
  });

  it('allows exactly the expected number of combinations per tier', () => {
    const count = (tier: TrustTier, allowed: boolean): number =>
      REVERSIBILITIES.flatMap((r) => RISK_LEVELS.map((l) => tierAllows(tier, r, l, allowed))).filter(Boolean).length;
    expect(count('observer', true)).toBe(0);
    expect(count('suggest', true)).toBe(0);
    expect(count('low', true)).toBe(2);
    expect(count('moderate', true)).toBe(6);
    expect(count('high', false)).toBe(8);
    expect(count('high', true)).toBe(16);
  });

  it('is monotonic: whatever a tier allows, every higher tier allows too', () => {
    for (const r of REVERSIBILITIES) {
      for (const l of RISK_LEVELS) {
        for (const allowed of [false, true]) {
          const verdicts = TRUST_TIERS.map((t) => tierAllows(t, r, l, allowed));
          const firstTrue = verdicts.indexOf(true);
          if (firstTrue >= 0) expect(verdicts.slice(firstTrue).every(Boolean)).toBe(true);
        }
      }
    }
  });

  it('throws on an unknown tier or risk level', () => {
    expect(() => tierAllows('root' as TrustTier, 'full', 'low')).toThrow(/unknown trust tier/);
    expect(() => tierAllows('low', 'full', 'tiny' as RiskLevel)).toThrow(/unknown risk level/);
  });
});

describe('ranks and steps', () => {
  it('orders tiers and risk levels', () => {
    expect(TRUST_TIERS.map(tierRank)).toEqual([0, 1, 2, 3, 4]);
    expect(RISK_LEVELS.map(riskRank)).toEqual([0, 1, 2, 3, 4]);
  });

  it.each<[TrustTier, TrustTier | null, TrustTier | null]>([
    ['observer', 'suggest', null],
    ['suggest', 'low', 'observer'],
    ['low', 'moderate', 'suggest'],
    ['moderate', 'high', 'low'],
    ['high', null, 'moderate'],
  ])('%s: up %s, down %s', (tier, up, down) => {
    expect(nextTierUp(tier)).toBe(up);
    expect(nextTierDown(tier)).toBe(down);
  });
});

describe('lowestTierAllowing', () => {
  it.each([
    [{ type: 'archive', reversibility: 'full', overall: 'low' }, [], 'low'],
    [{ type: 'label', reversibility: 'full', overall: 'moderate' }, [], 'moderate'],
    [{ type: 'rsvp', reversibility: 'partial', overall: 'low' }, [], 'moderate'],
    [{ type: 'approve_renewal', reversibility: 'partial', overall: 'high' }, [], 'high'],
    [{ type: 'archive', reversibility: 'full', overall: 'critical' }, [], null],
    [{ type: 'approve_renewal', reversibility: 'none', overall: 'low' }, [], null],
    [{ type: 'approve_renewal', reversibility: 'none', overall: 'low' }, ['approve_renewal'], 'high'],
    [{ type: 'archive', reversibility: 'unknown', overall: 'low' }, ['archive'], 'high'],
    [{ type: 'send_email', reversibility: 'full', overall: 'low' }, [], null],
    [{ type: 'send_email', reversibility: 'none', overall: 'low' }, ['send_email'], 'high'],
    [{ type: 'delete_permanently', reversibility: 'none', overall: 'low' }, ['delete_permanently'], null],
    [{ type: 'accept_terms', reversibility: 'full', overall: 'negligible' }, [], null],
    [{ type: 'do_nothing', reversibility: 'full', overall: 'critical' }, [], 'low'],
    [{ type: 'flag_for_review', reversibility: 'full', overall: 'negligible' }, [], 'low'],
  ] as const)('%o with %o allowed → %s', (options, allowed, expected) => {
    expect(lowestTierAllowing(candidate(options), allowed)).toBe(expected);
  });

  it('counts recipients for send_email: more than 10 is never automatic', () => {
    const many = candidate({ type: 'send_email', reversibility: 'none', parameters: { to: Array(11).fill('a@x.com') } });
    expect(lowestTierAllowing(many, ['send_email'])).toBeNull();
  });
});
