import { approvalExpiresAt } from '../outcome/index.js';
import type { OutcomeDecision, Situation } from '../types.js';

/**
 * A mail that only a language model could name may get a better proposal (archive rather than
 * "flag for review"), but never runs alone on the model's word: what would have run waits for the
 * user's approval instead. Mail is data an attacker writes; a model that obeys it gains nothing
 * here that the user does not see first.
 */
export function askFirstWhenModelRead(chosen: OutcomeDecision, byModel: boolean, situation: Situation, now: Date): OutcomeDecision {
  if (!byModel || chosen.outcome !== 'auto_execute') return chosen;
  return {
    ...chosen,
    outcome: 'needs_approval',
    reasons: [{ code: 'model_interpreted', message: "a language model, not SkyTwin's rules, read this mail, so SkyTwin asks before acting on that reading" }],
    approvalExpiresAt: approvalExpiresAt(situation.urgency, now),
    notBefore: null,
  };
}
