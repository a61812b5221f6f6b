import { describe, expect, it } from 'vitest';
import type { ActionType, TrustTier, Urgency } from '../types.js';
import { evaluatePolicy, evaluateWithRules } from './evaluatePolicy.js';
import type { CandidateOptions } from './fixtures.testkit.js';
import { candidate, context, settings, situation } from './fixtures.testkit.js';
import type { Finding, PolicyRule } from './rule.js';
import { tierRule } from './rules/index.js';

const codes = (reasons: { code: string }[]) => reasons.map((r) => r.code);

describe('evaluatePolicy per tier', () => {
  it.each<[TrustTier, CandidateOptions, string, string[]]>([
    ['observer', { type: 'archive', overall: 'low' }, 'needs_approval', ['tier_observer']],
    ['observer', { type: 'do_nothing' }, 'needs_approval', ['tier_observer']],
    ['observer', { type: 'flag_for_review' }, 'needs_approval', ['tier_observer']],
    ['suggest', { type: 'archive', overall: 'low' }, 'needs_approval', ['tier_suggest']],
    ['suggest', { type: 'do_nothing' }, 'allowed', ['inert']],
    ['suggest', { type: 'flag_for_review' }, 'allowed', ['inert']],
    ['low', { type: 'archive', overall: 'low' }, 'allowed', ['tier_allows']],
    ['low', { type: 'label', overall: 'moderate' }, 'needs_approval', ['tier_insufficient']],
    ['low', { type: 'rsvp', reversibility: 'partial', overall: 'low' }, 'needs_approval', ['tier_insufficient']],
    ['low', { type: 'approve_renewal', reversibility: 'none', overall: 'low' }, 'needs_approval', ['tier_insufficient', 'irreversible']],
    ['moderate', { type: 'rsvp', reversibility: 'partial', overall: 'moderate' }, 'allowed', ['tier_allows']],
    ['moderate', { type: 'archive', reversibility: 'unknown', overall: 'low' }, 'needs_approval', ['tier_insufficient', 'irreversible']],
    ['high', { type: 'approve_renewal', reversibility: 'partial', overall: 'high', domain: 'finance', cost: 1999 }, 'allowed', ['tier_allows', 'spend_within_limits']],
    ['high', { type: 'archive', overall: 'critical' }, 'needs_approval', ['critical_risk', 'tier_insufficient']],
    ['high', { type: 'approve_renewal', reversibility: 'none', overall: 'low' }, 'needs_approval', ['tier_insufficient', 'irreversible']],
    ['high', { type: 'send_email', reversibility: 'none', parameters: { to: ['a@x.com'] } }, 'needs_approval', ['tier_insufficient', 'irreversible', 'send_email']],
    ['low', { type: 'send_email', reversibility: 'full', parameters: { to: ['a@x.com'] } }, 'needs_approval', ['send_email']],
    ['high', { type: 'delete_permanently', reversibility: 'none' }, 'needs_approval', ['never_list', 'tier_insufficient', 'irreversible']],
    ['high', { type: 'accept_terms', reversibility: 'full' }, 'needs_approval', ['never_list']],
    ['high', { type: 'do_nothing', overall: 'critical', reversibility: 'unknown' }, 'allowed', ['inert']],
  ])('%s: %o → %s %o', (tier, options, verdict, reasonCodes) => {
    const result = evaluatePolicy(candidate(options), tier, context());
    expect(result.verdict).toBe(verdict);
    expect(codes(result.reasons)).toEqual(reasonCodes);
    expect(result.notBefore).toBeNull();
  });

  it('lets the user allow an irreversible type at high, but never a never-list action', () => {
    const allowAll: ActionType[] = ['approve_renewal', 'send_email', 'delete_permanently'];
    const ctx = context({ settings: settings({ domainOverrides: { email: { allowIrreversible: allowAll } } }) });
    expect(evaluatePolicy(candidate({ type: 'approve_renewal', reversibility: 'none' }), 'high', ctx).verdict).toBe('allowed');
    expect(evaluatePolicy(candidate({ type: 'send_email', reversibility: 'none', parameters: { to: ['a@x.com'] } }), 'high', ctx).verdict).toBe('allowed');
    const toMany = candidate({ type: 'send_email', reversibility: 'none', parameters: { to: Array(11).fill('a@x.com') } });
    expect(codes(evaluatePolicy(toMany, 'high', ctx).reasons)).toEqual(['never_list']);
    expect(codes(evaluatePolicy(candidate({ type: 'delete_permanently', reversibility: 'none' }), 'high', ctx).reasons)).toEqual(['never_list']);
  });

  it('explains an allowed verdict', () => {
    const result = evaluatePolicy(candidate({ overall: 'low' }), 'low', context());
    expect(result.reasons).toEqual([{ code: 'tier_allows', message: 'reversible, low risk, allowed at low autonomy in email' }]);
  });
});

describe('evaluatePolicy vetoes at every tier', () => {
  it('denies everything but do_nothing and flag_for_review from a blocked domain, over any other finding', () => {
    const ctx = context({ settings: settings({ blockedDomains: ['acme.com'] }) });
    const result = evaluatePolicy(candidate({ type: 'delete_permanently', reversibility: 'none', cost: 99_999 }), 'high', ctx);
    expect(result).toEqual({ verdict: 'denied', reasons: [{ code: 'blocked_domain', message: 'acme.com is blocked' }], notBefore: null });
    expect(evaluatePolicy(candidate({ type: 'flag_for_review' }), 'low', ctx).verdict).toBe('allowed');
    expect(evaluatePolicy(candidate({ type: 'do_nothing' }), 'suggest', ctx).verdict).toBe('allowed');
  });

  it('asks for spending over the per-action limit at high, with exact money', () => {
    const ctx = context({ settings: settings({ spendLimits: { perActionCents: 3000, dailyCents: 100_000 } }) });
    const over = evaluatePolicy(candidate({ type: 'approve_renewal', reversibility: 'partial', domain: 'finance', cost: 4500 }), 'high', ctx);
    expect(over.verdict).toBe('needs_approval');
    expect(over.reasons).toEqual([{ code: 'spend_per_action', message: '$45.00 is over your $30.00 per-action limit' }]);
    const equal = evaluatePolicy(candidate({ type: 'approve_renewal', reversibility: 'partial', domain: 'finance', cost: 3000 }), 'high', ctx);
    expect(equal.verdict).toBe('allowed');
  });

  it('asks for the first 10 actions in a domain', () => {
    const ctx = context({ executedInDomain: { email: 3, calendar: 50, finance: 50 } });
    const result = evaluatePolicy(candidate({ overall: 'low' }), 'low', ctx);
    expect(result.verdict).toBe('needs_approval');
    expect(result.reasons).toEqual([{ code: 'new_domain', message: 'the first 10 actions in email need your approval; 3 so far' }]);
    expect(evaluatePolicy(candidate({ type: 'do_nothing' }), 'low', ctx).verdict).toBe('allowed');
  });

  describe('quiet hours', () => {
    const quietHours = { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' };
    const at = (urgency: Urgency) =>
      context({ now: new Date('2026-11-24T23:30:00Z'), settings: settings({ quietHours }), situation: situation({ urgency }) });

    it('keeps a routine allowed action allowed but deferred to the end', () => {
      const result = evaluatePolicy(candidate({ overall: 'low' }), 'low', at('normal'));
      expect(result.verdict).toBe('allowed');
      expect(result.notBefore).toBe('2026-11-25T06:00:00.000Z');
      expect(codes(result.reasons)).toEqual(['tier_allows', 'quiet_hours_deferred']);
    });

    it('asks for an urgent one', () => {
      const result = evaluatePolicy(candidate({ overall: 'low' }), 'low', at('critical'));
      expect(result.verdict).toBe('needs_approval');
      expect(codes(result.reasons)).toEqual(['quiet_hours']);
      expect(result.notBefore).toBeNull();
    });

    it('drops the deferral when the action needs approval anyway', () => {
      const result = evaluatePolicy(candidate({ overall: 'moderate' }), 'low', at('low'));
      expect(result).toMatchObject({ verdict: 'needs_approval', notBefore: null });
      expect(codes(result.reasons)).toEqual(['tier_insufficient']);
    });
  });
});

describe('evaluateWithRules composition', () => {
  const rule = (name: string, findings: Finding[]): PolicyRule => ({ name, check: () => findings });
  const allow = (code: string, notBefore?: string): Finding => ({ verdict: 'allowed', code, message: code, ...(notBefore ? { notBefore } : {}) });

  it('lets the strictest finding win and keeps only its reasons', () => {
    const rules = [
      rule('a', [allow('ok')]),
      rule('b', [{ verdict: 'needs_approval', code: 'ask', message: 'ask' }]),
      rule('c', [{ verdict: 'denied', code: 'no', message: 'no' }]),
      rule('d', [{ verdict: 'denied', code: 'no2', message: 'no2' }]),
    ];
    const result = evaluateWithRules(rules, candidate(), 'high', context());
    expect(result).toEqual({ verdict: 'denied', reasons: [{ code: 'no', message: 'no' }, { code: 'no2', message: 'no2' }], notBefore: null });
  });

  it('waits for the latest deferral', () => {
    const rules = [rule('a', [allow('x', '2026-01-01T05:00:00.000Z')]), rule('b', [allow('y', '2026-01-01T07:00:00.000Z')])];
    expect(evaluateWithRules(rules, candidate(), 'high', context()).notBefore).toBe('2026-01-01T07:00:00.000Z');
  });

  it('removes duplicate reasons', () => {
    const rules = [rule('a', [allow('same')]), rule('b', [allow('same')])];
    expect(evaluateWithRules(rules, candidate(), 'high', context()).reasons).toHaveLength(1);
  });

  it('fails closed when a rule throws, whatever the others say', () => {
    const throwing: PolicyRule = {
      name: 'broken',
      check: () => {
        throw new Error('boom');
      },
    };
    const result = evaluateWithRules([tierRule, throwing], candidate({ overall: 'low' }), 'high', context());
    expect(result.verdict).toBe('denied');
    expect(result.reasons).toEqual([{ code: 'policy_error', message: 'the broken rule failed (boom), so SkyTwin refuses to act' }]);
  });

  it('fails closed on a non-Error throw and on nonsense answers', () => {
    const weird: PolicyRule[] = [
      { name: 'string-throw', check: () => { throw 'nope'; } },
      { name: 'not-a-list', check: () => 'allowed' as unknown as Finding[] },
      { name: 'bad-verdict', check: () => [{ verdict: 'maybe', code: 'x', message: 'x' } as unknown as Finding] },
    ];
    for (const bad of weird) {
      const result = evaluateWithRules([tierRule, bad], candidate({ overall: 'low' }), 'high', context());
      expect(result.verdict).toBe('denied');
      expect(codes(result.reasons)).toEqual(['policy_error']);
    }
  });

  it('denies when the tier is unknown (the tier rule throws)', () => {
    expect(evaluatePolicy(candidate(), 'root' as TrustTier, context()).reasons[0]?.code).toBe('policy_error');
  });

  it('asks when no rule says anything', () => {
    const result = evaluateWithRules([], candidate(), 'high', context());
    expect(result.verdict).toBe('needs_approval');
    expect(codes(result.reasons)).toEqual(['policy_silent']);
  });
});
