import type { Kysely } from 'kysely';
import type { Domain, Evidence, Preference, PreferenceSource, ScopeLedger, TrustProgress, TwinProfile } from '../../domain/index.js';
import { diffPreferences, emptyTwin } from '../../domain/index.js';
import type { Schema } from '../schema.js';
import { json } from './parse.js';

export class TwinVersionConflictError extends Error {
  readonly code = 'twin_version_conflict';
  constructor(readonly userId: string) {
    super(`The twin of user ${userId} changed meanwhile; retry`);
  }
}

export interface PreferenceRow {
  key: string;
  domain: string;
  value: string;
  confidence: number;
  source: string;
  evidence: unknown;
  updated_at: Date | string;
}

export async function loadTwin(db: Kysely<Schema>, userId: string): Promise<TwinProfile> {
  const profile = await db.selectFrom('twin_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!profile) return emptyTwin(userId);
  const rows = await db.selectFrom('preferences').selectAll().where('user_id', '=', userId).orderBy('key').execute();
  return twinFromRows(userId, profile, rows);
}

/** The twin from its profile row (null: the user has none yet) and its preference rows in key order. */
export function twinFromRows(userId: string, profile: { version: number; trust: unknown } | null, rows: readonly PreferenceRow[]): TwinProfile {
  const twin = emptyTwin(userId);
  if (!profile) return twin;
  // The scope ledger travels inside the trust document, beside the per-domain progress.
  const { scopes, ...trust } = (profile.trust ?? {}) as Record<Domain, TrustProgress> & { scopes?: ScopeLedger };
  return {
    userId,
    version: profile.version,
    trust: { ...twin.trust, ...trust },
    ...(scopes ? { scopes } : {}),
    preferences: rows.map(
      (row): Preference => ({
        key: row.key,
        domain: row.domain as Domain,
        value: row.value,
        confidence: row.confidence,
        source: row.source as PreferenceSource,
        evidence: row.evidence as Evidence[],
        updatedAt: new Date(row.updated_at).toISOString(),
      }),
    ),
  };
}

/** The stored trust document: per-domain progress and, once there is one, the scope ledger. */
function trustDocument(twin: TwinProfile): Record<string, unknown> {
  return twin.scopes ? { ...twin.trust, scopes: twin.scopes } : { ...twin.trust };
}

/**
 * Stores a new twin version, writing only the preferences that changed. The version check makes
 * concurrent feedback on one user fail loudly instead of losing an update.
 */
export async function saveTwin(
  db: Kysely<Schema>,
  change: { before: TwinProfile; after: TwinProfile; reason: string; changes: string[]; feedbackId: string | null; now: Date },
): Promise<void> {
  const { before, after, now } = change;
  if (before.version === 0) {
    const inserted = await db
      .insertInto('twin_profiles')
      .values({ user_id: after.userId, version: after.version, trust: json(trustDocument(after)), updated_at: now })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .returning('user_id')
      .executeTakeFirst();
    if (!inserted) throw new TwinVersionConflictError(after.userId);
  } else {
    const updated = await db
      .updateTable('twin_profiles')
      .set({ version: after.version, trust: json(trustDocument(after)), updated_at: now })
      .where('user_id', '=', after.userId)
      .where('version', '=', before.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new TwinVersionConflictError(after.userId);
  }
  const previous = new Map(before.preferences.map((p) => [p.key, JSON.stringify(p)]));
  for (const preference of after.preferences) {
    if (previous.get(preference.key) === JSON.stringify(preference)) continue;
    const values = {
      domain: preference.domain,
      value: preference.value,
      confidence: preference.confidence,
      source: preference.source,
      evidence: json(preference.evidence),
      updated_at: new Date(preference.updatedAt),
    };
    await db
      .insertInto('preferences')
      .values({ user_id: after.userId, key: preference.key, ...values })
      .onConflict((oc) => oc.columns(['user_id', 'key']).doUpdateSet(values))
      .execute();
  }
  const kept = new Set(after.preferences.map((p) => p.key));
  const removed = before.preferences.filter((p) => !kept.has(p.key)).map((p) => p.key);
  if (removed.length > 0) {
    await db.deleteFrom('preferences').where('user_id', '=', after.userId).where('key', 'in', removed).execute();
  }
  await db
    .insertInto('twin_versions')
    .values({
      user_id: after.userId,
      version: after.version,
      reason: change.reason,
      changes: json(change.changes),
      diff: json(diffPreferences(before.preferences, after.preferences)),
      feedback_id: change.feedbackId,
      created_at: now,
    })
    .execute();
}

export async function twinHistory(db: Kysely<Schema>, userId: string, limit: number) {
  const rows = await db
    .selectFrom('twin_versions')
    .select(['version', 'reason', 'changes', 'created_at'])
    .where('user_id', '=', userId)
    .orderBy('version', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    version: row.version,
    reason: row.reason,
    changes: row.changes as string[],
    at: row.created_at.toISOString(),
  }));
}

export async function insertFeedback(
  db: Kysely<Schema>,
  feedback: { id: string; userId: string; decisionId: string | null; kind: string; payload: unknown; twinVersion: number; now: Date },
): Promise<void> {
  await db
    .insertInto('feedback_events')
    .values({
      id: feedback.id,
      user_id: feedback.userId,
      decision_id: feedback.decisionId,
      kind: feedback.kind,
      payload: json(feedback.payload),
      twin_version: feedback.twinVersion,
      created_at: feedback.now,
    })
    .execute();
}
