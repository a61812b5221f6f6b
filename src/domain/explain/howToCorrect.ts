import { preferenceKeysFor, preferencesWithKeys } from '../twin/index.js';
import type { ExplainContext } from './context.js';

/** The preference key a user would restate when the twin has none yet (formats as in types.ts). */
/** The most specific key the twin itself would use for this situation, so restating it takes effect. */
export function suggestedPreferenceKey(ctx: ExplainContext): string {
  const { situation } = ctx;
  return preferenceKeysFor(situation)[0] ?? `${situation.domain}.situation:${situation.kind}`;
}

/** What the user can do about this decision, in plain words. */
export function describeHowToCorrect(ctx: ExplainContext): string[] {
  const { outcome, situation, settings, preferences, selected } = ctx;
  const domain = situation.domain;
  const lines: string[] = [];
  switch (outcome.outcome) {
    case 'auto_execute': {
      const demote = settings.trustProgression.enabled && settings.trustProgression.demoteOnUndo ? ` and steps ${domain} autonomy down one tier` : '';
      lines.push(`Undo it from the decision on the dashboard if it was wrong; the undo teaches the twin${demote}.`);
      break;
    }
    case 'needs_approval':
      lines.push('Approve it to run it as proposed.');
      lines.push('Reject it to leave things as they are; the twin learns you did not want this.');
      lines.push('Edit it to change its details, then approve the edited version; the twin learns from the edit.');
      if (outcome.approvalExpiresAt !== null) lines.push(`Unanswered, the request expires at ${outcome.approvalExpiresAt} and nothing runs.`);
      break;
    case 'shadow':
      lines.push('Confirm it if that is what you would have done, or correct it with the action you would have chosen; both teach the twin.');
      lines.push(`Raise ${domain} to suggest autonomy in Settings to get approval requests instead of records.`);
      break;
    default:
      lines.push('Nothing ran, so there is nothing to undo; if you wanted something done, do it yourself and tell the twin below.');
      if (ctx.blockedEntry !== null) lines.push(`Remove ${ctx.blockedEntry} from your blocked domains in Settings if SkyTwin may act on it.`);
  }
  const used = selected === null ? [] : preferencesWithKeys(preferences, selected.prediction.preferenceKeys);
  if (used.length > 0) {
    for (const preference of used) {
      lines.push(`Restate or delete the preference "${preference.key}" (now "${preference.value}") on the Twin page.`);
    }
  } else {
    lines.push(`Tell the twin what you prefer by restating a preference such as "${suggestedPreferenceKey(ctx)}" on the Twin page.`);
  }
  return lines;
}
