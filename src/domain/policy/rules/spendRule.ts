import { formatCents } from '../money.js';
import type { Finding, PolicyRule } from '../rule.js';
import { spendLimitsFor } from '../settings.js';

function isCents(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/** Safety invariant 4: `cost > limit` escalates, in exact integer cents; a cost equal to a limit passes. */
export const spendRule: PolicyRule = {
  name: 'spend',
  check({ candidate, ctx }): Finding[] {
    const { action } = candidate;
    const cost = action.estimatedCostCents;
    if (!isCents(cost)) {
      // A malformed amount is a bug upstream; nobody should be asked to approve "$NaN".
      return [{ verdict: 'denied', code: 'invalid_cost', message: `the estimated cost ${formatCents(cost)} is not a valid amount` }];
    }
    const amount = action.parameters['amountCents'];
    if (action.type === 'approve_renewal' && amount !== undefined && !(typeof amount === 'number' && isCents(amount))) {
      // A charge whose amount SkyTwin could not read can never be shown to be within a limit.
      return [
        {
          verdict: 'needs_approval',
          code: 'spend_unknown',
          message: 'the amount of this renewal is unknown, so it cannot be checked against your spend limits',
        },
      ];
    }
    if (cost === 0) return [];
    const limits = spendLimitsFor(ctx.settings, action.domain);
    const findings: Finding[] = [];
    if (!isCents(limits.perActionCents) || !isCents(limits.dailyCents)) {
      findings.push({ verdict: 'needs_approval', code: 'spend_limit_invalid', message: `your spend limits for ${action.domain} are not valid amounts` });
      return findings;
    }
    if (cost > limits.perActionCents) {
      findings.push({
        verdict: 'needs_approval',
        code: 'spend_per_action',
        message: `${formatCents(cost)} is over your ${formatCents(limits.perActionCents)} per-action limit`,
      });
    }
    const spent = ctx.spentLast24hCents;
    if (!isCents(spent)) {
      findings.push({ verdict: 'needs_approval', code: 'spend_daily', message: `the spend of the last 24 hours is unknown, so ${formatCents(cost)} needs your approval` });
    } else if (spent + cost > limits.dailyCents) {
      findings.push({
        verdict: 'needs_approval',
        code: 'spend_daily',
        message: `${formatCents(cost)} would bring the last 24 hours to ${formatCents(spent + cost)}, over your ${formatCents(limits.dailyCents)} daily limit`,
      });
    }
    if (findings.length === 0) {
      findings.push({
        verdict: 'allowed',
        code: 'spend_within_limits',
        message: `${formatCents(cost)} is within your ${formatCents(limits.perActionCents)} per-action and ${formatCents(limits.dailyCents)} daily limits`,
      });
    }
    return findings;
  },
};
