import { isInert } from '../policy/index.js';
import type { EvaluatedCandidate, OutcomeDecision, PolicyReason, Situation, TrustTier } from '../types.js';
import { approvalExpiresAt } from './expiry.js';
import { selectCandidate } from './select.js';
import { AUTO_EXECUTE_MIN_CONFIDENCE, AUTO_EXECUTE_MIN_SCORE } from './thresholds.js';

function indexOfType(candidates: readonly EvaluatedCandidate[], type: string): number | null {
  const index = candidates.findIndex((candidate) => candidate.action.type === type);
  return index < 0 ? null : index;
}

function uniqueReasons(reasons: readonly PolicyReason[]): PolicyReason[] {
  const out: PolicyReason[] = [];
  for (const reason of reasons) {
    if (!out.some((seen) => seen.code === reason.code && seen.message === reason.message)) out.push(reason);
  }
  return out;
}

function twoPlaces(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : 'unknown';
}

interface Proposal {
  index: number | null;
  reasons: PolicyReason[];
  /** Set when the proposal is already final whatever the tier allows (blocked, nothing eligible). */
  final: 'no_action' | null;
}

/** What SkyTwin would do at full trust; the tier and the twin's certainty decide below whether it runs. */
function propose(candidates: readonly EvaluatedCandidate[], situation: Situation): Proposal {
  const doNothing = indexOfType(candidates, 'do_nothing');
  const denials = (filter: (candidate: EvaluatedCandidate) => boolean): PolicyReason[] =>
    uniqueReasons(candidates.filter((c) => filter(c) && c.verdict.verdict === 'denied').flatMap((c) => c.verdict.reasons));
  // Flagging for review is exempt from blocks, so it cannot count as a way round one: when every
  // candidate that would change something is denied, SkyTwin leaves it.
  const acting = candidates.filter((candidate) => !isInert(candidate.action.type));
  if (acting.length > 0 && acting.every((candidate) => candidate.verdict.verdict === 'denied')) {
    return { index: doNothing, reasons: denials((c) => !isInert(c.action.type)), final: 'no_action' };
  }
  const selected = selectCandidate(candidates);
  if (selected === null) return { index: null, reasons: denials(() => true), final: 'no_action' };
  if (situation.kind === 'unknown') {
    const confidence = Number.isFinite(situation.confidence) ? `${Math.round(situation.confidence * 100)}% sure` : 'unsure';
    return {
      index: indexOfType(candidates, 'flag_for_review') ?? selected,
      reasons: [{ code: 'unknown_situation', message: `SkyTwin could not tell what this is (${confidence}), so it asks you instead of guessing` }],
      final: null,
    };
  }
  return { index: selected, reasons: [], final: null };
}

/**
 * The outcome for one situation: which candidate, and whether it runs alone, waits for approval,
 * is only recorded (observer) or nothing happens. Never runs anything the policy did not allow.
 */
export function chooseOutcome(
  candidates: EvaluatedCandidate[],
  tier: TrustTier,
  situation: Situation,
  now: Date,
): OutcomeDecision {
  const decide = (outcome: OutcomeDecision['outcome'], selectedIndex: number | null, reasons: PolicyReason[], notBefore: string | null = null): OutcomeDecision => ({
    outcome,
    selectedIndex,
    reasons: reasons.length > 0 ? reasons : [{ code: outcome, message: 'no further reason was given' }],
    approvalExpiresAt: outcome === 'needs_approval' ? approvalExpiresAt(situation.urgency, now) : null,
    notBefore: outcome === 'auto_execute' ? notBefore : null,
  });

  if (candidates.length === 0) return decide('no_action', null, [{ code: 'no_candidates', message: 'no action was proposed' }]);
  const proposal = propose(candidates, situation);

  if (tier === 'observer') {
    const observer: PolicyReason = {
      code: 'tier_observer',
      message: `${situation.domain} is at observer autonomy, so SkyTwin recorded what it would have done and ran nothing`,
    };
    return decide('shadow', proposal.index, [observer, ...proposal.reasons]);
  }
  if (proposal.final === 'no_action') return decide('no_action', proposal.index, proposal.reasons);
  const index = proposal.index;
  const selected = index === null ? undefined : candidates[index];
  if (index === null || selected === undefined) return decide('no_action', null, proposal.reasons);
  if (situation.kind === 'unknown') return decide('needs_approval', index, proposal.reasons);

  const { prediction, verdict } = selected;
  if (selected.action.type === 'do_nothing') {
    const why = prediction.reason.trim() || selected.rationale.trim() || 'leaving it alone is the best choice';
    return decide('no_action', index, [{ code: 'chose_nothing', message: why }]);
  }
  if (verdict.verdict === 'needs_approval') return decide('needs_approval', index, verdict.reasons);
  if (verdict.verdict !== 'allowed') return decide('no_action', index, verdict.reasons);
  // Suggest is "every chosen action becomes an approval request", even one the policy allows.
  if (tier !== 'low' && tier !== 'moderate' && tier !== 'high') {
    return decide('needs_approval', index, [
      { code: 'tier_suggest', message: `${situation.domain} is at ${tier} autonomy, where every action waits for your approval` },
    ]);
  }
  const figures = `score ${twoPlaces(prediction.score)}, confidence ${twoPlaces(prediction.confidence)}`;
  const because = prediction.reason.trim() === '' ? '' : `: ${prediction.reason.trim()}`;
  if (prediction.score >= AUTO_EXECUTE_MIN_SCORE && prediction.confidence >= AUTO_EXECUTE_MIN_CONFIDENCE) {
    return decide(
      'auto_execute',
      index,
      [...verdict.reasons, { code: 'twin_confident', message: `the twin expects you want this (${figures})${because}` }],
      verdict.notBefore,
    );
  }
  return decide('needs_approval', index, [
    {
      code: 'twin_unsure',
      message: `the twin isn't sure enough to act alone (${figures}; needs at least ${AUTO_EXECUTE_MIN_SCORE.toFixed(2)} and ${AUTO_EXECUTE_MIN_CONFIDENCE.toFixed(2)})${because}`,
    },
  ]);
}
