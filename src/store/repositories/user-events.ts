import { sql, type Kysely } from 'kysely';
import type { Schema } from '../schema.js';
import type { WriteStep } from '../write-together.js';
import { json } from './parse.js';

export interface NewUserEvent {
  userId: string;
  kind: string;
  payload: Record<string, unknown>;
}

export interface UserEventRecord {
  id: string;
  userId: string;
  kind: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/**
 * Records events in the caller's transaction. The time is the database's clock at the insert
 * (clock_timestamp), so several API processes on one database order their events by one clock.
 */
export async function insertUserEvents(db: Kysely<Schema>, events: readonly NewUserEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('user_events')
    .values(events.map((event) => ({ user_id: event.userId, kind: event.kind, payload: json(event.payload), created_at: sql<Date>`clock_timestamp()` })))
    .execute();
}

/** The same insert as a step of a writeTogether group: an ingest batch's event costs no round trip of its own. */
export function userEventSteps(db: Kysely<Schema>, events: readonly NewUserEvent[]): WriteStep[] {
  if (events.length === 0) return [];
  const rows = events.map((event) => ({ user_id: event.userId, kind: event.kind, payload: json(event.payload), created_at: sql<Date>`clock_timestamp()` }));
  return [{ name: 'user_events', query: db.insertInto('user_events').values(rows).returning('id') }];
}

/** A user's events from `since` (inclusive), oldest first, at most `limit`. */
export async function userEventsSince(db: Kysely<Schema>, userId: string, since: Date, limit: number): Promise<UserEventRecord[]> {
  const rows = await db
    .selectFrom('user_events')
    .select(['id', 'user_id', 'kind', 'payload', 'created_at'])
    .where('user_id', '=', userId)
    .where('created_at', '>=', since)
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    userId: row.user_id,
    kind: row.kind,
    payload: (row.payload ?? {}) as Record<string, unknown>,
    createdAt: row.created_at,
  }));
}

/** The database's clock: where a new stream starts reading. */
export async function databaseNow(db: Kysely<Schema>): Promise<Date> {
  const result = await sql<{ now: Date }>`SELECT clock_timestamp() AS now`.execute(db);
  const now = result.rows[0]?.now;
  return now instanceof Date ? now : new Date(String(now));
}

export async function dropUserEventsBefore(db: Kysely<Schema>, before: Date): Promise<number> {
  const result = await db.deleteFrom('user_events').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
