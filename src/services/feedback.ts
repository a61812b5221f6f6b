import type { Kysely } from 'kysely';
import type { ActionSpec, FeedbackKind, Situation } from '../domain/index.js';
import { applyFeedback } from '../domain/index.js';
import { insertFeedback, loadSettings, loadTwin, saveTwin, setTier, type Schema } from '../store/index.js';
import type { ServiceDeps } from './deps.js';

export interface FeedbackEvent {
  userId: string;
  decisionId: string;
  kind: FeedbackKind;
  situation: Situation;
  action: ActionSpec | null;
  correctedAction: ActionSpec | null;
  preferenceKeys: string[];
  wasAutomatic: boolean;
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
  const reason = `${event.kind} on decision ${event.decisionId}${tierNote}`;
  await saveTwin(trx, { before: twin, after: result.twin, reason, changes: result.changes, feedbackId, now });
  if (result.tierChange) {
    await setTier(trx, event.userId, result.tierChange.domain, result.tierChange.to, now);
  }
  return result;
}
