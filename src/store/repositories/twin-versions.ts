import { sql, type Kysely } from 'kysely';
import type { Schema } from '../schema.js';
import { toInt } from './parse.js';

export interface TwinVersionRecord {
  version: number;
  reason: string;
  changes: string[];
  /** Null for versions written before they were kept as data. */
  diff: unknown;
  at: Date;
  /** The answer, undo, edit or statement behind the version; null when none was recorded. */
  feedback: { kind: string; decisionId: string | null; payload: unknown } | null;
  /** The message or event the decision was about, when there is one. */
  subject: string | null;
  from: string | null;
}

/** A user's twin versions, newest first, below `beforeVersion` when given; with the total count. */
export async function twinVersionsPage(
  db: Kysely<Schema>,
  userId: string,
  page: { beforeVersion: number | null; limit: number },
): Promise<{ rows: TwinVersionRecord[]; total: number }> {
  let query = db
    .selectFrom('twin_versions as v')
    .leftJoin('feedback_events as f', 'f.id', 'v.feedback_id')
    .leftJoin('decisions as d', 'd.id', 'f.decision_id')
    .leftJoin('signals as s', 's.id', 'd.signal_id')
    .select([
      'v.version',
      'v.reason',
      'v.changes',
      'v.diff',
      'v.created_at',
      'f.kind as feedback_kind',
      'f.decision_id',
      'f.payload',
      sql<string | null>`coalesce(s.data->>'subject', s.data->>'summary')`.as('subject'),
      sql<string | null>`coalesce(s.data->>'from', s.data->>'organizer')`.as('sender'),
    ])
    .where('v.user_id', '=', userId);
  if (page.beforeVersion !== null) query = query.where('v.version', '<', page.beforeVersion);
  const rows = await query.orderBy('v.version', 'desc').limit(page.limit).execute();
  const count = await db.selectFrom('twin_versions').select((eb) => eb.fn.countAll<string>().as('n')).where('user_id', '=', userId).executeTakeFirst();
  return {
    total: toInt(count?.n ?? 0),
    rows: rows.map((row) => ({
      version: row.version,
      reason: row.reason,
      changes: Array.isArray(row.changes) ? (row.changes as string[]) : [],
      diff: row.diff ?? null,
      at: row.created_at,
      feedback: row.feedback_kind === null ? null : { kind: row.feedback_kind, decisionId: row.decision_id, payload: row.payload },
      subject: row.subject,
      from: row.sender,
    })),
  };
}
