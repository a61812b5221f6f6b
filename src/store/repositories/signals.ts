import type { Kysely } from 'kysely';
import type { Signal } from '../../domain/index.js';
import type { Schema } from '../schema.js';
import { json } from './parse.js';

/** Inserts the signal unless `(user_id, source, external_id)` exists; returns whether it was new. */
export async function insertSignal(db: Kysely<Schema>, id: string, signal: Signal, now: Date): Promise<boolean> {
  const row = await db
    .insertInto('signals')
    .values({
      id,
      user_id: signal.userId,
      source: signal.source,
      external_id: signal.externalId,
      type: signal.type,
      occurred_at: new Date(signal.occurredAt),
      data: json(signal.data),
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['user_id', 'source', 'external_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The decision already made for a signal, for idempotent ingest. */
export async function findDecisionIdForSignal(
  db: Kysely<Schema>,
  key: { userId: string; source: string; externalId: string },
): Promise<string | null> {
  const row = await db
    .selectFrom('signals')
    .innerJoin('decisions', 'decisions.signal_id', 'signals.id')
    .select('decisions.id')
    .where('signals.user_id', '=', key.userId)
    .where('signals.source', '=', key.source)
    .where('signals.external_id', '=', key.externalId)
    .executeTakeFirst();
  return row?.id ?? null;
}
