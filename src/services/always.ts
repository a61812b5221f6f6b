import type { Kysely } from 'kysely';
import type { ActionSpec, Situation } from '../domain/index.js';
import { actionValue, alwaysWords, preferenceKeysFor, setExplicitPreference } from '../domain/index.js';
import { insertFeedback, loadTwin, saveTwin, type Schema } from '../store/index.js';
import type { ServiceDeps } from './deps.js';
import { recordUserEvents } from './user-events.js';

export interface StatedPreference {
  key: string;
  value: string;
  words: string;
}

/**
 * "Always do this for <sender>": states the approved action as the user's explicit preference on
 * the most specific key the twin consults for this situation (the sender, else the organizer,
 * else the situation), so the next decision for that sender is decided by it. Runs in the
 * caller's transaction, after the approval's own feedback.
 */
export async function stateAlways(
  trx: Kysely<Schema>,
  deps: ServiceDeps,
  input: { userId: string; decisionId: string; situation: Situation; action: ActionSpec },
): Promise<StatedPreference | null> {
  const key = preferenceKeysFor(input.situation)[0];
  if (key === undefined) return null;
  const value = actionValue(input.action);
  const now = deps.clock.now();
  const before = await loadTwin(trx, input.userId);
  const result = setExplicitPreference(before, key, input.situation.domain, value, now, input.decisionId);
  const feedbackId = deps.ids.next();
  await insertFeedback(trx, { id: feedbackId, userId: input.userId, decisionId: input.decisionId, kind: 'restate', payload: { key, value }, twinVersion: result.twin.version, now });
  const subject = key.slice(key.indexOf(':') + 1);
  const words = alwaysWords(value, key.includes(':') ? subject : input.situation.kind.replace(/_/g, ' '));
  await saveTwin(trx, { before, after: result.twin, reason: `you said: ${words}`, changes: result.changes, feedbackId, now });
  await recordUserEvents(trx, [{ userId: input.userId, kind: 'twin.changed', payload: { version: result.twin.version, key } }]);
  return { key, value, words };
}
