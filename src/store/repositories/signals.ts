import type { Kysely } from 'kysely';
import type { Signal } from '../../domain/index.js';
import type { Schema } from '../schema.js';
import { json } from './parse.js';

/** Inserts a batch of signals; returns the ids of those that were new (a conflicting one is skipped). */
export async function insertSignals(db: Kysely<Schema>, rows: { id: string; signal: Signal }[], now: Date): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await db
    .insertInto('signals')
    .values(
      rows.map(({ id, signal }) => ({
        id,
        user_id: signal.userId,
        source: signal.source,
        external_id: signal.externalId,
        type: signal.type,
        occurred_at: new Date(signal.occurredAt),
        data: json(signal.data),
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['user_id', 'source', 'external_id']).doNothing())
    .returning('id')
    .execute();
  return new Set(inserted.map((row) => row.id));
}

/** Decisions already made for any of these signals of one user, keyed by `source/externalId`. */
export async function findDecisionIdsForSignals(
  db: Kysely<Schema>,
  userId: string,
  keys: { source: string; externalId: string }[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (keys.length === 0) return found;
  const rows = await db
    .selectFrom('signals')
    .innerJoin('decisions', 'decisions.signal_id', 'signals.id')
    .select(['signals.source', 'signals.external_id', 'decisions.id'])
    .where('signals.user_id', '=', userId)
    .where('signals.external_id', 'in', [...new Set(keys.map((key) => key.externalId))])
    .execute();
  for (const row of rows) found.set(signalKey(row.source, row.external_id), row.id);
  return found;
}

export function signalKey(source: string, externalId: string): string {
  return `${source}/${externalId}`;
}
