import { sql, type Kysely } from 'kysely';
import type { Schema } from '../schema.js';
import type { FollowUpDueItem } from '../../domain/index.js';
import { json } from './parse.js';

/** A question the user sent, as stored when their sent mail is read. */
export type AskedQuestion = FollowUpDueItem;

/** An open question past its due time: the briefing's "follow-ups due" and the sweep's work. */
export interface FollowUpDue extends FollowUpDueItem {
  /** The nudge decision once the sweep proposed one. */
  decisionId: string | null;
}

/** A message from someone else on a thread, closing the user's open questions asked there before it. */
export interface ThreadAnswer {
  threadId: string;
  at: Date;
}

/** The most rows the due list and one sweep step return. */
export const FOLLOW_UPS_PAGE = 100;

/**
 * Stores the questions; one already stored stays as it was (re-syncs post the same sent mail).
 * A newer question on a thread closes the user's older open ones there: the user asked again.
 */
export async function recordQuestions(db: Kysely<Schema>, questions: readonly AskedQuestion[], now: Date): Promise<number> {
  if (questions.length === 0) return 0;
  const inserted = await db
    .insertInto('follow_ups')
    .values(
      questions.map((q) => ({
        user_id: q.userId,
        thread_id: q.threadId,
        asked_message_id: q.askedMessageId,
        counterpart: q.counterpart,
        counterpart_name: q.counterpartName,
        subject: q.subject,
        question: q.question,
        asked_at: q.askedAt,
        due_at: q.dueAt,
        closed_at: null,
        closed_reason: null,
        decision_id: null,
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['user_id', 'thread_id', 'asked_message_id']).doNothing())
    .returning('asked_message_id')
    .execute();
  for (const q of questions) {
    await db
      .updateTable('follow_ups')
      .set({ closed_at: q.askedAt, closed_reason: 'asked_again' })
      .where('user_id', '=', q.userId)
      .where('thread_id', '=', q.threadId)
      .where('closed_at', 'is', null)
      .where('asked_at', '<', q.askedAt)
      .execute();
  }
  return inserted.length;
}

/** A question of the user's still waiting for an answer on its thread. */
export interface OpenQuestion {
  threadId: string;
  askedMessageId: string;
  askedAt: Date;
}

/**
 * Closes the user's open questions (`open`, read with the rest of ingest's context) that these
 * messages answer: same thread, asked before the answer arrived. Returns the nudge decisions that
 * were proposed for them, to withdraw. Most batches answer nothing and write nothing.
 */
export async function closeAnswered(
  db: Kysely<Schema>,
  userId: string,
  answers: readonly ThreadAnswer[],
  open: readonly OpenQuestion[],
): Promise<{ threadId: string; decisionId: string | null; counterpart: string; at: Date }[]> {
  if (answers.length === 0 || open.length === 0) return [];
  const latest = new Map<string, Date>();
  for (const answer of answers) {
    const seen = latest.get(answer.threadId);
    if (!seen || answer.at > seen) latest.set(answer.threadId, answer.at);
  }
  const closed: { threadId: string; decisionId: string | null; counterpart: string; at: Date }[] = [];
  for (const question of open) {
    const at = latest.get(question.threadId);
    if (!at || question.askedAt >= at) continue;
    const updated = await db
      .updateTable('follow_ups')
      .set({ closed_at: at, closed_reason: 'answered' })
      .where('user_id', '=', userId)
      .where('thread_id', '=', question.threadId)
      .where('asked_message_id', '=', question.askedMessageId)
      .where('closed_at', 'is', null)
      .returning(['thread_id', 'decision_id', 'counterpart'])
      .executeTakeFirst();
    if (updated) closed.push({ threadId: updated.thread_id, decisionId: updated.decision_id, counterpart: updated.counterpart, at });
  }
  return closed;
}

const DUE_COLUMNS = ['user_id', 'thread_id', 'asked_message_id', 'counterpart', 'counterpart_name', 'subject', 'question', 'asked_at', 'due_at', 'decision_id'] as const;

/** The user's open questions past their due time, oldest first (at most FOLLOW_UPS_PAGE). */
export async function followUpsDue(db: Kysely<Schema>, userId: string, now: Date): Promise<FollowUpDue[]> {
  const rows = await db
    .selectFrom('follow_ups')
    .select(DUE_COLUMNS)
    .where('user_id', '=', userId)
    .where('closed_at', 'is', null)
    .where('due_at', '<=', now)
    .orderBy('due_at')
    .orderBy('thread_id')
    .limit(FOLLOW_UPS_PAGE)
    .execute();
  return rows.map(toDue);
}

/** Open questions of any user past their due time that have no nudge yet, oldest first. */
export async function followUpsToNudge(db: Kysely<Schema>, now: Date, limit: number = FOLLOW_UPS_PAGE): Promise<FollowUpDue[]> {
  const rows = await db
    .selectFrom('follow_ups')
    .select(DUE_COLUMNS)
    .where('due_at', '<=', now)
    .where('closed_at', 'is', null)
    .where('decision_id', 'is', null)
    .orderBy('due_at')
    .orderBy('user_id')
    .limit(limit)
    .execute();
  return rows.map(toDue);
}

/** Records the nudge proposed for a question; a second sweep finding the same decision changes nothing. */
export async function attachNudge(db: Kysely<Schema>, key: { userId: string; threadId: string; askedMessageId: string }, decisionId: string): Promise<void> {
  await db
    .updateTable('follow_ups')
    .set({ decision_id: decisionId })
    .where('user_id', '=', key.userId)
    .where('thread_id', '=', key.threadId)
    .where('asked_message_id', '=', key.askedMessageId)
    .where('decision_id', 'is', null)
    .execute();
}

/** A new wait applies to the open questions already stored, counted from when each was asked. */
export async function rescheduleFollowUps(db: Kysely<Schema>, userId: string, afterDays: number): Promise<void> {
  await db
    .updateTable('follow_ups')
    .set({ due_at: sql<Date>`asked_at + CAST(${afterDays} AS int4) * interval '1 day'` })
    .where('user_id', '=', userId)
    .where('closed_at', 'is', null)
    .where('decision_id', 'is', null)
    .execute();
}

type DueRow = {
  user_id: string;
  thread_id: string;
  asked_message_id: string;
  counterpart: string;
  counterpart_name: string | null;
  subject: string;
  question: string;
  asked_at: Date;
  due_at: Date;
  decision_id: string | null;
};

function toDue(row: DueRow): FollowUpDue {
  return {
    userId: row.user_id,
    threadId: row.thread_id,
    askedMessageId: row.asked_message_id,
    counterpart: row.counterpart,
    counterpartName: row.counterpart_name,
    subject: row.subject,
    question: row.question,
    askedAt: new Date(row.asked_at),
    dueAt: new Date(row.due_at),
    decisionId: row.decision_id,
  };
}

/**
 * Withdraws the pending approvals of these nudge decisions: they expire now, and the response
 * keeps why (the person answered), so the dashboard and the history tell the truth.
 */
export async function withdrawNudgeApprovals(db: Kysely<Schema>, decisionIds: readonly string[], now: Date, reason: string): Promise<{ id: string; userId: string; decisionId: string }[]> {
  if (decisionIds.length === 0) return [];
  const rows = await db
    .updateTable('approval_requests')
    .set({ status: 'expired', expires_at: now, responded_at: now, response: json({ withdrawn: reason }) })
    .where('decision_id', 'in', [...decisionIds])
    .where('status', '=', 'pending')
    .returning(['id', 'user_id', 'decision_id'])
    .execute();
  return rows.map((row) => ({ id: row.id, userId: row.user_id, decisionId: row.decision_id }));
}
