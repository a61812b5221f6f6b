import { describeActionType, isInert, isIrreversible } from '../actions.js';
import type { Finding, PolicyRule } from '../rule.js';

/**
 * Safety invariant 5, checked on its own so it holds even if the tier table is ever loosened:
 * what cannot be undone asks below high, and at high only runs where the user allowed it.
 */
export const irreversibleRule: PolicyRule = {
  name: 'irreversible',
  check({ candidate, tier, ctx }): Finding[] {
    const { action } = candidate;
    if (isInert(action.type) || !isIrreversible(action.reversibility)) return [];
    const unknown = action.reversibility === 'unknown' ? ' (unknown reversibility counts as irreversible)' : '';
    if (tier !== 'high') {
      return [
        {
          verdict: 'needs_approval',
          code: 'irreversible',
          message: `this can't be undone${unknown}, so it needs your approval below high autonomy`,
        },
      ];
    }
    const allowed = ctx.settings.domainOverrides[action.domain]?.allowIrreversible ?? [];
    if (allowed.includes(action.type)) return [];
    return [
      {
        verdict: 'needs_approval',
        code: 'irreversible',
        message: `this can't be undone${unknown}, and you haven't allowed ${describeActionType(action.type)} to run alone in ${action.domain}`,
      },
    ];
  },
};
