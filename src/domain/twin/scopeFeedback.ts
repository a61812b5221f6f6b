import type { ActionSpec, FeedbackInput, FeedbackKind, ScopeLedger, TrustProgressionSettings, TwinProfile } from '../types.js';
import { actionValue } from './keys.js';
import { emptyLedger, reliedOnIndex, scopeKeysFor, scopeSettings, scoreAnswer, type ScoredAnswer } from './scope.js';
import { scopeGate } from './scopeStanding.js';
import { missPhrase, scopeLabel } from './scopeWords.js';

/** Action types whose effect other people see: undoing one cannot take back what they saw. */
const SEEN_BY_OTHERS: ReadonlySet<ActionSpec['type']> = new Set(['send_email', 'rsvp']);

export function isSeenByOthers(action: ActionSpec | null): boolean {
  return action !== null && SEEN_BY_OTHERS.has(action.type);
}

const AGREES: ReadonlySet<FeedbackKind> = new Set(['approve', 'confirm', 'edit']);

/** How one answer scores against the twin's prediction; null when it says nothing about it (a restatement). */
export function scoredAnswer(input: FeedbackInput, trustKind: FeedbackKind): ScoredAnswer | null {
  if (trustKind === 'restate') return null;
  if (AGREES.has(trustKind)) return { agrees: true, kind: null, severe: false };
  const cancelled = trustKind === 'undo' && input.cancelledBeforeRun === true;
  const kind = cancelled ? 'cancel' : trustKind === 'undo' ? 'undo' : trustKind === 'correct' ? 'correct' : 'reject';
  return { agrees: false, kind, severe: kind === 'undo' && isSeenByOthers(input.action), auto: kind === 'undo' && input.wasAutomatic };
}

function runsFor(twin: TwinProfile, input: FeedbackInput, value: string | null, progression: TrustProgressionSettings, now: Date) {
  const gate = scopeGate(twin, input.situation, scopeSettings(progression), now);
  if (value !== null && gate.explicit && gate.explicit.value === value) return { runs: gate.explicit.runs, message: gate.explicit.message };
  return { runs: gate.runs, message: gate.message };
}

/**
 * Scores one answer in the situation's scopes and says, in words naming the scope and the day,
 * when that changed whether SkyTwin may act alone there. `after` is the twin with the answer's
 * preference updates already applied (a statement the answer overturned no longer counts).
 */
export function scoreScopes(
  before: TwinProfile,
  after: TwinProfile,
  input: FeedbackInput,
  trustKind: FeedbackKind,
  progression: TrustProgressionSettings,
  now: Date,
): { ledger: ScopeLedger; changes: string[] } {
  const ledger = before.scopes ?? emptyLedger();
  const answer = scoredAnswer(input, trustKind);
  if (answer === null) return { ledger, changes: [] };
  const settings = scopeSettings(progression);
  const keys = scopeKeysFor(input.situation);
  const next = scoreAnswer(ledger, keys, answer, settings, now, reliedOnIndex(keys, input.preferenceKeys));
  const value = input.action ? actionValue(input.action) : null;
  const was = runsFor(before, input, value, progression, now);
  const is = runsFor({ ...after, scopes: next }, input, value, progression, now);
  const label = scopeLabel(keys[0] ?? '', value);
  const changes: string[] = [];
  const miss = next.scopes[keys[0] ?? '']?.misses.at(-1);
  if (was.runs && !is.runs) {
    changes.push(`${label} now asks first: ${!answer.agrees && miss ? missPhrase(miss) : is.message}`);
  } else if (!was.runs && is.runs) {
    changes.push(`${label} has earned autonomy (it runs alone where the ${input.situation.domain} tier allows): ${is.message}`);
  } else if (!answer.agrees && is.runs) {
    changes.push(`${label} still runs alone: ${is.message}`);
  }
  return { ledger: next, changes };
}
