import { sql, type Kysely } from 'kysely';
import type { Schema } from '../schema.js';
import type { WriteStep } from '../write-together.js';
import type { DecisionRecord } from './decisions.js';

/**
 * The action types whose success counts as having replied to a decision's counterpart: a drafted
 * reply or an answered invitation. The executed (`kind = 'execute'`) action counts once it
 * succeeded; undoing it later does not take the reply back.
 */
export const REPLY_ACTIONS = ['draft_reply', 'rsvp'] as const;

export function isReplyAction(type: string): boolean {
  return (REPLY_ACTIONS as readonly string[]).includes(type);
}

/**
 * The step that counts a batch's new decisions in `sender_history.seen_count`, one row per
 * counterpart, written in the same statement as the decisions themselves. Rows are grouped and
 * sorted, so one statement never touches a row twice and two batches take the locks on rows
 * they share in the same order.
 */
export function senderSeenUpsert(db: Kysely<Schema>, records: readonly DecisionRecord[]): WriteStep[] {
  const counts = new Map<string, { userId: string; counterpart: string; seen: number }>();
  for (const record of records) {
    const counterpart = record.draft.situation.facts.counterpart;
    if (counterpart === undefined || counterpart === null) continue;
    const key = `${record.userId}\u0000${counterpart}`;
    const entry = counts.get(key);
    if (entry) entry.seen += 1;
    else counts.set(key, { userId: record.userId, counterpart, seen: 1 });
  }
  if (counts.size === 0) return [];
  const rows = [...counts.values()].sort((a, b) => compare(a.userId, b.userId) || compare(a.counterpart, b.counterpart));
  const query = db
    .insertInto('sender_history')
    .values(rows.map((row) => ({ user_id: row.userId, counterpart: row.counterpart, seen_count: row.seen, replied_count: 0 })))
    .onConflict((oc) =>
      oc.columns(['user_id', 'counterpart']).doUpdateSet({ seen_count: sql`sender_history.seen_count + excluded.seen_count` }),
    )
    .returning('user_id');
  return [{ name: 'sender_history', query }];
}

/**
 * Counts a reply for the counterpart of the action's decision, when the action is an executed
 * reply that has just succeeded. Call it in the transaction that marked the action succeeded,
 * once per such transition; it reads the stored row, so it counts nothing for any other action.
 */
export async function countReplyOf(db: Kysely<Schema>, actionId: string): Promise<void> {
  await sql`
    INSERT INTO sender_history (user_id, counterpart, seen_count, replied_count)
    SELECT a.user_id, d.counterpart, 0, 1
    FROM actions a JOIN decisions d ON d.id = a.decision_id
    WHERE a.id = ${actionId} AND a.kind = 'execute' AND a.state = 'succeeded'
      AND a.action_type IN (${sql.join(REPLY_ACTIONS.map((type) => sql`${type}`))})
      AND d.counterpart IS NOT NULL
    ON CONFLICT (user_id, counterpart) DO UPDATE SET replied_count = sender_history.replied_count + 1`.execute(db);
}

/** Binary order, the same in every locale and in the database's C-collated comparisons of ASCII keys. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
