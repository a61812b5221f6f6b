import type { Kysely } from 'kysely';
import type { Signal, TextModel } from '../../domain/index.js';
import { emptyTextModel, exampleCount, textModelFromJson, textModelToJson } from '../../domain/index.js';
import type { Schema } from '../schema.js';
import { json } from './parse.js';

/** The user's text model; empty when it has learned nothing yet. */
export async function loadTextModel(db: Kysely<Schema>, userId: string): Promise<TextModel> {
  const row = await db.selectFrom('text_models').select('model').where('user_id', '=', userId).executeTakeFirst();
  return row ? textModelFromJson(row.model) : emptyTextModel();
}

/** Stores the user's text model (one row per user, replaced whole: it is small and bounded). */
export async function saveTextModel(db: Kysely<Schema>, userId: string, model: TextModel, now: Date): Promise<void> {
  const document = json(textModelToJson(model));
  const examples = exampleCount(model);
  await db
    .insertInto('text_models')
    .values({ user_id: userId, model: document, examples, updated_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ model: document, examples, updated_at: now }))
    .execute();
}

/** Forgets what the text model learned; true when there was something to forget. */
export async function deleteTextModel(db: Kysely<Schema>, userId: string): Promise<boolean> {
  const result = await db.deleteFrom('text_models').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The signal a decision was made on, as the pipeline saw it (what the text model learns from). */
export async function signalOfDecision(db: Kysely<Schema>, decisionId: string): Promise<Signal | null> {
  const row = await db
    .selectFrom('decisions')
    .innerJoin('signals', 'signals.id', 'decisions.signal_id')
    .select(['signals.user_id', 'signals.source', 'signals.type', 'signals.external_id', 'signals.occurred_at', 'signals.data'])
    .where('decisions.id', '=', decisionId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    userId: row.user_id,
    source: row.source,
    type: row.type,
    externalId: row.external_id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    data: row.data,
  } as Signal;
}
