import type { Kysely } from 'kysely';
import type { FeedbackInput, TextModelSummary } from '../domain/index.js';
import { lessonOf, mailFeatures, summarizeTextModel, trainText } from '../domain/index.js';
import { errors } from '../errors/index.js';
import { deleteTextModel, findUser, inTransaction, loadTextModel, saveTextModel, signalOfDecision, type Schema } from '../store/index.js';
import type { ServiceDeps } from './deps.js';

/**
 * Teaches the user's text model what one answer said about the mail it concerned, in the caller's
 * transaction (the same one as the twin's feedback). Returns the action value learned, or null
 * when the answer teaches nothing (no action, not mail).
 */
export async function teachTextModel(
  trx: Kysely<Schema>,
  event: { userId: string; decisionId: string; situation: FeedbackInput['situation'] } & Pick<FeedbackInput, 'kind' | 'action' | 'correctedAction'>,
  now: Date,
): Promise<string | null> {
  const value = lessonOf(event);
  if (value === null) return null;
  const signal = await signalOfDecision(trx, event.decisionId);
  if (signal === null || signal.source !== 'gmail') return null;
  const model = await loadTextModel(trx, event.userId);
  await saveTextModel(trx, event.userId, trainText(model, mailFeatures(signal, event.situation.kind), value), now);
  return value;
}

/** What the user's text model has learned, for the twin's view. */
export async function readTextModelSummary(db: Kysely<Schema>, userId: string): Promise<TextModelSummary> {
  return summarizeTextModel(await loadTextModel(db, userId));
}

/** `DELETE /api/users/:userId/twin/text-model`: forgets everything the text model learned. */
export async function forgetTextModel(deps: ServiceDeps, userId: string): Promise<{ forgotten: boolean }> {
  return inTransaction(deps.db, async (trx) => {
    if (!(await findUser(trx, userId))) throw errors.notFound('user', userId);
    return { forgotten: await deleteTextModel(trx, userId) };
  });
}
