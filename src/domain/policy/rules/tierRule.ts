import type { TrustTier } from '../../types.js';
import { describeActionType, describeReversibility, isInert } from '../actions.js';
import type { Finding, PolicyRule } from '../rule.js';
import { actionValue } from '../../twin/keys.js';
import { tierAllows } from '../tiers.js';

const TIER_SCOPE: Record<TrustTier, string> = {
  observer: 'nothing',
  suggest: 'nothing',
  low: 'only reversible actions of at most low risk',
  moderate: 'only reversible or partly reversible actions of at most moderate risk',
  high: 'everything but critical risk, and irreversible actions only where you allowed them',
};

/** The trust-tier table of DESIGN.md, per domain. */
export const tierRule: PolicyRule = {
  name: 'tier',
  check({ candidate, tier, ctx }): Finding[] {
    const { action, risk } = candidate;
    if (!(tier in TIER_SCOPE)) throw new Error(`unknown trust tier: ${String(tier)}`);
    if (tier === 'observer') {
      return [
        {
          verdict: 'needs_approval',
          code: 'tier_observer',
          message: `${action.domain} is at observer autonomy, so SkyTwin only records what it would have done`,
        },
      ];
    }
    if (isInert(action.type)) {
      return [{ verdict: 'allowed', code: 'inert', message: `${describeActionType(action.type)} changes nothing, so it is always allowed` }];
    }
    if (tier === 'suggest') {
      return [{ verdict: 'needs_approval', code: 'tier_suggest', message: `${action.domain} is at suggest autonomy, where every action waits for your approval` }];
    }
    const allowIrreversible = ctx.settings.domainOverrides[action.domain]?.allowIrreversible ?? [];
    const irreversibleAllowed = allowIrreversible.includes(action.type);
    const where = `${tier} autonomy in ${action.domain}`;
    if (tierAllows(tier, action.reversibility, risk.overall, irreversibleAllowed)) {
      const allows = `${describeReversibility(action.reversibility)}, ${risk.overall} risk, allowed at ${where}`;
      // Inside the tier the user set, a scope runs alone only where it earned it or the user asked for this action.
      const scope = ctx.scope;
      if (!scope) return [{ verdict: 'allowed', code: 'tier_allows', message: allows }];
      const stated = scope.explicit !== null && scope.explicit.value === actionValue(action) ? scope.explicit : null;
      const gate = stated ?? scope;
      if (gate.runs) return [{ verdict: 'allowed', code: 'tier_allows', message: `${allows}; ${gate.message}` }];
      return [{ verdict: 'needs_approval', code: gate.code, message: `${where} would allow this, but ${gate.message}` }];
    }
    return [
      {
        verdict: 'needs_approval',
        code: 'tier_insufficient',
        message: `${where} runs ${TIER_SCOPE[tier]} on its own, and this one is ${describeReversibility(action.reversibility)} with ${risk.overall} risk`,
      },
    ];
  },
};
