import type { Kysely } from 'kysely';
import type { Schema } from '../schema.js';
import type { WriteStep } from '../write-together.js';
import { json } from './parse.js';

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'expired';

export interface ApprovalRecord {
  id: string;
  userId: string;
  decisionId: string;
  candidateId: string;
  status: ApprovalStatus;
  urgency: string;
  expiresAt: Date;
  respondedAt: Date | null;
  response: unknown;
  createdAt: Date;
}

type Row = {
  id: string;
  user_id: string;
  decision_id: string;
  candidate_id: string;
  status: string;
  urgency: string;
  expires_at: Date;
  responded_at: Date | null;
  response: unknown;
  created_at: Date;
};

const toRecord = (row: Row): ApprovalRecord => ({
  id: row.id,
  userId: row.user_id,
  decisionId: row.decision_id,
  candidateId: row.candidate_id,
  status: row.status as ApprovalStatus,
  urgency: row.urgency,
  expiresAt: row.expires_at,
  respondedAt: row.responded_at,
  response: row.response,
  createdAt: row.created_at,
});

export interface NewApproval {
  id: string;
  userId: string;
  decisionId: string;
  candidateId: string;
  urgency: string;
  expiresAt: Date;
  now: Date;
}

export function approvalInsert(db: Kysely<Schema>, approvals: NewApproval[]): WriteStep[] {
  if (approvals.length === 0) return [];
  const query = db
    .insertInto('approval_requests')
    .values(
      approvals.map((approval) => ({
        id: approval.id,
        user_id: approval.userId,
        decision_id: approval.decisionId,
        candidate_id: approval.candidateId,
        status: 'pending',
        urgency: approval.urgency,
        expires_at: approval.expiresAt,
        responded_at: null,
        response: null,
        created_at: approval.now,
      })),
    )
    .returning('id');
  return [{ name: 'approval_requests', query }];
}

export async function findApproval(db: Kysely<Schema>, id: string): Promise<ApprovalRecord | null> {
  const row = await db.selectFrom('approval_requests').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : null;
}

export async function findApprovalForDecision(db: Kysely<Schema>, decisionId: string): Promise<ApprovalRecord | null> {
  const row = await db.selectFrom('approval_requests').selectAll().where('decision_id', '=', decisionId).executeTakeFirst();
  return row ? toRecord(row) : null;
}

/**
 * Moves a pending, unexpired request to its answer. Conditional, so two answers racing
 * cannot both win: the loser gets null.
 */
export async function answerApproval(
  db: Kysely<Schema>,
  answer: { id: string; status: 'approved' | 'rejected'; response: unknown; now: Date },
): Promise<ApprovalRecord | null> {
  const row = await db
    .updateTable('approval_requests')
    .set({ status: answer.status, responded_at: answer.now, response: json(answer.response) })
    .where('id', '=', answer.id)
    .where('status', '=', 'pending')
    .where('expires_at', '>', answer.now)
    .returningAll()
    .executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** Marks requests past their expiry; returns how many. */
export async function expireApprovals(db: Kysely<Schema>, now: Date, userId?: string): Promise<number> {
  let query = db
    .updateTable('approval_requests')
    .set({ status: 'expired' })
    .where('status', '=', 'pending')
    .where('expires_at', '<=', now);
  if (userId !== undefined) query = query.where('user_id', '=', userId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Expires every pending approval past its time and says which: the live stream reports each. */
export async function expireDueApprovals(db: Kysely<Schema>, now: Date): Promise<{ id: string; userId: string; decisionId: string }[]> {
  const rows = await db
    .updateTable('approval_requests')
    .set({ status: 'expired' })
    .where('status', '=', 'pending')
    .where('expires_at', '<=', now)
    .returning(['id', 'user_id', 'decision_id'])
    .execute();
  return rows.map((row) => ({ id: row.id, userId: row.user_id, decisionId: row.decision_id }));
}
