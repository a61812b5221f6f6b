import { similarMailPhrase } from '../explain/index.js';
import { actionValue, MAX_CONFIDENCE, parsePreferenceKey } from '../twin/index.js';
import type { SituationView } from '../twin/index.js';
import type { ActionSpec, EmailSignal, Prediction, Signal, Situation } from '../types.js';
import { mailFeatures } from './features.js';
import { isTextModelKind } from './kinds.js';
import type { TextModel } from './model.js';
import { predictText, type TextPrediction } from './predict.js';

/** How far the text model's confidence carries into the twin's: similarity is a hint, not an answer. */
export const TEXT_WEIGHT = 0.9;
/** The most confidence the text model alone can give: less than a habit learned for the sender itself. */
export const MAX_TEXT_CONFIDENCE = 0.8;

/** True when the twin has a preference for this very sender (or organizer): then it decides alone. */
function knowsCounterpart(view: SituationView): boolean {
  const kind = view.decisive === null ? null : parsePreferenceKey(view.decisive.key)?.kind;
  return kind === 'sender' || kind === 'organizer';
}

/**
 * The text model's advice for one decision, or null: only for bulk mail (the kinds it learns
 * from), only when the twin has no preference for the sender itself, only among the decision's
 * candidate actions.
 */
export function textAdvice(model: TextModel | null | undefined, signal: Signal, situation: Situation, view: SituationView, actions: readonly ActionSpec[]): TextPrediction | null {
  if (!model || model.classes.size === 0 || signal.source !== 'gmail' || !isTextModelKind(situation.kind) || knowsCounterpart(view)) return null;
  const email: EmailSignal = signal;
  return predictText(model, mailFeatures(email, situation.kind), actions.map(actionValue), situation.kind);
}

/**
 * The twin's prediction for one candidate with the text model's advice joined. Only the advised
 * action can gain, and only a fully reversible one; nothing is ever lowered: where the twin
 * already agrees the two confidences add up (as a corroborating habit does), where it knows
 * nothing or holds a general habit against it the text model stands alone, capped below what a
 * habit for the sender itself reaches. Policy is untouched: the verdicts are computed apart.
 */
export function joinTextPrediction(prediction: Prediction, action: ActionSpec, view: SituationView, advice: TextPrediction | null, situation: Situation): Prediction {
  if (advice === null || action.reversibility !== 'full' || actionValue(action) !== advice.value) return prediction;
  const own = Math.min(MAX_TEXT_CONFIDENCE, advice.confidence * TEXT_WEIGHT);
  const agrees = view.decisive !== null && view.decisive.value === advice.value;
  const confidence = agrees ? Math.min(MAX_CONFIDENCE, prediction.confidence + (1 - prediction.confidence) * own) : own;
  const score = 0.5 + 0.5 * confidence;
  if (score <= prediction.score) return prediction;
  const phrase = similarMailPhrase(advice.similar, advice.sameKind, situation.kind, advice.value);
  const reason = agrees ? `${prediction.reason}, and ${phrase}` : `${phrase}; ${prediction.reason}`;
  return {
    score,
    confidence,
    preferenceKeys: prediction.preferenceKeys,
    reason,
    similarMail: { value: advice.value, similar: advice.similar, confidence: own },
  };
}
