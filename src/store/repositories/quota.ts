import type { Kysely } from 'kysely';
import type { Schema } from '../schema.js';
import { json } from './parse.js';

export interface GmailQuotaUse {
  usedUnits: number;
  limitUnits: number;
  windowMs: number;
}

/** Keeps the worker's last reported Gmail quota use on the user's connection, with when it was reported. */
export async function saveGmailQuota(db: Kysely<Schema>, userId: string, quota: GmailQuotaUse, at: Date): Promise<void> {
  await db
    .updateTable('google_connections')
    .set({ quota: json({ ...quota, reportedAt: at.toISOString() }) })
    .where('user_id', '=', userId)
    .execute();
}

/** The last reported quota use, or null when the worker has not reported one. */
export async function loadGmailQuota(db: Kysely<Schema>, userId: string): Promise<(GmailQuotaUse & { reportedAt: string }) | null> {
  const row = await db.selectFrom('google_connections').select('quota').where('user_id', '=', userId).executeTakeFirst();
  const quota = row?.quota as (GmailQuotaUse & { reportedAt: string }) | null | undefined;
  return quota && typeof quota.usedUnits === 'number' ? quota : null;
}
