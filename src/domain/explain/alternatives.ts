import type { AlternativeExplanation, EvaluatedCandidate } from '../types.js';
import type { ExplainContext } from './context.js';
import { clause, twoPlaces } from './phrases.js';

const TIER_CODES = new Set(['tier_observer', 'tier_suggest']);

/** Every reason that holds this candidate back, not just the first: a user fixing one should see the others. */
function blockingMessages(candidate: EvaluatedCandidate): string {
  return candidate.verdict.reasons
    .filter((reason) => !TIER_CODES.has(reason.code))
    .map((reason) => clause(reason.message))
    .filter((message) => message !== '')
    .join('; ');
}

function whyNot(ctx: ExplainContext, candidate: EvaluatedCandidate): string {
  const { selected, outcome, situation } = ctx;
  const verdict = candidate.verdict.verdict;
  if (verdict === 'denied') {
    const reason = blockingMessages(candidate);
    return `not allowed${reason === '' ? '' : `: ${reason}`}`;
  }
  const parts: string[] = [];
  if (selected === null) {
    parts.push('nothing was selected');
  } else if (situation.kind === 'unknown' && outcome.outcome === 'needs_approval') {
    parts.push('SkyTwin could not tell what this is, so it escalates instead of guessing');
  } else {
    const mine = candidate.prediction.score;
    const chosen = selected.prediction.score;
    if (mine < chosen) parts.push(`the twin rated it lower (${twoPlaces(mine)} vs ${twoPlaces(chosen)})`);
    else if (mine > chosen) parts.push(`the twin was not sure enough to prefer it over the default (${twoPlaces(mine)} vs ${twoPlaces(chosen)}, confidence ${twoPlaces(candidate.prediction.confidence)})`);
    else if (candidate.prediction.confidence === 0 && selected.prediction.confidence === 0) parts.push('nothing learned yet favours it; the proposal is the usual choice here');
    else parts.push(`rated the same (${twoPlaces(mine)}); the selected one is less risky or comes first`);
  }
  // The tier's own reason holds for every candidate alike, so repeating it explains nothing.
  const reason = blockingMessages(candidate);
  if (verdict === 'needs_approval' && reason !== '') parts.push(`it would also need your approval: ${reason}`);
  return parts.join('; ');
}

/** One entry per candidate that was not selected, in candidate order. */
export function describeAlternatives(ctx: ExplainContext): AlternativeExplanation[] {
  return ctx.candidates
    .map((candidate, index) => ({ candidate, index }))
    .filter(({ index }) => index !== ctx.selectedIndex)
    .map(({ candidate }) => ({
      action: candidate.action.type,
      verdict: candidate.verdict.verdict,
      why: whyNot(ctx, candidate),
    }));
}
