import { FAILURE_WORDS, type ModelFailure } from '../interpret/index.js';
import type { Candidate, Explanation, Situation } from '../types.js';

/**
 * What an optional language model wrote for a mail's reply, gathered by the caller before deciding.
 * `written` null: the model was not asked (no reply was expected for this mail when it looked).
 */
export interface DraftAdvice {
  model: string;
  written: { body: string } | { failure: ModelFailure } | null;
}

const MODEL_RATIONALE = 'a draft reply written by the language model from the mail is ready for you to read, edit and send; only you send it';

/**
 * Mail whose reply a model may write: a request or a personal note. Not a meeting request, whose
 * draft proposes free times from the user's calendar (the model does not see it), and not a nudge
 * on the user's own unanswered question.
 */
export function draftableByModel(situation: Situation): boolean {
  return (situation.kind === 'work_request' || situation.kind === 'personal') && situation.facts.meetingRequest === undefined;
}

/**
 * The candidates with the model's text as the reply draft's body, and a rationale that no longer
 * claims what the rules' text said. Only that: recipients, thread, subject, the candidate set and
 * their risk are the rules' as always, and the draft is still only a draft the user sends.
 */
export function withModelDraft<C extends Candidate>(candidates: C[], situation: Situation, advice: DraftAdvice): C[] {
  const written = advice.written;
  if (written === null || 'failure' in written || !draftableByModel(situation)) return candidates;
  return candidates.map((c) =>
    c.action.type === 'draft_reply' ? { ...c, action: { ...c.action, parameters: { ...c.action.parameters, body: written.body } }, rationale: MODEL_RATIONALE } : c,
  );
}

/** The explanation with a line saying which path wrote the reply draft, where there is one. */
export function notedDraft(explanation: Explanation, candidates: readonly Candidate[], situation: Situation, advice: DraftAdvice): Explanation {
  if (!candidates.some((c) => c.action.type === 'draft_reply')) return explanation;
  return { ...explanation, evidence: [...explanation.evidence, draftLine(situation, advice)] };
}

function draftLine(situation: Situation, advice: DraftAdvice): string {
  const written = advice.written;
  if (situation.facts.meetingRequest !== undefined) return 'reply drafted by the rules: it proposes free times from your calendar, which the model does not see';
  if (written === null || !draftableByModel(situation)) return 'reply drafted by the rules';
  if ('failure' in written) return `reply drafted by the rules: ${FAILURE_WORDS[written.failure] ?? FAILURE_WORDS.nonsense}`;
  const model = advice.model.replace(/\s+/g, ' ').trim().slice(0, 60);
  return `reply drafted by the language model ${model}: read it before you send it`;
}
