import type { Kysely } from 'kysely';
import type { ToneProfile } from '../../domain/index.js';
import { toneFromJson } from '../../domain/index.js';
import type { Schema } from '../schema.js';
import { json } from './parse.js';

/** The tone learned from the user's replies; null before they edited or approved any draft. */
export async function loadToneProfile(db: Kysely<Schema>, userId: string): Promise<ToneProfile | null> {
  const row = await db.selectFrom('tone_profiles').select('profile').where('user_id', '=', userId).executeTakeFirst();
  return row ? toneFromJson(row.profile) : null;
}

/** Stores the user's tone profile (one row per user, replaced whole: it is small and bounded). */
export async function saveToneProfile(db: Kysely<Schema>, userId: string, profile: ToneProfile, now: Date): Promise<void> {
  const document = json(profile);
  await db
    .insertInto('tone_profiles')
    .values({ user_id: userId, profile: document, updated_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ profile: document, updated_at: now }))
    .execute();
}
