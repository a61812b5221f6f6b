// The twin: an inspectable, versioned model of one user's preferences and of how far each domain
// has earned trust, learned from feedback. Pure: time comes in as `now`.
export { emptyTwin, zeroTrustProgress } from './profile.js';
export {
  actionValue,
  isValidPreferenceKey,
  parsePreferenceKey,
  preferenceKeysFor,
  MAX_PREFERENCE_KEY_LENGTH,
  WEBMAIL_DOMAINS,
} from './keys.js';
export type { PreferenceKeyParts } from './keys.js';
export { confidenceOf, decayFactor, HALF_LIFE_DAYS, MAX_CONFIDENCE } from './confidence.js';
export { predict, predictAction, viewSituation } from './predict.js';
export { findPreference, preferencesWithKeys } from './preferenceIndex.js';
export type { SituationView } from './predict.js';
export { applyFeedback, FEEDBACK_WEIGHTS } from './feedback.js';
export { demoteForScopes, failingScopes, progressTrust, REJECTION_WINDOW, RECENT_LIMIT } from './trust.js';
export { emptyLedger, hasEarned, scopeKeysFor, scopeSettings, SCOPE_DEFAULTS, wilsonLowerBound } from './scope.js';
export type { ScopeSettings } from './scope.js';
export { scopeGate, scopeStanding } from './scopeStanding.js';
export type { ScopeStanding } from './scopeStanding.js';
export { isSeenByOthers } from './scopeFeedback.js';
export { scopeEntries } from './ledgerEntries.js';
export type { ScopeEntry } from './ledgerEntries.js';
export type { TrustStep } from './trust.js';
export { setExplicitPreference, removePreference, RESTATE_WEIGHT } from './explicit.js';
export { describePreference } from './describe.js';
export { trustOutlook } from './outlook.js';
export type { TrustOutlook } from './outlook.js';
export { diffPreferences, evidenceLines, preferenceOrigin, preferenceScope, preferenceSummary, shortDay, valueWords } from './readable.js';
export type { EvidenceLine, PreferenceDiff } from './readable.js';
