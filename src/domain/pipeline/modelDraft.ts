import { FAILURE_WORDS, type ModelFailure } from '../interpret/index.js';
import type { Candidate, Explanation } from '../types.js';

/**
 * What an optional language model wrote for a mail's reply, gathered by the caller before deciding.
 * `written` null: the model was not asked (no reply was expected for this mail when it looked).
 */
export interface DraftAdvice {
  model: string;
  written: { body: string } | { failure: ModelFailure } | null;
}

/**
 * The candidates with the model's text as the reply draft's body. Only the body: recipients,
 * thread, subject, the candidate set and their risk are the rules' as always, and the draft is
 * still only a draft the user sends.
 */
export function withModelDraft<C extends Candidate>(candidates: C[], advice: DraftAdvice): C[] {
  const written = advice.written;
  if (written === null || 'failure' in written) return candidates;
  return candidates.map((c) =>
    c.action.type === 'draft_reply' ? { ...c, action: { ...c.action, parameters: { ...c.action.parameters, body: written.body } } } : c,
  );
}

/** The explanation with a line saying which path wrote the reply draft, where there is one. */
export function notedDraft(explanation: Explanation, candidates: readonly Candidate[], advice: DraftAdvice): Explanation {
  if (!candidates.some((c) => c.action.type === 'draft_reply')) return explanation;
  return { ...explanation, evidence: [...explanation.evidence, draftLine(advice)] };
}

function draftLine(advice: DraftAdvice): string {
  const written = advice.written;
  if (written === null) return 'reply drafted by the rules';
  if ('failure' in written) return `reply drafted by the rules: ${FAILURE_WORDS[written.failure] ?? FAILURE_WORDS.nonsense}`;
  const model = advice.model.replace(/\s+/g, ' ').trim().slice(0, 60);
  return `reply drafted by the language model ${model}: read it before you send it`;
}
