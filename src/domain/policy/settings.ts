import type { AutonomySettings, Domain, TrustTier } from '../types.js';
import { DOMAINS } from '../types.js';
import { NEW_DOMAIN_APPROVALS } from './rules/newDomainRule.js';

/** A new user: observer everywhere, so SkyTwin earns autonomy before it acts alone. */
export function defaultSettings(): AutonomySettings {
  const trustTiers = {} as Record<Domain, TrustTier>;
  for (const domain of DOMAINS) trustTiers[domain] = 'observer';
  return {
    trustTiers,
    spendLimits: { perActionCents: 2000, dailyCents: 5000 },
    quietHours: null,
    blockedDomains: [],
    domainOverrides: {},
    trustProgression: {
      enabled: true,
      maxAutoTier: 'low',
      promoteAfterApprovals: 10,
      minApprovalRate: 0.9,
      demoteAfterRejections: 2,
      demoteOnUndo: true,
      newDomainApprovals: NEW_DOMAIN_APPROVALS,
      scopeMinAnswers: 5,
      scopeMinAccuracy: 0.85,
      scopeWindowDays: 14,
      demoteAfterFailingScopes: 3,
    },
  };
}

export interface EffectiveSpendLimits {
  perActionCents: number;
  dailyCents: number;
}

/** Per-domain overrides replace the global limits field by field. */
export function spendLimitsFor(settings: AutonomySettings, domain: Domain): EffectiveSpendLimits {
  const override = settings.domainOverrides[domain];
  return {
    perActionCents: override?.perActionCents ?? settings.spendLimits.perActionCents,
    dailyCents: override?.dailyCents ?? settings.spendLimits.dailyCents,
  };
}
