import { sql, type Kysely } from 'kysely';
import type { Schema } from '../schema.js';

/** A model's reply text for one message, as cached. */
export interface CachedDraft {
  userId: string;
  messageId: string;
  body: string;
}

/** The cached texts of `model` under `promptVersion` for these (user, message) pairs. */
export async function findModelDrafts(
  db: Kysely<Schema>,
  query: { model: string; promptVersion: string; keys: readonly { userId: string; messageId: string }[] },
): Promise<CachedDraft[]> {
  if (query.keys.length === 0) return [];
  const rows = await db
    .selectFrom('model_drafts')
    .select(['user_id', 'message_id', 'body'])
    .where('model', '=', query.model)
    .where('prompt_version', '=', query.promptVersion)
    .where('user_id', 'in', [...new Set(query.keys.map((k) => k.userId))])
    .where('message_id', 'in', [...new Set(query.keys.map((k) => k.messageId))])
    .execute();
  return rows.map((row) => ({ userId: row.user_id, messageId: row.message_id, body: row.body }));
}

/** Stores texts; one already stored for the same key stays (two requests may ask at once). */
export async function insertModelDrafts(
  db: Kysely<Schema>,
  rows: readonly (CachedDraft & { model: string; promptVersion: string; now: Date })[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('model_drafts')
    .values(rows.map((r) => ({ user_id: r.userId, message_id: r.messageId, model: r.model, prompt_version: r.promptVersion, body: r.body, created_at: r.now })))
    .onConflict((oc) => oc.columns(['user_id', 'message_id', 'model', 'prompt_version']).doNothing())
    .execute();
}

/** The stored sender counters for these (user, counterpart) pairs, by `${userId}\0${counterpart}`. */
export async function findSenderCounts(
  db: Kysely<Schema>,
  pairs: readonly { userId: string; counterpart: string }[],
): Promise<Map<string, { seenCount: number; repliedCount: number }>> {
  if (pairs.length === 0) return new Map();
  const rows = await db
    .selectFrom('sender_history')
    .select(['user_id', 'counterpart', 'seen_count', 'replied_count'])
    .where('user_id', 'in', [...new Set(pairs.map((p) => p.userId))])
    .where('counterpart', 'in', [...new Set(pairs.map((p) => p.counterpart))])
    .execute();
  return new Map(rows.map((row) => [`${row.user_id}\u0000${row.counterpart}`, { seenCount: Number(row.seen_count), repliedCount: Number(row.replied_count) }]));
}

/** How far back the reads below look: bounded, whatever the user's history holds. */
const RECENT_FROM_SENDER = 50;
const RECENT_ACTIONS = 200;

/**
 * Signal data of earlier mail on a thread from the same sender, oldest first: at most `limit`,
 * found among that sender's RECENT_FROM_SENDER newest decisions (index decisions_user_counterpart).
 */
export async function findThreadMail(
  db: Kysely<Schema>,
  query: { userId: string; counterpart: string; threadId: string; exceptExternalId: string; limit: number },
): Promise<unknown[]> {
  const result = await sql<{ data: unknown }>`
    SELECT s.data FROM (
      SELECT d.signal_id, d.created_at, d.id FROM decisions d
      WHERE d.user_id = ${query.userId} AND d.counterpart = ${query.counterpart}
      ORDER BY d.created_at DESC, d.id DESC LIMIT ${RECENT_FROM_SENDER}
    ) recent JOIN signals s ON s.id = recent.signal_id
    WHERE s.source = 'gmail' AND s.data->>'threadId' = ${query.threadId} AND s.external_id <> ${query.exceptExternalId}
    ORDER BY recent.created_at DESC, recent.id DESC LIMIT ${query.limit}`.execute(db);
  return result.rows.map((row) => (typeof row.data === 'string' ? (JSON.parse(row.data) as unknown) : row.data)).reverse();
}

/**
 * Bodies of reply drafts the user approved or edited and SkyTwin created, newest first: at most
 * `limit`, found among the user's RECENT_ACTIONS most recently changed actions (index actions_user_updated).
 */
export async function findSentReplyBodies(db: Kysely<Schema>, userId: string, limit: number): Promise<string[]> {
  const result = await sql<{ body: string | null }>`
    SELECT recent.parameters->>'body' AS body FROM (
      SELECT a.parameters, a.action_type, a.state, a.kind, a.authorized_by, a.updated_at, a.id FROM actions a
      WHERE a.user_id = ${userId}
      ORDER BY a.updated_at DESC, a.id DESC LIMIT ${RECENT_ACTIONS}
    ) recent
    WHERE recent.action_type = 'draft_reply' AND recent.kind = 'execute' AND recent.state = 'succeeded' AND recent.authorized_by = 'approval'
    ORDER BY recent.updated_at DESC, recent.id DESC LIMIT ${limit}`.execute(db);
  return result.rows.flatMap((row) => (typeof row.body === 'string' && row.body.trim() !== '' ? [row.body] : []));
}
