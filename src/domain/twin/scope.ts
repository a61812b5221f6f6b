import type { Domain, ScopeLedger, ScopeRecord, Situation, TrustProgressionSettings } from '../types.js';
import { WEBMAIL_DOMAINS } from './keys.js';

/** Answer counts are scaled down together past this total, so a scope's record follows its recent past. */
export const SCOPE_COUNT_CAP = 100;
/** Misses kept per scope (only recent ones matter). */
export const SCOPE_MISSES_KEPT = 8;
/** Scopes kept per twin; the least recently answered go first. */
export const MAX_SCOPES = 2000;
/** z for a two-sided 95 % interval: the lower bound is what the accuracy is at least, 97.5 % of the time. */
export const WILSON_Z = 1.96;

export const SCOPE_DEFAULTS = {
  scopeMinAnswers: 5,
  scopeMinAccuracy: 0.85,
  scopeWindowDays: 14,
  demoteAfterFailingScopes: 3,
} as const;

/** The scope settings in force, malformed or missing values replaced by the defaults (fail towards asking). */
export interface ScopeSettings {
  minAnswers: number;
  minAccuracy: number;
  windowDays: number;
  /** Undos of actions run alone, within the window, that make one scope count as gone wrong. */
  missesToFail: number;
  /** Scopes going wrong within the window that demote the domain; 0 never. */
  failingScopes: number;
  /** Whether an undo of an action others had seen holds its scope at asking. */
  holdOnVisibleUndo: boolean;
}

function intIn(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : fallback;
}

export function scopeSettings(progression: TrustProgressionSettings): ScopeSettings {
  const accuracy = progression.scopeMinAccuracy;
  return {
    minAnswers: intIn(progression.scopeMinAnswers, 1, 1000, SCOPE_DEFAULTS.scopeMinAnswers),
    minAccuracy: typeof accuracy === 'number' && accuracy >= 0 && accuracy <= 1 ? accuracy : SCOPE_DEFAULTS.scopeMinAccuracy,
    windowDays: intIn(progression.scopeWindowDays, 1, 365, SCOPE_DEFAULTS.scopeWindowDays),
    missesToFail: intIn(progression.demoteAfterRejections, 1, 20, 2),
    failingScopes: intIn(progression.demoteAfterFailingScopes, 0, 100, SCOPE_DEFAULTS.demoteAfterFailingScopes),
    holdOnVisibleUndo: progression.demoteOnUndo !== false,
  };
}

/**
 * The scopes one situation belongs to, most specific first: its sender (or organizer), the sender's
 * domain (email, not webmail), then the (domain, situation kind) itself, which is always last.
 */
export function scopeKeysFor(situation: Situation): string[] {
  const base = `${situation.domain}/${situation.kind}`;
  const keys: string[] = [];
  const counterpart = situation.facts.counterpart?.trim().toLowerCase();
  const counterpartDomain = situation.facts.counterpartDomain?.trim().toLowerCase();
  if (counterpart && !/\s/.test(counterpart)) keys.push(`${base}/sender:${counterpart}`);
  if (situation.domain === 'email' && counterpartDomain && !/\s/.test(counterpartDomain) && !WEBMAIL_DOMAINS.has(counterpartDomain)) {
    keys.push(`${base}/domain:${counterpartDomain}`);
  }
  keys.push(base);
  return keys;
}

/** The domain a scope key belongs to. */
export function scopeDomain(key: string): Domain {
  return key.slice(0, key.indexOf('/')) as Domain;
}

/**
 * The Wilson score interval's lower bound for `agree` successes in `n` answers: a conservative
 * accuracy that a short lucky run cannot fake (5 of 5 gives 0.57, 22 of 22 gives 0.85).
 */
export function wilsonLowerBound(agree: number, n: number, z = WILSON_Z): number {
  if (!(n > 0) || !Number.isFinite(agree) || !Number.isFinite(n)) return 0;
  const p = Math.min(1, Math.max(0, agree / n));
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const margin = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return Math.max(0, (centre - margin) / (1 + z2 / n));
}

export function answersOf(record: ScopeRecord): number {
  return record.agree + record.disagree;
}

/** Has the scope earned autonomy on its own record? */
export function hasEarned(record: ScopeRecord | undefined, settings: ScopeSettings): boolean {
  if (!record) return false;
  const n = answersOf(record);
  return n >= settings.minAnswers && wilsonLowerBound(record.agree, n) >= settings.minAccuracy;
}

export function emptyLedger(): ScopeLedger {
  return { scopes: {}, demotedAt: {} };
}

function emptyRecord(at: string): ScopeRecord {
  return { agree: 0, disagree: 0, misses: [], hold: null, updatedAt: at };
}

/** One answer scored against the twin's prediction. */
export interface ScoredAnswer {
  agrees: boolean;
  /** For a disagreement: how the user said no; 'cancel' is a queued action stopped before it ran. */
  kind: 'reject' | 'correct' | 'undo' | 'cancel' | null;
  /** An undo of an action other people had seen (a sent mail, an answered invitation). */
  severe: boolean;
  /** An undo of an action SkyTwin had run alone: a failure of autonomy, not a lesson while asking. */
  auto?: boolean;
}

function capped(agree: number, disagree: number): { agree: number; disagree: number } {
  const total = agree + disagree;
  if (total <= SCOPE_COUNT_CAP) return { agree, disagree };
  const f = SCOPE_COUNT_CAP / total;
  return { agree: agree * f, disagree: disagree * f };
}

/**
 * The ledger after one answer in the situation's scopes. An agreement counts at every level. A
 * disagreement counts from the most specific scope up to the one whose knowledge the prediction
 * relied on (`reliedOn`, an index into `keys`): a sender the twin knew on its own being undone says
 * nothing about newsletters in general, while a wrong guess from the habit for newsletters does.
 * Misses (and a hold after a severe undo) are kept on the most specific scope only.
 */
export function scoreAnswer(
  ledger: ScopeLedger,
  keys: readonly string[],
  answer: ScoredAnswer,
  settings: ScopeSettings,
  now: Date,
  reliedOn = keys.length - 1,
): ScopeLedger {
  const at = now.toISOString();
  const scopes: Record<string, ScopeRecord> = { ...ledger.scopes };
  keys.forEach((key, i) => {
    if (!answer.agrees && i > reliedOn) return;
    const before = scopes[key] ?? emptyRecord(at);
    const counts = capped(before.agree + (answer.agrees ? 1 : 0), before.disagree + (answer.agrees ? 0 : 1));
    let misses = before.misses;
    let hold = before.hold;
    let agreedSinceMiss = before.agreedSinceMiss ?? 0;
    if (i === 0) {
      agreedSinceMiss = answer.agrees ? agreedSinceMiss + 1 : 0;
      if (answer.agrees) {
        if (hold) hold = hold.agreedSince + 1 >= settings.minAnswers ? null : { ...hold, agreedSince: hold.agreedSince + 1 };
      } else {
        misses = [...misses, { at, kind: answer.kind ?? 'reject', severe: answer.severe, auto: answer.auto === true }].slice(-SCOPE_MISSES_KEPT);
        if (answer.severe && settings.holdOnVisibleUndo) hold = { since: at, agreedSince: 0 };
        else if (hold) hold = { ...hold, agreedSince: 0 };
      }
    }
    scopes[key] = { ...counts, misses, hold, ...(i === 0 && misses.length > 0 ? { agreedSinceMiss } : {}), updatedAt: at };
  });
  return { scopes: pruned(scopes), demotedAt: ledger.demotedAt };
}

function pruned(scopes: Record<string, ScopeRecord>): Record<string, ScopeRecord> {
  const keys = Object.keys(scopes);
  if (keys.length <= MAX_SCOPES) return scopes;
  const keep = keys.sort((a, b) => (scopes[b]?.updatedAt ?? '').localeCompare(scopes[a]?.updatedAt ?? '')).slice(0, MAX_SCOPES);
  return Object.fromEntries(keep.map((k) => [k, scopes[k] as ScopeRecord]));
}

/** The start of the window ending at `now`, as an ISO string (ISO strings in UTC sort as instants). */
export function windowStart(now: Date, settings: ScopeSettings): string {
  return new Date(now.getTime() - settings.windowDays * 86_400_000).toISOString();
}

/** Misses of a scope within the window (and after `after`, when given), cancellations included unless asked. */
export function recentMisses(record: ScopeRecord, since: string, withCancels = true): ScopeRecord['misses'] {
  return record.misses.filter((m) => m.at >= since && (withCancels || m.kind !== 'cancel'));
}

/**
 * Which of the situation's scopes the prediction relied on, from its decisive preference key
 * (the first of `preferenceKeys`): a sender key → the sender's scope, a domain key → the sender's
 * domain, a situation key or none → the (domain, kind) scope.
 */
export function reliedOnIndex(keys: readonly string[], preferenceKeys: readonly string[]): number {
  const last = keys.length - 1;
  const decisive = preferenceKeys[0];
  if (decisive === undefined) return last;
  const colon = decisive.indexOf(':');
  const head = colon === -1 ? decisive : decisive.slice(0, colon);
  const subject = colon === -1 ? '' : decisive.slice(colon + 1).toLowerCase();
  const kind = head.slice(head.indexOf('.') + 1);
  const wanted = kind === 'sender' || kind === 'organizer' ? `/sender:${subject}` : kind === 'domain' ? `/domain:${subject}` : null;
  if (wanted === null) return last;
  const index = keys.findIndex((k) => k.endsWith(wanted));
  return index === -1 ? last : index;
}
