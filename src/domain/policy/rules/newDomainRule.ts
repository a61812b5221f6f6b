import { isInert } from '../actions.js';
import type { Finding, PolicyRule } from '../rule.js';

/** Actions a domain must have seen executed before SkyTwin acts alone in it, unless the user set another number. */
export const NEW_DOMAIN_APPROVALS = 10;

/** A ramp for every domain: whatever the tier, the first actions are seen by the user. */
export const newDomainRule: PolicyRule = {
  name: 'new-domain',
  check({ candidate, ctx }): Finding[] {
    const { action } = candidate;
    if (isInert(action.type)) return [];
    const raw = ctx.executedInDomain[action.domain];
    const executed = typeof raw === 'number' && Number.isFinite(raw) && raw > 0 ? Math.floor(raw) : 0;
    const ramp = rampOf(ctx.settings.trustProgression?.newDomainApprovals);
    if (executed >= ramp) return [];
    return [
      {
        verdict: 'needs_approval',
        code: 'new_domain',
        message: `the first ${ramp} actions in ${action.domain} need your approval; ${executed} so far`,
      },
    ];
  },
};

/** A missing or malformed setting keeps the default ramp: the rule fails towards asking. */
function rampOf(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : NEW_DOMAIN_APPROVALS;
}
