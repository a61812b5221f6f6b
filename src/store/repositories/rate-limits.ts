import { sql, type Kysely } from 'kysely';
import type { Schema } from '../schema.js';

/**
 * Finds the user a token belongs to and counts one request against them in the window starting
 * at `currentStart`, reading the count of the window before: one statement, so a limited request
 * costs no more round trips than an unlimited one, and concurrent requests on any number of API
 * processes each see their own increment. Null: no user has this token (nothing is counted).
 */
export async function countRequestByToken(
  db: Kysely<Schema>,
  tokenHash: string,
  windows: { currentStart: Date; previousStart: Date },
): Promise<{ userId: string; current: number; previous: number } | null> {
  const result = await sql<{ user_id: string; current: number | null; previous: number | null }>`
    WITH caller AS (SELECT id FROM users WHERE token_hash = ${tokenHash}),
    hit AS (
      INSERT INTO rate_limit_windows (user_id, window_start, requests)
      SELECT id, ${windows.currentStart}, 1 FROM caller
      ON CONFLICT (user_id, window_start) DO UPDATE SET requests = rate_limit_windows.requests + 1
      RETURNING requests)
    SELECT caller.id AS user_id,
           (SELECT requests FROM hit) AS current,
           (SELECT requests FROM rate_limit_windows w WHERE w.user_id = caller.id AND w.window_start = ${windows.previousStart}) AS previous
    FROM caller`.execute(db);
  const row = result.rows[0];
  if (!row) return null;
  return { userId: row.user_id, current: Number(row.current ?? 1), previous: Number(row.previous ?? 0) };
}

/** Counts one request against a known user (a user's dashboard session), as countRequestByToken does. */
export async function countRequestForUser(
  db: Kysely<Schema>,
  userId: string,
  windows: { currentStart: Date; previousStart: Date },
): Promise<{ current: number; previous: number }> {
  const result = await sql<{ current: number | null; previous: number | null }>`
    WITH hit AS (
      INSERT INTO rate_limit_windows (user_id, window_start, requests)
      VALUES (${userId}, ${windows.currentStart}, 1)
      ON CONFLICT (user_id, window_start) DO UPDATE SET requests = rate_limit_windows.requests + 1
      RETURNING requests)
    SELECT (SELECT requests FROM hit) AS current,
           (SELECT requests FROM rate_limit_windows w WHERE w.user_id = ${userId} AND w.window_start = ${windows.previousStart}) AS previous`.execute(db);
  const row = result.rows[0];
  return { current: Number(row?.current ?? 1), previous: Number(row?.previous ?? 0) };
}

/** Windows that ended before `before` no longer count for anything. */
export async function dropRateWindowsBefore(db: Kysely<Schema>, before: Date): Promise<void> {
  await db.deleteFrom('rate_limit_windows').where('window_start', '<', before).execute();
}
