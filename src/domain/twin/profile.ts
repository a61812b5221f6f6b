import { DOMAINS } from '../types.js';
import type { Domain, Preference, TrustProgress, TwinProfile } from '../types.js';

export function zeroTrustProgress(): TrustProgress {
  return { approvals: 0, rejections: 0, undos: 0, streak: 0, recent: [] };
}

/** A new user's twin: knows nothing, has seen no feedback in any domain. */
export function emptyTwin(userId: string): TwinProfile {
  const trust = {} as Record<Domain, TrustProgress>;
  for (const d of DOMAINS) trust[d] = zeroTrustProgress();
  return { userId, version: 0, preferences: [], trust };
}

/**
 * The next version of a twin with some preferences replaced or added (in `updates` order after the
 * existing ones). Untouched preference objects are shared, not copied: twins are treated as immutable.
 */
export function withPreferences(twin: TwinProfile, updates: Preference[], trust = twin.trust, scopes = twin.scopes): TwinProfile {
  const byKey = new Map(updates.map((p) => [p.key, p]));
  const preferences = twin.preferences.map((p) => byKey.get(p.key) ?? p);
  const known = new Set(twin.preferences.map((p) => p.key));
  for (const p of updates) if (!known.has(p.key)) preferences.push(p);
  return { userId: twin.userId, version: twin.version + 1, preferences, trust, ...(scopes ? { scopes } : {}) };
}
