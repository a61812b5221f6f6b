import type { Kysely } from 'kysely';
import type { ActionSpec, FeedbackKind, Situation } from '../domain/index.js';
import { applyFeedback } from '../domain/index.js';
import { insertFeedback, loadSettings, loadTwin, saveTwin, setTier, type Schema } from '../store/index.js';
import type { ServiceDeps } from './deps.js';
import { teachTextModel } from './text-model.js';
import { learnReplyTone } from './tone.js';

export interface FeedbackEvent {
  userId: string;
  decisionId: string;
  kind: FeedbackKind;
  situation: Situation;
  action: ActionSpec | null;
  correctedAction: ActionSpec | null;
  preferenceKeys: string[];
  wasAutomatic: boolean;
  /** An undo that cancelled a queued action before it ran. */
  cancelledBeforeRun?: boolean;
}

/**
 * Feeds one approval, rejection, edit, undo, confirmation or correction back into the twin:
 * a new twin version and, where earned, a tier change. Runs inside the caller's transaction.
 */
export async function recordFeedback(trx: Kysely<Schema>, deps: ServiceDeps, event: FeedbackEvent) {
  const now = deps.clock.now();
  const twin = await loadTwin(trx, event.userId);
  const settings = await loadSettings(trx, event.userId);
  const result = applyFeedback(
    twin,
    {
      kind: event.kind,
      decisionId: event.decisionId,
      situation: event.situation,
      action: event.action,
      correctedAction: event.correctedAction,
      preferenceKeys: event.preferenceKeys,
      wasAutomatic: event.wasAutomatic,
      cancelledBeforeRun: event.cancelledBeforeRun === true,
    },
    settings.trustTiers,
    settings.trustProgression,
    now,
  );
  const feedbackId = deps.ids.next();
  await insertFeedback(trx, {
    id: feedbackId,
    userId: event.userId,
    decisionId: event.decisionId,
    kind: event.kind,
    payload: { action: event.action, correctedAction: event.correctedAction, changes: result.changes, tierChange: result.tierChange },
    twinVersion: result.twin.version,
    now,
  });
  const tierNote = result.tierChange ? `; ${result.tierChange.reason}` : '';
  const scopeNote = result.scopeChange ? `; ${result.scopeChange}` : '';
  const reason = `${event.kind} on decision ${event.decisionId}${scopeNote}${tierNote}`;
  await saveTwin(trx, { before: twin, after: result.twin, reason, changes: result.changes, feedbackId, now });
  if (result.tierChange) {
    await setTier(trx, event.userId, result.tierChange.domain, result.tierChange.to, now);
  }
  // The text model learns from the same answer in the same transaction: both or neither.
  await teachTextModel(trx, event, now);
  // So does the tone of reply drafts: the greeting and sign-off the user writes.
  await learnReplyTone(trx, event, now);
  return result;
}
