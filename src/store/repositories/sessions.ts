import type { Kysely } from 'kysely';
import type { Schema } from '../schema.js';

/** Why a sign-in code could not be used; `ok` carries whose session it opens (null: the owner's). */
export type CodeRedemption = { ok: true; userId: string | null } | { ok: false; reason: 'unknown' | 'used' | 'expired' };

export async function insertSignInCode(db: Kysely<Schema>, code: { codeHash: string; userId: string | null; expiresAt: Date; now: Date }): Promise<void> {
  await db
    .insertInto('sign_in_codes')
    .values({ code_hash: code.codeHash, user_id: code.userId, expires_at: code.expiresAt, used_at: null, created_at: code.now })
    .execute();
}

/** Marks a code used if it is still usable, in one conditional statement: two tabs cannot both use it. */
export async function redeemSignInCode(db: Kysely<Schema>, codeHash: string, now: Date): Promise<CodeRedemption> {
  const used = await db
    .updateTable('sign_in_codes')
    .set({ used_at: now })
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['user_id'])
    .executeTakeFirst();
  if (used) return { ok: true, userId: used.user_id };
  const row = await db.selectFrom('sign_in_codes').select(['used_at', 'expires_at']).where('code_hash', '=', codeHash).executeTakeFirst();
  if (!row) return { ok: false, reason: 'unknown' };
  return { ok: false, reason: row.used_at !== null ? 'used' : 'expired' };
}

export interface SessionRecord {
  userId: string | null;
  expiresAt: Date;
}

export async function insertSession(db: Kysely<Schema>, session: { tokenHash: string; userId: string | null; expiresAt: Date; now: Date }): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ token_hash: session.tokenHash, user_id: session.userId, expires_at: session.expiresAt, revoked_at: null, created_at: session.now })
    .execute();
}

/** A session that is neither revoked nor expired, or null. */
export async function findLiveSession(db: Kysely<Schema>, tokenHash: string, now: Date): Promise<SessionRecord | null> {
  const row = await db
    .selectFrom('sessions')
    .select(['user_id', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ? { userId: row.user_id, expiresAt: row.expires_at } : null;
}

/** Whether a token names a session that existed and has ended (revoked or expired), as opposed to none at all. */
export async function isEndedSession(db: Kysely<Schema>, tokenHash: string): Promise<boolean> {
  const row = await db.selectFrom('sessions').select('token_hash').where('token_hash', '=', tokenHash).executeTakeFirst();
  return row !== undefined;
}

/** Ends a session; false when it was already ended or never existed. */
export async function revokeSession(db: Kysely<Schema>, tokenHash: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Codes and sessions that ended before `before` can never be used again. */
export async function dropEndedSignIns(db: Kysely<Schema>, before: Date): Promise<void> {
  await db.deleteFrom('sign_in_codes').where('expires_at', '<', before).execute();
  await db.deleteFrom('sessions').where('expires_at', '<', before).execute();
}
