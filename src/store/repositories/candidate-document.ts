import type { ActionSpec, EvaluatedCandidate, Prediction, RiskAssessment, VerdictKind } from '../../domain/index.js';

/**
 * One candidate as stored in its decision's `candidates` document: the action, its risk with
 * reasons, the twin's prediction and the policy's verdict, in the decision's order. The selected
 * candidate is also a `candidate_actions` row with its `policy_verdicts` row (same id), because
 * approvals and actions reference it and the executor checks its verdict there.
 */
export interface StoredCandidateDocument {
  id: string;
  action: ActionSpec;
  risk: RiskAssessment;
  rationale: string;
  prediction: Prediction;
  verdict: VerdictKind;
  reasons: unknown;
  notBefore: string | null;
}

export function candidateDocument(candidates: readonly EvaluatedCandidate[], ids: readonly string[]): StoredCandidateDocument[] {
  return candidates.map((candidate, position) => {
    const id = ids[position];
    if (id === undefined) throw new Error(`No id for candidate ${position}`);
    return {
      id,
      action: candidate.action,
      risk: candidate.risk,
      rationale: candidate.rationale,
      prediction: candidate.prediction,
      verdict: candidate.verdict.verdict,
      reasons: candidate.verdict.reasons,
      notBefore: candidate.verdict.notBefore,
    };
  });
}

/** The stored document, with money as an exact integer and instants as ISO strings whatever wrote them. */
export function readCandidateDocument(value: unknown): StoredCandidateDocument[] {
  if (!Array.isArray(value)) return [];
  return (value as StoredCandidateDocument[]).map((stored) => ({
    ...stored,
    action: { ...stored.action, estimatedCostCents: Number(stored.action.estimatedCostCents) },
    notBefore: stored.notBefore === null || stored.notBefore === undefined ? null : new Date(stored.notBefore).toISOString(),
  }));
}
