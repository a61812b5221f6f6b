import type { ExplainContext } from './context.js';
import { capitalize, clause } from './phrases.js';
import { activeHoursHold } from './timing.js';

function firstReason(ctx: ExplainContext): string {
  const reason = ctx.outcome.reasons.find((r) => clause(r.message) !== '');
  return reason === undefined ? '' : clause(reason.message);
}

/** Why the selected action fits, in the user's terms first (the twin), then the candidate's own rationale. */
export function because(ctx: ExplainContext): string {
  const selected = ctx.selected;
  if (selected === null) return firstReason(ctx);
  return clause(selected.prediction.reason) || clause(selected.rationale) || firstReason(ctx);
}

function withReason(head: string, reason: string): string {
  return reason === '' ? `${head}.` : `${head}: ${reason}.`;
}

/** One sentence: what SkyTwin did and why. */
export function summarize(ctx: ExplainContext): string {
  const { outcome, phrase, situation, settings } = ctx;
  switch (outcome.outcome) {
    case 'auto_execute': {
      if (phrase === null) return withReason('Acted automatically', because(ctx));
      if (outcome.notBefore !== null && settings.quietHours === null && activeHoursHold(ctx) !== null) {
        return withReason(`Will ${phrase.infinitive} automatically at ${outcome.notBefore}, when you are usually active (temporal profile)`, because(ctx));
      }
      if (outcome.notBefore !== null) {
        const end = settings.quietHours === null ? ` at ${outcome.notBefore}` : ` at ${settings.quietHours.end} ${settings.quietHours.timeZone}`;
        return withReason(`Will ${phrase.infinitive} automatically once quiet hours end${end}`, because(ctx));
      }
      return withReason(`${capitalize(phrase.past)} automatically`, because(ctx));
    }
    case 'needs_approval':
      if (phrase === null) return withReason('Waiting for your decision', firstReason(ctx));
      return withReason(`Waiting for your approval to ${phrase.infinitive}`, firstReason(ctx));
    case 'shadow':
      if (phrase === null) return `Recorded only (observer autonomy in ${situation.domain}): SkyTwin would not have acted.`;
      return `Recorded only (observer autonomy in ${situation.domain}): SkyTwin would have ${phrase.past}.`;
    default:
      return withReason('Did nothing', firstReason(ctx) || 'no action fitted');
  }
}
