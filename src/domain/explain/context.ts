import { matchBlockedDomain } from '../policy/index.js';
import type {
  AutonomySettings,
  EvaluatedCandidate,
  OutcomeDecision,
  Preference,
  Situation,
  TrustTier,
} from '../types.js';
import type { ActionPhrase } from './phrases.js';
import { describeAction, describeSubject } from './phrases.js';

export interface ExplainInput {
  situation: Situation;
  candidates: EvaluatedCandidate[];
  outcome: OutcomeDecision;
  tier: TrustTier;
  settings: AutonomySettings;
  preferences: Preference[];
}

/** What every part of an explanation needs, worked out once. */
export interface ExplainContext extends ExplainInput {
  /** The selected index when it points at a candidate, else null. */
  selectedIndex: number | null;
  selected: EvaluatedCandidate | null;
  /** "the newsletter from news@acme.com" */
  subject: string;
  /** The selected action in words, or null when nothing is selected. */
  phrase: ActionPhrase | null;
  /** The blocked-domains entry that covers the counterpart, or null. */
  blockedEntry: string | null;
}

export function buildContext(input: ExplainInput): ExplainContext {
  const raw = input.outcome.selectedIndex;
  const selected = raw === null ? undefined : input.candidates[raw];
  const subject = describeSubject(input.situation);
  // Listed, not spread: a spread copies through a slow generic path on every decision.
  return {
    situation: input.situation,
    candidates: input.candidates,
    outcome: input.outcome,
    tier: input.tier,
    settings: input.settings,
    preferences: input.preferences,
    selectedIndex: selected === undefined ? null : raw,
    selected: selected ?? null,
    subject,
    phrase: selected === undefined ? null : describeAction(selected.action, subject),
    blockedEntry: matchBlockedDomain(input.situation.facts.counterpartDomain, input.settings.blockedDomains),
  };
}
