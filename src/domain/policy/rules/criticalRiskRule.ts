import type { RiskDimensionName } from '../../types.js';
import { RISK_DIMENSIONS } from '../../types.js';
import { isInert } from '../actions.js';
import type { Finding, PolicyRule } from '../rule.js';

/** Critical risk always asks, even at high autonomy. */
export const criticalRiskRule: PolicyRule = {
  name: 'critical-risk',
  check({ candidate }): Finding[] {
    const { action, risk } = candidate;
    if (isInert(action.type) || risk.overall !== 'critical') return [];
    const critical: RiskDimensionName[] = RISK_DIMENSIONS.filter((name) => risk.dimensions[name]?.level === 'critical');
    const detail = critical.map((name) => `${name}: ${risk.dimensions[name]?.reason ?? ''}`).join('; ');
    return [
      {
        verdict: 'needs_approval',
        code: 'critical_risk',
        message: `critical risk always needs your approval${detail === '' ? '' : ` (${detail})`}`,
      },
    ];
  },
};
