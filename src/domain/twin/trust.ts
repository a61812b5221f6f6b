import { TRUST_TIERS } from '../types.js';
import type { Domain, FeedbackKind, TrustProgress, TrustProgressionSettings, TrustTier } from '../types.js';

/** How far back rejections count towards a demotion. */
export const REJECTION_WINDOW = 10;
/** How many outcomes `TrustProgress.recent` keeps. */
export const RECENT_LIMIT = 20;

export interface TrustStep {
  tier: TrustTier;
  /** Why the tier changed; null when it did not. */
  reason: string | null;
  /** The progress after the step: streak reset on promotion, window cleared on demotion. */
  progress: TrustProgress;
}

const POSITIVE: ReadonlySet<FeedbackKind> = new Set(['approve', 'confirm', 'edit']);
// 'correct' counts here as a mistake of the twin; applyFeedback passes 'edit' instead when the
// correction only changed parameters.
const NEGATIVE: ReadonlySet<FeedbackKind> = new Set(['reject', 'undo', 'correct']);

function tierIndex(tier: TrustTier): number {
  return TRUST_TIERS.indexOf(tier);
}

function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * One step of trust progression after one piece of feedback (its counters already updated).
 *
 * Promotion (only when `settings.enabled`): one tier up after `promoteAfterApprovals` approvals in
 * a row with at least `minApprovalRate` approved over `recent`, never above `maxAutoTier`; the streak
 * then restarts so every further step needs a new run of approvals.
 *
 * Demotion (its own switches, also when promotion is disabled, because it is a safety brake): one
 * tier down when the last 10 outcomes hold `demoteAfterRejections` or more rejections/undos (a value
 * below 1 turns this off), or on an undo of an action that ran without asking when `demoteOnUndo`.
 * Undoing an action the user approved themselves does not demote: the autonomy did not misjudge,
 * the user changed their mind (the twin still learns from it). The window is cleared after a
 * demotion so the same rejections do not demote twice. Never below observer.
 */
export function progressTrust(
  progress: TrustProgress,
  tier: TrustTier,
  settings: TrustProgressionSettings,
  feedback: FeedbackKind,
  wasAutomatic: boolean,
  domain?: Domain,
): TrustStep {
  const where = domain ? `${domain} ` : '';
  const unchanged: TrustStep = { tier, reason: null, progress };
  const index = tierIndex(tier);

  if (NEGATIVE.has(feedback)) {
    if (index <= 0) return unchanged;
    const down = TRUST_TIERS[index - 1] ?? tier;
    const window = progress.recent.slice(-REJECTION_WINDOW);
    const rejections = window.filter((ok) => !ok).length;
    const threshold = settings.demoteAfterRejections;
    let why: string | null = null;
    if (feedback === 'undo' && wasAutomatic && settings.demoteOnUndo) {
      why = 'you undid an action it had taken without asking';
    } else if (threshold >= 1 && rejections >= threshold) {
      why = `${plural(rejections, 'rejection')} among the last ${window.length} decisions`;
    }
    if (why === null) return unchanged;
    return {
      tier: down,
      reason: `demoted ${where}to ${down}: ${why}`,
      progress: { ...progress, streak: 0, recent: [] },
    };
  }

  if (!POSITIVE.has(feedback) || !settings.enabled) return unchanged;
  const up = TRUST_TIERS[index + 1];
  if (up === undefined || tierIndex(up) > tierIndex(settings.maxAutoTier)) return unchanged;
  const needed = Math.max(1, settings.promoteAfterApprovals);
  if (progress.streak < needed) return unchanged;
  const approved = progress.recent.filter(Boolean).length;
  const rate = progress.recent.length === 0 ? 0 : approved / progress.recent.length;
  if (rate < settings.minApprovalRate) return unchanged;
  return {
    tier: up,
    reason: `promoted ${where}to ${up} after ${plural(progress.streak, 'approval')} in a row (${percent(rate)} approved)`,
    progress: { ...progress, streak: 0 },
  };
}
