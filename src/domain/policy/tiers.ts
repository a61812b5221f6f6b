import type { ActionType, Candidate, Reversibility, RiskLevel, TrustTier } from '../types.js';
import { RISK_LEVELS, TRUST_TIERS } from '../types.js';
import { isInert, isIrreversible } from './actions.js';
import { neverListReason } from './neverList.js';

export function tierRank(tier: TrustTier): number {
  const rank = TRUST_TIERS.indexOf(tier);
  if (rank < 0) throw new Error(`unknown trust tier: ${String(tier)}`);
  return rank;
}

export function riskRank(level: RiskLevel): number {
  const rank = RISK_LEVELS.indexOf(level);
  if (rank < 0) throw new Error(`unknown risk level: ${String(level)}`);
  return rank;
}

/**
 * The "Trust tiers" table of DESIGN.md: may an action of this reversibility and overall risk run
 * without asking at this tier? `irreversibleAllowed` says whether the user allowed this
 * irreversible action type to run alone (only ever honoured at high).
 */
export function tierAllows(
  tier: TrustTier,
  reversibility: Reversibility,
  overall: RiskLevel,
  irreversibleAllowed = false,
): boolean {
  const risk = riskRank(overall);
  switch (tier) {
    case 'observer':
    case 'suggest':
      return false;
    case 'low':
      return reversibility === 'full' && risk <= riskRank('low');
    case 'moderate':
      return (reversibility === 'full' || reversibility === 'partial') && risk <= riskRank('moderate');
    case 'high':
      return risk < riskRank('critical') && (!isIrreversible(reversibility) || irreversibleAllowed);
    default:
      throw new Error(`unknown trust tier: ${String(tier)}`);
  }
}

/** One step more autonomy, or null at the top. */
export function nextTierUp(tier: TrustTier): TrustTier | null {
  return TRUST_TIERS[tierRank(tier) + 1] ?? null;
}

/** One step less autonomy, or null at the bottom. */
export function nextTierDown(tier: TrustTier): TrustTier | null {
  const rank = tierRank(tier);
  return rank === 0 ? null : (TRUST_TIERS[rank - 1] ?? null);
}

const ACTING_TIERS: readonly TrustTier[] = ['low', 'moderate', 'high'];

/**
 * The lowest tier at which the candidate would run on its own as far as tier, never-list,
 * critical risk and the send-mail rule go (spend, quiet hours, blocked domains and the new-domain
 * ramp are left out); null when no tier ever lets it run alone.
 */
export function lowestTierAllowing(
  candidate: Candidate,
  allowIrreversible: readonly ActionType[] = [],
): TrustTier | null {
  const { action, risk } = candidate;
  if (isInert(action.type)) return 'low';
  if (neverListReason(action) !== null) return null;
  if (risk.overall === 'critical') return null;
  const allowed = allowIrreversible.includes(action.type);
  if (action.type === 'send_email') return allowed ? 'high' : null;
  for (const tier of ACTING_TIERS) {
    if (tierAllows(tier, action.reversibility, risk.overall, allowed)) return tier;
  }
  return null;
}
