import type { ActionSpec, Preference, Prediction, Situation, TwinProfile } from '../types.js';
import { confidenceOf, MAX_CONFIDENCE } from './confidence.js';
import { describePreference, subjectPhrase } from './describe.js';
import { decisionTally } from './evidence.js';
import { actionValue, preferenceKeysFor } from './keys.js';
import { preferenceIndex } from './preferenceIndex.js';

/**
 * How much an agreeing general preference can add to a specific one's confidence: general keys
 * are weaker witnesses (a habit for newsletters is a hint, not a rule, for this sender).
 */
export const CORROBORATION_WEIGHT = 0.5;

/** How sure the twin is that an action only ever turned down is not wanted. */
const REFUSED_CONFIDENCE = 0.5;

/** Where the action sits when the preference points elsewhere: the two safe fallbacks stay near neutral. */
const FALLBACK_MATCH = 0.4;

function matchOf(preference: Preference, action: ActionSpec): number {
  if (preference.value === actionValue(action)) return 1;
  if (action.type === 'do_nothing' || action.type === 'flag_for_review') return FALLBACK_MATCH;
  return 0;
}

/**
 * A general preference lends confidence only from decisions the specific one has not seen:
 * feedback usually lands on all keys of a situation, and counting the same approval twice would
 * make two approvals look like four.
 */
function independentConfidence(general: Preference, specific: Preference, now: Date): number {
  const seen = new Set(specific.evidence.map((e) => e.decisionId).filter((id): id is string => id !== null));
  const fresh = general.evidence.filter((e) => e.decisionId === null || !seen.has(e.decisionId));
  return confidenceOf(fresh, now);
}

/** What the twin holds about one situation: the same for every candidate action of a decision. */
export interface SituationView {
  /** The most specific existing preference, or null when the twin knows nothing here. */
  decisive: Preference | null;
  /** General preferences that agree with the decisive one. */
  supporterKeys: string[];
  confidence: number;
  /** The decisive preference in words (or what the twin has not been told), and the agreeing habit. */
  description: string;
  corroboration: string;
  /** The decisive preference's value was only ever turned down: that action is discouraged, the rest neutral. */
  refused?: boolean;
}

export function viewSituation(twin: TwinProfile, situation: Situation, now: Date): SituationView {
  const keys = preferenceKeysFor(situation);
  const byKey = preferenceIndex(twin.preferences).lastByKey;
  const existing: Preference[] = [];
  for (const key of keys) {
    const preference = byKey.get(key);
    if (preference !== undefined) existing.push(preference);
  }
  const decisive = existing[0];
  if (!decisive) {
    const mostSpecific = keys[0];
    const subject = mostSpecific ? subjectPhrase(mostSpecific, situation) : 'this situation';
    return { decisive: null, supporterKeys: [], confidence: 0, description: `you have not told SkyTwin yet what you want for ${subject}`, corroboration: '' };
  }

  // Only ever said no to: the twin knows what you do not want here, and no habit outvotes that.
  const tally = decisionTally(decisive);
  if (decisive.confidence <= 0 && tally.for === 0 && tally.against > 0) {
    return { decisive, supporterKeys: [], confidence: REFUSED_CONFIDENCE, description: describePreference(decisive, situation), corroboration: '', refused: true };
  }
  const supporters = existing.slice(1).filter((p) => p.value === decisive.value);
  let corroboration = 0;
  let corroborator: Preference | null = null;
  for (const s of supporters) {
    const c = independentConfidence(s, decisive, now);
    if (c > corroboration) {
      corroboration = c;
      corroborator = s;
    }
  }
  const base = clamp01(decisive.confidence);
  return {
    decisive,
    supporterKeys: supporters.map((s) => s.key),
    confidence: Math.min(MAX_CONFIDENCE, base + (1 - base) * CORROBORATION_WEIGHT * corroboration),
    description: describePreference(decisive, situation),
    corroboration: corroborator ? `, in line with your habit for ${subjectPhrase(corroborator.key, situation)}` : '',
  };
}

/** The twin's view of one candidate action, from the situation's view. */
export function predictAction(view: SituationView, action: ActionSpec): Prediction {
  const decisive = view.decisive;
  if (decisive === null) return { score: 0.5, confidence: 0, preferenceKeys: [], reason: view.description };
  const match = view.refused === true ? (decisive.value === actionValue(action) ? 0 : 0.5) : matchOf(decisive, action);
  const score = 0.5 + (match - 0.5) * view.confidence;
  const preference = match !== 1 ? ` (prefers "${decisive.value}" over "${actionValue(action)}")` : '';
  return {
    score,
    confidence: view.confidence,
    preferenceKeys: [decisive.key, ...view.supporterKeys],
    reason: `${view.description}${preference}${view.corroboration}`,
  };
}

/**
 * The twin's view of one candidate. The most specific existing preference decides (a rule for
 * this sender beats a habit for newsletters); general preferences that agree with it add some
 * confidence, ones that disagree are outranked and left out of `preferenceKeys`, so feedback on
 * this decision does not erode them.
 */
export function predict(twin: TwinProfile, situation: Situation, action: ActionSpec, now: Date): Prediction {
  return predictAction(viewSituation(twin, situation, now), action);
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}
