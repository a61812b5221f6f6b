import type { EvaluatedCandidate } from '../types.js';
import { RISK_LEVELS } from '../types.js';
import { TWIN_CLUELESS_CONFIDENCE } from './thresholds.js';

function score(candidate: EvaluatedCandidate): number {
  const value = candidate.prediction.score;
  return Number.isFinite(value) ? value : Number.NEGATIVE_INFINITY;
}

function riskOf(candidate: EvaluatedCandidate): number {
  const rank = RISK_LEVELS.indexOf(candidate.risk.overall);
  return rank < 0 ? RISK_LEVELS.length : rank;
}

/**
 * The index of the candidate the twin prefers among those the policy did not deny: highest score,
 * then lower overall risk, then earlier position. When the twin is clueless about every one of
 * them (confidence < 0.3) the first, which is the situation's default, wins. Null when all are denied.
 */
export function selectCandidate(candidates: readonly EvaluatedCandidate[]): number | null {
  const eligible: number[] = [];
  candidates.forEach((candidate, index) => {
    if (candidate.verdict.verdict !== 'denied') eligible.push(index);
  });
  const first = eligible[0];
  if (first === undefined) return null;
  const clueless = eligible.every((index) => {
    const confidence = candidates[index]?.prediction.confidence;
    return !(typeof confidence === 'number' && confidence >= TWIN_CLUELESS_CONFIDENCE);
  });
  if (clueless) return first;
  let best = first;
  for (const index of eligible) {
    const challenger = candidates[index];
    const holder = candidates[best];
    if (challenger === undefined || holder === undefined) continue;
    const byScore = score(challenger) - score(holder);
    if (byScore > 0 || (byScore === 0 && riskOf(challenger) < riskOf(holder))) best = index;
  }
  return best;
}
