import type { Kysely } from 'kysely';
import type { BreakerReport } from '../../resilience/index.js';
import type { Schema } from '../schema.js';
import { json } from './parse.js';

/** Where one source of one user stands: its cursor and the outcome of the last polls. */
export interface SyncStateRecord {
  userId: string;
  /** `gmail`, or `calendar` with the calendar id as resource. */
  source: string;
  resource: string;
  cursor: string | null;
  cursorAt: Date | null;
  lastAttemptAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: string | null;
  nextPollAt: Date | null;
}

export interface SyncReport {
  userId: string;
  source: string;
  resource: string;
  ok: boolean;
  /** The new cursor, only once the signals it covers were acknowledged; undefined keeps the old one, null clears it (full resync). */
  cursor?: string | null;
  error?: string | null;
  nextPollAt: Date | null;
  at: Date;
}

export async function listSyncStates(db: Kysely<Schema>, userId?: string): Promise<SyncStateRecord[]> {
  let query = db.selectFrom('sync_state').selectAll().orderBy('user_id').orderBy('source').orderBy('resource');
  if (userId) query = query.where('user_id', '=', userId);
  return (await query.execute()).map((row) => ({
    userId: row.user_id,
    source: row.source,
    resource: row.resource,
    cursor: row.cursor,
    cursorAt: row.cursor_at,
    lastAttemptAt: row.last_attempt_at,
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error,
    nextPollAt: row.next_poll_at,
  }));
}

/** Records one poll's outcome for one source; a failure never moves the cursor. */
export async function recordSyncReport(db: Kysely<Schema>, report: SyncReport): Promise<void> {
  const cursorChange = report.ok && report.cursor !== undefined ? { cursor: report.cursor, cursor_at: report.at } : {};
  const outcome = report.ok
    ? { last_success_at: report.at, last_error: null }
    : { last_error: (report.error ?? 'poll failed').slice(0, 1000) };
  const values = { last_attempt_at: report.at, next_poll_at: report.nextPollAt, updated_at: report.at, ...outcome, ...cursorChange };
  await db
    .insertInto('sync_state')
    .values({
      user_id: report.userId,
      source: report.source,
      resource: report.resource,
      cursor: null,
      cursor_at: null,
      ...values,
    })
    .onConflict((oc) => oc.columns(['user_id', 'source', 'resource']).doUpdateSet(values))
    .execute();
}

export async function saveBreaker(db: Kysely<Schema>, userId: string, breaker: BreakerReport, now: Date): Promise<void> {
  await db.updateTable('google_connections').set({ breaker: json(breaker), updated_at: now }).where('user_id', '=', userId).execute();
}
