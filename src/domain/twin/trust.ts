import { TRUST_TIERS } from '../types.js';
import type { Domain, FeedbackKind, ScopeLedger, ScopeRecord, TrustProgress, TrustProgressionSettings, TrustTier } from '../types.js';
import { shortDay } from './readable.js';
import { scopeDomain, windowStart, type ScopeSettings } from './scope.js';
import { scopePhrase } from './scopeWords.js';

/** Kept for readers of the old demotion window; the domain now demotes on failing scopes. */
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
 * A rejection, correction or undo never moves the domain's tier by itself: it lowers trust in the
 * scope it concerns (see scope.ts), and the domain steps down only when several scopes go wrong
 * (demoteForScopes). It still resets the run of approvals.
 */
export function progressTrust(
  progress: TrustProgress,
  tier: TrustTier,
  settings: TrustProgressionSettings,
  feedback: FeedbackKind,
  wasAutomatic: boolean,
  domain?: Domain,
): TrustStep {
  void wasAutomatic; // kept for callers; automatic undos weigh on their scope, not on the domain
  const where = domain ? `${domain} ` : '';
  const unchanged: TrustStep = { tier, reason: null, progress };
  const index = tierIndex(tier);

  if (NEGATIVE.has(feedback)) return unchanged;

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

/** The scopes of a domain going wrong within the window: each a key and its latest miss. */
export function failingScopes(ledger: ScopeLedger, domain: Domain, settings: ScopeSettings, now: Date): { key: string; miss: ScopeRecord['misses'][number] }[] {
  const demoted = ledger.demotedAt[domain] ?? '';
  const since = windowStart(now, settings);
  const from = demoted > since ? demoted : since;
  const out: { key: string; miss: ScopeRecord['misses'][number] }[] = [];
  for (const [key, record] of Object.entries(ledger.scopes)) {
    if (scopeDomain(key) !== domain) continue;
    // Only undoing what ran alone is a failure of autonomy: a rejection or correction while SkyTwin
    // asked is the user teaching it, and cancelling before anything ran is a correction.
    const misses = record.misses.filter((m) => m.at > from && m.kind === 'undo' && m.auto === true);
    const last = misses.at(-1);
    if (last && (misses.length >= settings.missesToFail || misses.some((m) => m.severe))) out.push({ key, miss: last });
  }
  return out.sort((a, b) => a.miss.at.localeCompare(b.miss.at) || a.key.localeCompare(b.key));
}

/**
 * One tier down for the domain when `failingScopes` or more of its scopes went wrong within the
 * window: a scope goes wrong with `missesToFail` undos of actions it ran alone, or one such undo of
 * something others had seen. Rejections and corrections while it asked do not count. The
 * ledger remembers the demotion so the same misses do not demote twice. Never below observer.
 */
export function demoteForScopes(
  ledger: ScopeLedger,
  domain: Domain,
  tier: TrustTier,
  settings: ScopeSettings,
  now: Date,
): { tier: TrustTier; reason: string | null; ledger: ScopeLedger } {
  const index = tierIndex(tier);
  if (settings.failingScopes < 1 || index <= 0) return { tier, reason: null, ledger };
  const failing = failingScopes(ledger, domain, settings, now);
  if (failing.length < settings.failingScopes) return { tier, reason: null, ledger };
  const down = TRUST_TIERS[index - 1] ?? tier;
  const first = failing[0]?.miss.at ?? now.toISOString();
  const names = failing.map((f) => scopePhrase(f.key)).join('; ');
  return {
    tier: down,
    reason: `demoted ${domain} to ${down}: ${plural(failing.length, 'scope')} went wrong since ${shortDay(first)} (${names})`,
    ledger: { scopes: ledger.scopes, demotedAt: { ...ledger.demotedAt, [domain]: now.toISOString() } },
  };
}
