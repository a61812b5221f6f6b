import type { Kysely } from 'kysely';
import type { Schema } from '../schema.js';

/** A model's usable answer for one message, as cached. */
export interface CachedInterpretation {
  userId: string;
  messageId: string;
  kind: string;
  confidence: number;
  reason: string;
}

/** The cached answers of `model` under `promptVersion` for these (user, message) pairs. */
export async function findModelInterpretations(
  db: Kysely<Schema>,
  query: { model: string; promptVersion: string; keys: readonly { userId: string; messageId: string }[] },
): Promise<CachedInterpretation[]> {
  if (query.keys.length === 0) return [];
  const users = [...new Set(query.keys.map((k) => k.userId))];
  const messages = [...new Set(query.keys.map((k) => k.messageId))];
  const rows = await db
    .selectFrom('model_interpretations')
    .select(['user_id', 'message_id', 'kind', 'confidence', 'reason'])
    .where('model', '=', query.model)
    .where('prompt_version', '=', query.promptVersion)
    .where('user_id', 'in', users)
    .where('message_id', 'in', messages)
    .execute();
  return rows.map((row) => ({ userId: row.user_id, messageId: row.message_id, kind: row.kind, confidence: Number(row.confidence), reason: row.reason }));
}

/** Stores answers; one already stored for the same key stays (two requests may ask at once). */
export async function insertModelInterpretations(
  db: Kysely<Schema>,
  rows: readonly (CachedInterpretation & { model: string; promptVersion: string; now: Date })[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('model_interpretations')
    .values(rows.map((r) => ({ user_id: r.userId, message_id: r.messageId, model: r.model, prompt_version: r.promptVersion, kind: r.kind, confidence: r.confidence, reason: r.reason, created_at: r.now })))
    .onConflict((oc) => oc.columns(['user_id', 'message_id', 'model', 'prompt_version']).doNothing())
    .execute();
}

/** The users' addresses, for telling their own mail from others' before a batch is decided. */
export async function findUserEmails(db: Kysely<Schema>, userIds: readonly string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'email']).where('id', 'in', [...userIds]).execute();
  return new Map(rows.map((row) => [row.id, row.email.toLowerCase()]));
}
