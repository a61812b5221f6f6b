import type { Kysely } from 'kysely';
import type { Schema } from '../schema.js';

/** One delivered briefing: per user and local date, recorded once whichever process got there first. */
export interface BriefingDelivery {
  userId: string;
  localDate: string;
  deliveredAt: Date;
  periodStart: Date;
  /** 'off': no draft wanted; 'pending': wanted, being created; 'created'; 'failed' (see draft_error). */
  draftState: string;
  draftId: string | null;
}

const COLUMNS = ['user_id', 'local_date', 'delivered_at', 'period_start', 'draft_state', 'draft_id', 'draft_error'] as const;

function toDelivery(row: { user_id: string; local_date: string; delivered_at: Date; period_start: Date; draft_state: string; draft_id: string | null }): BriefingDelivery {
  return {
    userId: row.user_id,
    localDate: row.local_date,
    deliveredAt: new Date(row.delivered_at),
    periodStart: new Date(row.period_start),
    draftState: row.draft_state,
    draftId: row.draft_id,
  };
}

/** The user's most recent delivered briefing, or null. */
export async function lastBriefingDelivery(db: Kysely<Schema>, userId: string): Promise<BriefingDelivery | null> {
  const row = await db.selectFrom('briefing_deliveries').select(COLUMNS).where('user_id', '=', userId).orderBy('local_date', 'desc').limit(1).executeTakeFirst();
  return row === undefined ? null : toDelivery(row);
}

/**
 * Records the delivery of the user's briefing for `localDate`. Returns it when this call recorded
 * it, null when another call (this process or another) already had: only one delivery a day.
 */
export async function recordBriefingDelivery(
  db: Kysely<Schema>,
  delivery: { userId: string; localDate: string; deliveredAt: Date; periodStart: Date; wantsDraft: boolean },
): Promise<BriefingDelivery | null> {
  const row = await db
    .insertInto('briefing_deliveries')
    .values({
      user_id: delivery.userId,
      local_date: delivery.localDate,
      delivered_at: delivery.deliveredAt,
      period_start: delivery.periodStart,
      draft_state: delivery.wantsDraft ? 'pending' : 'off',
      draft_id: null,
      draft_error: null,
    })
    .onConflict((oc) => oc.columns(['user_id', 'local_date']).doNothing())
    .returning(COLUMNS)
    .executeTakeFirst();
  return row === undefined ? null : toDelivery(row);
}

/** The draft's outcome for a delivery. */
export async function settleBriefingDraft(db: Kysely<Schema>, userId: string, localDate: string, outcome: { state: 'created'; draftId: string } | { state: 'failed'; error: string }): Promise<void> {
  await db
    .updateTable('briefing_deliveries')
    .set(outcome.state === 'created' ? { draft_state: 'created', draft_id: outcome.draftId, draft_error: null } : { draft_state: 'failed', draft_error: outcome.error })
    .where('user_id', '=', userId)
    .where('local_date', '=', localDate)
    .execute();
}

/** A page of users in id order after `afterId`: the delivery sweep walks every user a page at a time. */
export async function usersPage(db: Kysely<Schema>, afterId: string | null, limit: number): Promise<{ id: string; email: string; name: string | null }[]> {
  let query = db.selectFrom('users').select(['id', 'email', 'name']).orderBy('id').limit(limit);
  if (afterId !== null) query = query.where('id', '>', afterId);
  return query.execute();
}

/** Whether the user asked for the briefing in their Gmail drafts too (off unless set). */
export async function wantsBriefingDraft(db: Kysely<Schema>, userId: string): Promise<boolean> {
  const row = await db.selectFrom('user_settings').select('briefing_draft').where('user_id', '=', userId).executeTakeFirst();
  return row?.briefing_draft === true;
}

/** Turns the briefing draft on or off; the user's settings row exists (saveSettings wrote it first). */
export async function setBriefingDraft(db: Kysely<Schema>, userId: string, on: boolean): Promise<void> {
  await db.updateTable('user_settings').set({ briefing_draft: on }).where('user_id', '=', userId).execute();
}
