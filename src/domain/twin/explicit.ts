import type { Domain, Evidence, FeedbackResult, Preference, TwinProfile } from '../types.js';
import { confidenceOf } from './confidence.js';
import { MAX_EVIDENCE } from './evidence.js';
import { MAX_PREFERENCE_KEY_LENGTH, parsePreferenceKey } from './keys.js';
import { withPreferences } from './profile.js';

/** A stated rule outweighs three approvals. */
export const RESTATE_WEIGHT = 3;

function isValidValue(value: string): boolean {
  if (value.length === 0 || value.length > MAX_PREFERENCE_KEY_LENGTH || value.trim() !== value) return false;
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) return false;
  }
  return true;
}

function formatConfidence(c: number): string {
  return c.toFixed(2);
}

/**
 * The user states a preference: it is created or replaced as 'explicit'. When the value stays the
 * same the learned history is kept (the statement confirms it); when it changes, the old history
 * is dropped, because it would otherwise argue against what the user just said.
 * Throws RangeError on a malformed key, a key outside `domain`, or an empty value: callers validate
 * input first (isValidPreferenceKey) and answer 400.
 */
export function setExplicitPreference(
  twin: TwinProfile,
  key: string,
  domain: Domain,
  value: string,
  now: Date,
  decisionId: string | null = null,
): FeedbackResult {
  const parts = parsePreferenceKey(key);
  if (!parts) throw new RangeError(`invalid preference key "${key}": expected <domain>.<kind>[:<subject>]`);
  if (parts.domain !== domain) throw new RangeError(`preference key "${key}" is not in the ${domain} domain`);
  if (!isValidValue(value)) throw new RangeError(`invalid preference value "${value}"`);

  const at = now.toISOString();
  const statement: Evidence = {
    kind: 'restate',
    weight: RESTATE_WEIGHT,
    decisionId,
    at,
    note: `you said: "${value}"`,
    about: { value, weight: RESTATE_WEIGHT },
  };
  const previous = twin.preferences.find((p) => p.key === key);
  const kept = previous && previous.value === value ? previous.evidence : [];
  const evidence = [...kept, statement].slice(-MAX_EVIDENCE);
  const confidence = confidenceOf(evidence, now);
  const preference: Preference = { key, domain, value, confidence, source: 'explicit', evidence, updatedAt: at };

  let change: string;
  if (!previous) change = `${key}: set to "${value}" by you (confidence ${formatConfidence(confidence)})`;
  else if (previous.value === value) {
    change = `${key}: "${value}" confirmed by you (confidence ${formatConfidence(previous.confidence)} → ${formatConfidence(confidence)})`;
  } else {
    change = `${key}: set to "${value}" by you, replacing "${previous.value}" (${previous.source}, confidence ${formatConfidence(previous.confidence)})`;
  }
  return { twin: withPreferences(twin, [preference]), changes: [change], tierChange: null };
}

/** Forgets one preference. Removing a missing key is not an error: the answer says nothing was there. */
export function removePreference(twin: TwinProfile, key: string, now: Date): FeedbackResult {
  void now; // nothing dated is recorded on removal; `now` keeps the signature in line with the other changes
  const previous = twin.preferences.find((p) => p.key === key);
  const next: TwinProfile = {
    userId: twin.userId,
    version: twin.version + 1,
    preferences: twin.preferences.filter((p) => p.key !== key),
    trust: twin.trust,
    ...(twin.scopes ? { scopes: twin.scopes } : {}),
  };
  const change = previous
    ? `${key}: removed (was "${previous.value}", ${previous.source}, confidence ${formatConfidence(previous.confidence)})`
    : `${key}: nothing to remove, no such preference`;
  return { twin: next, changes: [change], tierChange: null };
}
