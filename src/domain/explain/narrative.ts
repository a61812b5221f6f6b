import type { ExplainContext } from './context.js';
import { capitalize, clause, percent, twoPlaces } from './phrases.js';
import { activeHoursExpiry, activeHoursHold } from './timing.js';

function joined(messages: readonly string[]): string {
  return messages.map(clause).filter((m) => m !== '').join('; ');
}

/** A few sentences on what SkyTwin saw and what came of it. */
export function describeWhatHappened(ctx: ExplainContext): string {
  const { situation, outcome, phrase, tier } = ctx;
  const seen = clause(situation.summary) || ctx.subject;
  const read = `SkyTwin read this as ${seen} (${situation.kind.replace(/_/g, ' ')}, ${percent(situation.confidence)} sure).`;
  const reasons = joined(outcome.reasons.map((r) => r.message));
  const why = reasons === '' ? '' : ` (${reasons})`;
  switch (outcome.outcome) {
    case 'auto_execute': {
      const sure = ctx.selected === null ? '' : ` (score ${twoPlaces(ctx.selected.prediction.score)}, confidence ${twoPlaces(ctx.selected.prediction.confidence)})`;
      const grounds = `because ${situation.domain} is at ${tier} autonomy, the policy allowed it and the twin is confident you want it${sure}`;
      const hold = activeHoursHold(ctx);
      if (outcome.notBefore !== null && hold !== null && ctx.settings.quietHours === null) {
        const what = phrase === null ? 'It will act' : `It will ${phrase.infinitive}`;
        return `${read} ${what} without asking at ${outcome.notBefore}: ${clause(hold.message)} (temporal profile); ${grounds}.`;
      }
      if (outcome.notBefore !== null) {
        const what = phrase === null ? 'It will act' : `It will ${phrase.infinitive}`;
        return `${read} ${what} without asking once quiet hours end (${outcome.notBefore}), ${grounds}.`;
      }
      const what = phrase === null ? 'It acted' : `It ${phrase.past}`;
      return `${read} ${what} without asking, ${grounds}.`;
    }
    case 'needs_approval': {
      const what = phrase === null ? 'It asks you before acting' : `It asks you before it would ${phrase.infinitive}`;
      const moved = activeHoursExpiry(ctx) === null ? '' : ' Its clock runs only in the hours you are usually active (temporal profile).';
      const expiry = outcome.approvalExpiresAt === null ? '' : ` The request expires at ${outcome.approvalExpiresAt}.${moved}`;
      return `${read} ${what}${why}.${expiry}`;
    }
    case 'shadow': {
      const what = phrase === null ? 'it would not have acted' : `it would have ${phrase.past}`;
      return `${read} Nothing ran: ${situation.domain} is at observer autonomy, so SkyTwin only recorded that ${what}, for you to confirm or correct.`;
    }
    default:
      return `${read} Nothing ran${why}.`;
  }
}

/** The selected candidate's case: its rationale, the twin's view and the policy's verdict. */
export function describeWhyThisAction(ctx: ExplainContext): string {
  const { selected, phrase, outcome } = ctx;
  if (selected === null || phrase === null) {
    const reasons = joined(outcome.reasons.map((r) => r.message));
    return `No action was selected${reasons === '' ? '' : `: ${reasons}`}.`;
  }
  const { prediction, verdict } = selected;
  const rationale = clause(selected.rationale);
  const parts = [`${capitalize(phrase.infinitive)}${rationale === '' ? '' : `: ${rationale}`}.`];
  const twinReason = clause(prediction.reason);
  parts.push(
    `The twin rates it ${twoPlaces(prediction.score)} with confidence ${twoPlaces(prediction.confidence)}${twinReason === '' ? '' : ` (${twinReason})`}.`,
  );
  const policy = joined(verdict.reasons.map((r) => r.message));
  parts.push(`Policy: ${verdict.verdict.replace(/_/g, ' ')}${policy === '' ? '' : ` (${policy})`}.`);
  return parts.join(' ');
}
