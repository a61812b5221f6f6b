import { AUTO_EXECUTE_MIN_CONFIDENCE, AUTO_EXECUTE_MIN_SCORE } from '../outcome/index.js';
import { describeActionType, formatCents, isInert, lowestTierAllowing, spendLimitsFor, tierRank } from '../policy/index.js';
import type { EvaluatedCandidate, PolicyReason } from '../types.js';
import type { ExplainContext } from './context.js';
import { clause, twoPlaces } from './phrases.js';

function quietWindow(ctx: ExplainContext): string {
  const quiet = ctx.settings.quietHours;
  return quiet === null ? 'quiet hours' : `quiet hours (${quiet.start}–${quiet.end} ${quiet.timeZone})`;
}

/** A concrete lever for one reason the selected action did not simply run. */
function leverFor(ctx: ExplainContext, candidate: EvaluatedCandidate, reason: PolicyReason): string | null {
  const { action } = candidate;
  const limits = spendLimitsFor(ctx.settings, action.domain);
  const cost = action.estimatedCostCents;
  switch (reason.code) {
    case 'spend_per_action':
      return `blocked: ${formatCents(cost)} over your ${formatCents(limits.perActionCents)} per-action limit; a limit of at least ${formatCents(cost)} in ${action.domain} would lift this`;
    case 'spend_daily':
      return `blocked: ${formatCents(cost)} would take the last 24 hours over your ${formatCents(limits.dailyCents)} daily limit; it fits again once earlier spending rolls out of the 24 hours`;
    case 'quiet_hours':
      return `would run automatically outside ${quietWindow(ctx)}`;
    case 'new_domain':
      return `would stop asking once the ramp is done: ${clause(reason.message)}`;
    case 'scope_unearned':
    case 'scope_missed':
    case 'scope_held':
      return `would run alone once SkyTwin has earned it here: ${clause(reason.message)}`;
    case 'never_list':
      return `always asks, at every autonomy: ${clause(reason.message)}`;
    case 'critical_risk':
      return `always asks, at every autonomy: ${clause(reason.message)}`;
    case 'twin_unsure':
      return `would run automatically once the twin is surer: it needs score ≥ ${AUTO_EXECUTE_MIN_SCORE.toFixed(2)} and confidence ≥ ${AUTO_EXECUTE_MIN_CONFIDENCE.toFixed(2)}, it has ${twoPlaces(candidate.prediction.score)} and ${twoPlaces(candidate.prediction.confidence)}`;
    case 'unknown_situation':
      return `a clearer signal would let SkyTwin propose a fitting action instead of flagging it`;
    default:
      return null;
  }
}

function tierLever(ctx: ExplainContext, candidate: EvaluatedCandidate): string | null {
  const { action } = candidate;
  if (isInert(action.type)) return null;
  const allowIrreversible = ctx.settings.domainOverrides[action.domain]?.allowIrreversible ?? [];
  const lowest = lowestTierAllowing(candidate, allowIrreversible);
  if (lowest === null) {
    if (lowestTierAllowing(candidate, [action.type]) !== null) {
      return `would run alone only at high autonomy in ${action.domain}, and only if you allow ${describeActionType(action.type)} there`;
    }
    return `would never run alone at any autonomy in ${action.domain}`;
  }
  const current = ctx.tier;
  if (tierRank(lowest) > tierRank(current)) return `would run automatically at ${lowest} autonomy in ${action.domain}`;
  return null;
}

/** Concrete changes (settings, limits, certainty, time) that would have led to another outcome. */
export function describeWhatWouldChange(ctx: ExplainContext): string[] {
  const { outcome, selected, situation, settings, phrase } = ctx;
  const lines: string[] = [];
  const add = (line: string | null): void => {
    if (line !== null && line !== '' && !lines.includes(line)) lines.push(line);
  };
  const domain = situation.domain;

  switch (outcome.outcome) {
    case 'auto_execute':
      if (outcome.notBefore !== null) {
        const quiet = settings.quietHours;
        add(quiet === null ? `would run at ${outcome.notBefore}` : `would run after quiet hours end at ${quiet.end} ${quiet.timeZone}`);
      }
      add(`would ask you first at suggest autonomy in ${domain}`);
      add(`a rejection or undo lowers the twin's confidence, so next time it would ask`);
      break;
    case 'shadow':
      add(`would become an approval request at suggest autonomy in ${domain}`);
      if (selected !== null) add(tierLever(ctx, selected));
      break;
    case 'needs_approval':
      if (selected !== null) {
        add(tierLever(ctx, selected));
        for (const reason of [...outcome.reasons, ...selected.verdict.reasons]) add(leverFor(ctx, selected, reason));
      }
      break;
    default:
      if (ctx.blockedEntry !== null) add(`removing ${ctx.blockedEntry} from your blocked domains would let SkyTwin act on it`);
      for (const reason of outcome.reasons) {
        if (reason.code === 'policy_error') add(`fixing the failing policy rule would let SkyTwin decide again: ${clause(reason.message)}`);
      }
      if (selected !== null && selected.action.type === 'do_nothing') {
        const best = ctx.candidates
          .filter((c) => c !== selected && c.verdict.verdict !== 'denied')
          .sort((a, b) => b.prediction.score - a.prediction.score)[0];
        if (best !== undefined) {
          add(`${describeActionType(best.action.type)} would be chosen if the twin rated it above ${twoPlaces(selected.prediction.score)} (now ${twoPlaces(best.prediction.score)})`);
        }
      }
  }
  if (phrase !== null && situation.kind !== 'unknown' && outcome.outcome !== 'auto_execute') {
    add(`restating your preference for ${ctx.subject} on the Twin page would change what SkyTwin picks`);
  }
  if (lines.length === 0) add(`changing your autonomy, limits or preferences in ${domain} would change this decision`);
  return lines;
}
