import type { Kysely } from 'kysely';
import type { Signal } from '../../domain/index.js';
import type { Schema } from '../schema.js';
import type { WriteStep } from '../write-together.js';
import { json } from './parse.js';

/**
 * Inserts a batch of signals. There is deliberately no ON CONFLICT: a signal stored meanwhile by
 * another request fails the statement with a unique violation, and the batch is decided again.
 */
export function signalInsert(db: Kysely<Schema>, rows: { id: string; signal: Signal }[], now: Date): WriteStep[] {
  if (rows.length === 0) return [];
  const query = db
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
    .returning('id');
  return [{ name: 'signals', query }];
}

export function signalKey(source: string, externalId: string): string {
  return `${source}/${externalId}`;
}
