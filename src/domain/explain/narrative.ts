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
  if (prediction.preferenceKeys.length === 0 && prediction.confidence === 0) {
    // The evidence already says the twin has nothing to go on; saying it again here is noise.
    parts.push('The twin has nothing learned here yet, so this is what SkyTwin proposes here by default.');
  } else {
    parts.push(
      `The twin rates it ${twoPlaces(prediction.score)} with confidence ${twoPlaces(prediction.confidence)}${twinReason === '' ? '' : ` (${twinReason})`}.`,
    );
  }
  parts.push(policyLine(ctx, verdict.reasons.map((r) => r.message)));
  return parts.join(' ');
}

/**
 * The policy's line agrees with what actually happened: an action the rules allowed but that still
 * waits for the user (the twin unsure, the tier) reads "needs your approval", never "allowed".
 */
function policyLine(ctx: ExplainContext, verdictMessages: readonly string[]): string {
  const { outcome, situation } = ctx;
  const domain = situation.domain;
  switch (outcome.outcome) {
    case 'auto_execute': {
      const policy = joined(verdictMessages);
      return `Policy: allowed${policy === '' ? '' : ` (${policy})`}.`;
    }
    case 'needs_approval':
      return `Policy: needs your approval — ${fullAskReason(ctx)}.`;
    case 'shadow':
      return `Policy: recorded only — ${domain} is at the observer tier.`;
    default: {
      const reasons = joined(outcome.reasons.map((r) => r.message));
      return `Policy: nothing runs${reasons === '' ? '' : ` — ${reasons}`}.`;
    }
  }
}

type AskContext = Pick<ExplainContext, 'outcome' | 'situation' | 'selected'>;

/** The reason an approval is asked for, with its figures: what the explanation says. */
function fullAskReason(ctx: AskContext): string {
  const reason = askingReasonOf(ctx);
  if (reason === 'tier') return `${ctx.situation.domain} is at the suggest tier, where every action waits for your approval`;
  return reason === null ? 'SkyTwin asks before acting on this' : clause(reason.message);
}

/** The shortest true reason an approval is asked for, for its row: "email is at the suggest tier". */
export function askReason(ctx: AskContext): string {
  const reason = askingReasonOf(ctx);
  if (reason === 'tier') return `${ctx.situation.domain} is at the suggest tier`;
  if (reason === null) return 'SkyTwin asks before acting on this';
  // A row has room for the gist; the figures stay in the explanation the row opens to.
  if (reason.code === 'twin_unsure') return "SkyTwin isn't sure yet that you want this";
  return withoutAsides(clause(reason.message));
}

function askingReasonOf(ctx: AskContext): 'tier' | { code: string; message: string } | null {
  const asking = (r: { code: string; message: string }) => r.code !== 'tier_suggest' && r.code !== 'twin_confident' && !ALLOWING.has(r.code) && clause(r.message) !== '';
  // At the suggest tier every action asks, whatever else holds: that is the shortest true reason.
  const reasons = [...ctx.outcome.reasons, ...(ctx.selected?.verdict.reasons ?? [])];
  if (reasons.some((r) => r.code === 'tier_suggest')) return 'tier';
  return reasons.find(asking) ?? null;
}

/** "it is quiet hours (22:00–07:00 Europe/Berlin) and …" → "it is quiet hours and …". */
function withoutAsides(text: string): string {
  return text.replace(/\s*\([^()]*\)/g, '').replace(/\s{2,}/g, ' ').trim();
}

/** Reasons that say why something is allowed or when it runs or expires, not why it waits. */
const ALLOWING = new Set(['tier_allows', 'inert', 'spend_within_limits', 'tier_observer', 'active_hours_expiry', 'active_hours_deferred']);
