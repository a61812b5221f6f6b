import { TRUST_TIERS } from '../types.js';
import type { Domain, TrustProgress, TrustProgressionSettings, TrustTier } from '../types.js';
import { RECENT_LIMIT } from './trust.js';

/** How far a domain is from its next tier, in numbers and one sentence. */
export interface TrustOutlook {
  domain: Domain;
  tier: TrustTier;
  ceiling: TrustTier;
  progressionEnabled: boolean;
  nextTier: TrustTier | null;
  approvals: number;
  rejections: number;
  undos: number;
  streak: number;
  streakNeeded: number;
  approvalsToNext: number | null;
  approvalRate: number | null;
  minApprovalRate: number;
  progress: number;
  sentence: string;
}

const rank = (tier: TrustTier) => TRUST_TIERS.indexOf(tier);
const percent = (rate: number) => `${Math.round(rate * 100)}%`;

/**
 * The reading of progressTrust (trust.ts) forward: promotion comes with the approval that makes the
 * streak reach `promoteAfterApprovals` while the recent approval rate is at least `minApprovalRate`,
 * never above the ceiling (`maxAutoTier`) and only with progression enabled.
 */
export function trustOutlook(domain: Domain, tier: TrustTier, progress: TrustProgress, settings: TrustProgressionSettings): TrustOutlook {
  const ceiling = settings.maxAutoTier;
  const up = TRUST_TIERS[rank(tier) + 1] ?? null;
  const nextTier = settings.enabled && up !== null && rank(up) <= rank(ceiling) ? up : null;
  const streakNeeded = Math.max(1, settings.promoteAfterApprovals);
  const approved = progress.recent.filter(Boolean).length;
  const approvalRate = progress.recent.length === 0 ? null : approved / progress.recent.length;
  const approvalsToNext = nextTier === null ? null : Math.max(0, streakNeeded - progress.streak);
  const base = {
    domain,
    tier,
    ceiling,
    progressionEnabled: settings.enabled,
    nextTier,
    approvals: progress.approvals,
    rejections: progress.rejections,
    undos: progress.undos,
    streak: progress.streak,
    streakNeeded,
    approvalsToNext,
    approvalRate,
    minApprovalRate: settings.minApprovalRate,
  };
  if (nextTier === null) return { ...base, progress: settings.enabled ? 1 : 0, sentence: heldSentence(domain, tier, ceiling, settings.enabled, up) };
  const progressShare = Math.min(1, progress.streak / streakNeeded);
  // The next approval counts towards the rate too, so project it in.
  const rateAfterNext = (approved + 1) / Math.min(progress.recent.length + 1, RECENT_LIMIT);
  const rateShort = rateAfterNext < settings.minApprovalRate;
  const rateNote = rateShort
    ? ` and at least ${percent(settings.minApprovalRate)} of recent answers approved (now ${percent(approvalRate ?? 0)})`
    : '';
  const remaining = Math.max(1, approvalsToNext ?? 1);
  const sentence = `${remaining} more approval${remaining === 1 ? '' : 's'} in a row without a rejection or undo${rateNote} to reach ${nextTier} in ${domain}.`;
  return { ...base, progress: progressShare, sentence };
}

function heldSentence(domain: Domain, tier: TrustTier, ceiling: TrustTier, enabled: boolean, up: TrustTier | null): string {
  if (up === null) return `At ${tier} in ${domain}, the top tier.`;
  if (!enabled) return `Stays at ${tier} in ${domain}: automatic promotion is off in settings.`;
  if (rank(tier) > rank(ceiling)) return `At ${tier} in ${domain}, set by you; SkyTwin promotes itself only up to ${ceiling}.`;
  return `${capitalized(domain)} is at ${tier}, as high as you let SkyTwin promote itself; raise that limit in Settings to let it earn more.`;
}

function capitalized(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
